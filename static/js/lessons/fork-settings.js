// @ts-check
// A fork's settings in the compare view, changed after it was made: its learning rate,
// batch size, update rule and hidden activation (the ones POST fork takes), sent as one
// PATCH of that fork; a refused value stays in its field with the server's reason.

import { t } from "../core/i18n.js";
import { parseNumber } from "../model/numbers.js";
import { html } from "../views/watch.js";

/** The id of fork i's field `name`. @param {number} i @param {string} name */
const fieldId = (i, name) => `stage-${name}-${i}`;

/** What fork i's field holds: a number, the text for the server to refuse, or null when blank. @param {string} id */
function typed(id) {
  const text = /** @type {HTMLInputElement} */ (document.getElementById(id)).value.trim();
  const parsed = parseNumber(text);
  return text === "" ? null : "value" in parsed ? parsed.value : text;
}

/** The PATCH body: the fields that differ from the fork's state. @param {any} state @param {number} i */
function changes(state, i) {
  /** @type {Record<string, any>} */
  const body = {};
  const rate = typed(fieldId(i, "rate"));
  const batch = typed(fieldId(i, "batch"));
  const rule = /** @type {HTMLSelectElement} */ (document.getElementById(fieldId(i, "optimizer"))).value;
  const hidden = /** @type {HTMLSelectElement} */ (document.getElementById(fieldId(i, "activation"))).value;
  if (rate !== null && rate !== state.learning_rate) body.learning_rate = rate;
  if (batch !== null && batch !== state.batch_size) body.batch_size = batch;
  if (rule !== state.optimizer.name) body.optimizer = { name: rule }; // a new rule: its defaults
  if (hidden !== state.hidden_activation) body.hidden_activation = hidden;
  return body;
}

/**
 * Fork i's settings: its values as placeholders (a blank field keeps it), Apply sends them.
 * @param {any} s the app state @param {any} state the fork's @param {number} i
 * @param {import("../scenes/stage.js").StageScene} scene
 */
export function forkSettings(s, state, i, scene) {
  const error = s.fieldErrors[`fork-edit-${i}`];
  const select = (/** @type {string} */ name, /** @type {any[]} */ options, /** @type {string} */ now) =>
    html`<select id=${fieldId(i, name)} data-testid=${fieldId(i, name)}>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === now}>${o.label}</option>`)}
    </select>`;
  const rules = s.config.optimizers.map((o) => ({ value: o.name, label: t(`optimizer.${o.name}`) }));
  const hidden = s.config.activations.filter((a) => a.hidden).map((a) => ({ value: a.name, label: a.name }));
  return html`<details class="fork-settings" data-testid=${`stage-settings-${i}`}>
    <summary>${t("compare.settings")}</summary>
    <div class="compare-add">
      <label class="field"
        ><span class="field-label">${t("field.learningRate")} <span class="greek">α</span></span>
        <input id=${fieldId(i, "rate")} data-testid=${fieldId(i, "rate")} type="text" inputmode="decimal"
          placeholder=${String(state.learning_rate)} /></label>
      <label class="field"
        ><span class="field-label">${t("field.batchSize")}</span>
        <input id=${fieldId(i, "batch")} data-testid=${fieldId(i, "batch")} type="text" inputmode="numeric"
          placeholder=${String(state.batch_size)} /></label>
      <label class="field"
        ><span class="field-label">${t("arch.optimizer")}</span>${select("optimizer", rules, state.optimizer.name)}</label
      >
      <label class="field"
        ><span class="field-label">${t("arch.hiddenActivation")}</span>${select("activation", hidden, state.hidden_activation)}</label
      >
      <button type="button" class="btn" data-testid=${`stage-apply-${i}`} @click=${() => scene.editFork(i, changes(state, i))}>
        ${t("compare.apply")}
      </button>
    </div>
    ${error ? html`<p class="field-error" role="alert" data-testid=${`stage-settings-error-${i}`}>${error}</p>` : ""}
  </details>`;
}
