// @ts-check
// The decision boundary: the output's heatmap with the training and test points over it.

import { CLASS_COLORS, NEGATIVE, POSITIVE } from "../graph/colors.js";

const d3 = window.d3;
const BOUNDARY_SIZE = 260;
const POINT_RADIUS = 3.2;
const FEW_POINTS = 20; // small datasets get bigger points

/** Draw the decision boundary image with the training and test points over it. */
export function drawBoundary(el, { image, xRange, yRange, points, selected, classCount }) {
  const root = d3.select(el);
  let svg = root.select("svg");
  if (svg.empty()) {
    svg = root.append("svg").attr("class", "boundary-svg");
    svg.append("image").attr("class", "boundary-image").attr("preserveAspectRatio", "none");
    svg.append("g").attr("class", "points");
    svg.append("g").attr("class", "x-axis axis");
    svg.append("g").attr("class", "y-axis axis");
  }
  const size = Math.min(el.clientWidth || BOUNDARY_SIZE, BOUNDARY_SIZE + 60);
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
  const color = (p) => (classCount <= 2 ? [NEGATIVE, POSITIVE][p.cls] : CLASS_COLORS[p.cls % CLASS_COLORS.length]);
  svg
    .select(".points")
    .selectAll("circle")
    .data(points, (p) => p.key)
    .join("circle")
    .attr("class", (p) => `point ${p.test ? "test" : "train"}${p.key === selected ? " selected" : ""}`)
    .attr("cx", (p) => x(p.x))
    .attr("cy", (p) => y(p.y))
    .attr("r", (p) => (p.key === selected ? 2 : 1) * (points.length <= FEW_POINTS ? POINT_RADIUS * 2 : POINT_RADIUS))
    .attr("fill", (p) => (p.test ? "#ffffff" : color(p)))
    .attr("stroke", (p) => (p.test ? color(p) : "#ffffff"));
}
