// @ts-check
// A fork's settings in the compare view, changed after it was made: its learning rate,
// batch size, update rule and the rule's own settings, activations, loss and penalty (what
// PATCH takes), sent as one PATCH of that fork; which options, defaults and intervals there
// are is GET /api/config's, the loss offered with an output activation the pairing model's.
// A refused value stays in its field with the server's reason beside it.

import { t, tOr } from "../core/i18n.js";
import { lossAfterOutput, lossesFor, outputsFor } from "../model/pairing.js";
import { html, live } from "../views/watch.js";
import { refusal, ruleFields, typed, typedRule } from "./rule-fields.js";

/** The id of fork i's field `name`. @param {number} i @param {string} name */
const fieldId = (i, name) => `stage-${name}-${i}`;

/** The field ids of fork i's settings of rule `name`. @param {number} i @param {string} name @returns {import("./rule-fields.js").IdOf} */
const ruleId = (i, name) => (key, index) => fieldId(i, `${name}-${key}${index === null ? "" : `-${index}`}`);

/** The field of each setting of PATCH's body (the rule's own settings: see ruleId). @type {Record<string, string>} */
const FIELDS = {
  learning_rate: "rate",
  batch_size: "batch",
  optimizer: "optimizer",
  hidden_activation: "activation",
  output_activation: "output",
  loss: "lossname",
  regularization: "penalty",
  regularization_rate: "penalty-rate",
};

/** A select's chosen value. @param {string} id */
const chosen = (id) => /** @type {HTMLSelectElement} */ (document.getElementById(id)).value;

/** The selects' choices a fork's draft keeps (PATCH's names), so a redraw keeps them too. */
const CHOICES = ["optimizer", "hidden_activation", "output_activation", "loss", "regularization"];

/** What fork i's selects show: its own values with the choices not yet applied over them. @param {any} s @param {any} state */
function shown(s, state) {
  const draft = s.stage.drafts?.[state.id] ?? {};
  const own = { ...state, optimizer: state.optimizer.name };
  return /** @type {Record<string, string>} */ (
    Object.fromEntries(CHOICES.map((key) => [key, draft[key] ?? own[key]]))
  );
}

/** The PATCH body: the fields that differ from the fork's state. @param {any} config @param {any} state @param {number} i */
function changes(config, state, i) {
  /** @type {Record<string, any>} */
  const body = {};
  for (const key of ["learning_rate", "batch_size", "regularization_rate"]) {
    const value = typed(fieldId(i, FIELDS[key]));
    if (value !== null && value !== state[key]) body[key] = value;
  }
  const rule = config.optimizers.find((/** @type {any} */ o) => o.name === chosen(fieldId(i, "optimizer")));
  const own = rule.name === state.optimizer.name;
  const optimizer = typedRule(rule, ruleId(i, rule.name), own ? state.optimizer : {});
  const same = (/** @type {string} */ key) => JSON.stringify(optimizer[key]) === JSON.stringify(state.optimizer[key]);
  if (!own || !rule.settings.every((/** @type {any} */ st) => same(st.name))) body.optimizer = optimizer;
  for (const key of CHOICES.filter((k) => k !== "optimizer")) {
    const value = chosen(fieldId(i, FIELDS[key]));
    if (value !== state[key]) body[key] = value;
  }
  return body;
}

/** The field a refused setting is in ("optimizer.betas.1"), if it is shown. @param {number} i @param {string} rule @param {string} path */
function fieldOf(i, rule, path) {
  const [head, key, index] = path.split(".");
  const id =
    head === "optimizer" && key
      ? ruleId(i, rule)(key, index === undefined ? null : Number(index))
      : FIELDS[path] && fieldId(i, FIELDS[path]);
  return id && document.getElementById(id) ? id : null;
}

/**
 * A select of fork i; `pick` is told a new choice.
 * @param {number} i @param {string} name @param {{value: string, label: string}[]} options @param {string} now
 * @param {Record<string, string>} errors @param {(value: string) => void} pick
 */
