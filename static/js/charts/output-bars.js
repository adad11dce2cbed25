// @ts-check
// The selected example's output beside its target, as bars, with its loss beneath; a
// lit-html template, so a new example patches the bars' attributes and texts in place.

import { t } from "../core/i18n.js";
import { html, render, svg } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { sizeOf } from "../core/sizes.js";

const BAR_HEIGHT = 16;
const BAR_GAP = 6;
const BAR_LABEL_WIDTH = 34;
const P_COLOR = "#1c7ed6";
const D_COLOR = "#adb5bd";
const ROW_HEIGHT = 2 * BAR_HEIGHT + BAR_GAP + 8;

/** A number with a fixed count of decimals (bars are read side by side). @param {number} v */
const fmt = (v, digits = 4) => (Number.isFinite(v) ? Number(v).toFixed(digits) : "–");

/**
 * One bar row: its label (name with the unit's subscript), track, bar and value.
 * @param {{name: string, subscript: string, value: number | null, color: string, cls: string, y0: number}} row
 * @param {(v: number) => number} x the value's position
 * @param {[number, number]} domain
 * @param {number} width
 */
function barRow({ name, subscript, value, color, cls, y0 }, x, [lo, hi], width) {
  const known = value !== null && value !== undefined;
  return svg`
    <text class="bar-label" x="0" y=${y0 + BAR_HEIGHT - 4}
      ><tspan>${name}</tspan>${subscript ? svg`<tspan class="sub" dy="3">${subscript}</tspan>` : ""}</text
    >
    <rect class="bar-track" x=${x(lo)} y=${y0} width=${x(hi) - x(lo)} height=${BAR_HEIGHT} rx="3"></rect>
    ${
      known
        ? svg`<rect class=${`bar ${cls}`} data-testid=${cls} data-value=${String(value)}
            x=${Math.min(x(0), x(value))} y=${y0} width=${Math.max(1, Math.abs(x(value) - x(0)))}
            height=${BAR_HEIGHT} rx="3" fill=${color}></rect>
          <text class="bar-value" x=${width - 4} y=${y0 + BAR_HEIGHT - 4} text-anchor="end">${fmt(value)}</text>`
        : ""
    }`;
}

/**
 * Draw the selected example's output beside its target: p and d as bars per output unit,
 * with the example's loss E beneath.
 * @param {HTMLElement} el
 * @param {{outputs: number[] | null, targets: number[] | null, loss: number, lossName: string, softmax: boolean}} example
 */
export function drawOutputBars(el, { outputs, targets, loss, lossName, softmax }) {
  if (!outputs) {
    render("", el);
    return;
  }
  const width = sizeOf(el).width || 320;
  const k = outputs.length;
  const height = k * ROW_HEIGHT + 8;
  const lo = Math.min(0, ...outputs, ...(targets || []));
  const hi = Math.max(1, ...outputs, ...(targets || []));
  const left = BAR_LABEL_WIDTH + 4;
  /** @param {number} v */
  const x = (v) => left + ((v - lo) / (hi - lo)) * (width - 60 - left);
  const rows = outputs.map((p, i) => {
    const subscript = k > 1 ? String(i + 1) : "";
    const bars = [
      { name: softmax ? "p" : "y", value: p, color: P_COLOR, cls: "bar-p" },
      { name: "d", value: targets ? targets[i] : null, color: D_COLOR, cls: "bar-d" },
    ].map((row, r) => barRow({ ...row, subscript, y0: r * (BAR_HEIGHT + 2) }, x, [lo, hi], width));
    return svg`<g transform=${`translate(0,${i * ROW_HEIGHT + 4})`}>${bars}</g>`;
  });
  render(
    html`<svg class="bars-svg" viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height}>${rows}</svg>
      <p class="example-loss" data-testid="example-loss">
        <span class="math">E</span><span> = ${fmt(loss, 6)}</span
        ><span class="hint-inline"> ${t("chart.lossOnExample", { loss: lossName })}</span>
      </p>`,
    el,
  );
}
