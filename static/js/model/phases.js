// @ts-check
// Step-through: one step split into phases (the forward pass layer by layer, the loss, the
// backward pass from right to left, the update), and what the graph shows in each.

import { fmt } from "./format.js";
import { weightLayerInto } from "./layers.js";

/** The paces step-through can play itself at, ms per phase (slow to fast). */
export const PACES = [3000, 1500, 700];

/** @typedef {{kind: "forward" | "loss" | "backward" | "update", layer: number | null}} Phase */

/**
 * The phases of a step of a network with `depth` weight layers.
 * @param {number} depth
 * @returns {Phase[]}
 */
export function buildPhases(depth) {
  /** @type {Phase[]} */
  const phases = [];
  for (let layer = 1; layer <= depth; layer++) phases.push({ kind: "forward", layer });
  phases.push({ kind: "loss", layer: depth });
  for (let layer = depth; layer >= 1; layer--) phases.push({ kind: "backward", layer });
  phases.push({ kind: "update", layer: null });
  return phases;
}

/**
 * A phase index moved by `delta` and kept inside the phases of `depth` weight layers.
 * @param {number} index
 * @param {number} delta
 * @param {number} depth
 */
export const movePhase = (index, delta, depth) => Math.max(0, Math.min(buildPhases(depth).length - 1, index + delta));

/**
 * What the graph shows in a phase for batch row `row`: unit values and texts revealed so
 * far, link values (weights before the step, gradients as they flow back, weights after).
 * @param {any} step a StepResult
 * @param {Phase} phase
 * @param {number} row
 * @param {any} network the NetworkState after the step
 */
export function phaseView(step, phase, row, network) {
  const depth = network.layers.length - 1;
  const fw = step.forward.layers;
  /** @type {(number[] | null)[]} */
  const unitValues = [step.inputs[row]];
  /** @type {(string[] | null)[]} */
  const unitText = [step.inputs[row].map((v) => fmt(v, 3))];
  const revealed = phase.kind === "forward" ? phase.layer : depth;
  for (let layer = 1; layer <= depth; layer++) {
    const a = layer <= revealed ? fw[weightLayerInto(layer)].a[row] : null;
    unitValues.push(a);
    unitText.push(a ? a.map((v) => `a ${fmt(v, 3)}`) : null);
  }
  let shown = { weights: step.weights_before, biases: step.biases_before };
  let view = "weights";
  const activeLayers = phase.layer === null ? [] : [phase.layer];
  if (phase.kind === "backward") {
    view = "gradients";
    const from = weightLayerInto(phase.layer);
    shown = {
      weights: step.gradients.weights.map((w, l) => (l >= from ? w : null)),
      biases: step.gradients.biases.map((b, l) => (l >= from ? b : null)),
    };
    for (let layer = phase.layer; layer <= depth; layer++) {
      unitText[layer] = step.deltas[weightLayerInto(layer)][row].map((v) => `δ ${fmt(v, 4)}`);
    }
  } else if (phase.kind === "update") {
    shown = { weights: network.weights, biases: network.biases };
    for (let layer = 1; layer <= depth; layer++) activeLayers.push(layer);
  }
  // the links the phase's numbers flow along: values forward into the layer, errors back from it
  const flow =
    phase.kind === "forward" || phase.kind === "backward"
      ? { layer: weightLayerInto(phase.layer), back: phase.kind === "backward" }
      : null;
  return { unitValues, unitText, shown, view, activeLayers, flow };
}

/**
 * The parameters that changed most in a step, largest first (at most `count`).
 * @param {number[][][]} before
 * @param {number[][][]} after
 * @param {number} count
 */
export function largestChanges(before, after, count) {
  const changes = [];
  before.forEach((w, l) =>
    w.forEach((r, j) => r.forEach((v, i) => changes.push({ l, j, i, before: v, after: after[l][j][i] }))),
  );
  changes.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  return changes.slice(0, count);
}
