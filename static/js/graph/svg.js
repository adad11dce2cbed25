// @ts-check
// The SVG layer of the network drawing: columns, links (SVG path), units and bias units.
// draw*() makes the elements once per layout with stable keys (d3's keyed join); update*()
// only restyles them, so a training step is cheap.

import { linkKey, paramAt } from "../model/links.js";
import { BIAS_FILL, divergingColor, divergingStep, signedBucket, UNKNOWN_FILL } from "./colors.js";
import { layerTitle } from "./titles.js";
import { setAttr, setText, textOf } from "../core/dom.js";

const d3 = window.d3;
// larger networks get no wide invisible hover targets, and their lines no data-weight /
// data-shown (writing 2 x 2,410 exact numbers was half of a 64-32-10 step's redraw): their
// exact values are in the tooltip, the inspector and the API
const HIT_MAX_LINKS = 800;
const HEATMAP_INSET = 3.5; // px of activation colour left visible around a heatmap
const MAX_LINK_WIDTH = 9;
const DENSE_LINK_WIDTH = 2;
// colour and width steps per sign of a link's scale: a step restyles only the lines whose
// step it changes (each costs a style recalculation), and 32 is finer than the eye tells apart
const LINK_STEPS = 32;

/** @typedef {import("./layout.js").Layout} Layout */
/** @typedef {{onLinkHover: Function, onLinkClick: Function, onUnitHover: Function, onLeave: Function}} Handlers */

/**
 * The column bands and titles ("hidden 1 · 3").
 * @param {any} columns d3 selection
 * @param {Layout} layout
 */
export function drawColumns(columns, layout) {
  const titles = layout.layers.map((n, layer) => ({
    layer,
    text: layerTitle(layer, layout.depth, layout.crowded), // "h1" where the columns are crowded
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
      const x = layout.xs[d.layer];
      g.select("rect")
        .attr("x", x - layout.band / 2)
        .attr("y", 6)
        .attr("width", layout.band)
        .attr("height", layout.height - 12)
        .attr("rx", 10);
      textOf(g.select("text").attr("x", x).attr("y", 22), () => `${d.text} · ${d.count}`);
    });
}

/**
 * The SVG links and their wide invisible hover lines.
 * @param {any} hitLayer @param {any} linkLayer @param {Layout} layout @param {Handlers} handlers
 */
export function drawLinks(hitLayer, linkLayer, layout, handlers) {
  const place = (sel) =>
    sel
      .attr("x1", (d) => d.source.x)
      .attr("y1", (d) => d.source.y)
      .attr("x2", (d) => d.target.x)
      .attr("y2", (d) => d.target.y)
      .on("mouseenter", (event, d) => handlers.onLinkHover(d, event))
      .on("mousemove", (event, d) => handlers.onLinkHover(d, event))
      .on("mouseleave", () => handlers.onLeave())
      .on("click", (event, d) => handlers.onLinkClick(d, event));
  const links = layout.links;
  hitLayer
    .selectAll("line")
    .data(links.length <= HIT_MAX_LINKS ? links : [], (d) => d.key)
    .join("line")
    .attr("class", "hit")
    .attr("data-key", (d) => d.key)
    .call(place);
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
    .call(place);
}

/**
 * Units (circles with label, value and heatmap) and bias units.
 * @param {any} defs @param {any} unitLayer @param {Layout} layout @param {Handlers} handlers
 */
export function drawUnits(defs, unitLayer, layout, handlers) {
  const circles = layout.units.filter((u) => !u.strip);
  defs
    .selectAll("clipPath")
    .data(
      circles.filter((u) => u.heatmap),
      (d) => d.key,
    )
    .join((enter) => enter.append("clipPath").call((c) => c.append("circle")))
    .attr("id", (d) => `clip-${d.key}`)
    .select("circle")
    .attr("cx", (d) => d.x)
    .attr("cy", (d) => d.y)
    .attr("r", (d) => Math.max(d.r - HEATMAP_INSET, 1));
  unitLayer
    .selectAll("g.unit")
    .data(circles, (d) => d.key)
    .join((enter) => {
      const g = enter.append("g").attr("class", "unit").attr("data-testid", "unit");
      g.append("circle").attr("class", "unit-body");
      g.append("image").attr("class", "unit-heatmap").attr("preserveAspectRatio", "none").attr("display", "none");
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
      const left = d.layer === 0 && !d.crowded;
      const textX = d.crowded ? d.x : left ? d.x - d.r - 8 : d.x + d.r + 8;
      const anchor = d.crowded ? "middle" : left ? "end" : "start";
      g.select("text.unit-label")
        .attr("x", textX)
        .attr("y", d.crowded ? d.y + d.r + 11 : d.y - (left ? 0 : 6))
        .attr("text-anchor", anchor)
        .call(textOf, () => d.label);
      g.select("text.unit-value")
        .attr("x", textX)
        .attr("y", d.y + (left ? 14 : 9))
        .attr("text-anchor", anchor);
    });
  unitLayer
    .selectAll("g.bias")
    .data(layout.biasUnits, (d) => d.key)
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
      g.select("text")
        .attr("x", d.x)
        .attr("y", d.y)
        .call(textOf, () => "1");
    });
}

