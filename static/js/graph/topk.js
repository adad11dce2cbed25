// @ts-check
// Which links the canvas paints: per unit the k strongest, k from a per-layer budget.

/**
 * The k-th largest of the first n values of `a` (reorders them): quickselect.
 * @param {Float64Array | number[]} a
 * @param {number} n
 * @param {number} k 1 = the largest
 */
export function kthLargest(a, n, k) {
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return a[want];
  }
  return a[want];
}

/**
 * Links allowed per weight layer: an equal share of `budget`, plus what smaller layers leave.
 * @param {number[]} counts links per weight layer
 * @param {number} budget
 */
export function linkBudgets(counts, budget) {
  const order = counts.map((_, i) => i).sort((a, b) => counts[a] - counts[b]);
  /** @type {number[]} */
  const out = [];
  let left = budget;
  order.forEach((i, done) => {
    out[i] = Math.min(counts[i], Math.floor(left / (counts.length - done)));
    left -= out[i];
  });
  return out;
}

/**
 * The indices of the k largest magnitudes of `values` (ties: the first ones), in order.
 * @param {ArrayLike<number>} magnitudes
 * @param {number} k
 * @param {Float64Array} scratch at least magnitudes.length long
 */
export function topIndices(magnitudes, k, scratch) {
  const n = magnitudes.length;
  const out = [];
  if (k >= n) {
    for (let i = 0; i < n; i++) out.push(i);
    return out;
  }
  for (let i = 0; i < n; i++) scratch[i] = magnitudes[i];
  const threshold = kthLargest(scratch, n, k);
  let ties = k;
  for (let i = 0; i < n; i++) if (magnitudes[i] > threshold) ties--;
  for (let i = 0; i < n; i++) {
    const m = magnitudes[i];
    if (m < threshold) continue;
    if (m === threshold && ties-- <= 0) continue;
    out.push(i);
  }
  return out;
}
