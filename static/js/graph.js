// The network drawing (SVG via the d3 UMD global). draw() builds the elements once per
// architecture with stable keys; update() only restyles them, so a training step is cheap.
// Up to SVG_MAX_LINKS links, every link is an SVG <line> (with its address and value as
// data-* attributes). Larger networks paint their links on a <canvas> under the SVG units:
// the strongest links into each unit, batched by colour bucket, hovered by geometry. Layers
// of STRIP_MIN_UNITS or more (or, on the canvas path, too dense for circles) are drawn as one
// strip of pixels, a row a unit, instead of one circle a unit.

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
const SVG_MAX_LINKS = 3000; // more links than this are painted on a canvas
const CANVAS_LINK_BUDGET = 3000; // most links the canvas paints: the strongest into each unit
const LINK_BUCKETS = 24; // colour steps per sign on the canvas
const CANVAS_LINK_WIDTH = [0.4, 1]; // px, by magnitude: lines up to 1 px rasterise ~15x faster
const CANVAS_LINK_ALPHA = [0.3, 0.95]; // by magnitude
const CANVAS_SELECTED_WIDTH = 3;
const HOVER_PX = 4; // a canvas link is hovered within this distance
const STRIP_MIN_UNITS = 257; // layers this wide are one strip of pixels (784 inputs)
const STRIP_MAX_SPACING = 4; // on the canvas path, so are layers with units closer than this (px)
const STRIP_WIDTH = 12;
const STRIP_BIAS_ROOM = 16; // px above a strip for its bias unit

const toNegative = d3.interpolateLab(ZERO, NEGATIVE);
const toPositive = d3.interpolateLab(ZERO, POSITIVE);

/** The diverging colour of value v on a scale reaching +-max (white at zero). */
export function divergingColor(v, max) {
  if (v === null || v === undefined || !Number.isFinite(v)) return UNKNOWN_LINK;
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  return t < 0 ? toNegative(-t) : toPositive(t);
}

/** Colour, width and alpha of each canvas bucket -B..B (index b + B; b / B of the scale). */
const BUCKET_STYLES = d3.range(-LINK_BUCKETS, LINK_BUCKETS + 1).map((b) => {
  const m = Math.abs(b) / LINK_BUCKETS;
  return {
    color: divergingColor(b, LINK_BUCKETS),
    width: CANVAS_LINK_WIDTH[0] + (CANVAS_LINK_WIDTH[1] - CANVAS_LINK_WIDTH[0]) * Math.sqrt(m),
    alpha: CANVAS_LINK_ALPHA[0] + (CANVAS_LINK_ALPHA[1] - CANVAS_LINK_ALPHA[0]) * m,
  };
});

/** The k-th largest of the first n values of `a` (reorders them): quickselect. */
function kthLargest(a, n, k) {
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return a[want];
  }
  return a[want];
}

