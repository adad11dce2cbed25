// Step-through mode: one step's response split into phases (forward layer by layer, the
// loss, backward layer by layer from right to left, the update), each a view of the graph.

import { fmt, h } from "./dom.js";
import { unitLabel } from "./graph.js";
import { has, t } from "./i18n.js";

const actName = (name) => (has(`act.${name}`) ? t(`act.${name}`) : name);

/** The phases of a step of a network with `depth` weight layers. */
export function buildPhases(depth) {
  const phases = [];
  for (let layer = 1; layer <= depth; layer++) phases.push({ kind: "forward", layer });
  phases.push({ kind: "loss", layer: depth });
  for (let layer = depth; layer >= 1; layer--) phases.push({ kind: "backward", layer });
  phases.push({ kind: "update", layer: null });
  return phases;
}

/** A short title of a phase, e.g. "forward 1/2: hidden 1". */
export function phaseTitle(phase, depth, index, count) {
  const name = (layer) => (layer === depth ? t("graph.output") : t("graph.hiddenN", { n: layer }));
  const where = `${index + 1}/${count}`;
  if (phase.kind === "forward") return `${where} · ${t("phase.forward", { layer: name(phase.layer) })}`;
  if (phase.kind === "loss") return `${where} · ${t("phase.loss")}`;
  if (phase.kind === "backward") return `${where} · ${t("phase.backward", { layer: name(phase.layer) })}`;
  return `${where} · ${t("phase.update")}`;
}

/**
 * What the graph shows in a phase for batch row `row`: unit values and texts revealed so
 * far, link values (weights before the step, gradients as they flow back, weights after).
 */
export function phaseView(step, phase, row, network) {
  const depth = network.layers.length - 1;
  const fw = step.forward.layers;
  const unitValues = [step.inputs[row]];
  const unitText = [step.inputs[row].map((v) => fmt(v, 3))];
  const revealedForward = phase.kind === "forward" ? phase.layer : depth;
  for (let layer = 1; layer <= depth; layer++) {
    const shown = layer <= revealedForward;
    unitValues.push(shown ? fw[layer - 1].a[row] : null);
    unitText.push(shown ? fw[layer - 1].a[row].map((v) => `a ${fmt(v, 3)}`) : null);
  }
  let shown = { weights: step.weights_before, biases: step.biases_before };
  let view = "weights";
  const activeLayers = phase.layer === null ? [] : [phase.layer];
  if (phase.kind === "backward") {
    view = "gradients";
    const weights = step.gradients.weights.map((w, l) => (l >= phase.layer - 1 ? w : null));
    const biases = step.gradients.biases.map((b, l) => (l >= phase.layer - 1 ? b : null));
    shown = { weights, biases };
    for (let layer = phase.layer; layer <= depth; layer++) {
      unitText[layer] = step.deltas[layer - 1][row].map((v) => `δ ${fmt(v, 4)}`);
    }
  } else if (phase.kind === "update") {
    shown = { weights: network.weights, biases: network.biases };
    activeLayers.push(...Array.from({ length: depth }, (_, i) => i + 1));
  }
  return { unitValues, unitText, shown, view, activeLayers };
}

const row2 = (label, values) =>
  h("tr", {}, h("th", {}, label), ...values.map((v) => h("td", { class: "num", title: String(v) }, fmt(v, 4))));

/** The numbers of a phase as a small explanatory block for the panel under the graph. */
export function phaseDetail(step, phase, row, network) {
  const depth = network.layers.length - 1;
  const act = (layer) => actName(layer === depth ? network.output_activation : network.hidden_activation);
  const units = (layer) => network.layers[layer];
  const head = (layer) =>
    h("tr", {}, h("th", {}, ""), ...Array.from({ length: Math.min(units(layer), 12) }, (_, j) => h("th", { class: "num" }, unitLabel(layer, j, depth))));
  const cut = (values) => values.slice(0, 12);
  const example = step.inputs.length > 1 ? t("phase.exampleOfBatch", { n: row + 1, size: step.inputs.length }) : "";
  if (phase.kind === "forward") {
    const l = phase.layer;
    return [
      h("p", {}, t("phase.forwardText", { act: act(l), example })),
      h("table", { class: "phase-table" }, h("thead", {}, head(l)), h("tbody", {}, row2("z (in)", cut(step.forward.layers[l - 1].z[row])), row2("a (out)", cut(step.forward.layers[l - 1].a[row])))),
    ];
  }
  if (phase.kind === "loss") {
    return [
      h("p", {}, t("phase.lossText", { loss: t(`loss.${network.loss}`), size: step.inputs.length })),
      h("table", { class: "phase-table" }, h("thead", {}, head(depth)), h("tbody", {}, row2("y", cut(step.forward.outputs[row])), row2("d", cut(step.targets[row])))),
      h("p", { class: "phase-loss" }, "E = ", h("strong", { "data-testid": "phase-loss", title: String(step.loss) }, fmt(step.loss, 6))),
    ];
  }
  if (phase.kind === "backward") {
    const l = phase.layer;
    const text = l === depth ? t("phase.backwardOutput") : t("phase.backwardHidden", { act: act(l) });
    return [
      h("p", {}, `${text} ${t("phase.backwardThen")}`),
      h("table", { class: "phase-table" }, h("thead", {}, head(l)), h("tbody", {}, row2("∂E/∂a", cut(step.grad_activations[l - 1][row])), row2("δ", cut(step.deltas[l - 1][row])))),
    ];
  }
  const changes = [];
  step.weights_before.forEach((w, l) =>
    w.forEach((r, j) => r.forEach((v, i) => changes.push({ l, j, i, before: v, after: network.weights[l][j][i] }))),
  );
  changes.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  const rows = changes.slice(0, 4).map((c) =>
    h("tr", {}, h("th", {}, `${unitLabel(c.l, c.i, depth)} → ${unitLabel(c.l + 1, c.j, depth)}`), h("td", { class: "num" }, fmt(c.before, 4)), h("td", { class: "num" }, "→"), h("td", { class: "num" }, fmt(c.after, 4))),
  );
  return [
    h("p", {}, t("phase.updateText", { alpha: step.learning_rate })),
    h("table", { class: "phase-table" }, h("tbody", {}, ...rows)),
  ];
}
