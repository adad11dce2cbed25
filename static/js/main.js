// Wiring: the page's state, the controls, the event stream, and when to redraw what.

import * as api from "./api.js";
import * as charts from "./charts.js";
import { fmt, h } from "./dom.js";
import { createGraph, divergingColor, niceMax, unitLabel } from "./graph.js";
import { renderInspector } from "./inspector.js";
import { buildPhases, phaseDetail, phaseTitle, phaseView } from "./phases.js";
import { readHash, VIEWS, writeHash } from "./state.js";

const GRID_RESOLUTION = 40;
const REFRESH_GAP_MS = 120; // least time between two background refreshes
const TOAST_MS = 3500;
const MAX_HIDDEN_LAYERS = 6;
const MAX_UNITS = 256;
const NEW_LAYER_UNITS = 4;
const EXAMPLE_CHIPS_MAX = 16; // datasets up to this size list every example as a chip
const LEGEND_WIDTH = 180;
const DEFAULT_CREATE = { layers: [2, 3, 1], dataset: "xor" };
const KEYS = [
  ["Space", "play / pause"],
  ["→  or  s", "one step (next phase in step-through)"],
  ["←", "previous phase (step-through)"],
  ["z", "undo one step"],
  ["r", "reset: new random weights"],
  ["t", "step-through mode on / off"],
  ["1  2  3", "show weights / gradients / last update"],
  ["b", "show / hide bias units"],
  ["?", "this list"],
  ["Esc", "close the inspector or this list"],
];
const VIEW_TITLES = { weights: "weight w", gradients: "gradient ∂E/∂w (last step)", updates: "last update Δw" };

const $ = (id) => document.getElementById(id);

const ui = readHash();
let network = null; // the NetworkState shown
let lastStep = null; // the last step response ({derived: true, ...} when inferred from an event)
let datasetData = null; // the network's training (and test) points
let datasets = [];
let presets = [];
let example = null; // forward pass of the selected example: {layers, outputs, loss}
let gridData = null; // decoded grid: {n, xRange, yRange, hidden, output}
let historyData = null;
let accuracy = null;
let events = null;
let playing = false;
let phaseIndex = null; // step-through: which phase of lastStep is shown
let selectedLink = null; // key of the link shown in the inspector
let inspected = null; // {layer, to, from} of the inspector
let userSeed = null; // a seed the user typed (kept by Reset)
let busy = Promise.resolve();

const graph = createGraph($("graph"), {
  onLinkHover: showLinkTooltip,
  onLinkClick: (d) => inspect(d.layer, d.to, d.from),
  onUnitHover: showUnitTooltip,
  onLeave: hideTooltip,
});

// ---------------------------------------------------------------- helpers

function toast(message, kind = "error") {
  const el = $("toast");
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    el.hidden = true;
  }, TOAST_MS);
}

/** Run one user action after the previous one, reporting its error instead of throwing. */
function act(fn) {
  busy = busy.then(fn).catch((error) => {
    console.warn(error);
    toast(error.message || String(error));
  });
  return busy;
}

const depth = () => network.layers.length - 1;
const isTwoD = () => network && network.dataset.input_dim === 2;
const nameOf = (layer, unit) => (unit === null ? "bias 1" : unitLabel(layer, unit, depth()));
const paramAt = (tree, layer, to, from) =>
  tree ? (from === null ? tree.biases?.[layer]?.[to] : tree.weights?.[layer]?.[to]?.[from]) : undefined;
const subtractTrees = (after, before) => ({
  weights: after.weights.map((w, l) => w.map((r, j) => r.map((v, i) => v - before.weights[l][j][i]))),
  biases: after.biases.map((b, l) => b.map((v, j) => v - before.biases[l][j])),
});

/** The last update Δw of the last step, when it is known. */
function lastUpdate() {
  if (!lastStep || !network) return null;
  if (lastStep.update) return lastStep.update;
  if (lastStep.network.revision !== network.revision) return null;
  return subtractTrees(network, { weights: lastStep.weights_before, biases: lastStep.biases_before });
}

/** The row of the selected example in the last step's batch, or -1. */
function rowInLastStep() {
  if (!lastStep || lastStep.derived || !datasetData) return -1;
  const x = datasetData.inputs[ui.ex];
  if (!x) return -1;
  return lastStep.inputs.findIndex((r) => r.every((v, i) => v === x[i]));
}

