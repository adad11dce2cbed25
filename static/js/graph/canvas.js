// @ts-check
// The canvas path for large networks: the links painted under the SVG units, per unit the
// k strongest of the shown values, one path per colour bucket; hovered by geometry.

import { linkKey, paramAt } from "../model/links.js";
import { divergingColor, signedBucket, UNIT_STROKE, UNKNOWN_LINK } from "./colors.js";
import { topIndices } from "./topk.js";

const LINK_BUCKETS = 24; // colour steps per sign
const LINK_WIDTH = [0.4, 1]; // px, by magnitude: lines up to 1 px rasterise ~15x faster
const LINK_ALPHA = [0.3, 0.95]; // by magnitude
const SELECTED_WIDTH = 3;
const HOVER_PX = 4; // a link is hovered within this distance

/** @typedef {{key: string, layer: number, from: number | null, to: number, x1: number, y1: number, x2: number, y2: number}} Painted */

/** Colour, width and alpha of each bucket -B..B (index b + B; b / B of the scale). */
const BUCKET_STYLES = Array.from({ length: 2 * LINK_BUCKETS + 1 }, (_, i) => {
  const b = i - LINK_BUCKETS;
  const m = Math.abs(b) / LINK_BUCKETS;
  return {
    color: divergingColor(b, LINK_BUCKETS),
    width: LINK_WIDTH[0] + (LINK_WIDTH[1] - LINK_WIDTH[0]) * Math.sqrt(m),
    alpha: LINK_ALPHA[0] + (LINK_ALPHA[1] - LINK_ALPHA[0]) * m,
  };
});

/**
 * The links to paint, each with its bucket (null: unknown value).
 * @param {import("./layout.js").Layout} layout
 * @param {import("../model/graph-model.js").GraphModel} model
 */
export function pickLinks(layout, model) {
  const { layers, unitY, xs } = layout;
  const max = model.scaleMax;
  /** @type {Painted[]} */
  const painted = [];
  /** @type {(number | null)[]} */
  const buckets = [];
  for (const { layer: l, k, candidates } of layout.sampled) {
    const nFrom = layers[l];
    const bias = layout.biasByLayer.get(l);
    const mags = new Float64Array(candidates);
    const scratch = new Float64Array(candidates);
    for (let to = 0; to < layers[l + 1]; to++) {
      const row = model.shown?.weights?.[l]?.[to];
      const known = Boolean(row);
      const source = known ? row : model.weights[l][to];
      const biasValue = known ? model.shown?.biases?.[l]?.[to] : model.biases[l][to];
      for (let i = 0; i < candidates; i++) {
        const v = i < nFrom ? source[i] : biasValue;
        mags[i] = Number.isFinite(v) ? Math.abs(v) : 0;
      }
      const y2 = unitY[l + 1][to];
      for (const i of topIndices(mags, k, scratch)) {
        const from = i < nFrom ? i : null;
        const v = from === null ? biasValue : source[from];
        painted.push({
          key: linkKey({ layer: l, from, to }),
          layer: l,
          from,
          to,
          x1: xs[l],
          y1: from === null ? bias.y : unitY[l][from],
          x2: xs[l + 1],
          y2,
        });
        buckets.push(known ? signedBucket(v, max, LINK_BUCKETS) : null);
      }
    }
  }
  return { painted, buckets };
}

/**
 * What a painting is made from: a painting from the same (===) ones would be the same pixels.
 * @param {import("./layout.js").Layout} layout
 * @param {import("../model/graph-model.js").GraphModel} model
 * @param {{dpr: number, band: string}} look
 */
export function paintedFrom(layout, model, look) {
  const { shown, selectedLink } = model;
  const selected = selectedLink && linkKey(selectedLink);
  return [layout, look, shown?.weights, shown?.biases, model.weights, model.biases, model.scaleMax, selected];
}

/**
 * Paint the bands and the links on the canvas; returns the painted links (for hovering).
 * @param {HTMLCanvasElement} canvas
 * @param {import("./layout.js").Layout} layout
 * @param {import("../model/graph-model.js").GraphModel} model
 * @param {{dpr: number, band: string}} look
 */
export function paintLinks(canvas, layout, model, look) {
  const { width, height, xs } = layout;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(look.dpr, 0, 0, look.dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.globalAlpha = 1;
  ctx.fillStyle = look.band; // the SVG bands are transparent on this path
  xs.forEach((x) => {
    ctx.beginPath();
    ctx.roundRect(x - layout.band / 2, 6, layout.band, height - 12, 10);
    ctx.fill();
  });
  const { painted, buckets } = pickLinks(layout, model);
  const byBucket = BUCKET_STYLES.map(() => []);
  const unknown = [];
  painted.forEach((d, i) =>
    (buckets[i] === null ? unknown : byBucket[buckets[i] + LINK_BUCKETS]).push(d.x1, d.y1, d.x2, d.y2),
  );
  const stroke = (coords, color, lineWidth, alpha) => {
    if (!coords.length) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.globalAlpha = alpha;
    ctx.beginPath();
    for (let i = 0; i < coords.length; i += 4) {
      ctx.moveTo(coords[i], coords[i + 1]);
      ctx.lineTo(coords[i + 2], coords[i + 3]);
    }
    ctx.stroke();
  };
  stroke(unknown, UNKNOWN_LINK, LINK_WIDTH[0], 0.8);
  for (let m = 0; m <= LINK_BUCKETS; m++) {
    for (const b of m === 0 ? [0] : [-m, m]) {
      const style = BUCKET_STYLES[b + LINK_BUCKETS]; // weakest first: the strongest end on top
      stroke(byBucket[b + LINK_BUCKETS], style.color, style.width, style.alpha);
    }
  }
  const sel = model.selectedLink;
  const y1 = sel && (sel.from === null ? layout.biasByLayer.get(sel.layer)?.y : layout.unitY[sel.layer]?.[sel.from]);
  const y2 = sel && layout.unitY[sel.layer + 1]?.[sel.to];
  if (sel && y1 !== undefined && y2 !== undefined) {
    const coords = [xs[sel.layer], y1, xs[sel.layer + 1], y2];
    stroke(coords, UNIT_STROKE, SELECTED_WIDTH + 2, 1);
    stroke(coords, divergingColor(paramAt(model.shown, sel), model.scaleMax), SELECTED_WIDTH, 1);
  }
  ctx.globalAlpha = 1;
  return painted;
}

/**
 * The painted link nearest to (px, py) within HOVER_PX, or null.
 * @param {Painted[]} painted
 * @param {number} px
 * @param {number} py
 */
export function linkAt(painted, px, py) {
  let best = null;
  let bestDistance = HOVER_PX;
  for (const d of painted) {
    if (px < d.x1 || px > d.x2) continue;
    const slope = (d.y2 - d.y1) / (d.x2 - d.x1);
    const distance = Math.abs(py - (d.y1 + slope * (px - d.x1))) / Math.sqrt(1 + slope * slope);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = d;
    }
  }
  return best;
}
