// @ts-check
// Where an arrow key goes in the network drawing (pure). On a unit, ↑ ↓ move within its
// layer, → to its first outgoing link, ← to its first incoming one; on a link, ↑ ↓ move along
// the links of the unit it was entered from ("out": one source, "in": one target, the bias
// last), → and ← to its target and source unit. The same on SVG lines and canvas links.

/** @typedef {{layer: number, unit: number}} UnitSpot */
/** @typedef {import("./links.js").LinkId} LinkSpot */
/** @typedef {"out" | "in"} Fan */

/**
 * The spot a key leads to (null: none) and the fan the links are then walked along.
 * @param {UnitSpot | LinkSpot} at a unit ({layer, unit}) or a link ({layer, from, to})
 * @param {string} key "ArrowUp", "ArrowDown", "ArrowLeft" or "ArrowRight"
 * @param {Fan} fan
 * @param {number[]} layers unit counts, input first
 * @param {(l: number) => boolean} hasBias whether weight layer l has bias links
 * @returns {{to: UnitSpot | LinkSpot | null, fan: Fan}}
 */
export function moveFrom(at, key, fan, layers, hasBias) {
  const depth = layers.length - 1;
  const step = key === "ArrowUp" ? -1 : 1;
  const vertical = key === "ArrowUp" || key === "ArrowDown";
  if ("unit" in at) {
    const { layer, unit } = at;
    if (vertical)
      return { to: unit + step >= 0 && unit + step < layers[layer] ? { layer, unit: unit + step } : null, fan };
    if (key === "ArrowRight") return { to: layer < depth ? { layer, from: unit, to: 0 } : null, fan: "out" };
    return { to: layer > 0 ? { layer: layer - 1, from: 0, to: unit } : null, fan: "in" };
  }
  const { layer, from, to } = at;
  if (key === "ArrowRight") return { to: { layer: layer + 1, unit: to }, fan };
  if (key === "ArrowLeft") return { to: from === null ? null : { layer, unit: from }, fan };
  if (fan === "out") {
    const next = to + step;
    return { to: next >= 0 && next < layers[layer + 1] ? { layer, from, to: next } : null, fan };
  }
  const count = layers[layer] + (hasBias(layer) ? 1 : 0); // sources in order, the bias last
  const next = (from === null ? layers[layer] : from) + step;
  if (next < 0 || next >= count) return { to: null, fan };
  return { to: { layer, from: next === layers[layer] ? null : next, to }, fan };
}