// ---------------------------------------------------------------- network life cycle

/** Show a NetworkState (from a response or the event stream). */
async function adopt(state, { step = null, external = false } = {}) {
  const changedNet = !network || network.id !== state.id;
  const before = network;
  if (!changedNet && state.revision < network.revision) return; // stale
  if (step) lastStep = step;
  else if (changedNet) lastStep = null;
  else if (external && state.step === before.step + 1 && state.weights.length === before.weights.length) {
    // a step made elsewhere (curl): the update is exact, the gradient follows from it
    const update = subtractTrees(state, before);
    const lr = state.learning_rate;
    lastStep = {
      derived: true,
      update,
      gradients: {
        weights: update.weights.map((w) => w.map((r) => r.map((v) => -v / lr))),
        biases: update.biases.map((b) => b.map((v) => -v / lr)),
      },
      network: state,
    };
  } else if (state.step !== before.step) lastStep = null;
  network = state;
  if (changedNet) {
    ui.net = state.id;
    ui.ex = Math.min(ui.ex, state.dataset.size - 1);
    phaseIndex = null;
    closeInspector();
    follow(state.id);
    datasetData = await api.dataset(state.id);
    renderExamples();
  }
  if (step && ui.st && !playing) phaseIndex = 0;
  else if (!step && state.step !== before?.step) phaseIndex = null;
  writeHash(ui);
  syncControls();
  render();
  scheduleRefresh();
}

function follow(id) {
  if (events) events.close();
  events = api.followEvents(id, {
    onState: (state) => {
      if (!network || state.id !== network.id || state.revision <= network.revision) return;
      adopt(state, { external: true });
    },
    onDeleted: () => toast("this network was deleted on the server"),
  });
}

/** The create body for the current settings, with overrides. */
function createBody(overrides = {}) {
  const body = {
    layers: [...network.layers],
    hidden_activation: network.hidden_activation,
    output_activation: network.output_activation,
    loss: network.loss,
    learning_rate: network.learning_rate,
    batch_size: network.batch_size,
    use_bias: network.use_bias,
    init: network.init,
    dataset: network.dataset.name,
    ...overrides,
  };
  if (userSeed !== null) body.seed = userSeed;
  return body;
}

async function recreate(overrides = {}) {
  stopPlaying();
  const state = await api.createNetwork(createBody(overrides));
  await adopt(state);
}

async function createDefault() {
  const body = presets.some((p) => p.name === "xor") ? { preset: "xor" } : DEFAULT_CREATE;
  await adopt(await api.createNetwork(body));
}

// ---------------------------------------------------------------- actions

async function doStep() {
  const response = await api.step(network.id);
  await adopt(response.network, { step: response });
}

async function doUndo() {
  stopPlaying();
  await adopt(await api.undo(network.id));
}

function stopPlaying() {
  playing = false;
  syncPlay();
}

let playToken = 0;

