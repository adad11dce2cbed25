// @ts-check
// The graph by keyboard: one tab stop (a roving tabindex) on its units and links; the arrow
// keys move as model/moves.js says, Enter on a link opens the chain rule. What has no element
// of its own (a link of the canvas path, a unit of a strip) is reached through cursor.js.
// Focus shows what hover shows (the tooltip, which is also the element's description).

import { linkKey } from "../model/links.js";
import { moveFrom } from "../model/moves.js";
import { unitKey } from "./layout.js";
import { layerTitle, linkName, unitName } from "./titles.js";

/** @typedef {import("./layout.js").Layout} Layout */

const d3 = window.d3;
const MOVES = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
const FOCUSABLE = "g.unit[tabindex], line.link[tabindex], line.link-cursor[tabindex], rect.unit-cursor[tabindex]";
const UNIT = "g.unit, rect.unit-cursor";

/**
 * Give the drawn units and links their roles, names and tabindex (one of them 0).
 * @param {any} units d3 selection of g.unit @param {any} links d3 selection of line.link
 * @param {ReturnType<typeof import("./cursor.js").createCursor>} cursor @param {Layout} layout @param {string | null} current the key with the tab stop
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
  const [link, unit] = cursor.spots(); // a cursor stays where it stood, if the new layout has it
  const kept = [cursor.place(link, layout), cursor.placeUnit(unit, layout)].filter(Boolean);
  const all = [...units.nodes(), ...links.nodes(), ...kept];
  const stop = all.find((el) => el.dataset.key === current) ?? units.node();
  all.forEach((el) => el.setAttribute("tabindex", el === stop ? "0" : "-1"));
}

/**
 * Listen for focus and keys on the graph's SVG: focus shows the tooltip, arrows move, Enter
 * on a link calls onLinkClick.
 * @param {SVGElement} svg @param {import("./svg.js").Handlers} handlers
 * @param {{layout: () => Layout | null, cursor: ReturnType<typeof import("./cursor.js").createCursor>, remember: (key: string) => void}} graph
 */
export function bindGraphKeys(svg, handlers, graph) {
  const my = { fan: /** @type {import("../model/moves.js").Fan} */ ("out") };
  const focusable = (el) => /** @type {Element | null} */ (el)?.closest?.(FOCUSABLE);
  /** The element for a spot: a unit's circle, an SVG line, or a cursor (a strip's unit, a canvas link). */
  const find = (spot, layout) => {
    if ("unit" in spot)
      return (
        svg.querySelector(`g.unit[data-key="${unitKey(spot.layer, spot.unit)}"]`) ??
        graph.cursor.placeUnit(spot, layout)
      );
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
    if (el.matches(UNIT)) handlers.onUnitHover(d, at);
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
    if (event.key === "Enter" && !el.matches(UNIT)) {
      event.preventDefault();
      event.stopPropagation();
      handlers.onLinkClick(d, event);
    } else if (MOVES.includes(event.key)) {
      event.preventDefault();
      event.stopPropagation(); // the page's arrow keys (step, phases) do not apply here
      const at = el.matches(UNIT) ? { layer: d.layer, unit: d.unit } : { layer: d.layer, from: d.from, to: d.to };
      const moved = moveFrom(at, event.key, my.fan, layout.layers, (l) => layout.biasByLayer.has(l));
      my.fan = moved.fan;
      const next = /** @type {any} */ (moved.to && find(moved.to, layout));
      if (next === el)
        show(el); // a cursor moved to another link or unit: focus stays on it
      else next?.focus();
    }
  });
}
