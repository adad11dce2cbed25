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

/** Which field a refused setting of PATCH's body is in. */
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
  const numbers = { learning_rate: "rate", batch_size: "batch", regularization_rate: "penalty-rate" };
  for (const [key, name] of Object.entries(numbers)) {
    const value = typed(fieldId(i, name));
    if (value !== null && value !== state[key]) body[key] = value;
  }
  const rule = config.optimizers.find((/** @type {any} */ o) => o.name === chosen(fieldId(i, "optimizer")));
  const own = rule.name === state.optimizer.name;
  const optimizer = typedRule(rule, ruleId(i, rule.name), own ? state.optimizer : {});
  const same = (/** @type {string} */ key) => JSON.stringify(optimizer[key]) === JSON.stringify(state.optimizer[key]);
  if (!own || !rule.settings.every((/** @type {any} */ st) => same(st.name))) body.optimizer = optimizer;
  const selects = {
    hidden_activation: "activation",
    output_activation: "output",
    loss: "lossname",
    regularization: "penalty",
  };
  for (const [key, name] of Object.entries(selects)) {
    if (chosen(fieldId(i, name)) !== state[key]) body[key] = chosen(fieldId(i, name));
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

/**
 * Fork i's settings: its values as placeholders (a blank field keeps it), Apply sends them.
 * @param {any} s the app state @param {any} state the fork's @param {number} i
 * @param {import("../scenes/stage.js").StageScene} scene
 */
export function forkSettings(s, state, i, scene) {
  const { config } = s;
  const { errors, general } = errorsOf(s, i);
  const now = shown(s, state);
  const field = (/** @type {any} */ label, /** @type {any} */ input) =>
    html`<label class="field"><span class="field-label">${label}</span>${input}</label>`;
  const rules = config.optimizers.map((/** @type {any} */ o) => ({ value: o.name, label: t(`optimizer.${o.name}`) }));
  const act = (/** @type {any} */ a) => ({ value: a.name, label: tOr(`act.${a.name}`, a.name) });
  const hidden = config.activations.filter((/** @type {any} */ a) => a.hidden).map(act);
  const outputs = outputsFor(config, state.layers.at(-1)).map(act);
  const losses = lossesFor(config, now.output_activation).map((l) => ({
    value: l.name,
    label: tOr(`loss.${l.name}`, l.name),
  }));
  const penalties = config.penalties.map((/** @type {any} */ p) => ({
    value: p.name,
    label: tOr(`penalty.${p.name}`, p.name),
  }));
  const [low, high] = config.limits.regularization_rate;
  const draft = (/** @type {Record<string, string>} */ choice) => scene.draftFork(state.id, choice);
  const pick = (/** @type {string} */ key) => (/** @type {string} */ value) => draft({ [key]: value });
  const pickOutput = (/** @type {string} */ output) =>
    draft({ output_activation: output, loss: lossAfterOutput(config, output, now.loss) });
  const ruleSettings = config.optimizers.map(
    (/** @type {any} */ rule) =>
      html`<div class="fork-rule" ?hidden=${rule.name !== now.optimizer} data-testid=${fieldId(i, `${rule.name}-settings`)}>
        ${ruleFields(rule, ruleId(i, rule.name), rule.name === state.optimizer.name ? state.optimizer : {}, errors)}
      </div>`,
  );
  return html`<details class="fork-settings" data-testid=${`stage-settings-${i}`}>
    <summary>${t("compare.settings")}</summary>
    <div class="compare-add">
      ${field(html`${t("field.learningRate")} <span class="greek">α</span>`, number(i, "rate", state.learning_rate, errors))}
      ${field(t("field.batchSize"), number(i, "batch", state.batch_size, errors))}
      ${field(t("arch.optimizer"), select(i, "optimizer", rules, now.optimizer, errors, pick("optimizer")))}
      ${ruleSettings}
    </div>
    <div class="compare-add">
      ${field(t("arch.hiddenActivation"), select(i, "activation", hidden, now.hidden_activation, errors, pick("hidden_activation")))}
      ${field(t("arch.outputActivation"), select(i, "output", outputs, now.output_activation, errors, pickOutput))}
      ${field(t("arch.loss"), select(i, "lossname", losses, now.loss, errors, pick("loss")))}
      ${field(t("arch.regularization"), select(i, "penalty", penalties, now.regularization, errors, pick("regularization")))}
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
