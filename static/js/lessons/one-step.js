// @ts-check
// Lesson 2's widget: the article's chain x -> h -> y with editable starting weights, and
// every number of the step (h, y, E, both gradients factor by factor, the update), from
// the engine.

import * as api from "../core/api.js";
import { act, notify, report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { fmt } from "../model/format.js";
import { withMath } from "../views/math.js";
import { html, watch } from "../views/watch.js";

const ARTICLE_X = 10;
const ARTICLE_D = 1;

/** @param {string} testid @param {number} value */
const num = (testid, value, digits = 6) =>
  html`<span class="num" data-testid=${testid} data-value=${String(value)} title=${String(value)}
    >${fmt(value, digits)}</span
  >`;
/** @param {string} label @param {...unknown} cells */
const row = (label, ...cells) =>
  html`<tr>
    <th>${label}</th>
    <td>${cells}</td>
  </tr>`;
const factors = (ex) =>
  ex.factors.map(
    (f, i) => html`${i ? " × " : ""}<span class="factor-num" title=${f.symbol}>${fmt(f.values[0], 4)}</span>`,
  );

/** The numbers before (and after) the step, as fetched for one state. @param {any} w */
function numbers(w) {
  const net = w.net;
  const step = w.lastStep;
  const stepped = net.step > 0 && step && step.step === net.step;
  const before = stepped
    ? {
        h: step.forward.layers[0].a[0][0],
        y: step.forward.outputs[0][0],
        e: step.loss,
        w: [step.weights_before[0][0][0], step.weights_before[1][0][0]],
      }
    : {
        h: w.now.layers[0].a[0][0],
        y: w.now.outputs[0][0],
        e: w.now.loss,
        w: [net.weights[0][0][0], net.weights[1][0][0]],
      };
  const alpha = w.e1.learning_rate;
  const after = [0, 1].map((l) => (stepped ? net.weights[l][0][0] : before.w[l] - alpha * (l ? w.e2 : w.e1).gradient));
  const update = (l, e) =>
    row(
      `w${"₁₂"[l]}`,
      fmt(before.w[l], 4),
      " − ",
      String(alpha),
      " × ",
      fmt(e.gradient, 4),
      " = ",
      num(`lesson-w${l + 1}-after`, after[l], 4),
    );
  return html`<h3>${stepped ? t("one.beforeStep", { n: step.step }) : t("one.now")}</h3>
    <table class="lesson-table">
      <tbody>
        ${row("h = g(w₁x)", num("lesson-h-before", before.h))}${row("y = g(w₂h)", num("lesson-y-before", before.y))}${row("E = −d ln y", num("lesson-e-before", before.e))}
      </tbody>
    </table>
    <h3>${stepped ? t("one.gradients") : t("one.gradientsPreview")}</h3>
    <table class="lesson-table chain">
      <tbody>
        <tr>
          <th>∂E/∂w₂</th>
          <td><span class="formula-text">(−d/y) · y(1−y) · h</span></td>
        </tr>
        <tr>
          <th></th>
          <td>${factors(w.e2)} = ${num("lesson-grad-w2", w.e2.gradient)}</td>
        </tr>
        <tr>
          <th>∂E/∂w₁</th>
          <td><span class="formula-text">(w₂ · (y−d)) · h(1−h) · x</span></td>
        </tr>
        <tr>
          <th></th>
          <td>${factors(w.e1)} = ${num("lesson-grad-w1", w.e1.gradient)}</td>
        </tr>
      </tbody>
    </table>
    <h3>${withMath(t("one.update", { alpha }))}</h3>
    <table class="lesson-table">
      <tbody>
        ${update(0, w.e1)}${update(1, w.e2)}
      </tbody>
    </table>
    <h3>${t("one.after")}</h3>
    ${
      stepped
        ? html`<table class="lesson-table">
            <tbody>
              ${row("y = g(w₂ g(w₁x))", num("lesson-y-after", w.now.outputs[0][0]))}${row("E", num("lesson-e-after", w.now.loss))}
            </tbody>
          </table>`
        : html`<p class="hint">${t("one.pressStep")}</p>`
    }`;
}

/** @param {import("../scenes/main.js").MainScene} main */
export function createOneStep(main) {
  const typed = new Set(); // inputs typed into: updates leave them alone until set
  const inputs = () =>
    /** @type {HTMLInputElement[]} */ ([0, 1].map((l) => document.querySelector(`[data-testid=lesson-w${l + 1}]`)));
  function setWeights() {
    const values = inputs().map((i) => Number(i.value));
    if (inputs().some((i) => i.value.trim() === "") || !values.every(Number.isFinite))
      return notify(t("toast.badNumber"));
    typed.clear();
    act(async () => {
      if (store.get().network.step > 0) await main.create({ preset: "article" });
      await main.adopt(await api.setAllWeights(store.get().network.id, [[[values[0]]], [[values[1]]]]));
    });
  }
  watch(
    (s) => [s.ui.lesson],
    () => typed.clear(), // a lesson opened afresh shows the network's weights
  );
  watch(
    (s) => [s.ui.lesson, s.network, s.lastStep],
    (s) => {
      const net = s.network;
      if (s.ui.lesson !== "one-step" || !net || net.layers.join("-") !== "1-1-1") return;
      // queued like an action, so the page is not idle while its numbers are on the way
      act(async () => {
        try {
          const [now, e1, e2] = await Promise.all([
            api.forward(net.id, { inputs: [[ARTICLE_X]], targets: [[ARTICLE_D]] }),
            api.explain(net.id, { layer: 0, to: 0, from: 0 }, { record: false }),
            api.explain(net.id, { layer: 1, to: 0, from: 0 }, { record: false }),
          ]);
          if (store.get().network === net)
            store.update({ widget: { id: "one-step", net, lastStep: s.lastStep, now, e1, e2 } });
        } catch (error) {
          report(error, { quiet: true });
        }
      });
    },
  );
  /** @param {any} s */
  return (s) => {
    const w = s.widget?.id === "one-step" ? s.widget : null;
    const value = (l) => (typed.has(l) ? inputs()[l].value : String(s.network.weights[l][0][0]));
    const input = (l) =>
      html`<input
        type="number"
        step="any"
        data-testid=${`lesson-w${l + 1}`}
        aria-label=${`w${l + 1}`}
        .value=${value(l)}
        @input=${() => typed.add(l)}
        @keydown=${(e) => e.key === "Enter" && setWeights()}
      />`;
    return html`<div class="lesson-widget" data-testid="one-step" data-step=${String(w?.net.step ?? "")}>
      <div class="weights-editor">
        <label><span class="math">w₁ =</span>${input(0)}</label>
        <label><span class="math">w₂ =</span>${input(1)}</label>
        <button type="button" class="btn mini" data-testid="lesson-set-weights" @click=${setWeights}>
          ${t("lessons.setWeights")}
        </button>
      </div>
      <div class="numbers">${w ? numbers(w) : ""}</div>
    </div>`;
  };
}
