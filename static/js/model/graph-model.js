// @ts-check
// The graph model: everything the network drawing shows, built from the store's state in
// one place (the main view, step-through phases and the lesson stage all use it).

import { fmt } from "./format.js";
import { activationsAt, depthOf } from "./layers.js";
import { updateOf } from "./links.js";
import { buildPhases, phaseView } from "./phases.js";
import { niceMax } from "./scale.js";

/**
 * @typedef {object} GraphModel
 * @property {number[]} layers
 * @property {boolean} useBias
 * @property {boolean} showBias
 * @property {number[][][]} weights the current weights (data-weight, tooltips)
 * @property {number[][]} biases
 * @property {{weights: any[], biases: any[]} | null} shown what the links show (null: unknown, e.g. gradients before a step)
 * @property {(number[] | null)[]} unitValues per unit layer, the unit colours
 * @property {(string[] | null)[]} unitText per unit layer, the texts beside units
 * @property {number} unitScaleMax
 * @property {number[]} activeLayers unit layers marked active (step-through)
 * @property {{layer: number, back: boolean} | null} flow step-through: the weight layer the phase's numbers flow along
 * @property {number} scaleMax the links' colour scale reaches +-scaleMax
 * @property {string} viewName weights | gradients | updates
 * @property {import("./links.js").LinkId | null} selectedLink
 * @property {(string[] | null)[] | null} heatmaps per unit layer, a data URL per unit
 * @property {number[] | null} image [rows, columns] when each input row is an image (its pixels are the input units)
 */

/**
 * A plain model: the network's weights shown, no unit values.
 * @param {any} network a NetworkState
 * @param {Partial<GraphModel>} [extra]
 * @returns {GraphModel}
 */
export function baseModel(network, extra = {}) {
  return {
    layers: network.layers,
    useBias: network.use_bias,
    showBias: true,
    weights: network.weights,
    biases: network.biases,
    shown: { weights: network.weights, biases: network.biases },
    unitValues: [],
    unitText: [],
    unitScaleMax: 1,
    activeLayers: [],
    flow: null,
    viewName: "weights",
    selectedLink: null,
    heatmaps: null,
    image: network.dataset?.image ?? null,
    ...extra,
    // the bound is a pass over every weight: only when the caller did not give one
    scaleMax: extra.scaleMax ?? niceMax(network.weights, network.use_bias ? network.biases : []),
  };
}

/**
 * The row of example `ex` in the last step's batch (-1: not in it).
 * @param {any} lastStep
 * @param {any} data
 * @param {number} ex
 */
export function rowInStep(lastStep, data, ex) {
  const x = data?.inputs[ex];
  if (!lastStep || !x) return -1;
  return lastStep.inputs.findIndex((r) => r.every((v, i) => v === x[i]));
}

/**
 * The shown step-through phase index, or null when the page is not stepping through one.
 * @param {import("../core/state.js").AppState} s
 */
export function activePhase(s) {
  if (!s.ui.st || s.phase === null || !s.lastStep || !s.network) return null;
  return s.phase < buildPhases(depthOf(s.network.layers)).length ? s.phase : null;
}

/** Main-graph models by the state they were built for (the graph and the legend share one). */
const MODELS = new WeakMap();

/**
 * The model of the main graph for the store's state (built once per state).
 * @param {import("../core/state.js").AppState} s
 * @param {(string[] | null)[] | null} heatmaps
 * @returns {GraphModel}
 */
export function mainModel(s, heatmaps) {
  const cached = MODELS.get(s);
  if (cached && (cached.heatmaps === heatmaps || heatmaps === null)) return cached;
  const model = buildMainModel(s, heatmaps);
  MODELS.set(s, model);
  return model;
}

/**
 * @param {import("../core/state.js").AppState} s
 * @param {(string[] | null)[] | null} heatmaps
 * @returns {GraphModel}
 */
function buildMainModel(s, heatmaps) {
  const { network, lastStep, ui } = s;
  const common = { showBias: ui.bias, selectedLink: s.inspected, heatmaps };
  const index = activePhase(s);
  if (index !== null) {
    const phase = buildPhases(depthOf(network.layers))[index];
    const view = phaseView(lastStep, phase, Math.max(rowInStep(lastStep, s.data, ui.ex), 0), network);
    const source = view.view === "gradients" ? lastStep.gradients : network;
    return baseModel(network, {
      ...common,
      ...view,
      scaleMax: niceMax(source.weights, source.biases),
      viewName: view.view,
    });
  }
  const shown =
    ui.view === "gradients" ? (lastStep?.gradients ?? null) : ui.view === "updates" ? updateOf(lastStep) : network;
  // the example's own input row: its features, or the digits pad's image, as the server ran it
  const x = s.example?.inputs?.[0] ?? s.data?.inputs[ui.ex] ?? null;
  const unitValues = network.layers.map((_, layer) => activationsAt(s.example, x, layer));
  return baseModel(network, {
    ...common,
    shown: shown && { weights: shown.weights, biases: shown.biases },
    unitValues,
    unitText: unitValues.map((a) => (a ? a.map((v) => fmt(v, 3)) : null)),
    scaleMax: shown ? niceMax(shown.weights, network.use_bias ? shown.biases : []) : 1,
    viewName: ui.view,
  });
}
