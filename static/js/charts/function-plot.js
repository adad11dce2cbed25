// @ts-check
// A small function plot (activation curves, -ln p) with an optional marker.

import { sizeOf } from "../core/sizes.js";

const d3 = window.d3;
const PLOT_HEIGHT = 150;
const PLOT_MARGIN = { top: 10, right: 10, bottom: 22, left: 34 };

/**
 * A small function plot: `series` [{points: [[x, y]...], cls}] over xDomain/yDomain, with an
 * optional marker {x, y} (a dot and a dashed guide down to the x axis).
 */
export function drawFunctionPlot(el, { series, xDomain, yDomain, marker = null, height = PLOT_HEIGHT }) {
  const width = sizeOf(el).width || 260;
  const root = d3.select(el);
  let svg = root.select("svg");
  if (svg.empty()) {
    svg = root.append("svg").attr("class", "plot-svg");
    svg.append("g").attr("class", "x-axis axis");
    svg.append("g").attr("class", "y-axis axis");
    svg.append("g").attr("class", "series");
    svg.append("line").attr("class", "marker-guide");
    svg.append("circle").attr("class", "marker-dot").attr("r", 4);
  }
  svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
  const x = d3
    .scaleLinear()
    .domain(xDomain)
    .range([PLOT_MARGIN.left, width - PLOT_MARGIN.right]);
  const y = d3
    .scaleLinear()
    .domain(yDomain)
    .range([height - PLOT_MARGIN.bottom, PLOT_MARGIN.top]);
  svg
    .select(".x-axis")
    .attr("transform", `translate(0,${y(Math.max(yDomain[0], Math.min(0, yDomain[1])))})`)
    .call(d3.axisBottom(x).ticks(5).tickSizeOuter(0));
  svg
    .select(".y-axis")
    .attr("transform", `translate(${x(Math.max(xDomain[0], Math.min(0, xDomain[1])))},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSizeOuter(0));
  const clampY = (v) => y(Math.max(yDomain[0], Math.min(yDomain[1], v)));
  const line = d3
    .line()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => clampY(p[1]));
  svg
    .select(".series")
    .selectAll("path")
    .data(series)
    .join("path")
    .attr("class", (d) => `fn ${d.cls}`)
    .attr("d", (d) => line(d.points));
  svg.select(".marker-guide").attr("display", marker ? null : "none");
  svg.select(".marker-dot").attr("display", marker ? null : "none");
  if (marker) {
    svg
      .select(".marker-guide")
      .attr("x1", x(marker.x))
      .attr("x2", x(marker.x))
      .attr("y1", y.range()[0])
      .attr("y2", clampY(marker.y));
    svg.select(".marker-dot").attr("cx", x(marker.x)).attr("cy", clampY(marker.y));
  }
}
