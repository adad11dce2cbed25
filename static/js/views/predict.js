// @ts-check
// The "Predict, then reveal" card: pick a weight (or follow an exercise's checks), predict
// the sign and size of dE/dw or the new w, step; then the server's numbers, the chain rule
// and the marks, and the network's score.

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { fmt } from "../model/format.js";
import { depthOf, unitLabel, unitLayerFed } from "../model/layers.js";
import { factorTable } from "./factor-table.js";
import { formulaMath } from "./formula.js";
import { $, html, render, watch } from "./watch.js";

/** The parameter predicted: the exercise's check, the inspected link, or the first output weight. @param {import("../core/state.js").AppState} s */
function targetOf(s) {
  const { exercises, exercise, position } = s.predict;
  const check = exercises.find((e) => e.id === exercise)?.checks[position];
  if (exercise) return check ? { ...check, fixed: true } : null;
  const link = s.inspected ?? { layer: depthOf(s.network.layers) - 1, to: 0, from: 0 };
  return { ...link, quantity: null, tolerance: null, fixed: false };
}

/** "w from h₁ to y₁" or "b of y₁". @param {any} link @param {number[]} layers */
function paramName(link, layers) {
  const depth = depthOf(layers);
  const to = unitLabel(unitLayerFed(link.layer), link.to, depth);
  return link.from === null
    ? t("predict.bias", { to })
    : t("predict.weight", { from: unitLabel(link.layer, link.from, depth), to });
}

/** ✓ or ✗ and words, for one part of a prediction. @param {boolean | null} ok @param {string} what */
const mark = (ok, what) =>
  ok === null
    ? ""
    : html`<li class=${ok ? "right" : "wrong"} data-testid="predict-mark">${ok ? "✓" : "✗"} ${what}</li>`;

/** The reveal: the true number with the chain rule, and the marks. @param {any} result @param {any} data */
function revealed(result, data) {
  const p = result.prediction;
  const e = result.explanation;
  const bias = p.from === null;
  const truth = fmt(p.truth, 6);
  const newWeight = html`<p data-testid="predict-update">
    ${t("predict.update", { w: fmt(e.weight, 6), change: fmt(e.update, 6), next: fmt(e.weight + e.update, 6), rate: e.learning_rate })}
  </p>`;
  return html`<div class="predict-result" data-testid="predict-result">
    <p class="hint">${t("predict.revealed", { n: e.step })}</p>
    <p class="truth" data-testid="predict-truth">${p.quantity === "gradient" ? "∂E/∂w" : "w′"} = ${truth}</p>
    <ul class="marks">
      ${mark(p.sign_ok, t("predict.signMark", { sign: p.sign ?? "" }))}
      ${mark(p.value_ok, t("predict.valueMark", { value: p.value ?? "", tolerance: p.tolerance }))}
    </ul>
    <details class="predict-why" data-testid="predict-why">
      <summary>${t("predict.why")}</summary>
      <math display="block">${formulaMath(e.factors, bias)}</math>
      <p>∂E/∂w = ${fmt(e.gradient, 6)}</p>
      ${factorTable(e, bias, data, 0, () => {})} ${newWeight}
    </details>
  </div>`;
}

/** The form: what to predict, the sign and the value. @param {any} target @param {any} s @param {any} predictor */
function form(target, s, predictor) {
  const send = () => {
    const quantity = target.fixed ? target.quantity : /** @type {HTMLSelectElement} */ ($("predict-quantity")).value;
    const sign = /** @type {HTMLSelectElement} */ ($("predict-sign")).value;
    const value = /** @type {HTMLInputElement} */ ($("predict-value")).value.trim();
    const { exercise, position } = s.predict;
    const where = target.fixed
      ? { exercise, position }
      : { layer: target.layer, to: target.to, from: target.from, quantity };
    predictor.predictThenStep({ ...where, ...(sign ? { sign } : {}), ...(value ? { value } : {}) });
    for (const id of ["predict-sign", "predict-value"]) /** @type {HTMLInputElement} */ ($(id)).value = "";
  };
  const quantity = target.fixed
    ? html`<p data-testid="predict-asked">${t(target.quantity === "gradient" ? "predict.askGradient" : "predict.askWeight")}
        ${t("predict.tolerance", { tolerance: target.tolerance })}</p>`
    : html`<select id="predict-quantity" data-testid="predict-quantity" aria-label=${t("predict.quantity")}>
        <option value="gradient">${t("predict.askGradient")}</option>
        <option value="weight">${t("predict.askWeight")}</option>
      </select>`;
  return html`<p data-testid="predict-target">${paramName(target, s.network.layers)}</p>
    ${quantity}
    <div class="predict-inputs">
      <label>${t("predict.sign")}
        <select id="predict-sign" data-testid="predict-sign">
          <option value="">–</option><option value="+">+</option><option value="-">−</option><option value="0">0</option>
        </select></label>
      <label>${t("predict.value")}
        <input id="predict-value" data-testid="predict-value" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
          placeholder="-1/4" /></label>
    </div>
    <button type="button" class="btn" data-testid="predict-step" ?disabled=${Boolean(s.predict.pending)} @click=${send}>
      ${t("predict.button")}</button>`;
}

/** Mount the card. @param {ReturnType<import("../scenes/predict.js").createPredictor>} predictor */
export function mountPredict(predictor) {
  predictor.load();
  watch(
    (s) => [s.predict, s.network, s.inspected, s.lang, s.data, s.ui.ex],
    (s) => {
      if (!s.network) return;
      const { exercises, exercise, position, result, score } = s.predict;
      const chosen = exercises.find((e) => e.id === exercise);
      const target = targetOf(s);
      const progress = chosen
        ? html`<p data-testid="predict-progress">${target ? t("predict.check", { n: position + 1, of: chosen.checks.length }) : t("predict.done")}</p>`
        : html`<p class="hint">${t("predict.freeHint")}</p>`;
      render(
        html`<select data-testid="predict-exercise" aria-label=${t("predict.exercise")}
            @change=${(/** @type {Event} */ e) => predictor.choose(/** @type {HTMLSelectElement} */ (e.target).value)}>
            <option value="" ?selected=${!exercise}>${t("predict.free")}</option>
            ${exercises.map((e) => html`<option value=${e.id} ?selected=${e.id === exercise}>${e.title[s.lang] ?? e.title.en}</option>`)}
          </select>
          ${result?.explanation ? revealed(result, store.get().data) : ""} ${progress}
          ${target ? form(target, s, predictor) : ""}
          <p class="score" data-testid="predict-score">${score ? t("predict.score", score) : ""}</p>
          <p><a href=${`/worksheet#net=${encodeURIComponent(s.network.id)}&ex=${s.ui.ex}`} target="_blank" rel="noopener"
            data-testid="worksheet-link">${t("worksheet.link")}</a></p>`,
        $("predict-body"),
      );
    },
  );
}
