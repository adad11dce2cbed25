// @ts-check
// The selected example's output beside its target, as bars, with its loss beneath.

import { t } from "../core/i18n.js";

const d3 = window.d3;
const BAR_HEIGHT = 16;
const BAR_GAP = 6;
const BAR_LABEL_WIDTH = 34;
const P_COLOR = "#1c7ed6";
const D_COLOR = "#adb5bd";

/** A number with a fixed count of decimals (bars are read side by side). @param {number} v */
const fmt = (v, digits = 4) => (Number.isFinite(v) ? Number(v).toFixed(digits) : "–");

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
      const label = g
        .append("text")
        .attr("class", "bar-label")
        .attr("x", 0)
        .attr("y", y0 + BAR_HEIGHT - 4);
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
  e.append("span")
    .attr("class", "hint-inline")
    .text(` ${t("chart.lossOnExample", { loss: lossName })}`);
}
