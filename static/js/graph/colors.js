// @ts-check
// The colours of the page: one diverging scale for every signed value (weights, gradients,
// activations; white at zero), shared by the graph, the legend and the charts.

const d3 = window.d3;

export const NEGATIVE = "#e8590c";
export const ZERO = "#ffffff";
export const POSITIVE = "#1c7ed6";
export const UNKNOWN_FILL = "#e9ecef";
export const UNKNOWN_LINK = "#dee2e6";
export const UNIT_STROKE = "#495057";
export const BIAS_FILL = "#f8f9fa";
/**
 * Class colours (two classes use NEGATIVE and POSITIVE): any two stay 20 CIELAB units apart
 * for normal vision and simulated protanopia, deuteranopia and tritanopia
 * (tests/test_palette.py; the earlier green, red and teal came within 9).
 */
export const CLASS_COLORS = [NEGATIVE, POSITIVE, "#cc79a7", "#a61e4d", "#7048e8", "#862e9c"];

const toNegative = d3.interpolateLab(ZERO, NEGATIVE);
const toPositive = d3.interpolateLab(ZERO, POSITIVE);

/**
 * The diverging colour of value v on a scale reaching +-max (white at zero).
 * @param {number | null | undefined} v
 * @param {number} max
 * @returns {string}
 */
export function divergingColor(v, max) {
  if (v === null || v === undefined || !Number.isFinite(v)) return UNKNOWN_LINK;
  const s = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  return s < 0 ? toNegative(-s) : toPositive(s);
}

/**
 * The step -buckets..buckets that v takes on a scale reaching +-max (null: not a number).
 * @param {number | null | undefined} v
 * @param {number} max
 * @param {number} buckets steps per sign
 * @returns {number | null}
 */
export function signedBucket(v, max, buckets) {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return max > 0 ? Math.round(Math.max(-1, Math.min(1, v / max)) * buckets) : 0;
}

const LUT_SIZE = 256;
/** @type {number[][]} */
const LUT = Array.from({ length: LUT_SIZE + 1 }, (_, i) => {
  const c = d3.rgb(divergingColor((i / LUT_SIZE) * 2 - 1, 1));
  return [c.r, c.g, c.b];
});

/**
 * The diverging colour of v on a scale reaching +-max, as [r, g, b] from a lookup table.
 * @param {number} v
 * @param {number} max
 */
export function divergingRGB(v, max) {
  return LUT[(signedBucket(v, max, LUT_SIZE / 2) ?? 0) + LUT_SIZE / 2];
}

/** The CSS colour of each step -LUT_SIZE / 2..LUT_SIZE / 2 (index b + LUT_SIZE / 2). */
const LUT_CSS = LUT.map(([r, g, b]) => `rgb(${r},${g},${b})`);

/**
 * The CSS colour of step `step` of `steps` per sign (from signedBucket; null: unknown).
 * @param {number | null} step
 * @param {number} steps a divisor of LUT_SIZE / 2
 */
export const divergingStep = (step, steps) =>
  step === null ? UNKNOWN_LINK : LUT_CSS[(step * LUT_SIZE) / 2 / steps + LUT_SIZE / 2];
