// @ts-check
// The teacher writes an exercise: a title, the network it starts from (a preset or a
// student's network, its layers as the server gives them), and its checks, each picked
// within that network's shape; the server's refusals show beside the fields they name.

import { html } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { reasonOf, t, tOr } from "../core/i18n.js";

const QUANTITIES = ["gradient", "weight"]; // the schema's Quantity, named in the pickers' text
const BIAS = ""; // the "from" picker's value for the bias

/**
 * @typedef {{layer: number, to: number, from: number | null, quantity: string, tolerance: string}} DraftCheck
 * @typedef {object} Draft
 * @property {string} en
 * @property {string} zh
 * @property {string} source "preset:<name>" or "net:<network id>"
 * @property {DraftCheck[]} checks
 * @property {Record<string, any[]>} errors the server's refusals by field ("checks.1.tolerance"), said in the page's language
 * @typedef {object} FormState
 * @property {Draft} draft
 * @property {{name: string, config: {layers: number[]}}[]} presets
 * @property {{id: string, name: string, display_name: string | null, layers: number[]}[]} nets the students'
 * @property {{id: string, title: Record<string, string>, deletable: boolean}[]} exercises
 * @property {string} lang
 * @typedef {object} FormActions
 * @property {(patch: Partial<Draft>) => void} editDraft
 * @property {() => void} writeExercise
 * @property {(id: string) => void} deleteExercise
 */

/** A new check: the first weight into the first unit. */
export const newCheck = () => ({ layer: 0, to: 0, from: 0, quantity: "gradient", tolerance: "0.01" });

/** The draft's source split: "preset" or "net", and the preset's name or the network's id. @param {string} source */
export function sourceOf(source) {
  const colon = source.indexOf(":");
  return { kind: source.slice(0, colon), name: source.slice(colon + 1) };
}

/** The layer sizes of the network the draft starts from ([] before the options came). @param {FormState} state */
export function draftLayers(state) {
  const { kind, name } = sourceOf(state.draft.source);
  if (kind === "preset") return state.presets.find((p) => p.name === name)?.config.layers ?? [];
  return state.nets.find((n) => n.id === name)?.layers ?? [];
}

/** A check moved within the network's shape. @param {DraftCheck} check @param {number[]} layers */
export function fitted(check, layers) {
  if (layers.length < 2) return check;
  const layer = Math.min(check.layer, layers.length - 2);
  const to = Math.min(check.to, layers[layer + 1] - 1);
  const from = check.from === null ? null : Math.min(check.from, layers[layer] - 1);
  return { ...check, layer, to, from };
}

/** The numbers 0 to n - 1. @param {number} n */
const upTo = (n) => Array.from({ length: Math.max(n, 0) }, (_, i) => i);

/** Refusals in the page's language. @param {any[]} items */
const said = (items) => items.map(reasonOf).join("; ");

/** The server's reason for `field`, beside it. @param {Draft} draft @param {string} field */
const reason = (draft, field) =>
  draft.errors[field]
    ? html`<span class="field-error" role="alert" data-testid=${`exercise-error-${field}`}>${said(draft.errors[field])}</span>`
    : "";

/** One check's pickers. @param {FormState} state @param {FormActions} actions @param {number} i */
function checkRow(state, actions, i) {
  const { draft } = state;
  const layers = draftLayers(state);
  const check = draft.checks[i];
  /** @param {Partial<DraftCheck>} patch */
  const edit = (patch) =>
    actions.editDraft({ checks: draft.checks.map((c, k) => (k === i ? fitted({ ...c, ...patch }, layers) : c)) });
  /** @param {Event} e */
  const value = (e) => /** @type {HTMLInputElement} */ (e.target).value;
  /** @param {string} name @param {number[]} options @param {number | null} chosen @param {(v: string) => void} set @param {boolean} [bias] */
  const picker = (name, options, chosen, set, bias = false) =>
    html`<label>${t(`teacher.check.${name}`)}
      <select data-testid=${`check-${i}-${name}`} @change=${(/** @type {Event} */ e) => set(value(e))}>
        ${bias ? html`<option value=${BIAS} ?selected=${chosen === null}>${t("teacher.check.bias")}</option>` : ""}
        ${options.map((n) => html`<option value=${n} ?selected=${n === chosen}>${n}</option>`)}
      </select>${reason(draft, `checks.${i}.${name}`)}</label>`;
  return html`<li class="check-row" data-testid="exercise-check">
    <span class="check-n">${i + 1}.</span>
    ${picker("layer", upTo(layers.length - 1), check.layer, (v) => edit({ layer: Number(v) }))}
    ${picker("to", upTo(layers[check.layer + 1] ?? 0), check.to, (v) => edit({ to: Number(v) }))}
    ${picker("from", upTo(layers[check.layer] ?? 0), check.from, (v) => edit({ from: v === BIAS ? null : Number(v) }), true)}
    <label>${t("teacher.check.quantity")}
      <select data-testid=${`check-${i}-quantity`} @change=${(/** @type {Event} */ e) => edit({ quantity: value(e) })}>
        ${QUANTITIES.map((q) => html`<option value=${q} ?selected=${q === check.quantity}>${t(`teacher.quantity.${q}`)}</option>`)}
      </select>${reason(draft, `checks.${i}.quantity`)}</label>
    <label>${t("teacher.check.tolerance")}
      <input data-testid=${`check-${i}-tolerance`} inputmode="decimal" size="6" .value=${check.tolerance}
        @input=${(/** @type {Event} */ e) => edit({ tolerance: value(e) })} />${reason(draft, `checks.${i}.tolerance`)}</label>
    <button type="button" data-testid=${`check-${i}-remove`} ?disabled=${draft.checks.length === 1}
      @click=${() => actions.editDraft({ checks: draft.checks.filter((_, k) => k !== i) })}>${t("teacher.check.remove")}</button>
  </li>`;
}

