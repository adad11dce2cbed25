// @ts-check
// What a step and the loss curve say in words (for the live region and the chart's text):
// the numbers only; the views put them into the page's language.

/** @typedef {import("./links.js").LinkId} LinkId */

/**
 * The weight (or bias) with the largest |gradient|, or null when there is none.
 * @param {{weights: number[][][], biases?: number[][]} | null | undefined} gradients
 * @returns {LinkId | null}
 */
export function largestGradient(gradients) {
  if (!gradients) return null;
  /** @type {LinkId | null} */
  let best = null;
  let size = -1;
  gradients.weights.forEach((w, layer) =>
    w.forEach((row, to) =>
      row.forEach((g, from) => {
        if (Math.abs(g) > size) [size, best] = [Math.abs(g), { layer, from, to }];
      }),
    ),
  );
  gradients.biases?.forEach((b, layer) =>
    b.forEach((g, to) => {
      if (Math.abs(g) > size) [size, best] = [Math.abs(g), { layer, from: null, to }];
    }),
  );
  return best;
}

/**
 * The loss curve in numbers: the first and last loss, the lowest and its step.
 * @param {{steps: number[], losses: number[]} | null | undefined} history
 * @returns {{first: number, last: number, min: number, at: number} | null}
 */
export function lossSummary(history) {
  if (!history || history.losses.length === 0) return null;
  const { steps, losses } = history;
  let low = 0;
  losses.forEach((v, i) => v < losses[low] && (low = i));
  return { first: losses[0], last: losses[losses.length - 1], min: losses[low], at: steps[low] };
}