/** Train while playing: each frame one request of k-1 steps, then one exact step. */
async function playLoop(token) {
  const live = () => playing && token === playToken;
  while (live()) {
    await act(async () => {
      if (!live()) return;
      try {
        const k = ui.speed;
        if (k > 1) {
          const trained = await api.train(network.id, k - 1);
          await adopt(trained.network);
        }
        if (live()) await doStep();
      } catch (error) {
        stopPlaying();
        throw error;
      }
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

function togglePlay() {
  playing = !playing;
  syncPlay();
  if (playing) {
    phaseIndex = null;
    playLoop(++playToken);
  }
}

function setView(view) {
  ui.view = view;
  writeHash(ui);
  syncControls();
  render();
}

function setPhase(index) {
  if (!lastStep || lastStep.derived) return;
  const count = buildPhases(depth()).length;
  phaseIndex = Math.max(0, Math.min(count - 1, index));
  render();
}

/** Next phase; past the last one (or before any step), a new step. Queued after pending actions. */
function nextPhase() {
  act(async () => {
    const count = network ? buildPhases(depth()).length : 0;
    if (phaseIndex === null || phaseIndex >= count - 1 || !lastStep || lastStep.derived) await doStep();
    else setPhase(phaseIndex + 1);
  });
}

function prevPhase() {
  act(async () => {
    if (phaseIndex !== null) setPhase(phaseIndex - 1);
  });
}

// ---------------------------------------------------------------- background data

let refreshTimer = null;
let refreshing = false;
let refreshAgain = false;

/** Fetch the example's forward pass, the grid, the history and the accuracy (coalesced). */
function scheduleRefresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  if (refreshTimer) return;
  refreshTimer = setTimeout(runRefresh, REFRESH_GAP_MS);
}

async function runRefresh() {
  refreshTimer = null;
  refreshing = true;
  const id = network.id;
  try {
    const x = datasetData.inputs[ui.ex];
    const t = datasetData.targets[ui.ex];
    const jobs = [api.forward(id, [x], [t]), api.history(id)];
    if (isTwoD()) jobs.push(api.grid(id, GRID_RESOLUTION), api.forward(id, datasetData.inputs, datasetData.targets));
    if (isTwoD() && datasetData.test_inputs) jobs.push(api.forward(id, datasetData.test_inputs, datasetData.test_targets));
    const [fw, hist, grid, all, test] = await Promise.all(jobs);
    if (network.id !== id) return;
    example = fw;
    historyData = hist;
    gridData = grid ? decodeGrid(grid) : null;
    accuracy = all ? { train: accuracyOf(all.outputs, datasetData.targets), test: test ? accuracyOf(test.outputs, datasetData.test_targets) : null } : null;
    render();
    renderPanels();
    if (inspected) await refreshInspector({ record: false });
  } catch (error) {
    if (error.status !== 404) console.warn(error);
  } finally {
    refreshing = false;
    if (refreshAgain) {
      refreshAgain = false;
      scheduleRefresh();
    }
  }
}

function decodeGrid(grid) {
  return {
    n: grid.resolution,
    xRange: grid.x_range,
    yRange: grid.y_range,
    output: grid.output.map(api.decodeFloat32),
    hidden: grid.hidden.map((layer) => layer.map(api.decodeFloat32)),
  };
}

function outputCentre() {
  return ["tanh", "linear", "relu", "leaky_relu"].includes(network.output_activation) ? 0 : 0.5;
}

function accuracyOf(outputs, targets) {
  let right = 0;
  outputs.forEach((o, i) => {
    if (charts.targetClass(o, outputCentre()) === charts.targetClass(targets[i], outputCentre())) right++;
  });
  return { right, total: outputs.length };
}

// ---------------------------------------------------------------- drawing

/** The model the graph draws, for the current view or step-through phase. */
function graphModel() {
  const model = {
    layers: network.layers,
    useBias: network.use_bias,
    showBias: ui.bias,
    weights: network.weights,
    biases: network.biases,
    selectedLink,
    heatmaps: heatmaps(),
  };
  const phases = buildPhases(depth());
  if (ui.st && phaseIndex !== null && lastStep && !lastStep.derived && phaseIndex < phases.length) {
    const row = Math.max(rowInLastStep(), 0);
    const view = phaseView(lastStep, phases[phaseIndex], row, network);
    const scaleSource = view.view === "gradients" ? lastStep.gradients : network;
    return { ...model, ...view, scaleMax: niceMax(scaleSource.weights, scaleSource.biases), unitScaleMax: 1, viewName: view.view };
  }
  let shown = { weights: network.weights, biases: network.biases };
  if (ui.view === "gradients") shown = lastStep ? lastStep.gradients : null;
  if (ui.view === "updates") shown = lastUpdate();
  const unitValues = [datasetData?.inputs[ui.ex] || null];
  const unitText = [unitValues[0] ? unitValues[0].map((v) => fmt(v, 3)) : null];
  for (let l = 1; l <= depth(); l++) {
    const a = example?.layers[l - 1]?.a[0] || null;
    unitValues.push(a);
    unitText.push(a ? a.map((v) => fmt(v, 3)) : null);
  }
  return {
    ...model,
    shown,
    unitValues,
    unitText,
    unitScaleMax: 1,
    activeLayers: [],
    scaleMax: shown ? niceMax(shown.weights, network.use_bias ? shown.biases : []) : 1,
    viewName: ui.view,
  };
}

let heatmapCache = { grid: null, urls: null };

function heatmaps() {
  if (!gridData) return null;
  if (heatmapCache.grid === gridData) return heatmapCache.urls;
  const n = gridData.n;
  const urls = [null];
  gridData.hidden.forEach((layer, l) => {
    urls.push(layer.length <= 16 ? layer.map((v) => charts.heatmapURL(n, charts.unitColorFn(v, network.hidden_activation))) : null);
  });
  const out = gridData.output;
  urls.push(out.length <= 16 ? out.map((v) => charts.heatmapURL(n, charts.unitColorFn(v, network.output_activation))) : null);
  heatmapCache = { grid: gridData, urls };
  return urls;
}

function render() {
  if (!network) return;
  const model = graphModel();
  graph.render(model);
  $("graph").dataset.networkId = network.id;
  $("graph").dataset.revision = String(network.revision);
  $("graph").dataset.step = String(network.step);
  renderLegend(model.scaleMax, model.viewName, !model.shown);
  renderPhase();
}

function renderLegend(max, view, unknownView) {
  const root = $("legend");
  root.replaceChildren();
  const svg = d3
    .select(root)
    .append("svg")
    .attr("width", LEGEND_WIDTH + 24)
    .attr("height", 34)
    .attr("class", "legend-svg");
  const gradient = svg.append("defs").append("linearGradient").attr("id", "legend-gradient");
  [0, 0.25, 0.5, 0.75, 1].forEach((t) =>
    gradient
      .append("stop")
      .attr("offset", `${t * 100}%`)
      .attr("stop-color", divergingColor((t - 0.5) * 2 * max, max)),
  );
  svg.append("rect").attr("x", 12).attr("y", 4).attr("width", LEGEND_WIDTH).attr("height", 10).attr("rx", 5).attr("class", "legend-bar").attr("fill", "url(#legend-gradient)");
  [
    [12, `−${fmt(max, 2)}`, "start"],
    [12 + LEGEND_WIDTH / 2, "0", "middle"],
    [12 + LEGEND_WIDTH, `+${fmt(max, 2)}`, "end"],
  ].forEach(([x, text, anchor]) => svg.append("text").attr("x", x).attr("y", 28).attr("text-anchor", anchor).text(text));
  root.append(
    h(
      "div",
      { class: "legend-text" },
      h("strong", {}, `links: ${VIEW_TITLES[view]}`),
      h("span", { class: unknownView ? "legend-warn" : "" }, unknownView ? "not known for this step: press Step" : "colour = sign, width = size"),
      h("span", {}, "units: activation a of the example", h("span", { class: "swatch neg" }), "−1 … ", h("span", { class: "swatch pos" }), "+1"),
    ),
  );
}

function renderPhase() {
  const box = $("phase");
  const detail = $("phase-detail");
  box.hidden = !ui.st;
  if (!ui.st) {
    detail.hidden = true;
    return;
  }
  const phases = buildPhases(depth());
  const active = phaseIndex !== null && lastStep && !lastStep.derived;
  $("phase-label").textContent = active
    ? phaseTitle(phases[phaseIndex], depth(), phaseIndex, phases.length)
    : "press Step (s) to watch one step phase by phase";
  box.dataset.phase = active ? String(phaseIndex) : "";
  box.dataset.kind = active ? phases[phaseIndex].kind : "";
  $("phase-prev").disabled = !active || phaseIndex === 0;
  detail.hidden = !active;
  if (active) {
    const row = Math.max(rowInLastStep(), 0);
    detail.replaceChildren(...phaseDetail(lastStep, phases[phaseIndex], row, network));
  }
}

function renderPanels() {
  if (!network) return;
  charts.drawLossCurve($("loss-chart"), historyData);
  const softmax = network.output_activation === "softmax";
  $("output-title").textContent = `Output ${softmax ? "p" : "y"} vs target d · example ${ui.ex + 1}`;
  if (example && datasetData) {
    charts.drawOutputBars($("output-panel"), {
      outputs: example.outputs[0],
      targets: datasetData.targets[ui.ex],
      loss: example.loss,
      lossName: network.loss,
      softmax,
    });
  }
  const card = $("boundary-card");
  card.hidden = !(isTwoD() && gridData);
  if (!card.hidden) {
    const centre = outputCentre();
    const points = datasetData.inputs.map((x, i) => ({ key: `t${i}`, x: x[0], y: x[1], cls: charts.targetClass(datasetData.targets[i], centre), test: false }));
    (datasetData.test_inputs || []).forEach((x, i) =>
      points.push({ key: `v${i}`, x: x[0], y: x[1], cls: charts.targetClass(datasetData.test_targets[i], centre), test: true }),
    );
    charts.drawBoundary($("boundary"), {
      image: charts.heatmapURL(gridData.n, charts.outputColorFn(gridData.output, network.output_activation)),
      xRange: gridData.xRange,
      yRange: gridData.yRange,
      points,
      selected: `t${ui.ex}`,
      classCount: network.dataset.output_dim === 1 ? 2 : network.dataset.output_dim,
    });
    const acc = accuracy;
    $("accuracy").textContent = acc
      ? `train ${acc.train.right}/${acc.train.total}` + (acc.test ? ` · test ${acc.test.right}/${acc.test.total}` : "")
      : "";
    $("accuracy").dataset.right = acc ? String(acc.train.right) : "";
  }
}

// ---------------------------------------------------------------- tooltips and inspector

function placeTooltip(event, children) {
  const tip = $("tooltip");
  tip.replaceChildren(...children);
  tip.hidden = false;
  const box = $("graph").parentElement.getBoundingClientRect();
  let left = event.clientX - box.left + 14;
  const top = event.clientY - box.top + 14;
  if (left + tip.offsetWidth > box.width) left = event.clientX - box.left - tip.offsetWidth - 14;
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

function hideTooltip() {
  $("tooltip").hidden = true;
}

const tipRow = (label, value, testid) =>
  h("tr", {}, h("th", {}, label), h("td", { class: "num", "data-testid": testid }, value === undefined || value === null ? "–" : String(value)));

function showLinkTooltip(d, event) {
  const from = nameOf(d.layer, d.from);
  const to = nameOf(d.layer + 1, d.to);
  const update = lastUpdate();
  placeTooltip(event, [
    h("div", { class: "tip-title" }, d.from === null ? `bias → ${to}` : `${from} → ${to}`),
    h(
      "table",
      {},
      h(
        "tbody",
        {},
        tipRow(d.from === null ? "b" : "w", paramAt(network, d.layer, d.to, d.from), "tip-weight"),
        tipRow("∂E/∂w" + (lastStep?.derived ? " (from Δw/α)" : ""), paramAt(lastStep?.gradients, d.layer, d.to, d.from), "tip-gradient"),
        tipRow("Δw last", paramAt(update, d.layer, d.to, d.from), "tip-update"),
      ),
    ),
    h("div", { class: "hint" }, "click for the chain rule"),
  ]);
}

function showUnitTooltip(d, event) {
  const rows = [];
  const name = unitLabel(d.layer, d.unit, depth());
  if (d.layer === 0) {
    rows.push(tipRow("x (input)", datasetData?.inputs[ui.ex]?.[d.unit], "tip-out"));
  } else {
    const layer = example?.layers[d.layer - 1];
    rows.push(tipRow("in (z)", layer?.z[0][d.unit], "tip-in"));
    rows.push(tipRow("out (a)", layer?.a[0][d.unit], "tip-out"));
    const row = rowInLastStep();
    if (lastStep && !lastStep.derived) {
      const deltas = lastStep.deltas[d.layer - 1];
      const delta = row >= 0 ? deltas[row][d.unit] : deltas.reduce((s, r) => s + r[d.unit], 0);
      rows.push(tipRow(row >= 0 ? "δ (last step)" : "Σ δ over last batch", delta, "tip-delta"));
    } else {
      rows.push(tipRow("δ", "after a Step", "tip-delta"));
    }
    if (network.use_bias) rows.push(tipRow("bias b", network.biases[d.layer - 1][d.unit], "tip-bias"));
    const incoming = network.weights[d.layer - 1][d.unit];
    incoming.slice(0, 8).forEach((w, i) => rows.push(tipRow(`w ${unitLabel(d.layer - 1, i, depth())}→`, w)));
    if (incoming.length > 8) rows.push(tipRow("…", `${incoming.length - 8} more weights`));
  }
  placeTooltip(event, [h("div", { class: "tip-title" }, `${name} · ${d.layer === 0 ? "input" : d.layer === depth() ? network.output_activation : network.hidden_activation}`), h("table", {}, h("tbody", {}, ...rows))]);
}

function inspect(layer, to, from) {
  inspected = { layer, to, from };
  selectedLink = `w${layer}-${from === null ? "b" : from}-${to}`;
  $("inspector").hidden = false;
  render();
  act(() => refreshInspector({ record: true }));
}

async function refreshInspector({ record }) {
  if (!inspected) return;
  const { layer, to, from } = inspected;
  const result = await api.explain(network.id, layer, to, from, { record });
  if (!inspected || inspected.layer !== layer || inspected.to !== to || inspected.from !== from) return;
  const linkGradient = lastStep && !lastStep.derived ? paramAt(lastStep.gradients, layer, to, from) : null;
  renderInspector($("inspector-body"), result, {
    names: { from: nameOf(layer, from), to: nameOf(layer + 1, to) },
    linkGradient,
    currentWeight: paramAt(network, layer, to, from),
    onSetWeight: (value) =>
      act(async () => {
        await adopt(await api.setWeight(network.id, layer, to, from, value));
        toast(`set to ${value}`, "info");
      }),
  });
}

function closeInspector() {
  inspected = null;
  selectedLink = null;
  $("inspector").hidden = true;
  if (network) render();
}

// ---------------------------------------------------------------- controls

function syncControls() {
  $("step-count").textContent = String(network.step);
  $("loss-value").textContent = network.last_loss === null ? "–" : fmt(network.last_loss, 6);
  $("loss-value").title = network.last_loss === null ? "no step yet" : `loss of the last step's batch, before its update: ${network.last_loss}`;
  const lr = $("learning-rate");
  if (document.activeElement !== lr) lr.value = String(network.learning_rate);
  const bs = $("batch-size");
  if (document.activeElement !== bs) bs.value = String(network.batch_size);
  bs.max = String(network.dataset.size);
  $("hidden-activation").value = network.hidden_activation;
  $("output-activation").value = network.output_activation;
  $("loss").value = network.loss;
  $("init").value = network.init;
  $("seed").placeholder = String(network.seed);
  $("seed").title = `this network's seed is ${network.seed}; type one to keep it on Reset, blank for a new one each time`;
  if (userSeed === null) $("seed").value = "";
  $("dataset").value = network.dataset.name;
  $("show-bias").checked = ui.bias;
  $("undo").disabled = !network.undo_available;
  $("hidden-count").textContent = String(network.layers.length - 2);
  $("remove-layer").disabled = network.layers.length <= 2;
  $("add-layer").disabled = network.layers.length - 2 >= MAX_HIDDEN_LAYERS;
  $("speed").value = String(ui.speed);
  $("step-through").setAttribute("aria-pressed", String(ui.st));
  document.querySelectorAll("#view-switch button").forEach((b) => b.setAttribute("aria-checked", String(b.dataset.view === ui.view)));
  renderLayerUnits();
  const ds = datasets.find((d) => d.name === network.dataset.name);
  $("dataset-description").textContent = ds ? `${ds.description} · ${ds.size} train${ds.test_size ? `, ${ds.test_size} test` : ""}` : "";
  syncPlay();
}

function syncPlay() {
  const button = $("play");
  button.setAttribute("aria-pressed", String(playing));
  button.querySelector(".play-label").textContent = playing ? "Pause" : "Play";
  button.classList.toggle("playing", playing);
}

function renderLayerUnits() {
  const root = $("layer-units");
  const rows = network.layers.map((n, layer) => {
    const last = layer === network.layers.length - 1;
    const label = layer === 0 ? "input" : last ? "output" : `hidden ${layer}`;
    const fixed = layer === 0 || last;
    const pm = fixed
      ? h("span", { class: "pm fixed", title: "set by the dataset" }, h("span", { "data-testid": `units-${layer}` }, n))
      : h(
          "span",
          { class: "pm" },
          h("button", { type: "button", class: "btn mini", "data-testid": `remove-unit-${layer}`, "aria-label": `Remove a unit from ${label}`, disabled: n <= 1, onclick: () => changeUnits(layer, -1) }, "−"),
          h("span", { "data-testid": `units-${layer}` }, n),
          h("button", { type: "button", class: "btn mini", "data-testid": `add-unit-${layer}`, "aria-label": `Add a unit to ${label}`, disabled: n >= MAX_UNITS, onclick: () => changeUnits(layer, +1) }, "+"),
        );
    return h("div", { class: `layer-row${fixed ? " fixed" : ""}` }, h("span", {}, label), pm);
  });
  root.replaceChildren(...rows);
}

function changeUnits(layer, delta) {
  const layers = [...network.layers];
  layers[layer] = Math.max(1, Math.min(MAX_UNITS, layers[layer] + delta));
  act(() => recreate({ layers }));
}

function changeLayers(delta) {
  const layers = [...network.layers];
  if (delta > 0 && layers.length - 2 < MAX_HIDDEN_LAYERS) layers.splice(layers.length - 1, 0, layers.length > 2 ? layers.at(-2) : NEW_LAYER_UNITS);
  if (delta < 0 && layers.length > 2) layers.splice(layers.length - 2, 1);
  act(() => recreate({ layers }));
}

function changeDataset(name) {
  const ds = datasets.find((d) => d.name === name);
  if (!ds) return;
  const layers = [...network.layers];
  layers[0] = ds.input_dim;
  layers[layers.length - 1] = ds.output_dim;
  const overrides = { layers, dataset: name, batch_size: Math.min(network.batch_size, ds.size) };
  if (ds.output_dim > 1 && network.output_activation !== "softmax") {
    Object.assign(overrides, { output_activation: "softmax", loss: "cross_entropy" });
  } else if (ds.output_dim === 1 && network.output_activation === "softmax") {
    Object.assign(overrides, { output_activation: "sigmoid", loss: "binary_cross_entropy" });
  }
  act(() => recreate(overrides));
}

function renderExamples() {
  const root = $("examples");
  const n = datasetData.inputs.length;
  const label = (i) => {
    const x = datasetData.inputs[i].map((v) => fmt(v, 2)).join(", ");
    const t = datasetData.targets[i];
    const target = t.length === 1 ? fmt(t[0], 0) : `class ${t.indexOf(Math.max(...t)) + 1}`;
    return `(${x}) → ${target}`;
  };
  if (n <= EXAMPLE_CHIPS_MAX) {
    root.replaceChildren(
      ...datasetData.inputs.map((_, i) =>
        h("button", { type: "button", class: "chip", "data-testid": `example-${i}`, "aria-pressed": String(i === ui.ex), onclick: () => selectExample(i) }, label(i)),
      ),
    );
  } else {
    const input = h("input", { type: "range", min: 0, max: n - 1, value: ui.ex, "data-testid": "example-slider", "aria-label": "Example" });
    const text = h("span", { class: "example-label", "data-testid": "example-label" }, `#${ui.ex + 1} ${label(ui.ex)}`);
    input.addEventListener("input", () => selectExample(Number(input.value)));
    root.replaceChildren(input, text);
  }
}

function selectExample(i) {
  ui.ex = i;
  writeHash(ui);
  renderExamples();
  scheduleRefresh();
  render();
}

function renderKeys() {
  const items = KEYS.flatMap(([key, text]) => [h("dt", {}, ...key.split("  ").map((k) => h("kbd", {}, k))), h("dd", {}, text)]);
  $("key-list").replaceChildren(...items);
  $("help-key-list").replaceChildren(...items.map((n) => n.cloneNode(true)));
}

function toggleHelp(show = $("help-overlay").hidden) {
  $("help-overlay").hidden = !show;
}

function onKey(event) {
  const tag = event.target.tagName;
  if (["INPUT", "SELECT", "TEXTAREA"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
  if (!network) return;
  const key = event.key;
  const handled = {
    " ": togglePlay,
    ArrowRight: () => (ui.st ? nextPhase() : act(doStep)),
    s: () => {
      if (ui.st) phaseIndex = null;
      act(doStep);
    },
    ArrowLeft: prevPhase,
    z: () => act(doUndo),
    r: () => act(() => recreate()),
    t: toggleStepThrough,
    1: () => setView(VIEWS[0]),
    2: () => setView(VIEWS[1]),
    3: () => setView(VIEWS[2]),
    b: toggleBias,
    "?": () => toggleHelp(),
    Escape: () => {
      toggleHelp(false);
      closeInspector();
    },
  }[key];
  if (!handled) return;
  event.preventDefault();
  if (event.target.tagName === "BUTTON") event.target.blur();
  handled();
}

function toggleStepThrough() {
  ui.st = !ui.st;
  if (ui.st) stopPlaying();
  phaseIndex = ui.st && lastStep && !lastStep.derived ? 0 : null;
  writeHash(ui);
  syncControls();
  render();
}

function toggleBias() {
  ui.bias = !ui.bias;
  writeHash(ui);
  syncControls();
  render();
}

function bindControls() {
  $("step").addEventListener("click", () => {
    if (ui.st) phaseIndex = null;
    act(doStep);
  });
  $("play").addEventListener("click", togglePlay);
  $("undo").addEventListener("click", () => act(doUndo));
  $("reset").addEventListener("click", () => act(() => recreate()));
  $("speed").addEventListener("change", (e) => {
    ui.speed = Number(e.target.value);
    writeHash(ui);
  });
  $("learning-rate").addEventListener("change", (e) => {
    const value = Number(e.target.value);
    if (!(value > 0)) return toast("the learning rate must be a positive number");
    act(async () => adopt(await api.patchNetwork(network.id, { learning_rate: value })));
  });
  $("batch-size").addEventListener("change", (e) => {
    const value = Number.parseInt(e.target.value, 10);
    if (!(value >= 1)) return toast("the batch size must be a whole number ≥ 1");
    act(async () => adopt(await api.patchNetwork(network.id, { batch_size: value })));
  });
  document.querySelectorAll("#view-switch button").forEach((b) => b.addEventListener("click", () => setView(b.dataset.view)));
  $("step-through").addEventListener("click", toggleStepThrough);
  $("phase-next").addEventListener("click", nextPhase);
  $("phase-prev").addEventListener("click", prevPhase);
  $("help-button").addEventListener("click", () => toggleHelp());
  $("help-close").addEventListener("click", () => toggleHelp(false));
  $("help-overlay").addEventListener("click", (e) => {
    if (e.target === $("help-overlay")) toggleHelp(false);
  });
  $("inspector-close").addEventListener("click", closeInspector);
  $("show-bias").addEventListener("change", toggleBias);
  $("add-layer").addEventListener("click", () => changeLayers(+1));
  $("remove-layer").addEventListener("click", () => changeLayers(-1));
  $("hidden-activation").addEventListener("change", (e) => act(() => recreate({ hidden_activation: e.target.value })));
  $("output-activation").addEventListener("change", (e) => {
    const output = e.target.value;
    const loss = output === "softmax" ? "cross_entropy" : output === "sigmoid" ? network.loss : "mse";
    act(() => recreate({ output_activation: output, loss }));
  });
  $("loss").addEventListener("change", (e) => {
    const loss = e.target.value;
    const output = loss === "binary_cross_entropy" ? "sigmoid" : loss === "cross_entropy" && !["softmax", "sigmoid"].includes(network.output_activation) ? "softmax" : network.output_activation;
    act(() => recreate({ loss, output_activation: output }));
  });
  $("init").addEventListener("change", (e) => act(() => recreate({ init: e.target.value })));
  $("seed").addEventListener("change", (e) => {
    const raw = e.target.value.trim();
    userSeed = raw === "" ? null : Number.parseInt(raw, 10);
    act(() => recreate());
  });
  $("dataset").addEventListener("change", (e) => changeDataset(e.target.value));
  $("preset").addEventListener("change", (e) => {
    const name = e.target.value;
    const preset = presets.find((p) => p.name === name);
    $("preset-description").textContent = preset ? preset.description : "";
    if (name) {
      stopPlaying();
      act(async () => adopt(await api.createNetwork({ preset: name })));
    }
  });
  $("copy-curl").addEventListener("click", async () => {
    const text = $("curl").textContent;
    try {
      await navigator.clipboard.writeText(text);
      toast("copied", "info");
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("curl"));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      toast("selected: press Ctrl+C to copy", "info");
    }
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", () => {
    const next = readHash();
    if (next.net && network && next.net !== network.id) {
      Object.assign(ui, next);
      act(async () => adopt(await api.getNetwork(next.net)));
    } else {
      Object.assign(ui, next, { net: ui.net });
      syncControls();
      render();
      scheduleRefresh();
    }
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      render();
      renderPanels();
    }, 100);
  });
  api.onAction((curl) => {
    $("curl").textContent = curl;
  });
}

async function init() {
  renderKeys();
  bindControls();
  [presets, datasets] = await Promise.all([api.listPresets(), api.listDatasets()]);
  $("preset").append(...presets.map((p) => h("option", { value: p.name }, p.title || p.name)));
  $("dataset").replaceChildren(...datasets.map((d) => h("option", { value: d.name }, d.name)));
  if (ui.net) {
    try {
      await adopt(await api.getNetwork(ui.net));
      return;
    } catch (error) {
      if (error.status !== 404) throw error;
      toast(`network ${ui.net} not found; made a new one`, "info");
    }
  }
  await createDefault();
}

document.body.dataset.ready = "loading";
act(async () => {
  await init();
  document.body.dataset.ready = "true";
});
