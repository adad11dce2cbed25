// @ts-check
// Whose gradient is it: the pulls' sums for the bar, and each point's size. Pure, no DOM.

/**
 * The bar's parts: the positive pulls' share of the mean, the negative ones', the penalty's
 * term and their total (the gradient), each over the number of rows.
 * @param {number[]} pulls @param {number} penalty
 */
export function pullSums(pulls, penalty) {
  const n = pulls.length || 1;
  let up = 0;
  let down = 0;
  for (const p of pulls) {
    if (p > 0) up += p;
    else down += p;
  }
  return { up: up / n, down: down / n, penalty, total: (up + down) / n + penalty };
}

/**
 * A point's radius: its pull's size on a square-root scale (area ~ |pull|), up to `most`.
 * @param {number} pull @param {number} largest the largest |pull| @param {number} least @param {number} most
 */
export function pullRadius(pull, largest, least, most) {
  if (!(largest > 0)) return least;
  return least + (most - least) * Math.sqrt(Math.abs(pull) / largest);
}

/** The largest |value| of a list (0 when empty). @param {number[]} values */
export const largestOf = (values) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * A parameter's short name: "w x₁→h₂" for a weight, "b h₂" for a bias.
 * @param {number[]} layers @param {{layer: number, to: number, from: number | null}} link
 * @param {(layer: number, unit: number, depth: number) => string} label the units' labels
 */
export function paramName(layers, { layer, to, from }, label) {
  const depth = layers.length - 1;
  const target = label(layer + 1, to, depth);
  return from === null ? `b ${target}` : `w ${label(layer, from, depth)}→${target}`;
}
