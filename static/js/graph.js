// The network drawing (SVG via the d3 UMD global). draw() builds the elements once per
// architecture with stable keys; update() only restyles them, so a training step is cheap.

import { t } from "./i18n.js";

const d3 = window.d3;

/** Colours of the diverging scale shared by every signed value on the page. */
export const NEGATIVE = "#e8590c";
export const ZERO = "#ffffff";
export const POSITIVE = "#1c7ed6";
const UNKNOWN_FILL = "#e9ecef";
const UNKNOWN_LINK = "#dee2e6";
const UNIT_STROKE = "#495057";
const BIAS_FILL = "#f8f9fa";

const MARGIN = { top: 44, right: 84, bottom: 24, left: 84 };
const MAX_RADIUS = 24;
const MIN_RADIUS = 1.5;
const MAX_SPACING = 78;
const LABEL_MAX_UNITS = 12; // larger layers draw no labels or values
const HEATMAP_MAX_UNITS = 16; // larger layers draw no heatmaps
const HIT_MAX_LINKS = 800; // larger networks get no wide invisible hover targets
const HEATMAP_INSET = 3.5; // px of activation colour left visible around a heatmap
const MAX_LINK_WIDTH = 9;
const DENSE_LINK_WIDTH = 2;
const DENSE_LINKS = 1500;

/** The diverging colour of value v on a scale reaching +-max (white at zero). */
export function divergingColor(v, max) {
  if (v === null || v === undefined || !Number.isFinite(v)) return UNKNOWN_LINK;
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  return t < 0 ? d3.interpolateLab(ZERO, NEGATIVE)(-t) : d3.interpolateLab(ZERO, POSITIVE)(t);
}

/** A "nice" symmetric scale bound covering every finite value in nested arrays. */
export function niceMax(...arrays) {
  let max = 0;
  const visit = (a) => {
    if (Array.isArray(a)) a.forEach(visit);
    else if (Number.isFinite(a)) max = Math.max(max, Math.abs(a));
  };
  arrays.forEach(visit);
  if (max === 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  const steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  return steps.map((s) => s * exp).find((s) => s >= max);
}

const unitKey = (layer, unit) => `u${layer}-${unit}`;
const linkKey = (layer, from, to) => `w${layer}-${from === null ? "b" : from}-${to}`;

/** Subscript digits for unit labels such as h₂. */
function sub(n) {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);
}

/** The label of unit `unit` of layer `layer` in a network of `depth` weight layers. */
export function unitLabel(layer, unit, depth) {
  if (layer === 0) return `x${sub(unit + 1)}`;
  if (layer === depth) return `y${sub(unit + 1)}`;
  return depth > 2 ? `h${sub(layer)}${"\u200a"}${sub(unit + 1)}` : `h${sub(unit + 1)}`;
}

