// Wiring: the page's state, the controls, the event stream, and when to redraw what.

import * as api from "./api.js";
import * as charts from "./charts.js";
import { fmt, h } from "./dom.js";
import { createGraph, divergingColor, niceMax, unitLabel } from "./graph.js";
import { getLang, has, loadI18n, onLangChange, setLang, t } from "./i18n.js";
import { renderInspector } from "./inspector.js";
import { createLessons } from "./lessons.js";
import { buildPhases, phaseDetail, phaseTitle, phaseView } from "./phases.js";
import { readHash, VIEWS, writeHash } from "./state.js";

const GRID_RESOLUTION = 40;
const REFRESH_GAP_MS = 120; // least time between two background refreshes
const PLAY_REFRESH_GAP_MS = 200; // the same while playing (grid, accuracy, example)
const LOSS_CURVE_GAP_MS = 150; // least time between two loss-curve redraws while playing
const FRAME_MS = 1000 / 60; // "steps / frame" means steps per 1/60 s of play
const MAX_TRAIN_STEPS = 10000; // the server's limit for one /train
const MAX_CATCH_UP_FRAMES = 12; // a slow response does not make the next request huge
const TOAST_MS = 3500;
const MAX_HIDDEN_LAYERS = 6;
const MAX_UNITS = 256;
const NEW_LAYER_UNITS = 4;
const EXAMPLE_CHIPS_MAX = 16; // datasets up to this size list every example as a chip
const EXAMPLE_LABEL_INPUTS = 8; // an example's label shows its first inputs only
const LEGEND_WIDTH = 180;
const DEFAULT_CREATE = { layers: [2, 3, 1], dataset: "xor" };
const KEYS = [
  ["Space", "keys.play"],
  ["→  or  s", "keys.step"],
  ["←", "keys.prevPhase"],
  ["z", "keys.undo"],
  ["r", "keys.reset"],
  ["t", "keys.stepThrough"],
  ["1  2  3", "keys.views"],
  ["b", "keys.bias"],
  ["l", "keys.lessons"],
  ["[  ]", "keys.lessonSteps"],
  ["?", "keys.help"],
  ["Esc", "keys.escape"],
];

const $ = (id) => document.getElementById(id);

const ui = readHash();
let network = null; // the NetworkState shown
let typedWeight = null; // {key, text}: what the user typed in the weight editor, not yet set
let lastStep = null; // the last step (a StepResult: from POST step or GET last-step), or null
let datasetData = null; // the network's training (and test) points
let datasets = [];
let presets = [];
let example = null; // forward pass of the selected example: {layers, outputs, loss, deltas}
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
const changeListeners = [];

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

/** An error for the toast: the server's own words after a translated lead-in. */
function errorText(error) {
  const detail = error?.message || String(error);
  return error?.status ? t("error.server", { status: error.status, detail }) : t("error.generic", { detail });
}

/** Run one user action after the previous one, reporting its error instead of throwing. */
function act(fn) {
  busy = busy.then(fn).catch((error) => {
    console.warn(error);
    toast(errorText(error));
  });
  return busy;
}

const depth = () => network.layers.length - 1;
const isTwoD = () => network && network.dataset.input_dim === 2;
const nameOf = (layer, unit) => (unit === null ? t("graph.biasUnit") : unitLabel(layer, unit, depth()));
const paramAt = (tree, layer, to, from) =>
  tree ? (from === null ? tree.biases?.[layer]?.[to] : tree.weights?.[layer]?.[to]?.[from]) : undefined;
const subtractTrees = (after, before) => ({
  weights: after.weights.map((w, l) => w.map((r, j) => r.map((v, i) => v - before.weights[l][j][i]))),
  biases: after.biases.map((b, l) => b.map((v, j) => v - before.biases[l][j])),
});
const activationName = (name) => (has(`act.${name}`) ? t(`act.${name}`) : name);

