// @ts-check
// A unit layer's name ("input", "hidden 2", "output"; short: "in", "h2", "out"), written once
// for the graph's column titles, its keyboard names, the table, the phases and the builder.

import { t } from "../core/i18n.js";

/**
 * The name of unit layer `layer` in a network of `depth` weight layers.
 * @param {number} layer @param {number} depth @param {boolean} [short] the crowded columns' form
 */
export function layerTitle(layer, depth, short = false) {
  const s = short ? "Short" : "";
  if (layer === 0) return t(`graph.input${s}`);
  return layer === depth ? t(`graph.output${s}`) : t(`graph.hiddenN${s}`, { n: layer });
}
