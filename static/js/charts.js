// The panels' drawings: the loss curve, output-vs-target bars, and heatmaps over the
// 2-D input plane (inside units and as the decision boundary with the data points).

import { divergingColor, NEGATIVE, POSITIVE } from "./graph.js";
import { t } from "./i18n.js";

const d3 = window.d3;

const CHART_HEIGHT = 150;
const CHART_MARGIN = { top: 10, right: 12, bottom: 24, left: 44 };
const TRAIN_COLOR = "#343a40";
const TEST_COLOR = "#e8590c";
const MAX_CURVE_POINTS = 800;
const FEW_STEPS = 40; // short curves also get a dot per step
const BAR_HEIGHT = 16;
const BAR_GAP = 6;
const BAR_LABEL_WIDTH = 34;
const P_COLOR = "#1c7ed6";
const D_COLOR = "#adb5bd";
const BOUNDARY_SIZE = 260;
const POINT_RADIUS = 3.2;
const FEW_POINTS = 20; // small datasets get bigger points
const CLASS_COLORS = [NEGATIVE, POSITIVE, "#2f9e44", "#7048e8", "#e03131", "#0c8599"];

const fmt = (v, digits = 4) => (Number.isFinite(v) ? Number(v).toFixed(digits) : "–");

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
  const width = el.clientWidth || 320;
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
  svg.select(".key-train").text(t("chart.train"));
  svg.select(".key-test").text(t("chart.test"));
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
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 70)), "~s").tickSizeOuter(0));
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
    .text(train.length ? "" : t("chart.empty"));
  el.dataset.points = String(train.length);
}

/**
 * Draw the selected example's output beside its target: p and d as bars per output unit,
 * with the example's loss E beneath.
 */
