// @ts-check
// Building: the architecture, the activations, the loss, the data and the settings. A
// change of architecture makes a new network from the current settings; the limits and
// the loss/activation pairs are the server's (GET /api/config).

import * as api from "../core/api.js";
import { act } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { datasetSpec } from "../model/drawn.js";
import { hiddenCount } from "../model/layers.js";
import { setFieldError, submitNumber, submitValue } from "./fields.js";
import { lossAfterOutput, outputAfterLoss, outputForDataset } from "../model/pairing.js";

const NEW_LAYER_UNITS = 4;

/** The create body for the current settings, with overrides. @param {object} [overrides] */
export function createBody(overrides = {}) {
  const { network, userSeed, datasets, data } = store.get();
  /** @type {Record<string, any>} */
  const body = {
    layers: [...network.layers],
    hidden_activation: network.hidden_activation,
    output_activation: network.output_activation,
    loss: network.loss,
    learning_rate: network.learning_rate,
    batch_size: network.batch_size,
    use_bias: network.use_bias,
    init: network.init,
    dataset: datasetSpec(network, datasets, data),
    features: network.features,
    optimizer: network.optimizer,
    regularization: network.regularization,
    regularization_rate: network.regularization_rate,
    ...overrides,
  };
  if (userSeed !== null) body.seed = userSeed;
  return body;
}

/** What the builder controls do. @param {import("./main.js").MainScene} main */
export function createBuilder(main) {
  /** @param {object} [overrides] */
  const recreate = (overrides = {}) => act(() => main.create(createBody(overrides)));
  /**
   * A new network with another output activation or loss: a setup the server refuses as
   * unable to learn (a 422 with ctx.fix) is shown beside the controls, not toasted.
   * @param {Record<string, any>} overrides @param {string} choice what the user picked, in words
   */
  const choose = (overrides, choice) =>
    act(async () => {
      const before = store.get().network.id;
      try {
        await main.create(createBody(overrides));
        store.update({ refused: null });
      } catch (error) {
        const d = error?.status === 422 ? error.detail?.[0] : null;
        if (!d?.ctx?.fix) throw error;
        store.update({ refused: { network: before, field: d.loc[1], detail: d, fix: d.ctx.fix, choice } });
      }
    });
  const limits = () => store.get().config.limits;
  const layers = () => [...store.get().network.layers];
  /** PATCH one typed number of the network. @param {string} id @param {string} key @param {string} raw */
  const patchField = (id, key, raw) =>
    act(() =>
      submitNumber(id, raw, async (value) =>
        main.adopt(await api.patchNetwork(store.get().network.id, { [key]: value })),
      ),
    );

  return {
    recreate,
    /** @param {number} layer @param {number} delta */
    changeUnits(layer, delta) {
      const next = layers();
      next[layer] = Math.max(1, Math.min(limits().max_units, next[layer] + delta));
      recreate({ layers: next });
    },
    /** @param {number} delta */
    changeLayers(delta) {
      const next = layers();
      if (delta > 0 && hiddenCount(next) < limits().max_hidden_layers) {
        next.splice(next.length - 1, 0, next.length > 2 ? next.at(-2) : NEW_LAYER_UNITS);
      }
      if (delta < 0 && next.length > 2) next.splice(next.length - 2, 1);
      recreate({ layers: next });
    },
    /** @param {string} name */
    changeDataset(name) {
      const { datasets, network, config } = store.get();
      const ds = datasets.find((d) => d.name === name);
      if (!ds) return;
      const next = layers();
      next[0] = ds.input_dim;
      next[next.length - 1] = ds.output_dim;
      const pair = outputForDataset(config, network, ds.output_dim);
      recreate({
        layers: next,
        dataset: name,
        features: null,
        batch_size: Math.min(network.batch_size, ds.size),
        ...(pair || {}),
      });
    },
    /** @param {string} name */
    setHidden: (name) => recreate({ hidden_activation: name }),
    /** @param {string} output */
    setOutput(output) {
      const { config, network } = store.get();
      choose({ output_activation: output, loss: lossAfterOutput(config, output, network.loss) }, output);
    },
    /** @param {string} loss */
    setLoss(loss) {
      const { config, network } = store.get();
      const units = network.layers.at(-1);
      const output = outputAfterLoss(config, loss, network.output_activation, units);
      choose({ loss, output_activation: output }, t(`loss.${loss}`));
    },
    /** Take the settings a refusal named instead (its ctx.fix). @param {Record<string, string>} fix */
    applyFix: (fix) => choose(fix, ""),
    /** @param {string} init */
    setInit: (init) => recreate({ init }),
    /** Another update rule, with its default settings (its state starts afresh). @param {string} name */
    setOptimizer: (name) =>
      act(async () => {
        main.adopt(await api.patchNetwork(store.get().network.id, { optimizer: { name } }));
        store.update((s) => ({
          fieldErrors: Object.fromEntries(Object.entries(s.fieldErrors).filter(([id]) => !id.startsWith("opt-"))),
        }));
      }),
    /**
     * One setting of the rule (a pair's entry `index`): a typed number, or a checkbox's
     * true/false; a refusal stays beside its field.
     * @param {string} key @param {number | null} index @param {string | boolean} raw
     */
    setOptimizerSetting(key, index, raw) {
      const id = `opt-${key}${index === null ? "" : `-${index}`}`;
      /** @param {number | boolean} value */
      const send = async (value) => {
        const optimizer = { ...store.get().network.optimizer };
        optimizer[key] = index === null ? value : optimizer[key].map((v, i) => (i === index ? value : v));
        main.adopt(await api.patchNetwork(store.get().network.id, { optimizer }));
      };
      if (typeof raw !== "boolean") return act(() => submitNumber(id, raw, send));
      return act(() => submitValue(id, () => send(raw)));
    },
    /** A typed seed ("" forgets it), kept by Reset; a refused one stays in the field. @param {string} raw */
    setSeed(raw) {
      if (raw.trim() === "") {
        store.update({ userSeed: null });
        setFieldError("seed", null);
        return recreate();
      }
      return act(() =>
        submitNumber("seed", raw, async (seed) => {
          await main.create({ ...createBody(), seed });
          store.update({ userSeed: seed });
        }),
      );
    },
    /** @param {string} name */
    loadPreset: (name) => act(() => main.create({ preset: name })),
    /** @param {string} raw */
    setLearningRate: (raw) => patchField("learning-rate", "learning_rate", raw),
    /** @param {string} raw */
    setBatchSize: (raw) => patchField("batch-size", "batch_size", raw),
    /** Another weight penalty (none, l1, l2: the config's); training goes on. @param {string} name */
    setRegularization: (name) =>
      act(async () => main.adopt(await api.patchNetwork(store.get().network.id, { regularization: name }))),
    /** @param {string} raw */
    setRegularizationRate: (raw) => patchField("regularization-rate", "regularization_rate", raw),
    /** Typed units of a hidden layer (a refused number stays in its field). @param {number} layer @param {string} raw */
    setUnits: (layer, raw) =>
      act(() =>
        submitNumber(`units-${layer}`, raw, (units) =>
          main.create(createBody({ layers: layers().map((n, i) => (i === layer ? units : n)) })),
        ),
      ),
  };
}

/** @typedef {ReturnType<typeof createBuilder>} Builder */
