// @ts-check
// A worksheet's questions at three levels (one unit, one path, one layer) and their answers,
// from GET /api/networks/{id}/worksheet. Unit layer l is 0 for the inputs, depth for the outputs.

/**
 * @typedef {{kind: "z" | "a" | "delta" | "grad" | "new", layer: number, unit: number, from?: number}} Question
 *   z, a and delta of unit `unit` of unit layer `layer`; grad and new of the weight from unit
 *   `from` of layer `layer` - 1 to it
 * @typedef {"unit" | "path" | "layer"} Level
 */

export const LEVELS = /** @type {Level[]} */ (["unit", "path", "layer"]);

/** The units of a path, one a layer (missing or out of range: 0). @param {number[]} layers @param {number[]} path */
export const pathUnits = (layers, path) => layers.map((n, l) => (path[l] >= 0 && path[l] < n ? path[l] : 0));

/**
 * The questions, in the order one works them: forward (z, a), backward (delta), then each
 * weight's dE/dw and its new value.
 * @param {number[]} layers @param {Level} level @param {number[]} path
 * @returns {Question[]}
 */
export function questions(layers, level, path = []) {
  const depth = layers.length - 1;
  const units = pathUnits(layers, path);
  /** @type {[number, number][]} [layer, unit] pairs asked, input side first */
  let asked;
  if (level === "unit") asked = [[depth, units[depth]]];
  else if (level === "path") asked = units.slice(1).map((u, i) => [i + 1, u]);
  else
    asked = layers
      .slice(1)
      .flatMap((n, i) => [...Array(n).keys()].map((u) => /** @type {[number, number]} */ ([i + 1, u])));
  /** @type {Question[]} */
  const out = [];
  for (const [layer, unit] of asked) out.push({ kind: "z", layer, unit }, { kind: "a", layer, unit });
  for (const [layer, unit] of [...asked].reverse()) out.push({ kind: "delta", layer, unit });
  /** @type {Question[]} */
  const links =
    level === "layer"
      ? [...Array(layers[1]).keys()].flatMap((to) =>
          [...Array(layers[0]).keys()].map((from) => ({ kind: "grad", layer: 1, unit: to, from })),
        )
      : asked.map(([layer, unit]) => ({ kind: "grad", layer, unit, from: units[layer - 1] }));
  const ordered = level === "layer" ? links : [...links].reverse();
  for (const q of ordered) out.push(q, { ...q, kind: "new" });
  return /** @type {Question[]} */ (out);
}

/**
 * The answer to a question, from the worksheet's numbers.
 * @param {any} sheet GET worksheet @param {Question} q
 */
export function answer(sheet, q) {
  const i = q.layer - 1;
  if (q.kind === "z") return sheet.z[i][q.unit];
  if (q.kind === "a") return sheet.a[i][q.unit];
  if (q.kind === "delta") return sheet.delta[i][q.unit];
  const tree = q.kind === "grad" ? sheet.gradient_weights : sheet.new_weights;
  return tree[i][q.unit][/** @type {number} */ (q.from)];
}

/** A number as the sheet and its key print it. @param {number} v */
export const sheetNumber = (v) => v.toFixed(4);
