// @ts-check
// Where everything of the network drawing goes (pure: numbers in, positions out). Up to
// SVG_MAX_LINKS links every link is its own SVG line; above that the links are painted on
// a canvas (a budget of the strongest into each unit). Layers of STRIP_MIN_UNITS or more
// (or, on the canvas path, too dense for circles) are one strip of pixel rows.

import { unitLabel } from "../model/layers.js";
import { linkKey } from "../model/links.js";
import { linkBudgets } from "./topk.js";

export const MARGIN = { top: 44, right: 84, bottom: 24, left: 84 };
const MAX_RADIUS = 24;
const MIN_RADIUS = 1.5;
const MAX_SPACING = 78;
const LABEL_MAX_UNITS = 12; // larger layers draw no labels or values
const HEATMAP_MAX_UNITS = 16; // larger layers draw no heatmaps
const DENSE_LINKS = 1500;
export const SVG_MAX_LINKS = 3000; // more links than this are painted on a canvas
const CANVAS_LINK_BUDGET = 3000; // most links the canvas paints
const STRIP_MIN_UNITS = 257; // layers this wide are one strip of pixels (784 inputs)
const STRIP_MAX_SPACING = 3.5; // on the canvas path, so are layers with units closer than this (px)
const STRIP_BIAS_ROOM = 16; // px above a strip for its bias unit
const BAND_MAX = 90;
const PIXEL_MAX = 12; // px a side of an image input's pixel unit
const CROWDED_GAP = 110; // px between columns below which a unit's label goes under it, without its value

/** @typedef {{key: string, layer: number, unit: number, x: number, y: number, r: number, strip?: boolean, label?: string, small?: boolean, heatmap?: boolean, pixel?: boolean, crowded?: boolean}} Unit */
/** @typedef {{key: string, layer: number, x: number, y: number, r: number}} BiasUnit */
/** @typedef {{key: string, layer: number, n: number, x: number, top: number, spacing: number, height: number}} Strip */
/** @typedef {{key: string, layer: number, from: number | null, to: number, source: Unit | BiasUnit, target: Unit}} Link */
/** @typedef {{layer: number, k: number, candidates: number, x: number}} Sampled */
/**
 * @typedef {object} Layout
 * @property {number} width
 * @property {number} height
 * @property {number} depth
 * @property {number[]} xs the x of each unit layer
 * @property {number[]} layers
 * @property {Unit[]} units
 * @property {BiasUnit[]} biasUnits
 * @property {Map<number, BiasUnit>} biasByLayer by weight layer (= the unit layer it sits in)
 * @property {Float64Array[]} unitY
 * @property {Strip[]} strips
 * @property {Link[]} links the SVG path's links (empty on the canvas path)
 * @property {Sampled[]} sampled per weight layer: how many links into each unit the canvas paints
 * @property {boolean} canvas
 * @property {boolean} dense
 * @property {number} band the width of a column's band
 * @property {boolean} crowded columns too close for a label beside a unit (titles and labels shorten)
 */

/** @param {number} layer @param {number} unit */
export const unitKey = (layer, unit) => `u${layer}-${unit}`;

/**
 * The x of each of `n` columns, evenly from `left` to `right` (d3.scalePoint's).
 * @param {number} n @param {number} left @param {number} right
 */
export const columnXs = (n, left, right) =>
  Array.from({ length: n }, (_, i) => (n === 1 ? (left + right) / 2 : left + (i * (right - left)) / (n - 1)));

/**
 * The layout of a network with unit counts `layers` in a width x height box.
 * @param {number[]} layers
 * @param {boolean} showBias
 * @param {number} width
 * @param {number} height
 * @param {number[] | null} [image] [rows, columns] when each input row is an image: the input units are its pixels
 * @returns {Layout}
 */