export function drawOutputBars(el, { outputs, targets, loss, lossName, softmax }) {
  const root = d3.select(el);
  root.selectAll("*").remove();
  if (!outputs) return;
  const width = el.clientWidth || 320;
  const k = outputs.length;
  const rowHeight = 2 * BAR_HEIGHT + BAR_GAP + 8;
  const height = k * rowHeight + 8;
  const svg = root
    .append("svg")
    .attr("class", "bars-svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("width", width)
    .attr("height", height);
  const lo = Math.min(0, ...outputs, ...(targets || []));
  const hi = Math.max(1, ...outputs, ...(targets || []));
  const x = d3
    .scaleLinear()
    .domain([lo, hi])
    .range([BAR_LABEL_WIDTH + 4, width - 60]);
  const pName = softmax ? "p" : "y";
  outputs.forEach((p, i) => {
    const g = svg.append("g").attr("transform", `translate(0,${i * rowHeight + 4})`);
    const subscript = k > 1 ? String(i + 1) : "";
    const rows = [
      { name: pName, value: p, color: P_COLOR, cls: "bar-p" },
      { name: "d", value: targets ? targets[i] : null, color: D_COLOR, cls: "bar-d" },
    ];
    rows.forEach((row, r) => {
      const y0 = r * (BAR_HEIGHT + 2);
      const label = g.append("text").attr("class", "bar-label").attr("x", 0).attr("y", y0 + BAR_HEIGHT - 4);
      label.append("tspan").text(row.name);
      if (subscript) label.append("tspan").attr("class", "sub").attr("dy", 3).text(subscript);
      g.append("rect")
        .attr("class", "bar-track")
        .attr("x", x(lo))
        .attr("y", y0)
        .attr("width", x(hi) - x(lo))
        .attr("height", BAR_HEIGHT)
        .attr("rx", 3);
      if (row.value !== null && row.value !== undefined) {
        const left = Math.min(x(0), x(row.value));
        g.append("rect")
          .attr("class", `bar ${row.cls}`)
          .attr("data-testid", row.cls)
          .attr("data-value", String(row.value))
          .attr("x", left)
          .attr("y", y0)
          .attr("width", Math.max(1, Math.abs(x(row.value) - x(0))))
          .attr("height", BAR_HEIGHT)
          .attr("rx", 3)
          .attr("fill", row.color);
        g.append("text")
          .attr("class", "bar-value")
          .attr("x", width - 4)
          .attr("y", y0 + BAR_HEIGHT - 4)
          .attr("text-anchor", "end")
          .text(fmt(row.value));
      }
    });
  });
  const e = root.append("p").attr("class", "example-loss").attr("data-testid", "example-loss");
  e.append("span").attr("class", "math").text("E");
  e.append("span").text(` = ${fmt(loss, 6)}`);
  e.append("span").attr("class", "hint-inline").text(` ${t("chart.lossOnExample", { loss: lossName })}`);
}

/** The centre and half-width of an activation's colour range (values from `sample`). */
export function activationRange(name, sample) {
  if (name === "sigmoid" || name === "softmax") return [0.5, 0.5];
  if (name === "tanh") return [0, 1];
  let max = 0;
  for (const v of sample) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return [0, max || 1];
}

const LUT_SIZE = 256;
const lut = [];
for (let i = 0; i <= LUT_SIZE; i++) {
  const c = d3.rgb(divergingColor((i / LUT_SIZE) * 2 - 1, 1));
  lut.push([c.r, c.g, c.b]);
}

/** The diverging colour of v on a scale reaching +-max, as [r, g, b] from a lookup table. */
function divergingRGB(v, max) {
  if (!Number.isFinite(v)) return lut[LUT_SIZE / 2];
  const s = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  return lut[Math.round(((s + 1) / 2) * LUT_SIZE)];
}

/**
 * A data: URL of an n x n heatmap (row r = y index from low to high, drawn bottom-up);
 * colorAt(i) gives a CSS colour or an [r, g, b] array.
 */
export function heatmapURL(n, colorAt) {
  const canvas = document.createElement("canvas");
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(n, n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const color = colorAt(r * n + c);
      const rgb = Array.isArray(color) ? color : ((c2) => [c2.r, c2.g, c2.b])(d3.rgb(color));
      const o = ((n - 1 - r) * n + c) * 4;
      image.data[o] = rgb[0];
      image.data[o + 1] = rgb[1];
      image.data[o + 2] = rgb[2];
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL();
}

/** The colour function of one unit's grid: diverging around its activation's centre. */
export function unitColorFn(values, activationName) {
  const [centre, half] = activationRange(activationName, values);
  return (i) => divergingRGB(values[i] - centre, half);
}

/** The colour function of the output over the plane: by class, paler where unsure. */
export function outputColorFn(outputs, activationName) {
  if (outputs.length === 1) return unitColorFn(outputs[0], activationName);
  const k = outputs.length;
  return (i) => {
    let best = 0;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      sum += Math.max(outputs[j][i], 0);
      if (outputs[j][i] > outputs[best][i]) best = j;
    }
    const confidence = sum > 0 ? Math.max(outputs[best][i], 0) / sum : 0;
    const t = Math.max(0, (confidence - 1 / k) / (1 - 1 / k));
    return d3.interpolateLab("#ffffff", CLASS_COLORS[best % CLASS_COLORS.length])(0.15 + 0.7 * t);
  };
}

/** The class of a target row: argmax, or above/below the output's centre for one unit. */
export function targetClass(target, centre = 0.5) {
  if (target.length === 1) return target[0] >= centre ? 1 : 0;
  return target.indexOf(Math.max(...target));
}

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
  const x = d3.scaleLinear().domain(xRange).range([pad.left, pad.left + inner]);
  const y = d3.scaleLinear().domain(yRange).range([pad.top + inner, pad.top]);
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
  svg
    .select(".y-axis")
    .attr("transform", `translate(${pad.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSizeOuter(0));
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

const PLOT_HEIGHT = 150;
const PLOT_MARGIN = { top: 10, right: 10, bottom: 22, left: 34 };

/**
 * A small function plot: `series` [{points: [[x, y]...], cls}] over xDomain/yDomain, with an
 * optional marker {x, y} (a dot and a dashed guide down to the x axis).
 */
export function drawFunctionPlot(el, { series, xDomain, yDomain, marker = null, height = PLOT_HEIGHT }) {
  const width = el.clientWidth || 260;
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
  const x = d3.scaleLinear().domain(xDomain).range([PLOT_MARGIN.left, width - PLOT_MARGIN.right]);
  const y = d3.scaleLinear().domain(yDomain).range([height - PLOT_MARGIN.bottom, PLOT_MARGIN.top]);
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
