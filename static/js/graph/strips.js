// @ts-check
// Layers too wide for circles, drawn as one strip of pixels: a row a unit, coloured by
// activation, hovered row by row.

import { unitLabel } from "../model/layers.js";
import { divergingRGB, UNKNOWN_FILL } from "./colors.js";
import { unitKey } from "./layout.js";
import { textOf } from "../core/dom.js";

const d3 = window.d3;
export const STRIP_WIDTH = 12;

/**
 * The strips of a layout, with their labels and hover rows.
 * @param {any} stripLayer @param {any} svg @param {import("./layout.js").Layout} layout
 * @param {import("./svg.js").Handlers} handlers
 */
export function drawStrips(stripLayer, svg, layout, handlers) {
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
      const label = (sel, y, unit) =>
        sel
          .attr("x", side)
          .attr("y", y)
          .attr("text-anchor", anchor)
          .call(textOf, () => unitLabel(d.layer, unit, layout.depth));
      label(g.select("text.first"), d.top + 6, 0);
      label(g.select("text.last"), d.top + d.height - 6, d.n - 1);
      g.select("rect.strip-hit")
        .on("mousemove", (event) => {
          const [, py] = d3.pointer(event, svg.node());
          const unit = Math.max(0, Math.min(d.n - 1, Math.floor((py - d.top) / d.spacing)));
          handlers.onUnitHover({ key: unitKey(d.layer, unit), layer: d.layer, unit }, event);
        })
        .on("mouseleave", () => handlers.onLeave());
    });
}

/** The unknown fill as [r, g, b]. */
const UNKNOWN_RGB = [1, 3, 5].map((i) => parseInt(UNKNOWN_FILL.slice(i, i + 2), 16));

/** Whether two value arrays hold the same values. @param {number[] | null} a @param {number[] | null} b */
const sameValues = (a, b) => a === b || (Boolean(a && b) && a.length === b.length && a.every((v, i) => v === b[i]));

/**
 * A strip's picture cache: one pixel row a unit in the unit colours, painted again only when
 * its values change (an example fetched again after a step brings the same inputs).
 * @returns {(strip: import("./layout.js").Strip, values: number[] | null, max: number) => string}
 */
export function createStripImages() {
  const cache = new Map();
  return (strip, values, max) => {
    const cached = cache.get(strip.layer);
    if (cached && cached.max === max && cached.n === strip.n && sameValues(cached.values, values)) return cached.href;
    const c = document.createElement("canvas");
    c.width = 1;
    c.height = strip.n;
    const ctx = c.getContext("2d");
    const pixels = ctx.createImageData(1, strip.n);
    for (let i = 0; i < strip.n; i++) {
      const a = values?.[i];
      pixels.data.set(a === null || a === undefined ? UNKNOWN_RGB : divergingRGB(a, max), 4 * i);
      pixels.data[4 * i + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
    const href = c.toDataURL();
    cache.set(strip.layer, { values, max, n: strip.n, href });
    return href;
  };
}

/**
 * Restyle the strips for a model.
 * @param {any} stripLayer @param {import("../model/graph-model.js").GraphModel} model
 * @param {ReturnType<typeof createStripImages>} images
 */
export function updateStrips(stripLayer, model, images) {
  const active = new Set(model.activeLayers);
  stripLayer
    .selectAll("g.unit-strip")
    .classed("active", (d) => active.has(d.layer))
    .each(function (d) {
      const values = model.unitValues[d.layer] || null;
      this.setAttribute("data-known", values ? "true" : "false");
      const image = this.querySelector("image");
      const href = images(d, values, model.unitScaleMax);
      if (image.getAttribute("href") !== href) image.setAttribute("href", href); // the same picture is not decoded again
    });
}
