// @ts-check
// The tooltip of a hovered link (weight, gradient, last update) or unit (in, out, delta,
// bias and incoming weights), in full precision.

import { t, tOr } from "../core/i18n.js";
import { activationOf, depthOf, unitLabel, unitLayerFed, weightLayerInto } from "../model/layers.js";
import { paramAt, updateOf } from "../model/links.js";
import { exampleName } from "../model/numbering.js";
import { nowText } from "./states.js";
import { $, html, nothing, render, watch } from "./watch.js";

const OFFSET = 14;
const INCOMING_SHOWN = 8;

/** @param {string} label @param {unknown} value @param {string} [testid] */
const row = (label, value, testid) =>
  html`<tr>
    <th>${label}</th>
    <td class="num" data-testid=${testid ?? nothing}>${value === undefined || value === null ? "–" : String(value)}</td>
  </tr>`;

/** @param {any} s @param {number} layer @param {number | null} unit */
const nameOf = (s, layer, unit) =>
  unit === null ? t("graph.biasUnit") : unitLabel(layer, unit, depthOf(s.network.layers));

/**
 * The optimizer's state of a link's weight now: each vector's number and the update count.
 * @param {any} network @param {import("../model/links.js").LinkId} d
 */
function optimizerRows(network, d) {
  const { slots, step } = network.optimizer_state;
  const names = Object.keys(slots);
  if (!names.length) return nothing;
  return [
    ...names.map((slot) =>
      row(t("tip.optState", { slot: tOr(`optimizer.slot.${slot}`, slot) }), paramAt(slots[slot], d), `tip-opt-${slot}`),
    ),
    row(t("tip.optStep"), step, "tip-opt-step"),
  ];
}

/** @param {any} s @param {import("../model/links.js").LinkId} d */
function linkTip(s, d) {
  const to = nameOf(s, unitLayerFed(d.layer), d.to);
  const { lastStep, network } = s;
  const stepNote = lastStep && lastStep.step !== network.step ? ` (${t("tip.ofStep", { n: lastStep.step })})` : "";
  return html`<div class="tip-title">
      ${d.from === null ? `${t("graph.bias")} → ${to}` : `${nameOf(s, d.layer, d.from)} → ${to}`}
    </div>
    <table>
      <tbody>
        ${row(d.from === null ? "b" : "w", paramAt(network, d), "tip-weight")}
        ${row(`∂E/∂w${stepNote}`, paramAt(lastStep?.gradients, d) ?? t("tip.afterStep"), "tip-gradient")}
        ${row(t("tip.lastUpdate"), paramAt(updateOf(lastStep), d) ?? t("tip.afterStep"), "tip-update")}
        ${optimizerRows(network, d)}
      </tbody>
    </table>
    <div class="hint">${t("tip.clickForChainRule")}</div>`;
}

/** @param {any} s @param {{layer: number, unit: number}} d */
function unitTip(s, d) {
  const { network, example, data, ui } = s;
  const depth = depthOf(network.layers);
  let rows;
  if (d.layer === 0) rows = [row(t("tip.input"), data?.inputs[ui.ex]?.[d.unit], "tip-out")];
  else {
    const l = weightLayerInto(d.layer);
    const incoming = network.weights[l][d.unit];
    rows = [
      row("in (z)", example?.layers[l]?.z[0][d.unit], "tip-in"),
      row("out (a)", example?.layers[l]?.a[0][d.unit], "tip-out"),
      row(t("tip.delta"), example?.deltas?.[l]?.[0]?.[d.unit], "tip-delta"),
      network.use_bias ? row(t("tip.bias"), network.biases[l][d.unit], "tip-bias") : null,
      ...incoming.slice(0, INCOMING_SHOWN).map((w, i) => row(`w ${unitLabel(d.layer - 1, i, depth)}→`, w)),
      incoming.length > INCOMING_SHOWN ? row("…", t("tip.moreWeights", { n: incoming.length - INCOMING_SHOWN })) : null,
    ];
  }
  const kind =
    d.layer === 0 ? t("graph.input") : tOr(`act.${activationOf(network, d.layer)}`, activationOf(network, d.layer));
  return html`<div class="tip-title">${unitLabel(d.layer, d.unit, depth)} · ${kind}</div>
    <div class="hint" data-testid="tip-state">${exampleName(ui.ex)} · ${nowText(s)}</div>
    <table>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

export function mountTooltip() {
  const tip = $("tooltip");
  watch(
    (s) => [s.tooltip, s.network, s.lastStep, s.example, s.lang, s.edited, s.diverged],
    (s) => {
      if (!s.tooltip || !s.network) {
        tip.hidden = true;
        return;
      }
      const { kind, datum, x, y } = s.tooltip;
      render(kind === "link" ? linkTip(s, datum) : unitTip(s, datum), tip);
      tip.hidden = false;
      const box = $("graph").parentElement.getBoundingClientRect();
      let left = x - box.left + OFFSET;
      if (left + tip.offsetWidth > box.width) left = x - box.left - tip.offsetWidth - OFFSET;
      tip.style.left = `${Math.max(0, left)}px`; // a narrow screen: never off its left edge
      tip.style.top = `${y - box.top + OFFSET}px`;
    },
  );
}
