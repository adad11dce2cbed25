// @ts-check
// The decision boundary's line over a drawn boundary plot (charts/boundary.js): where one
// output crosses its threshold (GET /grid's decision map changes sign), in the image's frame.

import { zeroCrossings } from "../model/contour.js";

const d3 = window.d3;
const LINE_COLOUR = "#111827";
const LINE_WIDTH = 2;

/**
 * Draw (or clear) the line in the boundary plot drawn in `el`; returns how many grid
 * cells it crosses (0: no line, e.g. no decision map or no change of sign).
 * @param {Element} el the element drawBoundary drew in
 * @param {import("../core/state.js").Grid | null} grid
 */
export function drawBoundaryLine(el, grid) {
  const svg = d3.select(el).select("svg");
  if (svg.empty()) return 0;
  let path = svg.select(".boundary-line");
  if (path.empty()) path = svg.insert("path", ".points").attr("class", "boundary-line").attr("fill", "none");
  const segments = grid?.decision ? zeroCrossings(grid.decision, grid.n, grid.xRange, grid.yRange) : [];
  const image = svg.select(".boundary-image");
  const [left, top] = [+image.attr("x"), +image.attr("y")];
  const [width, height] = [+image.attr("width"), +image.attr("height")];
  const x = d3
    .scaleLinear()
    .domain(grid?.xRange ?? [0, 1])
    .range([left, left + width]);
  const y = d3
    .scaleLinear()
    .domain(grid?.yRange ?? [0, 1])
    .range([top + height, top]);
  const d = segments.map(([a, b]) => `M${x(a[0])},${y(a[1])}L${x(b[0])},${y(b[1])}`).join("");
  path
    .attr("d", d || null)
    .attr("data-testid", "boundary-line")
    .attr("data-segments", String(segments.length))
    .attr("stroke", LINE_COLOUR)
    .attr("stroke-width", LINE_WIDTH)
    .attr("stroke-linecap", "round");
  return segments.length;
}
