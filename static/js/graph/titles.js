// @ts-check
// A unit layer's name ("input", "hidden 2", "output"; short: "in", "h2", "out"), written once
// for the graph's column titles, its keyboard names, the table, the phases and the builder;
// and the accessible names of a unit and a link.

import { t } from "../core/i18n.js";
import { unitLabel } from "../model/layers.js";

/**
 * The name of unit layer `layer` in a network of `depth` weight layers.
 * @param {number} layer @param {number} depth @param {boolean} [short] the crowded columns' form
 */
export function layerTitle(layer, depth, short = false) {
  const s = short ? "Short" : "";
  if (layer === 0) return t(`graph.input${s}`);
  return layer === depth ? t(`graph.output${s}`) : t(`graph.hiddenN${s}`, { n: layer });
}

/** A unit's name ("x₁", "h₂", or "bias"). @param {number} layer @param {number | null} unit @param {number} depth */
export const unitName = (layer, unit, depth) => (unit === null ? t("graph.bias") : unitLabel(layer, unit, depth));

/** A link's accessible name ("link x₁ → h₂"). @param {import("../model/links.js").LinkId} d @param {number} depth */
export const linkName = (d, depth) =>
  t("a11y.link", { from: unitName(d.layer, d.from, depth), to: unitName(d.layer + 1, d.to, depth) });
