// Drives TensorFlow Playground's own engine (src/nn.ts compiled by tsc) for bench_engine.py.
//
// The training loop in epoch() follows oneStep() and constructInput() in Playground's
// src/playground.ts: Copyright 2016 Google Inc., Apache License 2.0
// (http://www.apache.org/licenses/LICENSE-2.0; the LICENSE file in the peer's folder).
// Usage: node playground_driver.js <compiled nn.js>; stdin: one JSON line
// {layers, points: [[x, y, label]], weights, biases, batchSize, learningRate}, then
// commands one a line: "run K" (K epochs; prints seconds), "frame K" (K epochs, each followed
// by the 100 x 100 boundary as updateDecisionBoundary computes it; prints seconds),
// "params" (JSON), "quit".
"use strict";
const readline = require("readline");
const nn = require(process.argv[2]);

// the two input features the benchmark uses, as playground.ts's INPUTS and state hold them
const INPUTS = { x: { f: (x, y) => x }, y: { f: (x, y) => y } };
const state = { x: true, y: true, batchSize: 10, learningRate: 0.03, regularizationRate: 0 };
const DENSITY = 100;
let network = null;
let trainData = [];
let boundary = {};

function constructInput(x, y) {
  const input = [];
  for (const inputName in INPUTS) {
    if (state[inputName]) {
      input.push(INPUTS[inputName].f(x, y));
    }
  }
  return input;
}

function epoch() {
  trainData.forEach((point, i) => {
    const input = constructInput(point.x, point.y);
    nn.forwardProp(network, input);
    nn.backProp(network, point.label, nn.Errors.SQUARE);
    if ((i + 1) % state.batchSize === 0) {
      nn.updateWeights(network, state.learningRate, state.regularizationRate);
    }
  });
}

// playground.ts's d3 scales from [0, DENSITY - 1] (x) and [DENSITY - 1, 0] (y) onto the
// points' domain, [-1, 1] here
const xScale = (i) => -1 + (2 * i) / (DENSITY - 1);
const yScale = (j) => -1 + (2 * (DENSITY - 1 - j)) / (DENSITY - 1);

function updateDecisionBoundary() {
  for (let i = 0; i < DENSITY; i++) {
    for (let j = 0; j < DENSITY; j++) {
      const x = xScale(i);
      const y = yScale(j);
      const input = constructInput(x, y);
      nn.forwardProp(network, input);
      nn.forEachNode(network, true, (node) => {
        boundary[node.id][i][j] = node.output;
      });
    }
  }
}

function setUp(spec) {
  state.batchSize = spec.batchSize;
  state.learningRate = spec.learningRate;
  network = nn.buildNetwork(spec.layers, nn.Activations.TANH, nn.Activations.TANH, null, ["x", "y"]);
  trainData = spec.points.map(([x, y, label]) => ({ x, y, label }));
  boundary = {};
  nn.forEachNode(network, true, (node) => {
    boundary[node.id] = Array.from({ length: DENSITY }, () => new Array(DENSITY));
  });
  for (let l = 1; l < network.length; l++) {
    network[l].forEach((node, j) => {
      node.bias = spec.biases[l - 1][j];
      node.inputLinks.forEach((link, i) => {
        link.weight = spec.weights[l - 1][j][i];
      });
    });
  }
}

function params() {
  const weights = [];
  const biases = [];
  for (let l = 1; l < network.length; l++) {
    weights.push(network[l].map((node) => node.inputLinks.map((link) => link.weight)));
    biases.push(network[l].map((node) => node.bias));
  }
  return { weights, biases };
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (network === null) {
    setUp(JSON.parse(line));
    return;
  }
  const [command, count] = line.trim().split(/\s+/);
  if (command === "run") {
    const start = process.hrtime.bigint();
    for (let k = 0; k < Number(count); k++) {
      epoch();
    }
    console.log(Number(process.hrtime.bigint() - start) / 1e9);
  } else if (command === "frame") {
    const start = process.hrtime.bigint();
    for (let k = 0; k < Number(count); k++) {
      epoch();
      updateDecisionBoundary();
    }
    console.log(Number(process.hrtime.bigint() - start) / 1e9);
  } else if (command === "params") {
    console.log(JSON.stringify(params()));
  } else {
    lines.close();
  }
});
