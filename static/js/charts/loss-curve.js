// @ts-check
// The loss curve over steps: train and, when the dataset has a test split, test.

import { t } from "../core/i18n.js";
import { sizeOf } from "../core/sizes.js";
import { textOf } from "../core/dom.js";

const d3 = window.d3;
const CHART_HEIGHT = 150;
const CHART_MARGIN = { top: 10, right: 12, bottom: 24, left: 44 };
const MAX_CURVE_POINTS = 800;
const FEW_STEPS = 40; // short curves also get a dot per step

/** Every other point of a long series, so a curve keeps at most `max` points. */
function thin(points, max) {
  if (points.length <= max) return points;
  const stride = points.length / max;
  const out = [];
  for (let i = 0; i < max; i++) out.push(points[Math.floor(i * stride)]);
  out.push(points[points.length - 1]);
  return out;
}

/** Draw the loss curve (train and, when present, test) into `el`. */
export function drawLossCurve(el, historyData, { yMax = null } = {}) {
  const width = sizeOf(el).width || 320;
  const root = d3.select(el);
  let svg = root.select("svg");
  if (svg.empty()) {
    svg = root.append("svg").attr("class", "loss-svg");
    svg.append("g").attr("class", "x-axis axis");
    svg.append("g").attr("class", "y-axis axis");
    svg.append("path").attr("class", "curve train");
    svg.append("path").attr("class", "curve test");
    svg.append("text").attr("class", "chart-empty");
    const legend = svg.append("g").attr("class", "chart-legend");
    legend.append("line").attr("class", "curve train").attr("x1", 0).attr("x2", 14);
    legend.append("text").attr("class", "key-train").attr("x", 18).attr("y", 4);
    legend.append("line").attr("class", "curve test test-key").attr("x1", 56).attr("x2", 70);
    legend.append("text").attr("class", "test-key key-test").attr("x", 74).attr("y", 4);
  }
  svg.attr("viewBox", `0 0 ${width} ${CHART_HEIGHT}`).attr("width", width).attr("height", CHART_HEIGHT);
  svg.select(".key-train").call(textOf, () => t("chart.train"));
  svg.select(".key-test").call(textOf, () => t("chart.test"));
  const steps = historyData?.steps || [];
  const train = steps.map((s, i) => [s, historyData.losses[i]]).filter((p) => Number.isFinite(p[1]));
  const testLosses = historyData?.test_losses || [];
  const test = steps.map((s, i) => [s, testLosses[i]]).filter((p) => Number.isFinite(p[1]));
  const x = d3
    .scaleLinear()
    .domain([steps.length ? Math.min(steps[0], 0) : 0, Math.max(steps.at(-1) || 1, 1)])
    .range([CHART_MARGIN.left, width - CHART_MARGIN.right]);
  const top = yMax ?? (d3.max([...train, ...test], (p) => p[1]) || 1);
  const y = d3
    .scaleLinear()
    .domain([0, top])
    .nice()
    .range([CHART_HEIGHT - CHART_MARGIN.bottom, CHART_MARGIN.top]);
  svg
    .select(".x-axis")
    .attr("transform", `translate(0,${CHART_HEIGHT - CHART_MARGIN.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .ticks(Math.max(2, Math.floor(width / 70)), "~s")
        .tickSizeOuter(0),
    );
  svg
    .select(".y-axis")
    .attr("transform", `translate(${CHART_MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSizeOuter(0));
  const line = d3
    .line()
    .x((p) => x(p[0]))
    .y((p) => y(Math.min(p[1], y.domain()[1])));
  svg.select("path.train").attr("d", train.length ? line(thin(train, MAX_CURVE_POINTS)) : null);
  svg.select("path.test").attr("d", test.length ? line(thin(test, MAX_CURVE_POINTS)) : null);
  svg
    .selectAll("circle.dot")
    .data(train.length <= FEW_STEPS ? train : [])
    .join("circle")
    .attr("class", "dot")
    .attr("r", 2.5)
    .attr("cx", (p) => x(p[0]))
    .attr("cy", (p) => y(Math.min(p[1], y.domain()[1])));
  svg
    .select(".chart-legend")
    .attr("transform", `translate(${width - CHART_MARGIN.right - 110},${CHART_MARGIN.top + 4})`);
  svg.selectAll(".test-key").attr("display", test.length ? null : "none");
  svg
    .select(".chart-empty")
    .attr("x", width / 2)
    .attr("y", CHART_HEIGHT / 2)
    .call(textOf, () => (train.length ? "" : t("chart.empty")));
  el.dataset.points = String(train.length);
}