export function computeLayout(layers, showBias, width, height, image = null) {
  const depth = layers.length - 1;
  const xs = columnXs(layers.length, MARGIN.left, width - MARGIN.right);
  const counts = layers.slice(0, depth).map((n, l) => layers[l + 1] * (n + (showBias ? 1 : 0)));
  const canvas = counts.reduce((a, b) => a + b, 0) > SVG_MAX_LINKS;
  const usable = height - MARGIN.top - MARGIN.bottom;
  const units = [];
  const biasUnits = [];
  const strips = [];
  const unitY = layers.map((n) => new Float64Array(n));
  const band = Math.min(BAND_MAX, (width - MARGIN.left - MARGIN.right) / Math.max(depth, 1) - 16);
  const crowded = depth > 0 && xs[1] - xs[0] < CROWDED_GAP;
  layers.forEach((n, layer) => {
    const slots = n + (showBias && layer < depth ? 1 : 0);
    const x = xs[layer];
    if (layer === 0 && image && image[0] * image[1] === n) {
      const placed = pixelUnits(image, x, Math.min(PIXEL_MAX, (band - 8) / image[1]), MARGIN.top + usable / 2);
      placed.units.forEach((u) => ((unitY[0][u.unit] = u.y), units.push(u)));
      if (showBias) biasUnits.push({ key: "b0", layer: 0, x, y: placed.top - 16, r: 5 });
      return;
    }
    if (n >= STRIP_MIN_UNITS || (canvas && usable / slots < STRIP_MAX_SPACING)) {
      const room = slots > n ? STRIP_BIAS_ROOM : 0;
      const spacing = (usable - room) / n;
      const top = MARGIN.top + room;
      if (room) biasUnits.push({ key: `b${layer}`, layer, x, y: MARGIN.top + room / 2 - 2, r: 5 });
      strips.push({ key: `s${layer}`, layer, n, x, top, spacing, height: spacing * n });
      for (let unit = 0; unit < n; unit++) {
        unitY[layer][unit] = top + (unit + 0.5) * spacing;
        units.push({ key: unitKey(layer, unit), layer, unit, x, y: unitY[layer][unit], r: spacing / 2, strip: true });
      }
      return;
    }
    const spacing = Math.min(MAX_SPACING, usable / Math.max(slots, 1));
    // crowded: a unit and its label under it fit in the band, and the label between two rows
    const r = Math.max(
      MIN_RADIUS,
      Math.min(MAX_RADIUS, spacing * (crowded ? 0.3 : 0.36), crowded ? band / 2 - 4 : MAX_RADIUS),
    );
    const top = MARGIN.top + (usable - spacing * slots) / 2 + spacing / 2;
    const offset = slots > n ? 1 : 0;
    if (offset) biasUnits.push({ key: `b${layer}`, layer, x, y: top, r: Math.max(r * 0.6, 5) });
    const small = n > LABEL_MAX_UNITS;
    for (let unit = 0; unit < n; unit++) {
      const y = top + (unit + offset) * spacing;
      unitY[layer][unit] = y;
      const label = small ? "" : unitLabel(layer, unit, depth);
      units.push({
        key: unitKey(layer, unit),
        layer,
        unit,
        x,
        y,
        r,
        label,
        small,
        heatmap: n <= HEATMAP_MAX_UNITS, // input units too: each feature over the plane
        crowded,
      });
    }
  });
  const biasByLayer = new Map(biasUnits.map((b) => [b.layer, b]));
  const links = canvas ? [] : svgLinks(layers, units, biasByLayer);
  const budgets = linkBudgets(counts, CANVAS_LINK_BUDGET);
  const sampled = counts.map((_, l) => {
    const candidates = layers[l] + (biasByLayer.has(l) ? 1 : 0);
    const k = Math.max(1, Math.floor(budgets[l] / layers[l + 1]));
    return { layer: l, k: Math.min(k, candidates), candidates, x: (xs[l] + xs[l + 1]) / 2 };
  });
  return {
    width,
    height,
    depth,
    xs,
    layers,
    units,
    biasUnits,
    biasByLayer,
    unitY,
    strips,
    links,
    sampled,
    canvas,
    dense: links.length > DENSE_LINKS,
    band,
    crowded,
  };
}

/**
 * An image's pixels as units in its rows and columns, centred on (x, middle).
 * @param {number[]} image [rows, columns]
 * @param {number} x
 * @param {number} cell px a side
 * @param {number} middle
 */
function pixelUnits([rows, cols], x, cell, middle) {
  const top = middle - (rows * cell) / 2;
  const left = x - (cols * cell) / 2;
  /** @type {Unit[]} */
  const units = [];
  for (let unit = 0; unit < rows * cols; unit++) {
    const [row, col] = [Math.floor(unit / cols), unit % cols];
    const [ux, uy] = [left + (col + 0.5) * cell, top + (row + 0.5) * cell];
    units.push({ key: unitKey(0, unit), layer: 0, unit, x: ux, y: uy, r: cell * 0.46, small: true, pixel: true });
  }
  return { units, top };
}

/**
 * Every link of the SVG path, its units attached.
 * @param {number[]} layers
 * @param {Unit[]} units
 * @param {Map<number, BiasUnit>} biasByLayer
 */
function svgLinks(layers, units, biasByLayer) {
  const byKey = new Map(units.map((u) => [u.key, u]));
  /** @type {Link[]} */
  const links = [];
  for (let layer = 0; layer < layers.length - 1; layer++) {
    for (let to = 0; to < layers[layer + 1]; to++) {
      const target = byKey.get(unitKey(layer + 1, to));
      for (let from = 0; from < layers[layer]; from++) {
        links.push({
          key: linkKey({ layer, from, to }),
          layer,
          from,
          to,
          source: byKey.get(unitKey(layer, from)),
          target,
        });
      }
      const bias = biasByLayer.get(layer);
      if (bias) links.push({ key: linkKey({ layer, from: null, to }), layer, from: null, to, source: bias, target });
    }
  }
  return links;
}
