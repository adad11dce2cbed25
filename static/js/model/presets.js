// @ts-check
// Which preset a network is: the one whose architecture, activations, loss and dataset it
// has, or none. How it trains and where it started (learning rate, batch size, seed, the
// given weights) are not what it is: a step or a Reset keeps the name.

const NOT_WHAT_IT_IS = new Set(["learning_rate", "batch_size", "seed", "weights", "biases"]);

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The name of the preset the network is, or "" (custom).
 * @param {any} network a NetworkState
 * @param {{name: string, config: Record<string, any>}[]} presets GET /api/presets
 */
export function presetOf(network, presets) {
  if (!network) return "";
  const value = (/** @type {string} */ key) => (key === "dataset" ? network.dataset?.name : network[key]);
  const found = presets.find((p) =>
    Object.entries(p.config || {}).every(([key, want]) => NOT_WHAT_IT_IS.has(key) || same(value(key), want)),
  );
  return found ? found.name : "";
}
