// @ts-check
// One numbering of examples for the whole page: an example is named by its row in the
// dataset, 1-based ("#3" is data.inputs[2]), on the chips, in step-through and in the
// chain-rule table. A batch (shuffled) names each of its rows by the dataset row it is.

/** @param {ArrayLike<number>} x @param {ArrayLike<number>} t */
const keyOf = (x, t) => JSON.stringify([Array.from(x), Array.from(t)]);

/**
 * The dataset row (0-based) of each batch row, matched by its inputs and targets; equal
 * rows take the dataset's equal rows in turn; -1 for a row that is not in the dataset.
 * @param {number[][]} inputs the batch's inputs
 * @param {number[][]} targets the batch's targets
 * @param {{inputs: number[][], targets: number[][]} | null} data the dataset rows
 * @returns {number[]}
 */
export function datasetRows(inputs, targets, data) {
  /** @type {Map<string, number[]>} */
  const free = new Map();
  (data?.inputs ?? []).forEach((x, i) => {
    const key = keyOf(x, data.targets[i]);
    free.set(key, [...(free.get(key) ?? []), i]);
  });
  return inputs.map((x, r) => {
    const left = free.get(keyOf(x, targets[r]));
    return left?.length ? /** @type {number} */ (left.shift()) : -1;
  });
}

/** "#3" for dataset row 2 (0-based). @param {number} row */
export const exampleName = (row) => `#${row + 1}`;
