// @ts-check
// The network drawing: a graph in a container, drawn from a GraphModel. render() lays it
// out again only when the architecture, the size or the language changed, then restyles.

import { t } from "../core/i18n.js";
import { linkAt, paintedFrom, paintLinks } from "./canvas.js";
import { BIAS_FILL } from "./colors.js";
import { applyHighlight } from "./highlight.js";
import { createCursor } from "./cursor.js";
import { bindGraphKeys, markFocusable } from "./keyboard.js";
import { computeLayout } from "./layout.js";
import { createStripImages, drawStrips, updateStrips } from "./strips.js";
import { drawColumns, drawLinks, drawUnits, updateLinks, updateUnits } from "./svg.js";
import { createZoom } from "./zoom.js";
import { sizeOf } from "../core/sizes.js";

const d3 = window.d3;

/**
 * What one graph holds: its container, d3 layers and what it drew last.
 * @typedef {object} GraphParts
 * @property {HTMLElement} container
 * @property {import("./svg.js").Handlers} handlers
 * @property {any} svg
 * @property {any} defs
 * @property {Record<string, any>} layers
 * @property {ReturnType<typeof createStripImages>} stripImages
 * @property {ReturnType<typeof createCursor>} cursor
 * @property {{layout: import("./layout.js").Layout | null, key: string, canvas: any, painted: any[], paintedFrom: any[] | null, hovered: any, highlighted: string | null, look: any, focused: string | null}} my
 */

/** Lay out and draw every element for a model. @param {GraphParts} g @param {import("../model/graph-model.js").GraphModel} model */
function draw(g, model) {
  const { container, svg, layers, handlers } = g;
  const { width: shownWidth, height: shownHeight } = sizeOf(container);
  const width = shownWidth || 800;
  const height = shownHeight || 500;
  const layout = computeLayout(model.layers, model.showBias && model.useBias, width, height, model.image);
  g.my.layout = layout;
  container.dataset.linkRender = layout.canvas ? "canvas" : "svg";
  svg.attr("viewBox", `0 0 ${layout.width} ${layout.height}`).attr("width", layout.width).attr("height", layout.height);
  sizeCanvas(g, layout);
  drawColumns(layers.columns, layout);
  drawLinks(layers.hits, layers.links, layout, handlers);
  drawLinkArea(g, layout);
  drawUnits(g.defs, layers.units, layout, handlers);
  drawStrips(layers.strips, svg, layout, handlers);
  svg.attr("role", "group").attr("aria-label", t("a11y.graph"));
  markFocusable(layers.units.selectAll("g.unit"), layers.links.selectAll("line.link"), g.cursor, layout, g.my.focused);
  // on the canvas path, a note under each layer of links that shows only the strongest
  layers.notes
    .selectAll("text")
    .data(layout.canvas ? layout.sampled.filter((s) => s.k < s.candidates) : [], (d) => d.layer)
    .join("text")
    .attr("class", "link-note")
    .attr("data-testid", "link-note")
    .attr("x", (d) => d.x)
    .attr("y", layout.height - 8)
    .text((d) => t("graph.strongestLinks", { k: d.k, n: d.candidates }));
}

/** Size the canvas to the drawing (device pixels), or remove it on the SVG path. @param {GraphParts} g @param {import("./layout.js").Layout} layout */
function sizeCanvas(g, layout) {
  const { my, container } = g;
  my.painted = [];
  my.paintedFrom = null; // a canvas sized again is blank
  my.hovered = null;
  if (!layout.canvas) {
    // no canvas element at all: with a hidden, zero-size one in the page, tests that
    // wait on animation frames in headless Chromium timed out now and then
    my.canvas?.remove();
    my.canvas = null;
    delete container.dataset.linksPainted;
    return;
  }
  my.canvas ??= d3
    .select(container)
    .insert("canvas", ":first-child")
    .attr("class", "graph-canvas")
    .attr("data-testid", "graph-canvas");
  const dpr = window.devicePixelRatio || 1;
  my.canvas.style("width", `${layout.width}px`).style("height", `${layout.height}px`);
  my.canvas.node().width = Math.round(layout.width * dpr);
  my.canvas.node().height = Math.round(layout.height * dpr);
  my.look = { dpr, band: getComputedStyle(container).getPropertyValue("--band").trim() || BIAS_FILL };
}

