// @ts-check
// Numbers as short strings for the screen (full precision goes in titles and data-*).

/**
 * @param {number | null | undefined} v
 * @param {number} [digits]
 */
export function fmt(v, digits = 4) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 10 ** -digits || a >= 1e6)) return v.toExponential(2);
  return v.toFixed(digits);
}