/** Each link line's drawn step and width range, so a step restyles only what it changes. */
const DRAWN = new WeakMap();

/**
 * Restyle the SVG links for a model: colour and width by the shown value in LINK_STEPS
 * steps per sign of its scale, written only where a line's step changes; up to HIT_MAX_LINKS
 * links each line also carries its exact values in data-weight and data-shown.
 * @param {any} linkLayer @param {Layout} layout @param {import("../model/graph-model.js").GraphModel} model
 */
export function updateLinks(linkLayer, layout, model) {
  const widest = layout.dense ? DENSE_LINK_WIDTH : MAX_LINK_WIDTH;
  const selected = model.selectedLink ? linkKey(model.selectedLink) : null;
  const values = layout.links.length <= HIT_MAX_LINKS;
  const flow = model.flow;
  // one pass, one lookup of each value per link: this runs for every link on every step
  linkLayer.selectAll("line.link").each(function (d) {
    const v = paramAt(model.shown, d) ?? null;
    if (values) {
      this.setAttribute("data-weight", String(paramAt(model, d)));
      this.setAttribute("data-shown", String(v));
    } else if (this.hasAttribute("data-weight")) {
      this.removeAttribute("data-weight"); // a line kept from a smaller layout
      this.removeAttribute("data-shown");
    }
    const step = signedBucket(v, model.scaleMax, LINK_STEPS);
    const negative = v !== null && v < 0; // dashed when body.dash-negative: sign not by colour alone
    const drawn = `${step}:${widest}:${negative}`;
    if (DRAWN.get(this) !== drawn) {
      DRAWN.set(this, drawn);
      const width = step === null ? 0.6 : 0.4 + (widest - 0.4) * Math.sqrt(Math.abs(step) / LINK_STEPS);
      this.setAttribute("stroke", divergingStep(step, LINK_STEPS));
      this.setAttribute("stroke-width", String(width));
    }
    this.classList.toggle("negative", negative); // outside the cache: a redraw resets the class
    this.classList.toggle("unknown", step === null);
    this.classList.toggle("selected", d.key === selected);
    this.classList.toggle("flow", flow !== null && d.layer === flow.layer); // step-through: numbers moving
    this.classList.toggle("flow-back", flow !== null && flow.back && d.layer === flow.layer);
  });
}

/**
 * Restyle the units: fill by activation, heatmap, value text, active layers.
 * @param {any} unitLayer @param {import("../model/graph-model.js").GraphModel} model
 */
export function updateUnits(unitLayer, model) {
  const active = new Set(model.activeLayers);
  // each written only on change: writing a class, an attribute or a text, even the same
  // one, makes the unit and its texts laid out again (784-128-10: 8 ms of layout a redraw)
  unitLayer.selectAll("g.unit").each(function (d) {
    const g = /** @type {SVGGElement} */ (this);
    g.classList.toggle("active", active.has(d.layer));
    const a = model.unitValues[d.layer]?.[d.unit];
    const known = a !== null && a !== undefined;
    setAttr(g, "data-activation", known ? String(a) : "");
    setAttr(g.querySelector("circle"), "fill", known ? divergingColor(a, model.unitScaleMax) : UNKNOWN_FILL);
    const href = d.heatmap ? model.heatmaps?.[d.layer]?.[d.unit] : null;
    const image = g.querySelector("image");
    if (image.getAttribute("href") !== (href || null)) {
      if (href) {
        image.setAttribute("href", href);
        image.removeAttribute("display");
      } else {
        image.removeAttribute("href");
        image.setAttribute("display", "none");
      }
    }
    const text = /** @type {SVGTextElement} */ (g.querySelector("text.unit-value"));
    const value = d.small || d.crowded ? "" : (model.unitText[d.layer]?.[d.unit] ?? "");
    setText(text, value);
  });
}