/** The update Δw of the last step: its parameters after minus before (exact, from the step). */
function lastUpdate() {
  if (!lastStep) return null;
  if (!lastStep.update) lastStep.update = subtractTrees(lastStep.network, { weights: lastStep.weights_before, biases: lastStep.biases_before });
  return lastStep.update;
}

/** The row of the selected example in the last step's batch, or -1. */
function rowInLastStep() {
  if (!lastStep || !datasetData) return -1;
  const x = datasetData.inputs[ui.ex];
  if (!x) return -1;
  return lastStep.inputs.findIndex((r) => r.every((v, i) => v === x[i]));
}

// ---------------------------------------------------------------- network life cycle

/** The last step of the network shown, from the server (null when there is none). */
async function fetchLastStep(state) {
  if (state.step === 0) return null;
  try {
    return await api.lastStep(state.id);
  } catch (error) {
    if (error.status === 409) return null;
    throw error;
  }
}

/**
 * Show a NetworkState (from a response or the event stream). `step` is the step that made
 * it, when known; otherwise, when the step count rose, the last step is fetched.
 */
async function adopt(state, { step = null, undone = false } = {}) {
  const changedNet = !network || network.id !== state.id;
  const before = network;
  if (!changedNet && state.revision < network.revision) return; // stale
  if (step) lastStep = step;
  else if (undone || (!changedNet && state.step < before.step)) lastStep = null;
  else if (changedNet || state.step !== before.step) {
    lastStep = null;
    if (state.has_last_step) lastStep = await fetchLastStep(state);
  }
  if (!changedNet && network.revision > state.revision) return; // a newer state came meanwhile
  network = state;
  if (changedNet) {
    ui.net = state.id;
    ui.ex = Math.min(ui.ex, state.dataset.size - 1);
    phaseIndex = null;
    historyData = null;
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
    onRevision: (change) => {
      if (playing || !network || change.id !== network.id || change.revision <= network.revision) return;
      act(async () => {
        const state = await api.getNetwork(change.id);
        if (!playing && network && state.id === network.id && state.revision > network.revision) await adopt(state);
      });
    },
    onDeleted: () => toast(t("toast.deleted")),
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

/** A new network from a preset (a lesson's, or the preset menu's). */
async function loadPreset(name, extra = {}) {
  stopPlaying();
  await adopt(await api.createNetwork({ preset: name, ...extra }));
}

// ---------------------------------------------------------------- actions

/** Above this many parameters a step skips sending back the parameters the page holds. */
const LEAN_STEP_PARAMETERS = 20000;

async function doStep() {
  if (lessons.staged()) return lessons.stage.step();
  const before = network;
  const lean = before.weights.reduce((n, w) => n + w.length * w[0].length, 0) > LEAN_STEP_PARAMETERS;
  let response = await api.step(before.id, { lean });
  if (lean) {
    // the step started from the state this page holds exactly when nothing came in between
    if (response.network.revision === before.revision + 1) {
      response.weights_before = before.weights;
      response.biases_before = before.biases;
    } else {
      response = await api.lastStep(before.id);
    }
  }
  await adopt(response.network, { step: response });
}

async function doUndo() {
  if (lessons.staged()) return;
  stopPlaying();
  await adopt(await api.undo(network.id), { undone: true });
}

function doReset() {
  if (lessons.staged()) return lessons.stage.reset();
  return recreate();
}

function stopPlaying() {
  if (lessons.staged()) lessons.stage.pause();
  if (!playing) return;
  playing = false;
  syncPlay();
  afterPlay();
}

let playToken = 0;
let frameRequested = false;
let lastCurveDraw = 0;

/**
 * Train while playing: one POST train in flight at a time, sized to the frames that passed
 * since the last one (speed = steps per 1/60 s); the newest state is drawn once per frame.
 */
async function playLoop(token) {
  const live = () => playing && token === playToken;
  let last = performance.now() - FRAME_MS;
  while (live()) {
    const now = performance.now();
    const frames = Math.min(MAX_CATCH_UP_FRAMES, Math.max(1, (now - last) / FRAME_MS));
    last = now;
    const id = network.id;
    const steps = Math.max(1, Math.min(MAX_TRAIN_STEPS, Math.round(ui.speed * frames)));
    try {
      const trained = await api.train(id, steps);
      if (!network || network.id !== id) return;
      takePlayed(trained);
    } catch (error) {
      if (token === playToken) stopPlaying();
      console.warn(error);
      toast(errorText(error));
      return;
    }
  }
}

/** A train response while playing: keep the state and its losses, draw on the next frame. */
function takePlayed(trained) {
  const state = trained.network;
  if (state.revision <= network.revision) return;
  network = state;
  if (historyData) {
    const first = trained.step - trained.losses.length + 1;
    trained.losses.forEach((loss, i) => {
      historyData.steps.push(first + i);
      historyData.losses.push(loss);
      historyData.test_losses.push(null);
    });
  }
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(drawFrame);
  }
}

function drawFrame() {
  frameRequested = false;
  if (!network) return;
  syncStats();
  render();
  const now = performance.now();
  if (now - lastCurveDraw > LOSS_CURVE_GAP_MS) {
    lastCurveDraw = now;
    charts.drawLossCurve($("loss-chart"), historyData);
  }
  scheduleRefresh();
}

/** After play stops: the exact last step, the whole history, the panels. */
function afterPlay() {
  act(async () => {
    if (!network) return;
    const state = await api.getNetwork(network.id);
    lastStep = await fetchLastStep(state);
    network = state;
    historyData = null;
    syncControls();
    render();
    scheduleRefresh();
  });
}

function togglePlay() {
  if (lessons.staged()) {
    lessons.stage.togglePlay();
    syncPlay();
    return;
  }
  playing = !playing;
  syncPlay();
  if (playing) {
    phaseIndex = null;
    playLoop(++playToken); // outside the action queue, so steps and edits are not held up
  } else afterPlay();
}

function setView(view) {
  ui.view = view;
  writeHash(ui);
  syncControls();
  render();
  if (playing && view !== "weights") scheduleRefresh();
}

function setPhase(index) {
  if (!lastStep) return;
  const count = buildPhases(depth()).length;
  phaseIndex = Math.max(0, Math.min(count - 1, index));
  render();
}

/** Next phase; past the last one (or before any step), a new step. Queued after pending actions. */
function nextPhase() {
  act(async () => {
    const count = network ? buildPhases(depth()).length : 0;
    if (phaseIndex === null || phaseIndex >= count - 1 || !lastStep) await doStep();
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
  refreshTimer = setTimeout(runRefresh, playing ? PLAY_REFRESH_GAP_MS : REFRESH_GAP_MS);
}

async function runRefresh() {
  refreshTimer = null;
  refreshing = true;
  const id = network.id;
  try {
    const x = datasetData.inputs[ui.ex];
    const target = datasetData.targets[ui.ex];
    const wantHistory = !playing || !historyData;
    const wantStep = playing && (ui.view !== "weights" || inspected) && network.step > 0;
    const jobs = [
      api.forward(id, [x], [target]),
      wantHistory ? api.history(id) : null,
      wantStep ? fetchLastStep(network) : null,
    ];
    if (isTwoD()) jobs.push(api.grid(id, GRID_RESOLUTION), api.forward(id, datasetData.inputs, datasetData.targets));
    if (isTwoD() && datasetData.test_inputs) jobs.push(api.forward(id, datasetData.test_inputs, datasetData.test_targets));
    const [fw, hist, step, grid, all, test] = await Promise.all(jobs);
    if (network.id !== id) return;
    example = fw;
    if (hist) historyData = hist;
    if (step) lastStep = step;
    gridData = grid ? decodeGrid(grid) : null;
    accuracy = all ? { train: accuracyOf(all.outputs, datasetData.targets), test: test ? accuracyOf(test.outputs, datasetData.test_targets) : null } : null;
    render();
    renderPanels();
    if (inspected) await refreshInspector({ record: false });
    notifyChange();
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

function notifyChange() {
  changeListeners.forEach((fn) => fn());
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
  if (ui.st && phaseIndex !== null && lastStep && phaseIndex < phases.length) {
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
  gridData.hidden.forEach((layer) => {
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

let legendKey = "";

function renderLegend(max, view, unknownView) {
  const key = [max, view, unknownView, getLang()].join("|");
  if (key === legendKey) return;
  legendKey = key;
  const root = $("legend");
  root.replaceChildren();
  const svg = d3
    .select(root)
    .append("svg")
    .attr("width", LEGEND_WIDTH + 24)
    .attr("height", 34)
    .attr("class", "legend-svg");
  const gradient = svg.append("defs").append("linearGradient").attr("id", "legend-gradient");
  [0, 0.25, 0.5, 0.75, 1].forEach((s) =>
    gradient
      .append("stop")
      .attr("offset", `${s * 100}%`)
      .attr("stop-color", divergingColor((s - 0.5) * 2 * max, max)),
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
      h("strong", {}, t("legend.links", { what: t(`legend.view.${view}`) })),
      h("span", { class: unknownView ? "legend-warn" : "" }, unknownView ? t("legend.unknown") : t("legend.encoding")),
      h("span", {}, t("legend.units"), h("span", { class: "swatch neg" }), "−1 … ", h("span", { class: "swatch pos" }), "+1"),
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
  const active = phaseIndex !== null && lastStep;
  $("phase-label").textContent = active ? phaseTitle(phases[phaseIndex], depth(), phaseIndex, phases.length) : t("phase.idle");
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
  $("output-title").textContent = t("panel.output", { y: softmax ? "p" : "y", n: ui.ex + 1 });
  if (example && datasetData) {
    charts.drawOutputBars($("output-panel"), {
      outputs: example.outputs[0],
      targets: datasetData.targets[ui.ex],
      loss: example.loss,
      lossName: t(`loss.${network.loss}`),
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
      ? t("panel.accuracyTrain", { right: acc.train.right, total: acc.train.total }) +
        (acc.test ? ` · ${t("panel.accuracyTest", { right: acc.test.right, total: acc.test.total })}` : "")
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
  const stepNote = lastStep && lastStep.step !== network.step ? ` (${t("tip.ofStep", { n: lastStep.step })})` : "";
  placeTooltip(event, [
    h("div", { class: "tip-title" }, d.from === null ? `${t("graph.bias")} → ${to}` : `${from} → ${to}`),
    h(
      "table",
      {},
      h(
        "tbody",
        {},
        tipRow(d.from === null ? "b" : "w", paramAt(network, d.layer, d.to, d.from), "tip-weight"),
        tipRow(`∂E/∂w${stepNote}`, paramAt(lastStep?.gradients, d.layer, d.to, d.from) ?? t("tip.afterStep"), "tip-gradient"),
        tipRow(t("tip.lastUpdate"), paramAt(update, d.layer, d.to, d.from) ?? t("tip.afterStep"), "tip-update"),
      ),
    ),
    h("div", { class: "hint" }, t("tip.clickForChainRule")),
  ]);
}

function showUnitTooltip(d, event) {
  const rows = [];
  const name = unitLabel(d.layer, d.unit, depth());
  if (d.layer === 0) {
    rows.push(tipRow(t("tip.input"), datasetData?.inputs[ui.ex]?.[d.unit], "tip-out"));
  } else {
    const layer = example?.layers[d.layer - 1];
    rows.push(tipRow("in (z)", layer?.z[0][d.unit], "tip-in"));
    rows.push(tipRow("out (a)", layer?.a[0][d.unit], "tip-out"));
    rows.push(tipRow(t("tip.delta"), example?.deltas?.[d.layer - 1]?.[0]?.[d.unit], "tip-delta"));
    if (network.use_bias) rows.push(tipRow(t("tip.bias"), network.biases[d.layer - 1][d.unit], "tip-bias"));
    const incoming = network.weights[d.layer - 1][d.unit];
    incoming.slice(0, 8).forEach((w, i) => rows.push(tipRow(`w ${unitLabel(d.layer - 1, i, depth())}→`, w)));
    if (incoming.length > 8) rows.push(tipRow("…", t("tip.moreWeights", { n: incoming.length - 8 })));
  }
  const kind = d.layer === 0 ? t("graph.input") : activationName(d.layer === depth() ? network.output_activation : network.hidden_activation);
  placeTooltip(event, [h("div", { class: "tip-title" }, `${name} · ${kind}`), h("table", {}, h("tbody", {}, ...rows))]);
}

function inspect(layer, to, from) {
  inspected = { layer, to, from };
  typedWeight = null;
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
  const linkGradient = lastStep && lastStep.step === result.step ? paramAt(lastStep.gradients, layer, to, from) : null;
  const focused = document.activeElement?.dataset?.testid === "weight-input";
  const key = `${layer}-${to}-${from}`;
  // a background refresh must not throw away what the user is typing for this weight
  const typed = typedWeight && typedWeight.key === key ? typedWeight.text : null;
  renderInspector($("inspector-body"), result, {
    names: { from: nameOf(layer, from), to: nameOf(layer + 1, to) },
    linkGradient,
    currentWeight: paramAt(network, layer, to, from),
    typed,
    onTyping: (text) => {
      typedWeight = { key, text };
    },
    onSetWeight: (value) => {
      typedWeight = null;
      act(async () => {
        await adopt(await api.setWeight(network.id, layer, to, from, value));
        toast(t("toast.setTo", { value }), "info");
      });
    },
  });
  if (focused) $("inspector-body").querySelector("[data-testid=weight-input]").focus();
}

function closeInspector() {
  inspected = null;
  typedWeight = null;
  selectedLink = null;
  $("inspector").hidden = true;
  if (network) render();
}

// ---------------------------------------------------------------- controls

function syncStats() {
  $("step-count").textContent = String(network.step);
  $("loss-value").textContent = network.last_loss === null ? "–" : fmt(network.last_loss, 6);
  $("loss-value").title = network.last_loss === null ? t("stat.noStep") : t("stat.lossTitle", { loss: network.last_loss });
}

function syncControls() {
  syncStats();
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
  $("seed").title = t("arch.seedTitle", { seed: network.seed });
  if (userSeed === null) $("seed").value = "";
  $("dataset").value = network.dataset.name;
  $("show-bias").checked = ui.bias;
  $("undo").disabled = !network.undo_available || lessons.staged();
  $("hidden-count").textContent = String(network.layers.length - 2);
  $("remove-layer").disabled = network.layers.length <= 2;
  $("add-layer").disabled = network.layers.length - 2 >= MAX_HIDDEN_LAYERS;
  if ([...$("speed").options].some((o) => o.value === String(ui.speed))) $("speed").value = String(ui.speed);
  $("step-through").setAttribute("aria-pressed", String(ui.st));
  document.querySelectorAll("#view-switch button").forEach((b) => b.setAttribute("aria-checked", String(b.dataset.view === ui.view)));
  renderLayerUnits();
  const ds = datasets.find((d) => d.name === network.dataset.name);
  $("dataset-description").textContent = ds
    ? `${datasetDescription(ds)} · ${t("data.sizes", { train: ds.size })}${ds.test_size ? `, ${t("data.testSize", { test: ds.test_size })}` : ""}`
    : "";
  syncPlay();
}

const datasetDescription = (ds) => (has(`dataset.${ds.name}`) ? t(`dataset.${ds.name}`) : ds.description);
const presetTitle = (p) => (has(`preset.${p.name}.title`) ? t(`preset.${p.name}.title`) : p.title || p.name);
const presetDescription = (p) => (has(`preset.${p.name}.description`) ? t(`preset.${p.name}.description`) : p.description);

function syncPlay() {
  const on = lessons.staged() ? lessons.stage.playing() : playing;
  const button = $("play");
  button.setAttribute("aria-pressed", String(on));
  button.querySelector(".play-label").textContent = on ? t("transport.pause") : t("transport.play");
  button.classList.toggle("playing", on);
}

function renderLayerUnits() {
  const root = $("layer-units");
  const rows = network.layers.map((n, layer) => {
    const last = layer === network.layers.length - 1;
    const label = layer === 0 ? t("graph.input") : last ? t("graph.output") : t("graph.hiddenN", { n: layer });
    const fixed = layer === 0 || last;
    const pm = fixed
      ? h("span", { class: "pm fixed", title: t("arch.fixedTitle") }, h("span", { "data-testid": `units-${layer}` }, n))
      : h(
          "span",
          { class: "pm" },
          h("button", { type: "button", class: "btn mini", "data-testid": `remove-unit-${layer}`, "aria-label": t("arch.removeUnit", { layer: label }), disabled: n <= 1, onclick: () => changeUnits(layer, -1) }, "−"),
          h("span", { "data-testid": `units-${layer}` }, n),
          h("button", { type: "button", class: "btn mini", "data-testid": `add-unit-${layer}`, "aria-label": t("arch.addUnit", { layer: label }), disabled: n >= MAX_UNITS, onclick: () => changeUnits(layer, +1) }, "+"),
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
    const inputs = datasetData.inputs[i];
    const x = inputs.slice(0, EXAMPLE_LABEL_INPUTS).map((v) => fmt(v, 2)).join(", ") + (inputs.length > EXAMPLE_LABEL_INPUTS ? ", …" : "");
    const target = datasetData.targets[i];
    const shown = target.length === 1 ? fmt(target[0], 0) : t("data.class", { n: target.indexOf(Math.max(...target)) + 1 });
    return `(${x}) → ${shown}`;
  };
  if (n <= EXAMPLE_CHIPS_MAX) {
    root.replaceChildren(
      ...datasetData.inputs.map((_, i) =>
        h("button", { type: "button", class: "chip", "data-testid": `example-${i}`, "aria-pressed": String(i === ui.ex), onclick: () => selectExample(i) }, label(i)),
      ),
    );
  } else {
    const input = h("input", { type: "range", min: 0, max: n - 1, value: ui.ex, "data-testid": "example-slider", "aria-label": t("data.example") });
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
  const items = KEYS.flatMap(([key, text]) => [
    h("dt", {}, ...key.split("  ").map((k) => (k === "or" ? ` ${t("keys.or")} ` : h("kbd", {}, k === "Space" ? t("keys.space") : k)))),
    h("dd", {}, t(text)),
  ]);
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
    ArrowRight: () => (ui.st && !lessons.staged() ? nextPhase() : act(doStep)),
    s: () => {
      if (ui.st) phaseIndex = null;
      act(doStep);
    },
    ArrowLeft: prevPhase,
    z: () => act(doUndo),
    r: () => act(doReset),
    t: toggleStepThrough,
    1: () => setView(VIEWS[0]),
    2: () => setView(VIEWS[1]),
    3: () => setView(VIEWS[2]),
    b: toggleBias,
    l: () => lessons.toggleMenu(),
    "[": () => lessons.move(-1),
    "]": () => lessons.move(+1),
    "?": () => toggleHelp(),
    Escape: () => {
      toggleHelp(false);
      lessons.toggleMenu(false);
      closeInspector();
    },
  }[key];
  if (!handled) return;
  event.preventDefault();
  if (event.target.tagName === "BUTTON") event.target.blur();
  handled();
}

function toggleStepThrough() {
  if (lessons.staged()) return;
  ui.st = !ui.st;
  if (ui.st) stopPlaying();
  phaseIndex = ui.st && lastStep ? 0 : null;
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

function fillPresetAndDatasetMenus() {
  const preset = $("preset");
  const chosen = preset.value;
  preset.replaceChildren(h("option", { value: "", "data-i18n": "preset.custom" }, t("preset.custom")), ...presets.map((p) => h("option", { value: p.name }, presetTitle(p))));
  preset.value = chosen;
  const found = presets.find((p) => p.name === chosen);
  $("preset-description").textContent = found ? presetDescription(found) : "";
  const dataset = $("dataset");
  dataset.replaceChildren(...datasets.map((d) => h("option", { value: d.name }, has(`dataset.name.${d.name}`) ? t(`dataset.name.${d.name}`) : d.name)));
  if (network) dataset.value = network.dataset.name;
}

function onLanguage() {
  legendKey = "";
  renderKeys();
  fillPresetAndDatasetMenus();
  if (!network) return;
  graph.invalidate();
  syncControls();
  renderExamples();
  render();
  renderPanels();
  if (inspected) act(() => refreshInspector({ record: false }));
  lessons.relabel();
}

function bindControls() {
  $("step").addEventListener("click", () => {
    if (ui.st) phaseIndex = null;
    act(doStep);
  });
  $("play").addEventListener("click", togglePlay);
  $("undo").addEventListener("click", () => act(doUndo));
  $("reset").addEventListener("click", () => act(doReset));
  $("speed").addEventListener("change", (e) => {
    ui.speed = Number(e.target.value);
    writeHash(ui);
  });
  $("learning-rate").addEventListener("change", (e) => {
    const value = Number(e.target.value);
    if (!(value > 0)) return toast(t("toast.badRate"));
    act(async () => adopt(await api.patchNetwork(network.id, { learning_rate: value })));
  });
  $("batch-size").addEventListener("change", (e) => {
    const value = Number.parseInt(e.target.value, 10);
    if (!(value >= 1)) return toast(t("toast.badBatch"));
    act(async () => adopt(await api.patchNetwork(network.id, { batch_size: value })));
  });
  document.querySelectorAll("#view-switch button").forEach((b) => b.addEventListener("click", () => setView(b.dataset.view)));
  document.querySelectorAll("[data-lang]").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
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
    $("preset-description").textContent = preset ? presetDescription(preset) : "";
    if (name) act(() => loadPreset(name));
  });
  $("copy-curl").addEventListener("click", async () => {
    const text = $("curl").textContent;
    try {
      await navigator.clipboard.writeText(text);
      toast(t("toast.copied"), "info");
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("curl"));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      toast(t("toast.selected"), "info");
    }
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", () => {
    const next = readHash();
    if (next.lesson !== ui.lesson) {
      lessons.openFromHash(next.lesson, next.ls);
      return;
    }
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
      lessons.relayout();
    }, 100);
  });
  api.onAction((curl) => {
    const el = $("curl");
    el.removeAttribute("data-i18n");
    el.textContent = curl;
  });
  onLangChange(onLanguage);
}

/** What the lessons may see and do on the page. */
const lessons = createLessons({
  act,
  toast,
  errorText,
  ui,
  get network() {
    return network;
  },
  get lastStep() {
    return lastStep;
  },
  get example() {
    return example;
  },
  loadPreset,
  adopt,
  step: () => act(doStep),
  togglePlay,
  stopPlaying,
  syncControls: () => network && syncControls(),
  syncPlay,
  highlight: (key) => graph.highlight(key),
  onChange: (fn) => changeListeners.push(fn),
  relayout: () => {
    graph.invalidate();
    if (network) {
      render();
      renderPanels();
    }
  },
});

async function init() {
  await loadI18n();
  renderKeys();
  bindControls();
  [presets, datasets] = await Promise.all([api.listPresets(), api.listDatasets()]);
  fillPresetAndDatasetMenus();
  await lessons.load();
  if (ui.net) {
    try {
      await adopt(await api.getNetwork(ui.net));
      await lessons.restore({ fromUrl: true });
      return;
    } catch (error) {
      if (error.status !== 404) throw error;
      toast(t("toast.notFound", { id: ui.net }), "info");
    }
  }
  await createDefault();
  await lessons.restore();
}

document.body.dataset.ready = "loading";
act(async () => {
  await init();
  document.body.dataset.ready = "true";
});