/** A network graph in `container`; handlers get (datum, event) for hover and click. */
export function createGraph(container, handlers) {
  const svg = d3
    .select(container)
    .append("svg")
    .attr("class", "graph-svg")
    .attr("data-testid", "graph-svg");
  const defs = svg.append("defs");
  const columns = svg.append("g").attr("class", "columns");
  const hitLayer = svg.append("g").attr("class", "hits");
  const linkLayer = svg.append("g").attr("class", "links");
  const unitLayer = svg.append("g").attr("class", "units");
  let shapeKey = "";
  let layout = null;

  function computeLayout(layers, showBias) {
    const width = container.clientWidth || 800;
    const height = container.clientHeight || 500;
    const depth = layers.length - 1;
    const x = d3
      .scalePoint()
      .domain(d3.range(layers.length))
      .range([MARGIN.left, width - MARGIN.right]);
    const units = [];
    const biasUnits = [];
    layers.forEach((n, layer) => {
      const slots = n + (showBias && layer < depth ? 1 : 0);
      const usable = height - MARGIN.top - MARGIN.bottom;
      const spacing = Math.min(MAX_SPACING, usable / Math.max(slots, 1));
      const radius = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, spacing * 0.36));
      const top = MARGIN.top + (usable - spacing * slots) / 2 + spacing / 2;
      const offset = slots > n ? 1 : 0;
      if (offset) {
        biasUnits.push({ key: `b${layer}`, layer, x: x(layer), y: top, r: Math.max(radius * 0.6, 5) });
      }
      for (let unit = 0; unit < n; unit++) {
        units.push({
          key: unitKey(layer, unit),
          layer,
          unit,
          x: x(layer),
          y: top + (unit + offset) * spacing,
          r: radius,
          label: n <= LABEL_MAX_UNITS ? unitLabel(layer, unit, depth) : "",
          small: n > LABEL_MAX_UNITS,
          heatmap: layer > 0 && n <= HEATMAP_MAX_UNITS,
        });
      }
    });
    const byKey = new Map(units.map((u) => [u.key, u]));
    const biasByLayer = new Map(biasUnits.map((b) => [b.layer, b]));
    const links = [];
    for (let layer = 0; layer < depth; layer++) {
      for (let to = 0; to < layers[layer + 1]; to++) {
        const target = byKey.get(unitKey(layer + 1, to));
        for (let from = 0; from < layers[layer]; from++) {
          links.push({ key: linkKey(layer, from, to), layer, from, to, source: byKey.get(unitKey(layer, from)), target });
        }
        const bias = biasByLayer.get(layer);
        if (bias) links.push({ key: linkKey(layer, null, to), layer, from: null, to, source: bias, target });
      }
    }
    return { width, height, depth, x, units, biasUnits, links, dense: links.length > DENSE_LINKS };
  }

  function draw(model) {
    layout = computeLayout(model.layers, model.showBias && model.useBias);
    const { width, height, links, units, biasUnits } = layout;
    svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);

    const titles = model.layers.map((n, layer) => ({
      layer,
      text: layer === 0 ? t("graph.input") : layer === layout.depth ? t("graph.output") : t("graph.hiddenN", { n: layer }),
      count: n,
    }));
    columns
      .selectAll("g.column")
      .data(titles, (d) => d.layer)
      .join((enter) => {
        const g = enter.append("g").attr("class", "column");
        g.append("rect").attr("class", "column-band");
        g.append("text").attr("class", "column-title");
        return g;
      })
      .each(function (d) {
        const g = d3.select(this);
        const band = Math.min(90, (width - MARGIN.left - MARGIN.right) / Math.max(model.layers.length - 1, 1) - 16);
        g.select("rect")
          .attr("x", layout.x(d.layer) - band / 2)
          .attr("y", 6)
          .attr("width", band)
          .attr("height", height - 12)
          .attr("rx", 10);
        g.select("text")
          .attr("x", layout.x(d.layer))
          .attr("y", 22)
          .text(`${d.text} · ${d.count}`);
      });

    const hits = links.length <= HIT_MAX_LINKS ? links : [];
    hitLayer
      .selectAll("line")
      .data(hits, (d) => d.key)
      .join("line")
      .attr("class", "hit")
      .attr("data-key", (d) => d.key)
      .attr("x1", (d) => d.source.x)
      .attr("y1", (d) => d.source.y)
      .attr("x2", (d) => d.target.x)
      .attr("y2", (d) => d.target.y)
      .on("mouseenter", (event, d) => handlers.onLinkHover(d, event))
      .on("mousemove", (event, d) => handlers.onLinkHover(d, event))
      .on("mouseleave", () => handlers.onLeave())
      .on("click", (event, d) => handlers.onLinkClick(d, event));

    linkLayer
      .classed("dense", layout.dense)
      .selectAll("line")
      .data(links, (d) => d.key)
      .join("line")
      .attr("class", (d) => (d.from === null ? "link bias-link" : "link"))
      .attr("data-testid", "link")
      .attr("data-key", (d) => d.key)
      .attr("data-layer", (d) => d.layer)
      .attr("data-from", (d) => (d.from === null ? "bias" : d.from))
      .attr("data-to", (d) => d.to)
      .attr("x1", (d) => d.source.x)
      .attr("y1", (d) => d.source.y)
      .attr("x2", (d) => d.target.x)
      .attr("y2", (d) => d.target.y)
      .on("mouseenter", (event, d) => handlers.onLinkHover(d, event))
      .on("mousemove", (event, d) => handlers.onLinkHover(d, event))
      .on("mouseleave", () => handlers.onLeave())
      .on("click", (event, d) => handlers.onLinkClick(d, event));

    defs
      .selectAll("clipPath")
      .data(units.filter((u) => u.heatmap), (d) => d.key)
      .join((enter) => enter.append("clipPath").call((c) => c.append("circle")))
      .attr("id", (d) => `clip-${d.key}`)
      .select("circle")
      .attr("cx", (d) => d.x)
      .attr("cy", (d) => d.y)
      .attr("r", (d) => Math.max(d.r - HEATMAP_INSET, 1));

    unitLayer
      .selectAll("g.unit")
      .data(units, (d) => d.key)
      .join((enter) => {
        const g = enter.append("g").attr("class", "unit").attr("data-testid", "unit");
        g.append("circle").attr("class", "unit-body");
        g.append("image").attr("class", "unit-heatmap").attr("preserveAspectRatio", "none");
        g.append("text").attr("class", "unit-label");
        g.append("text").attr("class", "unit-value");
        return g;
      })
      .classed("small", (d) => d.small)
      .attr("data-key", (d) => d.key)
      .attr("data-layer", (d) => d.layer)
      .attr("data-unit", (d) => d.unit)
      .on("mouseenter", (event, d) => handlers.onUnitHover(d, event))
      .on("mousemove", (event, d) => handlers.onUnitHover(d, event))
      .on("mouseleave", () => handlers.onLeave())
      .each(function (d) {
        const g = d3.select(this);
        g.select("circle").attr("cx", d.x).attr("cy", d.y).attr("r", d.r);
        g.select("image")
          .attr("x", d.x - d.r)
          .attr("y", d.y - d.r)
          .attr("width", 2 * d.r)
          .attr("height", 2 * d.r)
          .attr("clip-path", d.heatmap ? `url(#clip-${d.key})` : null);
        const left = d.layer === 0;
        g.select("text.unit-label")
          .attr("x", left ? d.x - d.r - 8 : d.x + d.r + 8)
          .attr("y", d.y - (d.layer === 0 ? 0 : 6))
          .attr("text-anchor", left ? "end" : "start")
          .text(d.label);
        g.select("text.unit-value")
          .attr("x", left ? d.x - d.r - 8 : d.x + d.r + 8)
          .attr("y", d.y + (d.layer === 0 ? 14 : 9))
          .attr("text-anchor", left ? "end" : "start");
      });

    unitLayer
      .selectAll("g.bias")
      .data(biasUnits, (d) => d.key)
      .join((enter) => {
        const g = enter.append("g").attr("class", "bias").attr("data-testid", "bias-unit");
        g.append("circle");
        g.append("text");
        return g;
      })
      .attr("data-layer", (d) => d.layer)
      .attr("data-unit", "bias")
      .each(function (d) {
        const g = d3.select(this);
        g.select("circle").attr("cx", d.x).attr("cy", d.y).attr("r", d.r).attr("fill", BIAS_FILL);
        g.select("text").attr("x", d.x).attr("y", d.y).text("1");
      });
  }

  function update(model) {
    const max = model.scaleMax;
    const widthScale = d3
      .scaleSqrt()
      .domain([0, max])
      .range([0.4, layout.dense ? DENSE_LINK_WIDTH : MAX_LINK_WIDTH])
      .clamp(true);
    const weightOf = (d) => (d.from === null ? model.biases[d.layer][d.to] : model.weights[d.layer][d.to][d.from]);
    const shownOf = (d) => {
      const shown = model.shown;
      if (!shown) return null;
      const v = d.from === null ? shown.biases?.[d.layer]?.[d.to] : shown.weights?.[d.layer]?.[d.to]?.[d.from];
      return v === undefined ? null : v;
    };
    linkLayer
      .selectAll("line.link")
      .attr("data-weight", (d) => String(weightOf(d)))
      .attr("data-shown", (d) => String(shownOf(d)))
      .attr("stroke", (d) => divergingColor(shownOf(d), max))
      .attr("stroke-width", (d) => {
        const v = shownOf(d);
        return v === null ? 0.6 : widthScale(Math.abs(v));
      })
      .classed("unknown", (d) => shownOf(d) === null)
      .classed("selected", (d) => model.selectedLink === d.key);

    unitLayer
      .selectAll("g.unit")
      .classed("active", (d) => (model.activeLayers || []).includes(d.layer))
      .each(function (d) {
        const g = d3.select(this);
        const a = model.unitValues?.[d.layer]?.[d.unit];
        const known = a !== null && a !== undefined;
        g.attr("data-activation", known ? String(a) : "");
        g.select("circle").attr("fill", known ? divergingColor(a, model.unitScaleMax || 1) : UNKNOWN_FILL);
        const href = d.heatmap ? model.heatmaps?.[d.layer]?.[d.unit] : null;
        g.select("image").attr("href", href || null).attr("display", href ? null : "none");
        const text = d.small ? "" : (model.unitText?.[d.layer]?.[d.unit] ?? "");
        g.select("text.unit-value").text(text);
      });
  }

  let highlighted = null;

  /** Mark the graph parts a lesson's term names (null clears): see the keys in app/lessons.py. */
  function highlight(key) {
    highlighted = key;
    if (!layout) return;
    const depth = layout.depth;
    const [kind, ...idx] = key ? key.split(":") : [null];
    const n = idx.map(Number);
    const unitHit = (d) =>
      kind === "units" ||
      (kind === "input" && d.layer === 0) ||
      (kind === "output" && d.layer === depth) ||
      (kind === "hidden" && d.layer > 0 && d.layer < depth) ||
      (kind === "unit" && d.layer === n[0] && d.unit === n[1]);
    const linkHit = (d) =>
      (kind === "weights" && d.from !== null) ||
      (kind === "bias" && d.from === null) ||
      (kind === "link" && d.layer === n[0] && d.to === n[1] && d.from === n[2]);
    svg.classed("highlighting", Boolean(key));
    unitLayer.selectAll("g.unit").classed("hl", (d) => Boolean(key) && unitHit(d));
    unitLayer.selectAll("g.bias").classed("hl", () => kind === "bias" || kind === "units");
    linkLayer.selectAll("line.link").classed("hl", (d) => Boolean(key) && linkHit(d));
    columns.selectAll("g.column").classed("hl", () => kind === "layers");
  }

  return {
    /** Mark the parts named by a lesson term's key (null: none). */
    highlight,
    /** Draw (when the architecture or size changed) and restyle for a model. */
    render(model) {
      const key = [
        model.layers.join("-"),
        model.useBias,
        model.showBias,
        container.clientWidth,
        container.clientHeight,
      ].join("|");
      if (key !== shapeKey) {
        draw(model);
        shapeKey = key;
        if (highlighted) highlight(highlighted);
      }
      update(model);
    },
    /** Forget the drawing so the next render rebuilds it. */
    invalidate() {
      shapeKey = "";
    },
  };
}
