// @ts-check
// The left column's builder: preset, dataset, hidden layers and units, activations, loss,
// optimizer, regularisation, initialiser, seed and bias units. Option lists and limits
// come from GET /api/config.

import { t, tOr } from "../core/i18n.js";
import { store, updateUi } from "../core/store.js";
import { layerTitle } from "../graph/titles.js";
import { hiddenCount } from "../model/layers.js";
import { presetOf } from "../model/presets.js";
import { mountOptimizerSettings } from "./optimizer-settings.js";
import { mountPenalty } from "./penalty.js";
import { mountRefusal } from "./refusal.js";
import { $, $input, html, live, noChange, render, watch } from "./watch.js";
import { setAttr, setText } from "../core/dom.js";

/** @param {any} p */
const presetTitle = (p) => tOr(`preset.${p.name}.title`, p.title || p.name);
/** @param {any} p */
const presetDescription = (p) => tOr(`preset.${p.name}.description`, p.description);

/**
 * <option>s of a select, the current one selected.
 * @param {{value: string, label: string}[]} options
 * @param {string} current
 */
const options = (options, current) =>
  options.map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${o.label}</option>`);

/**
 * A hidden layer's units as a typed field (limits from the config; the server has the last
 * word). A refused text stays where it was typed (noChange); otherwise it shows the units.
 * @param {number} n @param {number} layer @param {string} label @param {any} config @param {string | undefined} error
 * @param {import("../scenes/build.js").Builder} build
 */
const unitsField = (n, layer, label, config, error, build) =>
  html`<input
    class="units-input"
    type="text"
    inputmode="numeric"
    autocomplete="off"
    data-testid=${`units-${layer}`}
    aria-label=${t("arch.unitsOf", { layer: label, max: config.limits.max_units })}
    title=${t("arch.unitsOf", { layer: label, max: config.limits.max_units })}
    aria-invalid=${error ? "true" : "false"}
    .value=${error ? noChange : live(String(n))}
    @change=${(/** @type {any} */ e) => build.setUnits(layer, e.target.value)}
  />`;

/** @param {import("../core/state.js").AppState} s @param {import("../scenes/build.js").Builder} build */
function layerRows({ network, config, fieldErrors }, build) {
  const last = network.layers.length - 1;
  return network.layers.map((n, layer) => {
    const label = layerTitle(layer, last);
    const fixed = layer === 0 || layer === last;
    const error = fieldErrors[`units-${layer}`];
    const units = fixed
      ? html`<span data-testid=${`units-${layer}`}>${n}</span>`
      : unitsField(n, layer, label, config, error, build);
    const pm = fixed
      ? html`<span class="pm fixed" title=${t("arch.fixedTitle")}>${units}</span>`
      : html`<span class="pm">
          <button
            type="button"
            class="btn mini"
            data-testid=${`remove-unit-${layer}`}
            aria-label=${t("arch.removeUnit", { layer: label })}
            ?disabled=${n <= 1}
            @click=${() => build.changeUnits(layer, -1)}
          >
            −
          </button>
          ${units}
          <button
            type="button"
            class="btn mini"
            data-testid=${`add-unit-${layer}`}
            aria-label=${t("arch.addUnit", { layer: label })}
            ?disabled=${n >= config.limits.max_units}
            @click=${() => build.changeUnits(layer, +1)}
          >
            +
          </button>
        </span>`;
    const row = html`<div class=${`layer-row${fixed ? " fixed" : ""}`}><span>${label}</span>${pm}</div>`;
    // one template either way, so the row (and what is typed in it) is kept when a reason comes
    return html`${row}${
      error ? html`<p class="field-error" role="alert" data-testid=${`units-${layer}-error`}>${error}</p>` : ""
    }`;
  });
}

/**
 * The builder's controls for a network: option lists from the config, limits, counts.
 * @param {import("../core/state.js").AppState} s
 * @param {import("../scenes/build.js").Builder} build
 */
function drawControls(s, build) {
  const { network, datasets, config, userSeed, ui, fieldErrors } = s;
  const acts = config.activations;
  const name = (a) => ({ value: a, label: a });
  render(
    options(
      acts.filter((a) => a.hidden).map((a) => name(a.name)),
      network.hidden_activation,
    ),
    $("hidden-activation"),
  );
  render(
    options(
      acts.filter((a) => a.output).map((a) => name(a.name)),
      network.output_activation,
    ),
    $("output-activation"),
  );
  const losses = config.losses.map((l) => ({ value: l.name, label: t(`loss.${l.name}`) }));
  render(options(losses, network.loss), $("loss"));
  render(options(config.initializers.map(name), network.init), $("init"));
  const rules = config.optimizers.map((o) => ({ value: o.name, label: t(`optimizer.${o.name}`) }));
  render(options(rules, network.optimizer.name), $("optimizer"));
  const own = datasets.some((d) => d.name === network.dataset.name)
    ? []
    : [{ value: network.dataset.name, label: t("data.own", { name: network.dataset.name }) }]; // drawn, a CSV
  render(
    options(
      [...datasets.map((d) => ({ value: d.name, label: tOr(`dataset.name.${d.name}`, d.name) })), ...own],
      network.dataset.name,
    ),
    $("dataset"),
  );
  const seed = $input("seed");
  setAttr(seed, "placeholder", String(network.seed));
  setAttr(seed, "title", t("arch.seedTitle", { seed: network.seed }));
  if (userSeed === null && !fieldErrors.seed) seed.value = "";
  $input("show-bias").checked = ui.bias;
  setText($("hidden-count"), String(hiddenCount(network.layers)));
  /** @type {HTMLButtonElement} */ ($("remove-layer")).disabled = network.layers.length <= 2;
  /** @type {HTMLButtonElement} */ ($("add-layer")).disabled =
    hiddenCount(network.layers) >= config.limits.max_hidden_layers;
  const ds = datasets.find((d) => d.name === network.dataset.name);
  setText(
    $("dataset-description"),
    ds
      ? `${tOr(`dataset.${ds.name}`, ds.description)} · ${t("data.sizes", { train: ds.size })}${ds.test_size ? `, ${t("data.testSize", { test: ds.test_size })}` : ""}`
      : "",
  );
}

/** @param {import("../scenes/build.js").Builder} build */
export function mountArchitecture(build) {
  mountRefusal(build);
  mountPenalty(build);
  mountOptimizerSettings(build);
  /** @param {string} id @param {(value: string) => void} fn */
  const onChange = (id, fn) =>
    $(id).addEventListener("change", (e) => fn(/** @type {HTMLInputElement} */ (e.target).value));
  onChange("preset", (name) => name && build.loadPreset(name));
  onChange("dataset", (name) => build.changeDataset(name));
  onChange("hidden-activation", build.setHidden);
  onChange("output-activation", build.setOutput);
  onChange("loss", build.setLoss);
  onChange("init", build.setInit);
  onChange("optimizer", build.setOptimizer);
  onChange("seed", build.setSeed);
  $("add-layer").addEventListener("click", () => build.changeLayers(+1));
  $("remove-layer").addEventListener("click", () => build.changeLayers(-1));
  $("show-bias").addEventListener("change", () => updateUi({ bias: $input("show-bias").checked }));
  const preset = /** @type {HTMLSelectElement} */ ($("preset"));
  const describe = () => {
    const found = store.get().presets.find((p) => p.name === preset.value);
    setText($("preset-description"), found ? presetDescription(found) : "");
  };
  preset.addEventListener("change", describe);

  // the label says which preset the network is (custom once it is none of them)
  watch(
    (s) => [s.presets, s.lang, presetOf(s.network, s.presets)],
    ({ presets, network }) => {
      const chosen = presetOf(network, presets);
      render(
        [
          html`<option value="">${t("preset.custom")}</option>`,
          ...options(
            presets.map((p) => ({ value: p.name, label: presetTitle(p) })),
            chosen,
          ),
        ],
        preset,
      );
      preset.value = chosen;
      describe();
    },
  );
  watch(
    (s) => [s.network, s.datasets, s.config, s.userSeed, s.ui.bias, s.lang, s.fieldErrors],
    (s) => s.network && s.config && drawControls(s, build),
  );
  // the layers change only with the network (a new one per architecture), so a field being
  // typed in is not reset by a step
  watch(
    (s) => [s.network?.id, s.config, s.fieldErrors, s.lang],
    (s) => s.network && s.config && render(layerRows(s, build), $("layer-units")),
  );
}
