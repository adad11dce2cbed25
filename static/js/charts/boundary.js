// @ts-check
// The decision boundary: the output's heatmap with the training and test points over it,
// and, with `draw` handlers, a pointer area over it that reports strokes in data units.

import { CLASS_COLORS, NEGATIVE, POSITIVE } from "../graph/colors.js";
import { sizeOf } from "../core/sizes.js";

const d3 = window.d3;
const BOUNDARY_SIZE = 260;
const POINT_RADIUS = 3.2;
const FEW_POINTS = 20; // small datasets get bigger points
const REACH_PX = 9; // how far from the pointer a stroke reaches (the eraser's radius)

/**
 * A stroke's handlers: each gets the pointer's place in data units and its reach there.
 * @typedef {{start: (at: import("../model/drawn.js").Near) => void, move: (at: import("../model/drawn.js").Near) => void, end: () => void}} DrawHandlers
 */

/** Wire the pointer area to the handlers (none: hidden). @param {any} area @param {any} x @param {any} y @param {DrawHandlers | null} draw */
function bindDraw(area, x, y, draw) {
  area.style("display", draw ? null : "none");
  if (!draw) return;
  const at = (event) => {
    const [px, py] = d3.pointer(event, area.node());
    const reach = (scale) => Math.abs(scale.invert(REACH_PX) - scale.invert(0));
    return { x: x.invert(px), y: y.invert(py), rx: reach(x), ry: reach(y) };
  };
  area
    .on("pointerdown", (event) => {
      event.preventDefault();
      area.node().setPointerCapture(event.pointerId);
      draw.start(at(event));
    })
    .on("pointermove", (event) => event.buttons && draw.move(at(event)))
    .on("pointerup pointercancel", () => draw.end());
}

/**
 * Draw the decision boundary image with the training and test points over it; `color`
 * (optional) colours a point, else its class `cls` of `classCount`; `radius` (optional)
 * sizes a point (the pulls on a weight), else by how many points there are.
 */
export function drawBoundary(
  el,
  { image, xRange, yRange, points, selected, classCount, color = null, draw = null, radius = null },
) {
  const root = d3.select(el);
  let svg = root.select("svg");
  if (svg.empty()) {
    svg = root.append("svg").attr("class", "boundary-svg");
    svg.append("image").attr("class", "boundary-image").attr("preserveAspectRatio", "none");
    svg.append("g").attr("class", "points");
    svg.append("rect").attr("class", "draw-area").attr("data-testid", "draw-area").attr("fill", "transparent");
    svg.append("g").attr("class", "x-axis axis");
    svg.append("g").attr("class", "y-axis axis");
  }
  const size = Math.min(sizeOf(el).width || BOUNDARY_SIZE, BOUNDARY_SIZE + 60);
  const pad = { left: 30, bottom: 20, top: 4, right: 6 };
  const inner = size - pad.left - pad.right;
  svg.attr("viewBox", `0 0 ${size} ${inner + pad.top + pad.bottom}`).attr("width", size);
  const x = d3
    .scaleLinear()
    .domain(xRange)
    .range([pad.left, pad.left + inner]);
  const y = d3
    .scaleLinear()
    .domain(yRange)
    .range([pad.top + inner, pad.top]);
  svg
    .select("image")
    .attr("href", image)
    .attr("x", pad.left)
    .attr("y", pad.top)
    .attr("width", inner)
    .attr("height", inner);
  svg
    .select(".x-axis")
    .attr("transform", `translate(0,${pad.top + inner})`)
    .call(d3.axisBottom(x).ticks(4).tickSizeOuter(0));
  svg.select(".y-axis").attr("transform", `translate(${pad.left},0)`).call(d3.axisLeft(y).ticks(4).tickSizeOuter(0));
  const area = svg
    .select(".draw-area")
    .attr("x", pad.left)
    .attr("y", pad.top)
    .attr("width", inner)
    .attr("height", inner);
  bindDraw(area, x, y, draw);
  const byClass = (p) => (classCount <= 2 ? [NEGATIVE, POSITIVE][p.cls] : CLASS_COLORS[p.cls % CLASS_COLORS.length]);
  const fill = color || byClass;
  svg
    .select(".points")
    .selectAll("circle")
    .data(points, (p) => p.key)
    .join("circle")
    .attr("class", (p) => `point ${p.test ? "test" : "train"}${p.key === selected ? " selected" : ""}`)
    .attr("cx", (p) => x(p.x))
    .attr("cy", (p) => y(p.y))
    .attr("r", (p) =>
      radius
        ? radius(p)
        : (p.key === selected ? 2 : 1) * (points.length <= FEW_POINTS ? POINT_RADIUS * 2 : POINT_RADIUS),
    )
    .attr("fill", (p) => (p.test ? "#ffffff" : fill(p)))
    .attr("stroke", (p) => (p.test ? fill(p) : "#ffffff"));
}
