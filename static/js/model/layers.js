// @ts-check
// Two numberings meet in a network, and this file is where they are written down once.
//
// UNIT layers count the layers of units: 0 is the input layer, `depth` the output layer
// (layers = [n_0, ..., n_depth], as the API's `layers`). WEIGHT layers count the layers of
// links: weight layer l goes from unit layer l to unit layer l + 1, so `weights[l][j][i]`
// is the weight from unit i of unit layer l into unit j of unit layer l + 1 and
// `biases[l][j]` is unit j's bias in unit layer l + 1. There are `depth` weight layers.
// Per-layer data of the API that belongs to non-input units (forward `layers[k]`, deltas,
// grad_activations, grid `hidden`) is indexed by weight layer: unit layer u is entry u - 1.

/** The number of weight layers of `layers` (unit counts, input first). @param {number[]} layers */
export const depthOf = (layers) => layers.length - 1;

/** The weight layer that feeds unit layer `unitLayer` (>= 1). @param {number} unitLayer */
export const weightLayerInto = (unitLayer) => unitLayer - 1;

/** The unit layer that weight layer `l` feeds. @param {number} l */
export const unitLayerFed = (l) => l + 1;

/** The number of hidden layers. @param {number[]} layers */
export const hiddenCount = (layers) => layers.length - 2;

/** Subscript digits for unit labels such as h₂. @param {number} n */
export const sub = (n) => String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]);

/**
 * The label of unit `unit` of unit layer `layer` in a network of `depth` weight layers.
 * @param {number} layer
 * @param {number} unit
 * @param {number} depth
 */
export function unitLabel(layer, unit, depth) {
  if (layer === 0) return `x${sub(unit + 1)}`;
  if (layer === depth) return `y${sub(unit + 1)}`;
  return depth > 2 ? `h${sub(layer)}\u200a${sub(unit + 1)}` : `h${sub(unit + 1)}`;
}

/**
 * The activation of unit layer `layer` (>= 1) of a network.
 * @param {{layers: number[], hidden_activation: string, output_activation: string}} network
 * @param {number} layer
 */
export const activationOf = (network, layer) =>
  layer === depthOf(network.layers) ? network.output_activation : network.hidden_activation;

/**
 * The activation values `a` of unit layer `layer` for batch row `row` of a forward pass
 * (layer 0: the inputs `x`), or null.
 * @param {any} forward a forward response or a step's `forward`
 * @param {number[] | null} x the row's inputs
 * @param {number} layer
 * @param {number} [row]
 * @returns {number[] | null}
 */
export function activationsAt(forward, x, layer, row = 0) {
  if (layer === 0) return x;
  return forward?.layers[weightLayerInto(layer)]?.a[row] ?? null;
}
