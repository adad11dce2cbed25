// @ts-check
// Step-through's bar (the phase's title, ← →) and the numbers of the phase under the graph.

import { t, tOr } from "../core/i18n.js";
import { layerTitle } from "../graph/titles.js";
import { fmt } from "../model/format.js";
import { activationOf, depthOf, unitLabel, weightLayerInto } from "../model/layers.js";
import { activePhase, rowInStep } from "../model/graph-model.js";
import { datasetRows, exampleName } from "../model/numbering.js";
import { buildPhases, largestChanges, PACES } from "../model/phases.js";
import { store } from "../core/store.js";
import { beforeText } from "./states.js";
import { withMath } from "./math.js";
import { $, html, render, watch } from "./watch.js";

const MAX_COLUMNS = 12;
const UPDATES_SHOWN = 4;

/** "3/6 · forward: hidden 1". @param {import("../model/phases.js").Phase} phase @param {number} depth @param {number} index @param {number} count */
export function phaseTitle(phase, depth, index, count) {
  const name = (layer) => layerTitle(layer, depth);
  const where = `${index + 1}/${count}`;
  if (phase.kind === "forward") return `${where} · ${t("phase.forward", { layer: name(phase.layer) })}`;
  if (phase.kind === "loss") return `${where} · ${t("phase.loss")}`;
  if (phase.kind === "backward") return `${where} · ${t("phase.backward", { layer: name(phase.layer) })}`;
  return `${where} · ${t("phase.update")}`;
}

/** @param {string} label @param {number[]} values */
const row = (label, values) =>
  html`<tr>
    <th>${label}</th>
    ${values.slice(0, MAX_COLUMNS).map((v) => html`<td class="num" title=${String(v)}>${fmt(v, 4)}</td>`)}
  </tr>`;

/** "example #3, one of the 4 in the batch" for batch row r. @param {any} step @param {number} r @param {any} data */
function exampleText(step, r, data) {
  const row = datasetRows(step.inputs, step.targets, data)[r];
  const name = row >= 0 ? exampleName(row) : t("example.batchRow", { n: r + 1 });
  return t("phase.exampleOfBatch", { name, size: step.inputs.length });
}

/** The numbers of one phase. @param {any} step @param {import("../model/phases.js").Phase} phase @param {number} r @param {any} network @param {any} data */
function detail(step, phase, r, network, data) {
  const depth = depthOf(network.layers);
  const act = (layer) => tOr(`act.${activationOf(network, layer)}`, activationOf(network, layer));
  const head = (layer) =>
    html`<thead>
      <tr>
        <th></th>
        ${Array.from({ length: Math.min(network.layers[layer], MAX_COLUMNS) }, (_, j) => html`<th class="num">${unitLabel(layer, j, depth)}</th>`)}
      </tr>
    </thead>`;
  const table = (layer, ...rows) =>
    html`<table class="phase-table">
      ${head(layer)}
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  const example = exampleText(step, r, data);
  if (phase.kind === "forward") {
    const fw = step.forward.layers[weightLayerInto(phase.layer)];
    return html`<p>${withMath(t("phase.forwardText", { act: act(phase.layer), example }))}</p>
      ${table(phase.layer, row("z (in)", fw.z[r]), row("a (out)", fw.a[r]))}`;
  }
  if (phase.kind === "loss") {
    return html`<p>${withMath(t("phase.lossText", { loss: t(`loss.${network.loss}`), size: step.inputs.length }))}</p>
      ${table(depth, row("y", step.forward.outputs[r]), row("d", step.targets[r]))}
      <p class="phase-loss">
        E = <strong data-testid="phase-loss" title=${String(step.loss)}>${fmt(step.loss, 6)}</strong>
      </p>`;
  }
  if (phase.kind === "backward") {
    const l = weightLayerInto(phase.layer);
    const text =
      phase.layer === depth ? t("phase.backwardOutput") : t("phase.backwardHidden", { act: act(phase.layer) });
    return html`<p>${withMath(`${text} ${t("phase.backwardThen")}`)}</p>
      ${table(phase.layer, row("∂E/∂a", step.grad_activations[l][r]), row("δ", step.deltas[l][r]))}`;
  }
  const changes = largestChanges(step.weights_before, network.weights, UPDATES_SHOWN);
  return html`<p>${withMath(t("phase.updateText", { alpha: step.learning_rate }))}</p>
    <table class="phase-table">
      <tbody>
        ${changes.map(
          (c) =>
            html`<tr data-testid="phase-change" data-layer=${c.l} data-to=${c.j} data-from=${c.i}>
              <th>${unitLabel(c.l, c.i, depth)} → ${unitLabel(c.l + 1, c.j, depth)}</th>
              <td class="num" title=${String(c.before)}>${fmt(c.before, 4)}</td>
              <td>→</td>
              <td class="num" title=${String(c.after)}>${fmt(c.after, 4)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The play / pause button and the pace select. @param {import("../scenes/main.js").MainScene} main */
function mountWalk(main) {
  const pace = /** @type {HTMLSelectElement} */ ($("phase-pace"));
  $("phase-play").addEventListener("click", () => main.toggleWalk());
  pace.addEventListener("change", () => store.update({ pace: Number(pace.value) }));
  watch(
    (s) => [s.walking, s.pace, s.lang],
    (s) => {
      const play = $("phase-play");
      play.textContent = t(s.walking ? "phase.pause" : "phase.play");
      play.setAttribute("aria-pressed", String(s.walking));
      $("phase").dataset.walking = String(s.walking);
      render(
        PACES.map(
          (ms) => html`<option value=${ms} ?selected=${ms === s.pace}>${t("phase.paceN", { s: ms / 1000 })}</option>`,
        ),
        pace,
      );
    },
  );
}

/** @param {import("../scenes/main.js").MainScene} main */
export function mountPhase(main) {
  $("phase-next").addEventListener("click", () => main.nextPhase());
  $("phase-prev").addEventListener("click", () => main.prevPhase());
  mountWalk(main);
  watch(
    (s) => [s.ui.st, s.phase, s.lastStep, s.network, s.data, s.ui.ex, s.lang],
    (s) => {
      const box = $("phase");
      const body = $("phase-detail");
      box.hidden = !s.ui.st;
      const index = activePhase(s);
      body.hidden = !s.ui.st || index === null;
      if (!s.ui.st || !s.network) return;
      const phases = buildPhases(depthOf(s.network.layers));
      const phase = index === null ? null : phases[index];
      render(
        withMath(phase ? phaseTitle(phase, depthOf(s.network.layers), index, phases.length) : t("phase.idle")),
        $("phase-label"),
      );
      box.dataset.phase = phase ? String(index) : "";
      box.dataset.kind = phase ? phase.kind : "";
      /** @type {HTMLButtonElement} */ ($("phase-prev")).disabled = !phase || index === 0;
      if (phase)
        render(
          html`<p class="hint" data-testid="phase-state">${beforeText(s.lastStep.step)}</p>
            ${detail(s.lastStep, phase, Math.max(rowInStep(s.lastStep, s.data, s.ui.ex), 0), s.network, s.data)}`,
          body,
        );
    },
  );
}
