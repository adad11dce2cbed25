// @ts-check
// The decision boundary as a line: where a value over the n x n grid (GET /grid's
// `decision`, the output's z) changes sign, by marching squares. Pure, no DOM.

/** @typedef {[number, number]} Point a point of the plane, in data coordinates */

/**
 * The segments where `values` crosses 0 (row r = y index from low to high, column c = x).
 * A value of exactly 0 counts as neither side: a plane that is 0 everywhere has no line.
 * @param {ArrayLike<number>} values n * n values, row-major
 * @param {number} n
 * @param {number[]} xRange
 * @param {number[]} yRange
 * @returns {[Point, Point][]}
 */
export function zeroCrossings(values, n, xRange, yRange) {
  const x = (c) => xRange[0] + (c / (n - 1)) * (xRange[1] - xRange[0]);
  const y = (r) => yRange[0] + (r / (n - 1)) * (yRange[1] - yRange[0]);
  const at = (r, c) => values[r * n + c];
  /** @type {[Point, Point][]} */
  const segments = [];
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      // the cell's corners in order around it, and where each edge crosses 0
      const corners = [
        [r, c],
        [r, c + 1],
        [r + 1, c + 1],
        [r + 1, c],
      ];
      /** @type {Point[]} */
      const hits = [];
      for (let k = 0; k < 4; k++) {
        const [r0, c0] = corners[k];
        const [r1, c1] = corners[(k + 1) % 4];
        const v0 = at(r0, c0);
        const v1 = at(r1, c1);
        if (!Number.isFinite(v0) || !Number.isFinite(v1)) continue;
        if (!(v0 > 0 !== v1 > 0 && (v0 < 0 || v1 < 0))) continue; // no change of sign
        const t = v0 / (v0 - v1);
        hits.push([x(c0 + t * (c1 - c0)), y(r0 + t * (r1 - r0))]);
      }
      for (let k = 0; k + 1 < hits.length; k += 2) segments.push([hits[k], hits[k + 1]]);
    }
  }
  return segments;
}