/** A "nice" symmetric scale bound covering every finite value in nested arrays. */
export function niceMax(...arrays) {
  let max = 0;
  const visit = (a) => {
    if (!Array.isArray(a)) {
      if (Number.isFinite(a)) max = Math.max(max, Math.abs(a));
      return;
    }
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number") visit(v);
      else if ((v > max || -v > max) && Number.isFinite(v)) max = Math.abs(v);
    }
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

/** Links allowed per weight layer: an equal share of `budget`, what one layer leaves to the rest. */
function linkBudgets(counts, budget) {
  const order = counts.map((_, i) => i).sort((a, b) => counts[a] - counts[b]);
  const out = [];
  let left = budget;
  order.forEach((i, done) => {
    out[i] = Math.min(counts[i], Math.floor(left / (counts.length - done)));
    left -= out[i];
  });
  return out;
}

/** A network graph in `container`; handlers get (datum, event) for hover and click. */
export function createGraph(container, handlers) {
  let canvas = null; // made on the first canvas-path draw, removed on the SVG path
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
  const stripLayer = svg.append("g").attr("class", "strips");
  const noteLayer = svg.append("g").attr("class", "link-notes");
  let shapeKey = "";
  let layout = null;
  let painted = []; // the links the canvas shows: {key, layer, from, to, x1, y1, x2, y2}
  let hovered = null; // the canvas link under the pointer
  const stripImages = new Map(); // layer -> {values, max, href}

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
    const strips = [];
    const unitY = layers.map((n) => new Float64Array(n));
    const counts = d3.range(depth).map((l) => layers[l + 1] * (layers[l] + (showBias ? 1 : 0)));
    const canvasLinks = d3.sum(counts) > SVG_MAX_LINKS;
    layers.forEach((n, layer) => {
      const slots = n + (showBias && layer < depth ? 1 : 0);
      const usable = height - MARGIN.top - MARGIN.bottom;
      if (n >= STRIP_MIN_UNITS || (canvasLinks && usable / slots < STRIP_MAX_SPACING)) {
        // one strip of pixels, a row a unit, with the bias unit above it
        const room = slots > n ? STRIP_BIAS_ROOM : 0;
        const spacing = (usable - room) / n;
        const top = MARGIN.top + room;
        if (room) biasUnits.push({ key: `b${layer}`, layer, x: x(layer), y: MARGIN.top + room / 2 - 2, r: 5 });
        strips.push({ key: `s${layer}`, layer, n, x: x(layer), top, spacing, height: spacing * n });
        for (let unit = 0; unit < n; unit++) {
          unitY[layer][unit] = top + (unit + 0.5) * spacing;
          units.push({ key: unitKey(layer, unit), layer, unit, x: x(layer), y: unitY[layer][unit], r: spacing / 2, strip: true });
        }
        return;
      }
      const spacing = Math.min(MAX_SPACING, usable / Math.max(slots, 1));
      const radius = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, spacing * 0.36));
      const top = MARGIN.top + (usable - spacing * slots) / 2 + spacing / 2;
      const offset = slots > n ? 1 : 0;
      if (offset) {
        biasUnits.push({ key: `b${layer}`, layer, x: x(layer), y: top, r: Math.max(radius * 0.6, 5) });
      }
      for (let unit = 0; unit < n; unit++) {
        unitY[layer][unit] = top + (unit + offset) * spacing;
        units.push({
          key: unitKey(layer, unit),
          layer,
          unit,
          x: x(layer),
          y: unitY[layer][unit],
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
    for (let layer = 0; layer < depth && !canvasLinks; layer++) {
      for (let to = 0; to < layers[layer + 1]; to++) {
        const target = byKey.get(unitKey(layer + 1, to));
        for (let from = 0; from < layers[layer]; from++) {
          links.push({ key: linkKey(layer, from, to), layer, from, to, source: byKey.get(unitKey(layer, from)), target });
        }
        const bias = biasByLayer.get(layer);
        if (bias) links.push({ key: linkKey(layer, null, to), layer, from: null, to, source: bias, target });
      }
    }
    // the canvas paints the k strongest links into each unit, k from the layer's budget
    const budgets = linkBudgets(counts, CANVAS_LINK_BUDGET);
    const sampled = counts.map((count, l) => {
      const candidates = layers[l] + (biasByLayer.has(l) ? 1 : 0);
      const k = Math.max(1, Math.floor(budgets[l] / layers[l + 1]));
      return { layer: l, k: Math.min(k, candidates), candidates, x: (x(l) + x(l + 1)) / 2 };
    });
    return {
      width,
      height,
      depth,
      x,
      layers,
      units,
      biasUnits,
      biasByLayer,
      unitY,
      strips,
      links,
      sampled,
      canvas: canvasLinks,
      dense: links.length > DENSE_LINKS,
    };
  }

  function draw(model) {
    layout = computeLayout(model.layers, model.showBias && model.useBias);
    const { width, height, links, units, biasUnits } = layout;
    container.dataset.linkRender = layout.canvas ? "canvas" : "svg";
    svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    drawCanvas();

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
        g.select("rect")
          .attr("x", layout.x(d.layer) - bandWidth() / 2)
          .attr("y", 6)
          .attr("width", bandWidth())
          .attr("height", height - 12)
          .attr("rx", 10);
        g.select("text")
          .attr("x", layout.x(d.layer))
          .attr("y", 22)
          .text(`${d.text} · ${d.count}`);
      });

    const hits = links.length <= HIT_MAX_LINKS ? links : [];

    /** Put a link line between its units and route its hover and click to the handlers. */
    const placeLink = (sel) =>
      sel
        .attr("x1", (d) => d.source.x)
        .attr("y1", (d) => d.source.y)
        .attr("x2", (d) => d.target.x)
        .attr("y2", (d) => d.target.y)
        .on("mouseenter", (event, d) => handlers.onLinkHover(d, event))
        .on("mousemove", (event, d) => handlers.onLinkHover(d, event))
        .on("mouseleave", () => handlers.onLeave())
        .on("click", (event, d) => handlers.onLinkClick(d, event));

    hitLayer
      .selectAll("line")
      .data(hits, (d) => d.key)
      .join("line")
      .attr("class", "hit")
      .attr("data-key", (d) => d.key)
      .call(placeLink);

    // canvas links are found by geometry under one transparent rectangle
    hitLayer
      .selectAll("rect.link-area")
      .data(layout.canvas ? [layout] : [])
      .join("rect")
      .attr("class", "link-area")
      .attr("data-testid", "link-area")
      .attr("width", width)
      .attr("height", height)
      .on("mousemove", onAreaMove)
      .on("mouseleave", (event) => {
        hovered = null;
        d3.select(event.currentTarget).classed("over", false).attr("data-hovered", null);
        handlers.onLeave();
      })
      .on("click", (event) => {
        if (hovered) handlers.onLinkClick(hovered, event);
      });

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
      .call(placeLink);

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
      .data(
        units.filter((u) => !u.strip),
        (d) => d.key,
      )
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

    drawStrips();

    // on the canvas path, a note under each layer of links that shows only the strongest
    noteLayer
      .selectAll("text")
      .data(layout.canvas ? layout.sampled.filter((s) => s.k < s.candidates) : [], (d) => d.layer)
      .join("text")
      .attr("class", "link-note")
      .attr("data-testid", "link-note")
      .attr("x", (d) => d.x)
      .attr("y", height - 8)
      .text((d) => t("graph.strongestLinks", { k: d.k, n: d.candidates }));
  }

  const bandWidth = () =>
    Math.min(90, (layout.width - MARGIN.left - MARGIN.right) / Math.max(layout.layers.length - 1, 1) - 16);

  /** Size the canvas to the drawing (device pixels), or remove it on the SVG path. */
  function drawCanvas() {
    painted = [];
    hovered = null;
    if (!layout.canvas) {
      // no canvas element at all: with a hidden, zero-size one in the page, tests that
      // wait on animation frames in headless Chromium timed out now and then
      canvas?.remove();
      canvas = null;
      delete container.dataset.linksPainted;
      return;
    }
    canvas ??= d3.select(container).insert("canvas", ":first-child").attr("class", "graph-canvas").attr("data-testid", "graph-canvas");
    const node = canvas.node();
    const dpr = window.devicePixelRatio || 1;
    canvas.style("width", `${layout.width}px`).style("height", `${layout.height}px`);
    node.width = Math.round(layout.width * dpr);
    node.height = Math.round(layout.height * dpr);
    layout.dpr = dpr;
    layout.band = getComputedStyle(container).getPropertyValue("--band").trim() || BIAS_FILL;
  }

  function drawStrips() {
    const depth = layout.depth;
    stripImages.clear();
    stripLayer
      .selectAll("g.unit-strip")
      .data(layout.strips, (d) => d.key)
      .join((enter) => {
        const g = enter.append("g").attr("class", "unit-strip").attr("data-testid", "unit-strip");
        g.append("image").attr("class", "strip-image").attr("preserveAspectRatio", "none");
        g.append("rect").attr("class", "strip-frame");
        g.append("text").attr("class", "strip-label first");
        g.append("text").attr("class", "strip-label last");
        g.append("rect").attr("class", "strip-hit");
        return g;
      })
      .attr("data-layer", (d) => d.layer)
      .attr("data-units", (d) => d.n)
      .each(function (d) {
        const g = d3.select(this);
        const left = d.x - STRIP_WIDTH / 2;
        g.selectAll("image, rect").attr("x", left).attr("y", d.top).attr("width", STRIP_WIDTH).attr("height", d.height);
        const side = d.layer === 0 ? left - 6 : left + STRIP_WIDTH + 6;
        const anchor = d.layer === 0 ? "end" : "start";
        g.select("text.first").attr("x", side).attr("y", d.top + 6).attr("text-anchor", anchor).text(unitLabel(d.layer, 0, depth));
        g.select("text.last")
          .attr("x", side)
          .attr("y", d.top + d.height - 6)
          .attr("text-anchor", anchor)
          .text(unitLabel(d.layer, d.n - 1, depth));
        g.select("rect.strip-hit")
          .on("mousemove", (event) => {
            const [, py] = d3.pointer(event, svg.node());
            const unit = Math.max(0, Math.min(d.n - 1, Math.floor((py - d.top) / d.spacing)));
            handlers.onUnitHover({ key: unitKey(d.layer, unit), layer: d.layer, unit }, event);
          })
          .on("mouseleave", () => handlers.onLeave());
      });
  }

  /** A strip's picture: one pixel row a unit, in the unit colours (cached per value array). */
  function stripHref(strip, values, max) {
    const cached = stripImages.get(strip.layer);
    if (cached && cached.values === values && cached.max === max) return cached.href;
    const c = document.createElement("canvas");
    c.width = 1;
    c.height = strip.n;
    const ctx = c.getContext("2d");
    for (let i = 0; i < strip.n; i++) {
      const a = values?.[i];
      ctx.fillStyle = a === null || a === undefined ? UNKNOWN_FILL : divergingColor(a, max);
      ctx.fillRect(0, i, 1, 1);
    }
    const href = c.toDataURL();
    stripImages.set(strip.layer, { values, max, href });
    return href;
  }

  function onAreaMove(event) {
    const [px, py] = d3.pointer(event, svg.node());
    let best = null;
    let bestDistance = HOVER_PX;
    for (const d of painted) {
      if (px < d.x1 || px > d.x2) continue;
      const slope = (d.y2 - d.y1) / (d.x2 - d.x1);
      const distance = Math.abs(py - (d.y1 + slope * (px - d.x1))) / Math.sqrt(1 + slope * slope);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = d;
      }
    }
    hovered = best;
    d3.select(event.currentTarget)
      .classed("over", Boolean(best))
      .attr("data-hovered", best ? best.key : null);
    if (best) handlers.onLinkHover(best, event);
    else handlers.onLeave();
  }

  /** Paint the canvas links: per unit the k strongest shown values, one path a colour bucket. */
  function paintLinks(model) {
    const { width, height, layers, unitY, x, dpr } = layout;
    const ctx = canvas.node().getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.globalAlpha = 1;
    ctx.fillStyle = layout.band; // the SVG bands are transparent on this path
    const band = bandWidth();
    layers.forEach((_, l) => {
      ctx.beginPath();
      ctx.roundRect(x(l) - band / 2, 6, band, height - 12, 10);
      ctx.fill();
    });

    const max = model.scaleMax;
    const shown = model.shown;
    const buckets = BUCKET_STYLES.map(() => []);
    const unknown = [];
    painted = [];
    for (const { layer: l, k, candidates } of layout.sampled) {
      const nFrom = layers[l];
      const bias = layout.biasByLayer.get(l);
      const shownRows = shown?.weights?.[l];
      const shownBias = shown?.biases?.[l];
      const mags = new Float64Array(candidates);
      const x1 = x(l);
      const x2 = x(l + 1);
      for (let to = 0; to < layers[l + 1]; to++) {
        const row = shownRows?.[to];
        const known = Boolean(row);
        const source = known ? row : model.weights[l][to];
        const biasValue = known ? shownBias?.[to] : model.biases[l][to];
        const magnitude = (i) => {
          const v = i < nFrom ? source[i] : biasValue;
          return Number.isFinite(v) ? Math.abs(v) : 0;
        };
        let threshold = -1;
        let ties = candidates;
        if (k < candidates) {
          for (let i = 0; i < candidates; i++) mags[i] = magnitude(i);
          threshold = kthLargest(mags, candidates, k);
          ties = k;
          for (let i = 0; i < candidates; i++) if (mags[i] > threshold) ties--;
        }
        const y2 = unitY[l + 1][to];
        for (let i = 0; i < candidates; i++) {
          const m = magnitude(i);
          if (m < threshold) continue;
          if (m === threshold && ties-- <= 0) continue;
          const from = i < nFrom ? i : null;
          const y1 = from === null ? bias.y : unitY[l][from];
          const v = from === null ? biasValue : source[from];
          painted.push({ key: linkKey(l, from, to), layer: l, from, to, x1, y1, x2, y2 });
          if (!known || !Number.isFinite(v)) unknown.push(x1, y1, x2, y2);
          else {
            const b = max > 0 ? Math.round(Math.max(-1, Math.min(1, v / max)) * LINK_BUCKETS) : 0;
            buckets[b + LINK_BUCKETS].push(x1, y1, x2, y2);
          }
        }
      }
    }
    const stroke = (coords, color, lineWidth, alpha) => {
      if (!coords.length) return;
      ctx.strokeStyle = color;
      ctx.lineWidth = lineWidth;
      ctx.globalAlpha = alpha;
      ctx.beginPath();
      for (let i = 0; i < coords.length; i += 4) {
        ctx.moveTo(coords[i], coords[i + 1]);
        ctx.lineTo(coords[i + 2], coords[i + 3]);
      }
      ctx.stroke();
    };
    stroke(unknown, UNKNOWN_LINK, CANVAS_LINK_WIDTH[0], 0.8);
    // weakest first, so the strongest links end up on top
    for (let m = 0; m <= LINK_BUCKETS; m++) {
      for (const b of m === 0 ? [0] : [-m, m]) {
        const style = BUCKET_STYLES[b + LINK_BUCKETS];
        stroke(buckets[b + LINK_BUCKETS], style.color, style.width, style.alpha);
      }
    }
    const selected = /^w(\d+)-(b|\d+)-(\d+)$/.exec(model.selectedLink || "");
    if (selected) {
      const [l, from, to] = [Number(selected[1]), selected[2] === "b" ? null : Number(selected[2]), Number(selected[3])];
      const bias = layout.biasByLayer.get(l);
      const y1 = from === null ? bias?.y : unitY[l]?.[from];
      const y2 = unitY[l + 1]?.[to];
      if (y1 !== undefined && y2 !== undefined) {
        const v = from === null ? shown?.biases?.[l]?.[to] : shown?.weights?.[l]?.[to]?.[from];
        const coords = [x(l), y1, x(l + 1), y2];
        stroke(coords, UNIT_STROKE, CANVAS_SELECTED_WIDTH + 2, 1);
        stroke(coords, divergingColor(v, max), CANVAS_SELECTED_WIDTH, 1);
      }
    }
    ctx.globalAlpha = 1;
    container.dataset.linksPainted = String(painted.length);
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
    if (layout.canvas) paintLinks(model);
    else {
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
    }

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

    stripLayer
      .selectAll("g.unit-strip")
      .classed("active", (d) => (model.activeLayers || []).includes(d.layer))
      .each(function (d) {
        const values = model.unitValues?.[d.layer] || null;
        d3.select(this)
          .attr("data-known", values ? "true" : "false")
          .select("image")
          .attr("href", stripHref(d, values, model.unitScaleMax || 1));
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
    const layerHit = (layer) =>
      kind === "units" ||
      (kind === "input" && layer === 0) ||
      (kind === "output" && layer === depth) ||
      (kind === "hidden" && layer > 0 && layer < depth);
    const unitHit = (d) => layerHit(d.layer) || (kind === "unit" && d.layer === n[0] && d.unit === n[1]);
    const linkHit = (d) =>
      (kind === "weights" && d.from !== null) ||
      (kind === "bias" && d.from === null) ||
      (kind === "link" && d.layer === n[0] && d.to === n[1] && d.from === n[2]);
    svg.classed("highlighting", Boolean(key));
    unitLayer.selectAll("g.unit").classed("hl", (d) => Boolean(key) && unitHit(d));
    unitLayer.selectAll("g.bias").classed("hl", () => kind === "bias" || kind === "units");
    stripLayer.selectAll("g.unit-strip").classed("hl", (d) => Boolean(key) && (layerHit(d.layer) || (kind === "unit" && d.layer === n[0])));
    linkLayer.selectAll("line.link").classed("hl", (d) => Boolean(key) && linkHit(d));
    columns.selectAll("g.column").classed("hl", () => kind === "layers");
  }

  return {
    /** Mark the parts named by a lesson term's key (null: none). */
    highlight,
    /** Draw (when the architecture or size changed) and restyle for a model. */
    render(model) {
      performance.clearMarks("graph-render-start");
      performance.clearMeasures("graph-render");
      performance.mark("graph-render-start");
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
      performance.measure("graph-render", "graph-render-start"); // the benchmarks read it
    },
    /** Forget the drawing so the next render rebuilds it. */
    invalidate() {
      shapeKey = "";
    },
  };
}
