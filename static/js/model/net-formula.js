// @ts-check
// This network's function written out with its current numbers, as formula trees
// (model/math.js's nodes, plus "term" nodes that name their link for the graph):
// nested (y = σ(w·tanh(w·x + b) + b)) while that stays short, else one line per unit,
// else too long to write out.

import { fmt } from "./format.js";
import { depthOf, unitLabel } from "./layers.js";

/** At most this many weight terms in the nested form (2-3-1 has 9, 2-4-1 12). */
export const NESTED_TERMS = 16;
/** At most this many weights in the one-line-per-unit form. */
export const LAYERED_WEIGHTS = 48;

/** @typedef {import("./math.js").MathNode} MathNode */
/** @typedef {{form: "nested" | "layered" | "summary", lines: MathNode[], weights: number}} NetFormula */

const FUNCTION = { sigmoid: "σ", tanh: "tanh", relu: "ReLU", leaky_relu: "LReLU", softmax: "softmax" };

/** @param {string} v @returns {MathNode} */
const mo = (v) => ({ t: "mo", v });
/** @param {string} v @returns {MathNode} */
const mi = (v) => ({ t: "mi", v });
/** @param {MathNode[]} items @returns {MathNode} */
const row = (items) => ({ t: "row", items });

/** f(inner), or inner for the identity. @param {string} activation @param {MathNode} inner @returns {MathNode} */
function apply(activation, inner) {
  if (activation === "linear") return inner;
  return row([mi(FUNCTION[activation] ?? activation), mo("("), inner, mo(")")]);
}

/**
 * One weighted sum: ± |w|·input ... ± |b|, each term naming its link ("link:L:J:I",
 * "bias-link:L:J") and carrying its exact value.
 * @param {any} network @param {number} l weight layer @param {number} j @param {(i: number) => MathNode} input
 * @returns {MathNode}
 */
function weightedSum(network, l, j, input) {
  /** @type {MathNode[]} */
  const items = [];
  /** @param {number} v @param {string} link @param {MathNode[]} times */
  const add = (v, link, times) => {
    if (items.length || v < 0) items.push(mo(v < 0 ? "−" : "+"));
    items.push({ t: "term", link, value: v, items: [{ t: "mn", v: fmt(Math.abs(v), 4) }] }, ...times);
  };
  network.weights[l][j].forEach((w, i) => add(w, `link:${l}:${j}:${i}`, [mo("·"), input(i)]));
  if (network.use_bias) add(network.biases[l][j], `bias-link:${l}:${j}`, []);
  return row(items);
}

/** A unit's value: its activation of its weighted sum. @param {any} network @param {number} layer unit layer @param {number} j @param {(i: number) => MathNode} input */
function unitValue(network, layer, j, input) {
  const depth = depthOf(network.layers);
  const activation = layer === depth ? network.output_activation : network.hidden_activation;
  const sum = weightedSum(network, layer - 1, j, input);
  return activation === "softmax" ? sum : apply(activation, sum);
}

/** The terms of the fully nested form. @param {number[]} layers */
function nestedTerms(layers) {
  let terms = 0; // weight terms of one unit's expansion
  for (let l = 1; l < layers.length; l++) terms = layers[l - 1] * (1 + terms);
  return terms * layers.at(-1);
}

/** y_k = ..., with softmax's outputs as y = softmax(z). @param {any} network @param {(j: number) => MathNode} value */
function outputLines(network, value) {
  const depth = depthOf(network.layers);
  const n = network.layers[depth];
  const softmax = network.output_activation === "softmax";
  const lines = Array.from({ length: n }, (_, j) =>
    row([mi(softmax ? `z${unitLabel(depth, j, depth).slice(1)}` : unitLabel(depth, j, depth)), mo("="), value(j)]),
  );
  if (softmax) lines.push(row([mi("y"), mo("="), apply("softmax", mi("z"))]));
  return lines;
}

/**
 * The formula of a network (a NetworkState).
 * @param {any} network
 * @returns {NetFormula}
 */
export function netFormula(network) {
  const { layers } = network;
  const depth = depthOf(layers);
  const weights = layers.slice(1).reduce((n, k, l) => n + k * layers[l], 0);
  /** @param {number} layer @returns {(i: number) => MathNode} */
  const nested = (layer) => (i) =>
    layer === 0 ? mi(unitLabel(0, i, depth)) : unitValue(network, layer, i, nested(layer - 1));
  if (nestedTerms(layers) <= NESTED_TERMS)
    return {
      form: "nested",
      weights,
      lines: outputLines(network, (j) => unitValue(network, depth, j, nested(depth - 1))),
    };
  if (weights > LAYERED_WEIGHTS) return { form: "summary", weights, lines: [] };
  /** @type {MathNode[]} */
  const lines = [];
  for (let layer = 1; layer < depth; layer++) {
    const input = (i) => mi(unitLabel(layer - 1, i, depth));
    for (let j = 0; j < layers[layer]; j++)
      lines.push(row([mi(unitLabel(layer, j, depth)), mo("="), unitValue(network, layer, j, input)]));
  }
  const last = (i) => mi(unitLabel(depth - 1, i, depth));
  return {
    form: "layered",
    weights,
    lines: [...lines, ...outputLines(network, (j) => unitValue(network, depth, j, last))],
  };
}
