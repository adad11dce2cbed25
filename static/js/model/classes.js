// @ts-check
// Classes of targets and outputs, for colouring points and heatmaps (accuracy itself is the
// server's: POST /forward returns it). An activation's range comes from GET /api/config.

/**
 * The value that separates the two classes of one output unit: the middle of a bounded
 * range (sigmoid: 0.5), else 0 (tanh, relu, linear).
 * @param {(number | null)[] | undefined} range
 */
export const centreOf = (range) => (range && range[0] !== null && range[1] !== null ? (range[0] + range[1]) / 2 : 0);

/**
 * The class of a target (or output) row: argmax, or above/below `centre` for one unit.
 * @param {ArrayLike<number>} row
 * @param {number} [centre]
 */
export function classOf(row, centre = 0.5) {
  if (row.length === 1) return row[0] >= centre ? 1 : 0;
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

/**
 * The centre and half-width of a unit's colour scale: a bounded range's own, else 0 and
 * the largest magnitude in `sample`.
 * @param {(number | null)[] | undefined} range
 * @param {ArrayLike<number>} sample
 * @returns {[number, number]}
 */
export function colourRange(range, sample) {
  if (range && range[0] !== null && range[1] !== null) return [(range[0] + range[1]) / 2, (range[1] - range[0]) / 2];
  let max = 0;
  for (let i = 0; i < sample.length; i++) if (Number.isFinite(sample[i])) max = Math.max(max, Math.abs(sample[i]));
  return [0, max || 1];
}

/**
 * An activation's output range from the config ([0, 1] when unknown).
 * @param {import("../core/state.js").Config | null} config
 * @param {string} name
 * @returns {(number | null)[]}
 */
export const rangeOf = (config, name) => config?.activations.find((a) => a.name === name)?.range ?? [0, 1];