/** On the canvas path, one transparent rectangle finds links by geometry. @param {GraphParts} g @param {import("./layout.js").Layout} layout */
function drawLinkArea(g, layout) {
  const { my, handlers, svg } = g;
  g.layers.hits
    .selectAll("rect.link-area")
    .data(layout.canvas ? [layout] : [])
    .join("rect")
    .attr("class", "link-area")
    .attr("data-testid", "link-area")
    .attr("width", layout.width)
    .attr("height", layout.height)
    .on("mousemove", (event) => {
      const [px, py] = d3.pointer(event, svg.node());
      my.hovered = linkAt(my.painted, px, py);
      d3.select(event.currentTarget)
        .classed("over", Boolean(my.hovered))
        .attr("data-hovered", my.hovered ? my.hovered.key : null);
      if (my.hovered) handlers.onLinkHover(my.hovered, event);
      else handlers.onLeave();
    })
    .on("mouseleave", (event) => {
      my.hovered = null;
      d3.select(event.currentTarget).classed("over", false).attr("data-hovered", null);
      handlers.onLeave();
    })
    .on("click", (event) => {
      if (my.hovered) handlers.onLinkClick(my.hovered, event);
    });
}

/** Restyle everything for a model (the layout stays). @param {GraphParts} g @param {import("../model/graph-model.js").GraphModel} model */
function update(g, model) {
  const { my, layers, container } = g;
  if (my.layout.canvas) {
    const from = paintedFrom(my.layout, model, my.look);
    // 3,000 links: about 15 ms to pick and rasterise, not redone for a new example's units
    if (!from.every((x, i) => x === my.paintedFrom?.[i])) {
      my.painted = paintLinks(my.canvas.node(), my.layout, model, my.look);
      my.paintedFrom = from;
      container.dataset.linksPainted = String(my.painted.length);
      container.dataset.linkPaints = String(Number(container.dataset.linkPaints ?? 0) + 1);
    }
  } else updateLinks(layers.links, my.layout, model);
  updateUnits(layers.units, model);
  updateStrips(layers.strips, model, g.stripImages);
}

/**
 * A network graph in `container`; handlers get (datum, event) for hover and click. With
 * `onZoom`, it pinches, pans and zooms (graph.zoom) and says each new view, and whether the
 * drawing is large (small units or dense links: the page offers its zoom buttons then).
 * @param {HTMLElement} container
 * @param {import("./svg.js").Handlers} handlers
 * @param {{onZoom?: (view: import("./zoom.js").View & {large: boolean}) => void}} [options]
 */
export function createGraph(container, handlers, options = {}) {
  const svg = d3.select(container).append("svg").attr("class", "graph-svg").attr("data-testid", "graph-svg");
  const defs = svg.append("defs");
  const group = (name) => svg.append("g").attr("class", name);
  const layers = {
    svg,
    columns: group("columns"),
    hits: group("hits"),
    links: group("links"),
    units: group("units"),
    strips: group("strips"),
    notes: group("link-notes"),
    cursor: group("cursor"),
  };
  const my = {
    layout: null,
    key: "",
    canvas: null,
    painted: [],
    paintedFrom: null,
    hovered: null,
    highlighted: null,
    look: null,
    focused: null,
  };
  const cursor = createCursor(layers.cursor);
  /** @type {GraphParts} */
  const g = { container, handlers, svg, defs, layers, stripImages: createStripImages(), cursor, my };
  bindGraphKeys(svg.node(), handlers, { layout: () => my.layout, cursor, remember: (key) => (my.focused = key) });
  const moved = () => [svg.node(), my.canvas?.node()].filter(Boolean);
  const large = () =>
    Boolean(my.layout && (my.layout.canvas || my.layout.dense || my.layout.units.some((u) => u.small)));
  const onZoom = options.onZoom;
  const zoom = onZoom ? createZoom(container, moved, (view) => onZoom({ ...view, large: large() })) : null;
  const shape = { drawn: "" }; // the architecture drawn: a new one is seen whole

  /** Mark the parts named by a lesson term's key (null: none). @param {string | null} key */
  function highlight(key) {
    my.highlighted = key;
    if (my.layout) applyHighlight(layers, key, my.layout.depth);
  }

  return {
    highlight,
    zoom,
    /**
     * Draw (when the architecture, size or language changed) and restyle for a model.
     * @param {import("../model/graph-model.js").GraphModel} model
     * @param {string} [lang] the language the titles are in
     */
    render(model, lang = "") {
      performance.clearMarks("graph-render-start");
      performance.clearMeasures("graph-render");
      performance.mark("graph-render-start");
      const key = [
        model.layers.join("-"),
        model.image,
        model.useBias,
        model.showBias,
        sizeOf(container).width,
        sizeOf(container).height,
        lang,
      ].join("|");
      if (key !== my.key) {
        draw(g, model);
        my.key = key;
        const drawn = [model.layers.join("-"), model.image].join("|");
        if (drawn !== shape.drawn) zoom?.reset();
        else zoom?.refit();
        shape.drawn = drawn;
        if (my.highlighted) highlight(my.highlighted);
      }
      update(g, model);
      performance.measure("graph-render", "graph-render-start"); // the benchmarks read it
    },
    /** Forget the drawing so the next render lays it out again. */
    invalidate() {
      my.key = "";
    },
  };
}
