// @ts-check
// The graph by keyboard: one tab stop (a roving tabindex) on its units and links; the arrow
// keys move as model/moves.js says, Enter on a link opens the chain rule. On the canvas path
// (no element per link) one focusable cursor line stands on the link the keys reached.
// Focus shows what hover shows (the tooltip, which is also the element's description).

import { t } from "../core/i18n.js";
import { unitLabel } from "../model/layers.js";
import { linkKey } from "../model/links.js";
import { moveFrom } from "../model/moves.js";
import { unitKey } from "./layout.js";
import { layerTitle } from "./titles.js";

/** @typedef {import("./layout.js").Layout} Layout */
/** @typedef {import("../model/links.js").LinkId} LinkId */

const d3 = window.d3;
const MOVES = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
const FOCUSABLE = "g.unit[tabindex], line.link[tabindex], line.link-cursor[tabindex]";

/** @param {number} layer @param {number | null} unit @param {number} depth */
const unitName = (layer, unit, depth) => (unit === null ? t("graph.bias") : unitLabel(layer, unit, depth));

/** A link's accessible name ("link x₁ → h₂"). @param {LinkId} d @param {number} depth */
const linkName = (d, depth) =>
  t("a11y.link", { from: unitName(d.layer, d.from, depth), to: unitName(d.layer + 1, d.to, depth) });

/**
 * The canvas path's focusable line (hidden until the keys reach a link), in `layer`.
 * @param {any} layer d3 selection of a group above the units
 */
export function createCursor(layer) {
  const line = layer
    .append("line")
    .attr("class", "link-cursor")
    .attr("data-testid", "link-cursor")
    .attr("role", "button")
    .attr("aria-describedby", "tooltip")
    .attr("display", "none");
  return {
    node: () => line.node(),
    /**
     * Stand on link `d` of `layout` (null, or a link the layout lacks: hide); returns the line or null.
     * @param {LinkId | null} d @param {Layout} layout
     */
    place(d, layout) {
      const bias = d && d.from === null ? layout.biasByLayer.get(d.layer) : null;
      const y1 = d && (d.from === null ? bias?.y : layout.unitY[d.layer]?.[d.from]);
      const y2 = d && layout.unitY[d.layer + 1]?.[d.to];
      if (!d || !layout.canvas || y1 === undefined || y2 === undefined) {
        line.datum(null).attr("display", "none").attr("data-key", null).attr("tabindex", null);
        return null;
      }
      const [x1, x2] = [layout.xs[d.layer], layout.xs[d.layer + 1]];
      const datum = { key: linkKey(d), layer: d.layer, from: d.from, to: d.to, x1, y1, x2, y2 };
      line.datum(datum).attr("display", null).attr("data-key", datum.key).attr("tabindex", "-1");
      line.attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("aria-label", linkName(d, layout.depth));
      return line.node();
    },
  };
}

/**
 * Give the drawn units and links their roles, names and tabindex (one of them 0).
 * @param {any} units d3 selection of g.unit @param {any} links d3 selection of line.link
 * @param {ReturnType<typeof createCursor>} cursor @param {Layout} layout @param {string | null} current the key with the tab stop
 */
export function markFocusable(units, links, cursor, layout, current) {
  units // an image of the unit: its name here, its values in the tooltip (its description)
    .attr("role", "img")
    .attr("aria-describedby", "tooltip")
    .attr("aria-label", (d) => `${unitName(d.layer, d.unit, layout.depth)}, ${layerTitle(d.layer, layout.depth)}`);
  links
    .attr("role", "button")
    .attr("aria-describedby", "tooltip")
    .attr("aria-label", (d) => linkName(d, layout.depth));
  const kept = cursor.place(d3.select(cursor.node()).datum(), layout);
  const all = [...units.nodes(), ...links.nodes(), ...(kept ? [kept] : [])];
  const stop = all.find((el) => el.dataset.key === current) ?? units.node();
  all.forEach((el) => el.setAttribute("tabindex", el === stop ? "0" : "-1"));
}

/**
 * Listen for focus and keys on the graph's SVG: focus shows the tooltip, arrows move, Enter
 * on a link calls onLinkClick.
 * @param {SVGElement} svg @param {import("./svg.js").Handlers} handlers
 * @param {{layout: () => Layout | null, cursor: ReturnType<typeof createCursor>, remember: (key: string) => void}} graph
 */
export function bindGraphKeys(svg, handlers, graph) {
  const my = { fan: /** @type {import("../model/moves.js").Fan} */ ("out") };
  const focusable = (el) => /** @type {Element | null} */ (el)?.closest?.(FOCUSABLE);
  /** The element for a spot: a unit's circle, an SVG line, or the cursor on a canvas link. */
  const find = (spot, layout) => {
    if ("unit" in spot) return svg.querySelector(`g.unit[data-key="${unitKey(spot.layer, spot.unit)}"]`);
    return layout.canvas
      ? graph.cursor.place(spot, layout)
      : svg.querySelector(`line.link[data-key="${linkKey(spot)}"]`);
  };
  /** Make `el` the tab stop and show what hovering it shows. @param {Element} el */
  const show = (el) => {
    svg.querySelectorAll('[tabindex="0"]').forEach((o) => o !== el && o.setAttribute("tabindex", "-1"));
    el.setAttribute("tabindex", "0");
    graph.remember(/** @type {HTMLElement} */ (el).dataset.key ?? "");
    const box = el.getBoundingClientRect();
    const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
    const d = d3.select(el).datum();
    if (el.classList.contains("unit")) handlers.onUnitHover(d, at);
    else handlers.onLinkHover(d, at);
  };
  svg.addEventListener("focusin", (event) => {
    const el = focusable(event.target);
    if (el) show(el);
  });
  svg.addEventListener("focusout", () => handlers.onLeave());
  svg.addEventListener("keydown", (event) => {
    const el = focusable(event.target);
    const layout = graph.layout();
    if (!el || !layout || event.ctrlKey || event.metaKey || event.altKey) return;
    const d = /** @type {any} */ (d3.select(el).datum());
    if (event.key === "Enter" && !el.classList.contains("unit")) {
      event.preventDefault();
      event.stopPropagation();
      handlers.onLinkClick(d, event);
    } else if (MOVES.includes(event.key)) {
      event.preventDefault();
      event.stopPropagation(); // the page's arrow keys (step, phases) do not apply here
      const at = el.classList.contains("unit")
        ? { layer: d.layer, unit: d.unit }
        : { layer: d.layer, from: d.from, to: d.to };
      const moved = moveFrom(at, event.key, my.fan, layout.layers, (l) => layout.biasByLayer.has(l));
      my.fan = moved.fan;
      const next = /** @type {any} */ (moved.to && find(moved.to, layout));
      if (next === el)
        show(el); // the cursor moved to another link: focus stays on it
      else next?.focus();
    }
  });
}