function select(i, name, options, now, errors, pick) {
  const id = fieldId(i, name);
  return html`<select
      id=${id}
      data-testid=${id}
      aria-invalid=${errors[id] ? "true" : "false"}
      .value=${live(now)}
      @change=${(/** @type {any} */ e) => pick(e.target.value)}
    >
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === now}>${o.label}</option>`)} </select
    >${refusal(id, errors)}`;
}

/** A number of fork i, its value the placeholder (blank keeps it). @param {number} i @param {string} name @param {number} value @param {Record<string, string>} errors @param {string} [title] */
function number(i, name, value, errors, title = "") {
  const id = fieldId(i, name);
  return html`<input
      id=${id}
      data-testid=${id}
      type="text"
      inputmode="decimal"
      placeholder=${String(value)}
      title=${title}
      aria-invalid=${errors[id] ? "true" : "false"}
    />${refusal(id, errors)}`;
}

/** Fork i's refusals by field id, and the one that names no field. @param {any} s @param {number} i */
function errorsOf(s, i) {
  const key = `fork-edit-${i}`;
  /** @type {Record<string, string>} */
  const errors = {};
  for (const [k, v] of Object.entries(s.fieldErrors))
    if (k.startsWith(`${key}:`)) errors[k.slice(key.length + 1)] = String(v);
  return { errors, general: s.fieldErrors[key] };
}

/** The options of fork i's selects, by PATCH's names (the config's; losses: those the shown output allows). @param {any} config @param {any} state @param {Record<string, string>} now */
function optionsOf(config, state, now) {
  const as = (/** @type {string} */ prefix) => (/** @type {any} */ o) => ({
    value: o.name,
    label: tOr(`${prefix}.${o.name}`, o.name),
  });
  return {
    optimizer: config.optimizers.map(as("optimizer")),
    hidden_activation: config.activations.filter((/** @type {any} */ a) => a.hidden).map(as("act")),
    output_activation: outputsFor(config, state.layers.at(-1)).map(as("act")),
    loss: lossesFor(config, now.output_activation).map(as("loss")),
    regularization: config.penalties.map(as("penalty")),
  };
}

/**
 * Fork i's settings: its values as placeholders (a blank field keeps it), Apply sends them.
 * @param {any} s the app state @param {any} state the fork's @param {number} i
 * @param {import("../scenes/stage.js").StageScene} scene
 */
export function forkSettings(s, state, i, scene) {
  const { config } = s;
  const { errors, general } = errorsOf(s, i);
  const now = shown(s, state);
  const options = /** @type {Record<string, {value: string, label: string}[]>} */ (optionsOf(config, state, now));
  const field = (/** @type {any} */ label, /** @type {any} */ input) =>
    html`<label class="field"><span class="field-label">${label}</span>${input}</label>`;
  const draft = (/** @type {Record<string, string>} */ choice) => scene.draftFork(state.id, choice);
  const pickOutput = (/** @type {string} */ output) =>
    draft({ output_activation: output, loss: lossAfterOutput(config, output, now.loss) });
  const choice = (/** @type {string} */ key, /** @type {string} */ label) =>
    field(
      label,
      select(i, FIELDS[key], options[key], now[key], errors, (value) =>
        key === "output_activation" ? pickOutput(value) : draft({ [key]: value }),
      ),
    );
  const ruleSettings = config.optimizers.map(
    (/** @type {any} */ rule) =>
      html`<div class="fork-rule" ?hidden=${rule.name !== now.optimizer} data-testid=${fieldId(i, `${rule.name}-settings`)}>
        ${ruleFields(rule, ruleId(i, rule.name), rule.name === state.optimizer.name ? state.optimizer : {}, errors)}
      </div>`,
  );
  const [low, high] = config.limits.regularization_rate;
  return html`<details class="fork-settings" data-testid=${`stage-settings-${i}`}>
    <summary>${t("compare.settings")}</summary>
    <div class="compare-add">
      ${field(html`${t("field.learningRate")} <span class="greek">α</span>`, number(i, "rate", state.learning_rate, errors))}
      ${field(t("field.batchSize"), number(i, "batch", state.batch_size, errors))}
      ${choice("optimizer", t("arch.optimizer"))} ${ruleSettings}
    </div>
    <div class="compare-add">
      ${choice("hidden_activation", t("arch.hiddenActivation"))} ${choice("output_activation", t("arch.outputActivation"))}
      ${choice("loss", t("arch.loss"))} ${choice("regularization", t("arch.regularization"))}
      ${field(
        html`${t("arch.regularizationRate")} <span class="greek">λ</span>`,
        number(i, "penalty-rate", state.regularization_rate, errors, t("penalty.rateTitle", { low, high })),
      )}
      <button
        type="button"
        class="btn"
        data-testid=${`stage-apply-${i}`}
        @click=${() => scene.editFork(i, changes(config, state, i), (path) => fieldOf(i, now.optimizer, path))}
      >
        ${t("compare.apply")}
      </button>
    </div>
    ${general ? html`<p class="field-error" role="alert" data-testid=${`stage-settings-error-${i}`}>${general}</p>` : ""}
  </details>`;
}
