// The lesson stage: several networks side by side under one Play / Step / Reset (the XOR
// lesson and the gradient-descent lesson), or the activation-function plots (no network).

import * as api from "./api.js";
import * as charts from "./charts.js";
import { fmt, h } from "./dom.js";
import { createGraph } from "./graph.js";
import { has, t } from "./i18n.js";

const FRAME_MS = 1000 / 60;
const MAX_CATCH_UP_FRAMES = 12;
const MAX_TRAIN_STEPS = 10000;
const GRID_RESOLUTION = 30;
const ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];
const ACTIVATION_POINTS = 121; // z = -6, -5.9, ..., 6
const ACTIVATION_LIMIT = 6;
const SOFTMAX_DEFAULT = [2, 1, 0.1];

/** The stage in `root`; `ctx` is main.js's (speed, toasts, the action queue). */
export function createStage(root, ctx) {
  let lesson = null;
  let kind = null; // "compare" | "activations"
  let nets = []; // [{preset, seed, state, history, grid, data, accuracy, graph, els, failed}]
  let seeds = {};
  let switched = false;
  let playing = false;
  let playToken = 0;
  let frameRequested = false;
  let highlighted = null;
  let curves = null; // activation curves from the API
  let zIndex = Math.round((ACTIVATION_POINTS - 1) * 0.6);
  let softmaxZ = [...SOFTMAX_DEFAULT];

  const presetTitle = (name) => (has(`preset.${name}.title`) ? t(`preset.${name}.title`) : name);

  // ------------------------------------------------------------------ compare: networks side by side

  async function createNets() {
    const presets = lesson.presets.map((p) => (switched && lesson.switch && p === lesson.switch.from ? lesson.switch.to : p));
    const states = await Promise.all(presets.map((p) => api.createNetwork(seeds[p] !== undefined ? { preset: p, seed: seeds[p] } : { preset: p })));
    const data = await Promise.all(states.map((s) => api.dataset(s.id)));
    nets = states.map((state, i) => ({ preset: presets[i], state, data: data[i], history: { steps: [], losses: [], test_losses: [] }, grid: null, accuracy: null, failed: null }));
    buildCompare();
    await refreshAll();
  }

  function buildCompare() {
    const panels = nets.map((net, i) => {
      const graphEl = h("div", { class: "stage-graph" });
      const els = {
        title: h("h2", { class: "stage-title" }),
        stats: h("div", { class: "stage-stats" }),
        accuracy: h("span", { class: "stage-accuracy", "data-testid": `stage-accuracy-${i}` }),
        graph: graphEl,
        boundary: h("div", { class: "boundary stage-boundary", "data-testid": `stage-boundary-${i}` }),
        loss: h("div", { class: "chart stage-loss", "data-testid": `stage-loss-${i}` }),
      };
      net.els = els;
      net.graph = createGraph(graphEl, { onLinkHover: () => {}, onLinkClick: () => {}, onUnitHover: () => {}, onLeave: () => {} });
      return h(
        "section",
        { class: "card stage-panel", "data-testid": `stage-panel-${i}`, "data-preset": net.preset },
        h("div", { class: "stage-head" }, els.title, els.accuracy),
        els.stats,
        graphEl,
        h("div", { class: "stage-charts" }, els.boundary, els.loss),
      );
    });
    root.replaceChildren(h("div", { class: `stage-grid n${nets.length}` }, ...panels));
  }

  async function refreshNet(net) {
    const id = net.state.id;
    const [grid, all] = await Promise.all([api.grid(id, GRID_RESOLUTION), api.forward(id, net.data.inputs, net.data.targets)]);
    if (!nets.includes(net)) return;
    net.grid = {
      n: grid.resolution,
      xRange: grid.x_range,
      yRange: grid.y_range,
      output: grid.output.map(api.decodeFloat32),
    };
    let right = 0;
    all.outputs.forEach((o, r) => {
      if (charts.targetClass(o) === charts.targetClass(net.data.targets[r])) right++;
    });
    net.accuracy = { right, total: all.outputs.length };
  }

  const refreshAll = () => Promise.all(nets.map(refreshNet)).then(drawCompare);

  function drawCompare() {
    if (kind !== "compare") return;
    const yMax = Math.max(0.1, ...nets.map((n) => Math.max(0, ...n.history.losses.slice(0, 200))));
    nets.forEach((net) => {
      const s = net.state;
      net.els.title.textContent = presetTitle(net.preset);
      net.els.stats.replaceChildren(
        h("span", {}, `α = ${s.learning_rate}`),
        h("span", {}, `${t("stat.step")} `, h("strong", { "data-testid": "stage-step" }, String(s.step))),
        h("span", {}, `${t("stat.loss")} `, h("strong", {}, s.last_loss === null ? "–" : fmt(s.last_loss, 4))),
        ...(net.failed ? [h("span", { class: "legend-warn" }, t("stage.stopped"))] : []),
      );
      const acc = net.accuracy;
      net.els.accuracy.textContent = acc ? t("stage.accuracy", { right: acc.right, total: acc.total }) : "";
      net.els.accuracy.dataset.right = acc ? String(acc.right) : "";
      net.els.accuracy.dataset.step = String(s.step);
      net.els.accuracy.classList.toggle("perfect", Boolean(acc) && acc.right === acc.total);
      net.graph.render({
        layers: s.layers,
        useBias: s.use_bias,
        showBias: true,
        weights: s.weights,
        biases: s.biases,
        shown: { weights: s.weights, biases: s.biases },
        unitValues: [],
        unitText: [],
        scaleMax: 4,
        unitScaleMax: 1,
        activeLayers: [],
        selectedLink: null,
      });
      if (net.grid) {
        const points = net.data.inputs.map((x, r) => ({ key: `t${r}`, x: x[0], y: x[1], cls: charts.targetClass(net.data.targets[r]), test: false }));
        charts.drawBoundary(net.els.boundary, {
          image: charts.heatmapURL(net.grid.n, charts.outputColorFn(net.grid.output, s.output_activation)),
          xRange: net.grid.xRange,
          yRange: net.grid.yRange,
          points,
          selected: null,
          classCount: 2,
        });
      }
      charts.drawLossCurve(net.els.loss, net.history, { yMax });
    });
    if (highlighted) highlight(highlighted);
  }

  function requestDraw() {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      drawCompare();
    });
  }

  function record(net, trained) {
    net.state = trained.network;
    const first = trained.step - trained.losses.length + 1;
    trained.losses.forEach((loss, i) => {
      net.history.steps.push(first + i);
      net.history.losses.push(loss);
      net.history.test_losses.push(null);
    });
  }

  /** Train every network that still can, k steps each; a diverged one stops on its own. */
  async function trainAll(k) {
    await Promise.all(
      nets.map(async (net) => {
        if (net.failed) return;
        try {
          record(net, await api.train(net.state.id, k));
        } catch (error) {
          if (error.status !== 409) throw error;
          net.failed = error.message;
        }
      }),
    );
  }

  async function playLoop(token) {
    const live = () => playing && token === playToken;
    let last = performance.now() - FRAME_MS;
    while (live()) {
      const now = performance.now();
      const frames = Math.min(MAX_CATCH_UP_FRAMES, Math.max(1, (now - last) / FRAME_MS));
      last = now;
      const k = Math.max(1, Math.min(MAX_TRAIN_STEPS, Math.round(ctx.ui.speed * frames)));
      const current = nets;
      try {
        await trainAll(k);
        if (current !== nets) return;
        await Promise.all(nets.map(refreshNet));
      } catch (error) {
        pause();
        ctx.toast(ctx.errorText(error));
        return;
      }
      requestDraw();
      if (nets.every((n) => n.failed)) pause();
    }
  }

  function pause() {
    if (!playing) return;
    playing = false;
    ctx.syncPlay();
  }

  // ------------------------------------------------------------------ activations

  async function openActivations() {
    curves = await api.activations(ACTIVATION_POINTS, ACTIVATION_LIMIT);
    buildActivations();
    drawActivations();
    await updateSoftmax();
  }

  function buildActivations() {
    const slider = h("input", { type: "range", min: 0, max: ACTIVATION_POINTS - 1, value: zIndex, "data-testid": "act-z", "aria-label": "z" });
    slider.addEventListener("input", () => {
      zIndex = Number(slider.value);
      drawActivations();
    });
    const cards = curves
      .filter((c) => ACTIVATION_NAMES.includes(c.name))
      .map((c) =>
        h(
          "section",
          { class: "card act-card", "data-testid": `act-card-${c.name}` },
          h("h2", {}, t(`act.${c.name}`)),
          h("p", { class: "act-formula" }, t(`act.formula.${c.name}`)),
          h("div", { class: "plot", "data-testid": `act-plot-${c.name}` }),
          h("div", { class: "act-readout", "data-name": c.name }),
        ),
      );
    const zInputs = softmaxZ.map((v, j) => {
      const input = h("input", { type: "number", step: "any", value: String(v), "data-testid": `softmax-z-${j}`, "aria-label": `z${j + 1}` });
      input.addEventListener("change", () => {
        const value = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(value)) return ctx.toast(t("toast.badNumber"));
        softmaxZ[j] = value;
        updateSoftmax().catch((e) => ctx.toast(ctx.errorText(e)));
      });
      return input;
    });
    const softmaxCard = h(
      "section",
      { class: "card act-card softmax-card", "data-testid": "act-card-softmax" },
      h("h2", {}, t("act.softmax")),
      h("p", { class: "act-formula" }, t("act.formula.softmax")),
      h("div", { class: "softmax-inputs" }, ...zInputs.map((input, j) => h("label", {}, h("span", { class: "math" }, `z${"₁₂₃"[j]}`), input))),
      h("div", { class: "softmax-out", "data-testid": "softmax-out" }),
    );
    root.replaceChildren(
      h(
        "div",
        { class: "act-head card" },
        h("span", { class: "field-label" }, t("act.pickZ")),
        slider,
        h("strong", { class: "act-z", "data-testid": "act-z-value" }),
        h("span", { class: "act-key" }, h("span", { class: "key-line g" }), "g(z)", h("span", { class: "key-line dg" }), "g′(z)"),
      ),
      h("div", { class: "act-grid" }, ...cards, softmaxCard),
    );
  }

  function drawActivations() {
    if (kind !== "activations" || !curves) return;
    const z0 = curves[0].z[zIndex];
    root.querySelector("[data-testid=act-z-value]").textContent = `z = ${fmt(z0, 2)}`;
    curves
      .filter((c) => ACTIVATION_NAMES.includes(c.name))
      .forEach((c) => {
        const plot = root.querySelector(`[data-testid=act-plot-${c.name}]`);
        const g = c.z.map((z, i) => [z, c.g[i]]);
        const dg = c.z.map((z, i) => [z, c.dg[i]]);
        const lo = Math.min(-1.2, ...c.g.filter(Number.isFinite));
        const hi = Math.max(1.2, ...c.g.filter(Number.isFinite));
        charts.drawFunctionPlot(plot, {
          series: [
            { points: g, cls: "g" },
            { points: dg, cls: "dg" },
          ],
          xDomain: [-ACTIVATION_LIMIT, ACTIVATION_LIMIT],
          yDomain: [Math.max(lo, -ACTIVATION_LIMIT), Math.min(hi, ACTIVATION_LIMIT)],
          marker: { x: c.z[zIndex], y: c.g[zIndex] },
          height: 130,
        });
        const value = (testid, v) => h("strong", { "data-testid": testid, "data-value": String(v), title: String(v) }, fmt(v, 4));
        const rows = [h("span", {}, "g = ", value(`act-g-${c.name}`, c.g[zIndex])), h("span", {}, "g′ = ", value(`act-dg-${c.name}`, c.dg[zIndex]))];
        if (c.name === "sigmoid") {
          const gz = c.g[zIndex];
          rows.push(h("span", { class: "act-check" }, `g(1−g) = ${fmt(gz, 4)} × ${fmt(1 - gz, 4)} = `, value("act-check-sigmoid", gz * (1 - gz))));
        }
        root.querySelector(`.act-readout[data-name=${c.name}]`).replaceChildren(...rows);
      });
  }

  async function updateSoftmax() {
    const result = await api.softmax(softmaxZ);
    const out = root.querySelector("[data-testid=softmax-out]");
    if (!out) return;
    const sum = result.p.reduce((a, b) => a + b, 0);
    out.replaceChildren(
      ...result.p.map((p, j) =>
        h(
          "div",
          { class: "softmax-row" },
          h("span", { class: "math" }, `p${"₁₂₃₄₅₆"[j] ?? j + 1}`),
          h("div", { class: "hbar-track" }, h("div", { class: "hbar p", style: `width:${(p * 100).toFixed(2)}%` })),
          h("strong", { "data-testid": `softmax-p-${j}`, "data-value": String(p), title: String(p) }, fmt(p, 4)),
        ),
      ),
      h("p", { class: "hint" }, t("act.softmaxSum", { sum: fmt(sum, 6) })),
    );
  }

  // ------------------------------------------------------------------ shared

  function highlight(key) {
    highlighted = key;
    nets.forEach((n) => n.graph?.highlight(key));
  }

  return {
    /** Open a lesson's stage: its networks (fresh, from the given seeds) or the plots. */
    async open(next, lessonSeeds) {
      lesson = next;
      seeds = lessonSeeds;
      switched = false;
      playing = false;
      root.dataset.lesson = next.id;
      if (next.presets.length === 0) {
        kind = "activations";
        nets = [];
        await openActivations();
      } else {
        kind = "compare";
        await createNets();
      }
    },
    close() {
      playing = false;
      playToken++;
      lesson = null;
      kind = null;
      nets = [];
      root.replaceChildren();
      delete root.dataset.lesson;
    },
    active: () => Boolean(lesson),
    playing: () => playing,
    togglePlay() {
      if (kind !== "compare") return;
      playing = !playing;
      if (playing) playLoop(++playToken);
      ctx.syncPlay();
    },
    pause,
    /** One step of every network. */
    async step() {
      if (kind !== "compare") return;
      await trainAll(1);
      await Promise.all(nets.map(refreshNet));
      drawCompare();
    },
    /** The same networks again from their starting weights. */
    async reset() {
      if (kind !== "compare") return;
      pause();
      playToken++;
      await createNets();
    },
    switched: () => switched,
    /** Swap the lesson's switchable network (perceptron XOR <-> AND), from the start. */
    async toggleSwitch() {
      pause();
      playToken++;
      switched = !switched;
      await createNets();
    },
    highlight,
    relabel() {
      if (kind === "compare") {
        nets.forEach((n) => n.graph.invalidate());
        drawCompare();
      }
      if (kind === "activations") {
        buildActivations();
        drawActivations();
        updateSoftmax().catch((e) => console.warn(e));
      }
    },
    relayout() {
      if (kind === "compare") {
        nets.forEach((n) => n.graph.invalidate());
        drawCompare();
      }
      if (kind === "activations") drawActivations();
    },
  };
}
