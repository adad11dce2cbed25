// @ts-check
// Which loss goes with which output activation, read from GET /api/config (the server
// decides; the page only picks a companion that the server says fits).

/** @typedef {import("../core/state.js").Config} Config */

/**
 * The losses the server allows with output activation `output`.
 * @param {Config} config
 * @param {string} output
 */
export const lossesFor = (config, output) => config.losses.filter((l) => l.output_activations.includes(output));

/**
 * The output activations for `outputUnits` outputs: the output-only one (softmax) needs several.
 * @param {Config} config
 * @param {number} outputUnits
 */
export const outputsFor = (config, outputUnits) =>
  config.activations.filter((a) => a.output && (outputUnits > 1 || !isOutputOnly(config, a.name)));

/**
 * The loss to use after switching the output activation to `output`: the current one when
 * it fits, else the most specific loss that does (fewest output activations: softmax gets
 * cross-entropy, tanh gets mean squared error).
 * @param {Config} config
 * @param {string} output
 * @param {string} loss
 */
export function lossAfterOutput(config, output, loss) {
  const fits = lossesFor(config, output);
  if (fits.some((l) => l.name === loss)) return loss;
  const ranked = [...fits].sort((a, b) => a.output_activations.length - b.output_activations.length);
  return ranked[0]?.name ?? loss;
}

/**
 * The output activation to use after switching the loss to `loss`: the current one when
 * the loss allows it, else softmax for several output units when allowed, else the first allowed.
 * @param {Config} config
 * @param {string} loss
 * @param {string} output
 * @param {number} outputUnits
 */
export function outputAfterLoss(config, loss, output, outputUnits) {
  const allowed = config.losses.find((l) => l.name === loss)?.output_activations ?? [output];
  if (allowed.includes(output)) return output;
  const multi = allowed.find((name) => outputUnits > 1 && isOutputOnly(config, name));
  return multi ?? allowed.find((name) => !isOutputOnly(config, name)) ?? allowed[0];
}

/** @param {Config} config @param {string} name */
const isOutputOnly = (config, name) => config.activations.some((a) => a.name === name && !a.hidden);

/**
 * The output activation and loss for a dataset with `outputUnits` outputs: softmax for
 * several (with a loss that fits it), a non-softmax one for a single output.
 * @param {Config} config
 * @param {{output_activation: string, loss: string}} network
 * @param {number} outputUnits
 * @returns {{output_activation: string, loss: string} | null} null: keep both
 */
export function outputForDataset(config, network, outputUnits) {
  const outputOnly = isOutputOnly(config, network.output_activation);
  if (outputUnits > 1 && !outputOnly) {
    const softmax = config.activations.find((a) => a.output && !a.hidden)?.name;
    if (!softmax) return null;
    return { output_activation: softmax, loss: lossAfterOutput(config, softmax, network.loss) };
  }
  if (outputUnits === 1 && outputOnly) {
    const single = config.activations.find((a) => a.output && a.hidden)?.name;
    if (!single) return null;
    return { output_activation: single, loss: lossAfterOutput(config, single, "") };
  }
  return null;
}
