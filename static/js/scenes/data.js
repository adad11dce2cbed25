// @ts-check
// The network's own data: a CSV, drawn points, a generated built-in made again, input
// features. Data that fits the network is PATCHed in (its weights kept, training goes on);
// a CSV or features that change the input layer make a new network with the same settings.

import * as api from "../core/api.js";
import { act, notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { drawnDataset } from "../model/drawn.js";
import { createBody } from "./build.js";

/** A 422's fields that say a dataset does not fit the layers (not that the file is bad). */
const SHAPE_FIELDS = new Set(["inputs", "targets", "test_inputs", "test_targets"]);

/** The loc[2] of each entry of a 422 on the dataset. @param {any} error */
const datasetFields = (error) =>
  error?.status === 422 && Array.isArray(error.detail)
    ? error.detail.filter((d) => d.loc?.[1] === "dataset").map((d) => String(d.loc[2]))
    : [];

/** @param {import("./main.js").MainScene} main */
export function createDataActions(main) {
  const id = () => store.get().network.id;
  /** PATCH and show the answer. @param {object} body @param {any} [data] the rows sent */
  const patch = async (body, data = null) => main.adopt(await api.patchNetwork(id(), body), { data });

  /**
   * Load a CSV: into this network when it fits, else into a new one fitted to it (the
   * server fits the layers, the output and the loss). Resolves to the server's message
   * when the file is refused (nothing changed), else "".
   * @param {{csv: string, target: string, standardize: boolean}} spec
   * @returns {Promise<string>}
   */
  function loadCsv(spec) {
    /** @type {string} */
    let refused = "";
    const run = act(async () => {
      try {
        await patch({ dataset: spec });
      } catch (error) {
        const fields = datasetFields(error);
        if (!fields.length) throw error;
        if (!fields.every((f) => SHAPE_FIELDS.has(f))) {
          refused = error.message;
          return;
        }
        const { layers, output_activation, loss, features, ...keep } = createBody();
        try {
          await main.create({ ...keep, dataset: spec });
        } catch (again) {
          if (!datasetFields(again).length) throw again;
          refused = again.message;
        }
      }
    });
    return run.then(() => refused);
  }

  return {
    loadCsv,
    /**
     * Drawn rows become the network's dataset at once (shown before the answer comes).
     * @param {import("../model/drawn.js").Rows} rows
     */
    setRows(rows) {
      if (!rows.inputs.length) return notify(t("draw.keepOne"), "info");
      store.update({ data: rows });
      act(() => patch({ dataset: drawnDataset(rows) }, rows));
    },
    /**
     * Make the generated built-in again with these settings (a Regenerate).
     * @param {Record<string, number | null>} generation
     */
    regenerate(generation) {
      const { network } = store.get();
      const body = { generate: network.dataset.name };
      for (const [key, value] of Object.entries(generation)) if (value !== null) body[key] = value;
      act(() => patch({ dataset: body }));
    },
    /**
     * Input features: swapped in place when as many, else a new network with one input unit
     * per feature (none: the points themselves).
     * @param {string[]} names
     */
    setFeatures(names) {
      const { network } = store.get();
      const units = names.length || 2;
      if (network.features && network.features.length === names.length && names.length)
        return act(() => patch({ features: names }));
      const layers = [units, ...network.layers.slice(1)];
      act(() => main.create(createBody({ layers, features: names.length ? names : null })));
    },
  };
}

/** @typedef {ReturnType<typeof createDataActions>} DataActions */
