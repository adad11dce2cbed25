// @ts-check
// The stage's compare view: a panel per network (title, α, step, loss, accuracy with its
// undecided outputs, the outputs, graph, decision boundary and its line, loss curve on one
// shared scale).

import { t, tOr } from "../core/i18n.js";
import { drawBoundary } from "../charts/boundary.js";
import { drawBoundaryLine } from "../charts/boundary-line.js";
import { heatmapURL, outputColorFn } from "../charts/heatmap.js";
import { drawLossCurve } from "../charts/loss-curve.js";
import { createGraph } from "../graph/graph.js";
import { centreOf, classOf, rangeOf } from "../model/classes.js";
import { fmt } from "../model/format.js";
import { baseModel } from "../model/graph-model.js";
import { beforeText } from "../views/states.js";
import { html, render } from "../views/watch.js";
import { compareBar, forkTitle, gapLine, removeButton } from "./compare-bar.js";
import { forkSettings } from "./fork-settings.js";
import { stageDiverged } from "./stage-diverged.js";

const LINK_SCALE = 4; // one fixed scale, so the panels compare
const CURVE_STEPS = 200; // the shared loss scale covers the first steps
const OUTPUTS_SHOWN = 16; // a small dataset's outputs are listed (XOR's four)
const IGNORE = { onLinkHover: () => {}, onLinkClick: () => {}, onUnitHover: () => {}, onLeave: () => {} };

/** "0 of 4 right, 4 undecided". @param {import("../core/state.js").Accuracy | null} acc */
export function accuracyLine(acc) {
  if (!acc) return "";
  const counts = { right: acc.correct, total: acc.total, undecided: acc.undecided };
  return acc.undecided ? t("stage.accuracyUndecided", counts) : t("stage.accuracy", counts);
}

/** The outputs on the training set, one per example in dataset order. @param {import("../core/state.js").StageNet} net @param {number} i */
function outputsLine(net, i) {
  if (!net.outputs || net.outputs[0].length !== 1 || net.outputs.length > OUTPUTS_SHOWN) return "";
  const ys = net.outputs.map((o) => o[0]);
  return html`<div class="stage-outputs" data-testid=${`stage-outputs-${i}`} data-values=${JSON.stringify(ys)}>
    ${t("stage.outputs")}
    ${ys.map((y, r) => html`<span class="num" title=${`#${r + 1}: ${y}`}>${fmt(y, 4)}</span> `)}
  </div>`;
}

/**
 * @param {import("../core/state.js").StageNet} net @param {number} i
 * @param {import("../scenes/stage.js").StageScene} scene
 * @param {{first: any, own: boolean, count: number, app: any}} compared the first network's
 * state (the others' weights are measured from it), whether this is a user's compare view
 * (its forks' settings can be changed), how many, the app state
 */
function panel(net, i, scene, compared) {
  const s = net.state;
  const acc = net.accuracy;
  const title = net.preset ? tOr(`preset.${net.preset}.title`, net.preset) : forkTitle(s);
  return html`<section class="card stage-panel" data-testid=${`stage-panel-${i}`} data-preset=${net.preset} data-network-id=${s.id}>
    <div class="stage-head">
      <h2 class="stage-title" data-testid=${`stage-title-${i}`}>${title}</h2>
      <span
        class=${`stage-accuracy${acc && acc.correct === acc.total ? " perfect" : ""}`}
        data-testid=${`stage-accuracy-${i}`}
        data-right=${acc ? String(acc.correct) : ""}
        data-undecided=${acc ? String(acc.undecided) : ""}
        data-step=${String(s.step)}
        >${accuracyLine(acc)}</span
      >
    </div>
    <div class="stage-stats">
      <span>α = ${s.learning_rate}</span>
      <span>${t("stat.step")} <strong data-testid="stage-step">${s.step}</strong></span>
      <span
        >${t("stat.loss")} <strong>${s.last_loss === null ? "–" : fmt(s.last_loss, 4)}</strong>
        ${s.last_loss === null ? "" : html`<span class="stat-state">(${beforeText(s.step)})</span>`}</span
      >
      ${net.failed ? html`<span class="legend-warn">${t("stage.stopped")}</span>` : ""}
    </div>
    ${i > 0 && compared.first ? gapLine(compared.first, s, i) : ""}
    ${compared.own && compared.count > 2 ? removeButton(i, scene) : ""}
    ${compared.own ? forkSettings(compared.app, s, i, scene) : ""}
    ${stageDiverged(net, i, scene)} ${outputsLine(net, i)}
    <div class="stage-graph"></div>
    <div class="stage-charts">
      <div>
        <div class="boundary stage-boundary" data-testid=${`stage-boundary-${i}`}></div>
        <p class="hint stage-line-note" data-testid=${`stage-line-note-${i}`}></p>
      </div>
      <div class="chart stage-loss" data-testid=${`stage-loss-${i}`}></div>
    </div>
  </section>`;
}

