// @ts-check
// The decision boundary in numbers (pure), for its text summary: the share of the plane
// each class gets, or the range of a regression's output over the plane.

/**
 * Each class's share of the grid's points (0..1, class 0 first): with one output the sign of
 * its z (decision) or the output against `centre`, with several the largest output.
 * @param {{output: ArrayLike<number>[], decision: ArrayLike<number> | null}} grid
 * @param {number} centre the one output's class threshold
 * @returns {number[]}
 */
export function classShares({ output, decision }, centre) {
  const n = output[0].length;
  const counts = new Array(Math.max(output.length, 2)).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    if (output.length === 1) best = (decision ? decision[i] >= 0 : output[0][i] >= centre) ? 1 : 0;
    else for (let c = 1; c < output.length; c++) if (output[c][i] > output[best][i]) best = c;
    counts[best] += 1;
  }
  return counts.map((c) => (n ? c / n : 0));
}

/** The lowest and highest value of one output over the plane. @param {ArrayLike<number>} values */
export function valueRange(values) {
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < values.length; i++) [lo, hi] = [Math.min(lo, values[i]), Math.max(hi, values[i])];
  return { lo, hi };
}
