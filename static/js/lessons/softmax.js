// @ts-check
// Lesson 4's widget: p against the one-hot d, and E = -ln p_true from the engine as a
// slider moves p_true (the other two classes share the rest).

import * as api from "../core/api.js";
import { report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { drawFunctionPlot } from "../charts/function-plot.js";
import { fmt } from "../model/format.js";
import { html, watch } from "../views/watch.js";

const SLIDER_MAX = 99; // the slider runs over p = 0.01 ... 0.99
const P_DEFAULT = 70;
const NLOG_POINTS = 120;
const D = [1, 0, 0];
const CURVE = Array.from({ length: NLOG_POINTS }, (_, i) => [(i + 1) / NLOG_POINTS, -Math.log((i + 1) / NLOG_POINTS)]);

/** The logits whose softmax gives p_true = slider / 100 and the rest split evenly. @param {number} slider */
export function logitsFor(slider) {
  const p = slider / (SLIDER_MAX + 1);
  return [Math.log(p), Math.log((1 - p) / 2), Math.log((1 - p) / 2)];
}

const bar = (value, cls, testid) =>
  html`<div class="hbar-track">
    <div
      class=${`hbar ${cls}`}
      data-testid=${testid}
      data-value=${String(value)}
      style=${`width:${(value * 100).toFixed(2)}%`}
    ></div>
  </div>`;

/** The widget for its data `w`; move(slider) follows the slider. @param {any} w @param {(slider: number) => void} move */
function view(w, move) {
  const r = w.result;
  return html`<div class="lesson-widget" data-testid="softmax-widget">
    <h3>${t("soft.slider")}</h3>
    <div class="slider-row">
      <span class="math">p</span><sub>${t("soft.true")}</sub>
      <input
        type="range"
        min="1"
        max=${SLIDER_MAX}
        .value=${String(w.slider)}
        data-testid="lesson-p-slider"
        aria-label="p_true"
        @input=${(e) => move(Number(e.target.value))}
      />
    </div>
    <div class="softmax-readout">
      ${
        r
          ? html`<table class="softmax-bars">
                <thead>
                  <tr>
                    <th>${t("soft.class")}</th>
                    <th>p</th>
                    <th></th>
                    <th>d</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.p.map(
                    (pj, j) =>
                      html`<tr>
                        <th>${j + 1}</th>
                        <td class="bar-cell">${bar(pj, "p", `lesson-p-${j}`)}</td>
                        <td class="num">${fmt(pj, 3)}</td>
                        <td class="bar-cell small">${bar(D[j], "d", `lesson-d-${j}`)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <p class="big-e">
                <span class="math">E = −ln p₁ = </span
                ><strong
                  data-testid="lesson-softmax-e"
                  data-value=${String(r.error)}
                  data-p=${String(r.p[0])}
                  title=${String(r.error)}
                  >${fmt(r.error, 4)}</strong
                >
              </p>`
          : ""
      }
    </div>
    <h3>${t("soft.curve")}</h3>
    <div class="plot" data-testid="lesson-nlog-plot"></div>
  </div>`;
}

export function createSoftmaxWidget() {
  /** @param {number} slider @param {boolean} record */
  async function load(slider, record) {
    try {
      const result = await api.softmax(logitsFor(slider), 0, { record });
      const w = store.get().widget;
      if (w?.id === "softmax" && w.slider === slider) store.update({ widget: { ...w, result } });
    } catch (error) {
      report(error);
    }
  }
  /** @param {number} slider */
  const move = (slider) => {
    store.update({ widget: { id: "softmax", slider, result: store.get().widget?.result ?? null } });
    load(slider, false);
  };
  watch(
    (s) => [s.ui.lesson],
    (s) => {
      if (s.ui.lesson !== "softmax") return;
      store.update({ widget: { id: "softmax", slider: P_DEFAULT, result: null } });
      load(P_DEFAULT, true);
    },
  );
  watch(
    (s) => [s.widget, s.ui.lesson],
    (s) => {
      const plot = document.querySelector("[data-testid=lesson-nlog-plot]");
      const result = s.widget?.id === "softmax" ? s.widget.result : null;
      if (plot && result)
        drawFunctionPlot(plot, {
          series: [{ points: CURVE, cls: "g" }],
          xDomain: [0, 1],
          yDomain: [0, 5],
          marker: { x: result.p[0], y: result.error },
        });
    },
  );
  /** @param {any} s */
  return (s) => view(s.widget?.id === "softmax" ? s.widget : { slider: P_DEFAULT, result: null }, move);
}
