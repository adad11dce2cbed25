// @ts-check
// The compare view's numbers: how far apart two networks' parameters are.

/**
 * The distance between two parameter trees ({weights, biases}, the same shapes): the
 * Euclidean norm of their difference and its largest entry.
 * @param {{weights: ArrayLike<number>[][], biases: ArrayLike<number>[]}} a
 * @param {{weights: ArrayLike<number>[][], biases: ArrayLike<number>[]}} b
 */
export function parameterGap(a, b) {
  const gap = { sum: 0, max: 0 };
  /** @param {ArrayLike<number>} x @param {ArrayLike<number>} y */
  const add = (x, y) => {
    for (let i = 0; i < x.length; i++) {
      const d = Math.abs(x[i] - y[i]);
      gap.sum += d * d;
      gap.max = Math.max(gap.max, d);
    }
  };
  a.weights.forEach((layer, l) => layer.forEach((row, j) => add(row, b.weights[l][j])));
  a.biases.forEach((row, l) => add(row, b.biases[l]));
  return { norm: Math.sqrt(gap.sum), max: gap.max };
}
