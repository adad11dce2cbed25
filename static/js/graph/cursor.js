// @ts-check
// Focusable stand-ins for what the graph draws without an element of its own: a line on a
// link of the canvas path, a frame on a unit of a strip. Each is hidden until the arrow keys
// reach such a link or unit, then stands on it with its datum, key and name.

import { linkKey } from "../model/links.js";
import { unitKey } from "./layout.js";
import { STRIP_WIDTH } from "./strips.js";
import { layerTitle, linkName, unitName } from "./titles.js";

/** @typedef {import("./layout.js").Layout} Layout */

/** The cursors, in `layer` (a d3 selection of a group above the units). @param {any} layer */
export function createCursor(layer) {
  const make = (tag, name, role) =>
    layer
      .append(tag)
      .attr("class", name)
      .attr("data-testid", name)
      .attr("role", role)
      .attr("aria-describedby", "tooltip");
  const line = make("line", "link-cursor", "button");
  const frame = make("rect", "unit-cursor", "img");
  /** Show `el` with datum `d`, or hide it (d null); returns its node or null. @param {any} el @param {any} d */
  const stand = (el, d) => {
    el.datum(d)
      .attr("display", d ? null : "none")
      .attr("data-key", d ? d.key : null);
    el.attr("tabindex", d ? (el.attr("tabindex") ?? "-1") : null);
    return d ? el.node() : null;
  };
  stand(line, null);
  stand(frame, null);
  return {
    /** What each cursor stands on now (null: hidden), link cursor first. */
    spots: () => [line.datum(), frame.datum()],
    /**
     * Stand on link `d` (null, or a link `layout` draws as a line or lacks: hide).
     * @param {import("../model/links.js").LinkId | null} d @param {Layout} layout
     */
    place(d, layout) {
      const y1 = d && (d.from === null ? layout.biasByLayer.get(d.layer)?.y : layout.unitY[d.layer]?.[d.from]);
      const y2 = d && layout.unitY[d.layer + 1]?.[d.to];
      if (!d || !layout.canvas || y1 === undefined || y2 === undefined) return stand(line, null);
      const [x1, x2] = [layout.xs[d.layer], layout.xs[d.layer + 1]];
      line.attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("aria-label", linkName(d, layout.depth));
      return stand(line, { key: linkKey(d), layer: d.layer, from: d.from, to: d.to, x1, y1, x2, y2 });
    },
    /**
     * Stand on unit `d` of a strip (null, or no strip of `layout` has it: hide).
     * @param {{layer: number, unit: number} | null} d @param {Layout} layout
     */
    placeUnit(d, layout) {
      const strip = d && layout.strips.find((s) => s.layer === d.layer);
      if (!d || !strip || d.unit < 0 || d.unit >= strip.n) return stand(frame, null);
      const height = Math.max(strip.spacing, 2);
      frame
        .attr("x", strip.x - STRIP_WIDTH / 2 - 3)
        .attr("y", strip.top + (d.unit + 0.5) * strip.spacing - height / 2)
        .attr("width", STRIP_WIDTH + 6)
        .attr("height", height)
        .attr("aria-label", `${unitName(d.layer, d.unit, layout.depth)}, ${layerTitle(d.layer, layout.depth)}`);
      return stand(frame, { key: unitKey(d.layer, d.unit), layer: d.layer, unit: d.unit });
    },
  };
}