/** The compare view in `root`: draw(state) patches it. @param {HTMLElement} root @param {import("../scenes/stage.js").StageScene} scene */
export function createCompareView(root, scene) {
  /** @type {{graphs: Map<Element, ReturnType<typeof createGraph>>}} */
  const my = { graphs: new Map() };
  /** @param {any} s @param {boolean} [relayout] */
  return (s, relayout = false) => {
    const nets = s.stage.nets;
    // forks have one shape, so their weights' gaps from the first fork are shown
    const first = s.stage.source ? nets[0]?.state : null;
    const compared = { first, own: Boolean(s.ui.cmp), count: nets.length, app: s };
    render(
      html`${compared.own ? compareBar(s, scene) : ""}
        <div class=${`stage-grid n${nets.length}`}>${nets.map((net, i) => panel(net, i, scene, compared))}</div>`,
      root,
    );
    // one scale for the networks still training (a diverged one's 1e+304 would flatten theirs)
    const scaled = nets.filter((n) => !n.failed);
    const yMax = Math.max(0.1, ...scaled.map((n) => Math.max(0, ...n.history.losses.slice(0, CURVE_STEPS))));
    root.querySelectorAll(".stage-panel").forEach((el, i) => {
      const net = nets[i];
      const host = /** @type {HTMLElement} */ (el.querySelector(".stage-graph"));
      if (!my.graphs.has(host)) my.graphs.set(host, createGraph(host, IGNORE));
      const graph = my.graphs.get(host);
      if (relayout) graph.invalidate();
      graph.render(baseModel(net.state, { scaleMax: LINK_SCALE }), s.lang);
      graph.highlight(s.highlight);
      if (!net.grid) {
        // no values to show (a diverged network): no boundary either
        el.querySelector(".stage-boundary").replaceChildren();
        el.querySelector(".stage-line-note").textContent = "";
      } else {
        const range = rangeOf(s.config, net.state.output_activation);
        const points = net.data.inputs.map((x, r) => ({
          key: `t${r}`,
          x: x[0],
          y: x[1],
          cls: classOf(net.data.targets[r], centreOf(range)),
          test: false,
        }));
        const image = heatmapURL(net.grid.n, outputColorFn(net.grid.output, range));
        drawBoundary(el.querySelector(".stage-boundary"), {
          image,
          xRange: net.grid.xRange,
          yRange: net.grid.yRange,
          points,
          selected: null,
          classCount: 2,
        });
        const crossed = drawBoundaryLine(el.querySelector(".stage-boundary"), net.grid);
        const y = fmt(centreOf(range), 1);
        el.querySelector(".stage-line-note").textContent = net.grid.decision
          ? t(crossed ? "boundary.line" : "boundary.noLine", { y })
          : "";
      }
      const curve = /** @type {HTMLElement} */ (el.querySelector(".stage-loss"));
      drawLossCurve(curve, net.history, { yMax: net.failed ? null : yMax });
      // what the curve shows, for a reader of the page: its losses and the shared scale's top
      Object.assign(curve.dataset, { yMax: String(yMax), losses: JSON.stringify(net.history.losses) });
    });
  };
}
