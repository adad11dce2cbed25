// @ts-check
// The value heat map's scale: a bar from centre - half to centre + half in the page's
// diverging colours, with its ends and centre written under it.

import { NEGATIVE, POSITIVE, ZERO } from "../graph/colors.js";
import { fmt } from "../model/format.js";
import { sizeOf } from "../core/sizes.js";
import { textOf } from "../core/dom.js";

const d3 = window.d3;
const BAR_HEIGHT = 10;
const HEIGHT = 30;
const PAD = 30;

/**
 * Draw the scale (null: none).
 * @param {HTMLElement} el
 * @param {{centre: number, half: number, label: string} | null} scale
 */
export function drawValueScale(el, scale) {
  const root = d3.select(el);
  el.hidden = !scale;
  if (!scale) return;
  let svg = root.select("svg");
  if (svg.empty()) {
    svg = root.append("svg").attr("class", "value-scale-svg");
    const gradient = svg.append("defs").append("linearGradient").attr("id", "value-scale-gradient");
    [NEGATIVE, ZERO, POSITIVE].forEach((color, i) =>
      gradient
        .append("stop")
        .attr("offset", `${i * 50}%`)
        .attr("stop-color", color),
    );
    svg.append("rect").attr("class", "value-scale-bar").attr("fill", "url(#value-scale-gradient)");
    svg.append("g").attr("class", "value-scale-ticks");
  }
  const width = sizeOf(el).width || 260;
  svg.attr("viewBox", `0 0 ${width} ${HEIGHT}`).attr("width", width).attr("height", HEIGHT);
  svg
    .select(".value-scale-bar")
    .attr("x", PAD)
    .attr("y", 2)
    .attr("width", width - 2 * PAD)
    .attr("height", BAR_HEIGHT);
  const { centre, half } = scale;
  const ticks = [
    { x: PAD, v: centre - half },
    { x: width / 2, v: centre },
    { x: width - PAD, v: centre + half },
  ];
  svg
    .select(".value-scale-ticks")
    .selectAll("text")
    .data(ticks)
    .join("text")
    .attr("x", (d) => d.x)
    .attr("y", BAR_HEIGHT + 16)
    .attr("text-anchor", "middle")
    .attr("data-value", (d) => String(d.v))
    .call(textOf, (/** @type {any} */ d) => fmt(d.v, 2));
  el.dataset.half = String(half);
  el.title = scale.label;
}