/** The network picker: the presets, then the students' networks. @param {FormState} state @param {FormActions} actions */
function sourcePicker(state, actions) {
  const { draft } = state;
  /** @param {Event} e */
  const choose = (e) => {
    const source = /** @type {HTMLSelectElement} */ (e.target).value;
    const layers = draftLayers({ ...state, draft: { ...draft, source } });
    actions.editDraft({ source, checks: draft.checks.map((c) => fitted(c, layers)) });
  };
  /** @param {string} value @param {string} text */
  const option = (value, text) => html`<option value=${value} ?selected=${value === draft.source}>${text}</option>`;
  return html`<label>${t("teacher.exerciseNetwork")}
    <select data-testid="exercise-network" @change=${choose}>
      <optgroup label=${t("teacher.preset")}>
        ${state.presets.map((p) => option(`preset:${p.name}`, tOr(`preset.${p.name}.title`, p.name)))}
      </optgroup>
      <optgroup label=${t("teacher.studentsNetworks")}>
        ${state.nets.map((n) => option(`net:${n.id}`, `${n.display_name ?? n.name} (${n.layers.join("-")})`))}
      </optgroup>
    </select>${reason(draft, "preset")}${reason(draft, "network")}</label>
    <span class="hint" data-testid="exercise-shape">${draftLayers(state).join("-")}</span>`;
}

/** The reasons for fields without a place of their own, under the checks. @param {Draft} draft */
function leftover(draft) {
  const placed = /^(title\.(en|zh)|preset|network|checks|checks\.\d+\.(layer|to|from|quantity|tolerance))$/;
  const rest = Object.entries(draft.errors).filter(([field]) => !placed.test(field));
  if (!rest.length) return "";
  return html`<p class="field-error" role="alert" data-testid="exercise-error">
    ${rest.map(([field, items]) => (field ? `${field}: ${said(items)}` : said(items))).join("; ")}</p>`;
}

/** The teacher's own exercises, each with a Delete button. @param {FormState} state @param {FormActions} actions */
function written(state, actions) {
  const mine = state.exercises.filter((x) => x.deletable);
  if (!mine.length) return "";
  return html`<ul class="written" data-testid="exercise-written">
    ${mine.map(
      (x) => html`<li data-exercise-id=${x.id}>${x.title[state.lang] ?? x.title.en}
        <button type="button" data-testid=${`exercise-delete-${x.id}`} @click=${() => actions.deleteExercise(x.id)}>
          ${t("teacher.deleteExercise")}</button></li>`,
    )}
  </ul>`;
}

/** The fieldset that writes an exercise. @param {FormState} state @param {FormActions} actions */
export function exerciseForm(state, actions) {
  const { draft } = state;
  /** @param {"en" | "zh"} lang */
  const title = (lang) =>
    html`<label>${t(`teacher.exerciseTitle.${lang}`)}
      <input data-testid=${`exercise-title-${lang}`} size="24" .value=${draft[lang]}
        @input=${(/** @type {Event} */ e) => actions.editDraft({ [lang]: /** @type {HTMLInputElement} */ (e.target).value })} />
      ${reason(draft, `title.${lang}`)}</label>`;
  const layers = draftLayers(state);
  return html`<fieldset class="exercise-form" data-testid="exercise-form">
    <legend>${t("teacher.writeHeading")}</legend>
    <div class="row">${title("en")} ${title("zh")}</div>
    <div class="row">${sourcePicker(state, actions)}</div>
    <ol class="checks">${draft.checks.map((_, i) => checkRow(state, actions, i))}</ol>
    ${reason(draft, "checks")}${leftover(draft)}
    <div class="row">
      <button type="button" data-testid="exercise-add-check"
        @click=${() => actions.editDraft({ checks: [...draft.checks, fitted(newCheck(), layers)] })}>${t("teacher.check.add")}</button>
      <button type="button" data-testid="exercise-write" @click=${() => actions.writeExercise()}>${t("teacher.writeButton")}</button>
    </div>
    ${written(state, actions)}
  </fieldset>`;
}

/** A 422's refusals by field, "body." left off ("" for the body as a whole). @param {any} detail */
export function reasonsByField(detail) {
  if (!Array.isArray(detail)) return { "": [{ msg: String(detail) }] };
  /** @type {Record<string, any[]>} */
  const reasons = {};
  for (const d of detail) {
    const loc = (d.loc ?? []).slice(1);
    const field = loc[0] === "network" ? "network" : loc.join(".");
    reasons[field] = [...(reasons[field] ?? []), d];
  }
  return reasons;
}
