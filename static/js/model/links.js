// @ts-check
// A link is addressed by an object {layer, from, to}: weight layer `layer`, from unit `from`
// of unit layer `layer` (null: the bias unit) to unit `to` of unit layer `layer + 1`.

/** @typedef {{layer: number, from: number | null, to: number}} LinkId */
/** @typedef {{weights: number[][][], biases: number[][]}} ParamTree */

/** A stable string key for a link (for DOM keys and data-*). @param {LinkId} link */
export const linkKey = ({ layer, from, to }) => `w${layer}-${from === null ? "b" : from}-${to}`;

/**
 * The value at a link in a tree of weights and biases (undefined when absent).
 * @param {Partial<ParamTree> | null | undefined} tree
 * @param {LinkId} link
 * @returns {number | undefined}
 */
export function paramAt(tree, { layer, from, to }) {
  if (!tree) return undefined;
  return from === null ? tree.biases?.[layer]?.[to] : tree.weights?.[layer]?.[to]?.[from];
}

/**
 * after - before, entry by entry.
 * @param {ParamTree} after
 * @param {ParamTree} before
 * @returns {ParamTree}
 */
export const subtractTrees = (after, before) => ({
  weights: after.weights.map((w, l) => w.map((r, j) => r.map((v, i) => v - before.weights[l][j][i]))),
  biases: after.biases.map((b, l) => b.map((v, j) => v - before.biases[l][j])),
});

/** Updates already worked out, by step response (responses are never changed). */
const UPDATES = new WeakMap();

/**
 * The update Δw of a step: its parameters after minus before (exact; computed once a step).
 * @param {any} step a StepResult with `network`, `weights_before`, `biases_before`
 * @returns {ParamTree | null}
 */
export function updateOf(step) {
  if (!step) return null;
  if (!UPDATES.has(step)) {
    UPDATES.set(step, subtractTrees(step.network, { weights: step.weights_before, biases: step.biases_before }));
  }
  return UPDATES.get(step);
}
