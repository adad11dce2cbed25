// @ts-check
// The graph by keyboard: one tab stop (a roving tabindex) on its units and SVG links.
// On a unit (an image: its values are in the tooltip), ↑ ↓ move within its layer, → to its first outgoing link, ← to its first
// incoming one; on a link, ↑ ↓ move along the links of the unit it was entered from,
// → and ← to its target and source unit; Enter on a link opens the chain rule.
// Focus shows what hover shows (the tooltip, which is also the element's description).

import { t } from "../core/i18n.js";
import { unitLabel } from "../model/layers.js";

/** @typedef {{layer: number, from: number | null, to: number, key: string}} LinkDatum */
/** @typedef {{layer: number, unit: number, key: string}} UnitDatum */

const d3 = window.d3;
const MOVES = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];

/**
 * Give the drawn units and links their roles, names and tabindex (one of them 0).
 * @param {any} units d3 selection of g.unit @param {any} links d3 selection of line.link
 * @param {import("./layout.js").Layout} layout @param {string | null} current the key with the tab stop
 */
export function markFocusable(units, links, layout, current) {
  const name = (layer, unit) => (unit === null ? t("graph.bias") : unitLabel(layer, unit, layout.depth));
  const layerName = (layer) =>
    layer === 0 ? t("graph.input") : layer === layout.depth ? t("graph.output") : t("graph.hiddenN", { n: layer });
  units // an image of the unit: its name here, its values in the tooltip (its description)
    .attr("role", "img")
    .attr("aria-describedby", "tooltip")
    .attr("aria-label", (d) => `${name(d.layer, d.unit)}, ${layerName(d.layer)}`);
  links
    .attr("role", "button")
    .attr("aria-describedby", "tooltip")
    .attr("aria-label", (d) => t("a11y.link", { from: name(d.layer, d.from), to: name(d.layer + 1, d.to) }));
  const all = [...units.nodes(), ...links.nodes()];
  const stop = all.find((el) => el.dataset.key === current) ?? units.node();
  all.forEach((el) => el.setAttribute("tabindex", el === stop ? "0" : "-1"));
}

/**
 * The element a key moves to from `el` (null: none).
 * @param {SVGElement} svg @param {Element} el @param {string} key @param {{fan: "out" | "in"}} my
 */
function target(svg, el, key, my) {
  const d = /** @type {any} */ (d3.select(el).datum());
  const q = (selector) => svg.querySelector(selector);
  const up = key === "ArrowUp" ? -1 : 1;
  if (el.classList.contains("unit")) {
    if (key === "ArrowUp" || key === "ArrowDown")
      return q(`g.unit[data-layer="${d.layer}"][data-unit="${d.unit + up}"]`);
    my.fan = key === "ArrowRight" ? "out" : "in";
    if (key === "ArrowRight") return q(`line.link[data-layer="${d.layer}"][data-from="${d.unit}"]`);
    return q(`line.link[data-layer="${d.layer - 1}"][data-to="${d.unit}"]`);
  }
  if (key === "ArrowRight") return q(`g.unit[data-layer="${d.layer + 1}"][data-unit="${d.to}"]`);
  if (key === "ArrowLeft") return d.from === null ? null : q(`g.unit[data-layer="${d.layer}"][data-unit="${d.from}"]`);
  const fan = [...svg.querySelectorAll(`line.link[data-layer="${d.layer}"]`)].filter((l) => {
    const o = /** @type {LinkDatum} */ (d3.select(l).datum());
    return my.fan === "out" ? o.from === d.from : o.to === d.to;
  });
  return fan[fan.indexOf(el) + up] ?? null;
}

/**
 * Listen for focus and keys on the graph's SVG: focus shows the tooltip, arrows move, Enter
 * on a link calls onLinkClick.
 * @param {SVGElement} svg @param {import("./svg.js").Handlers} handlers @param {(key: string) => void} remember
 */
export function bindGraphKeys(svg, handlers, remember) {
  const my = { fan: /** @type {"out" | "in"} */ ("out") };
  const focusable = (el) => /** @type {Element | null} */ (el)?.closest?.("g.unit[tabindex], line.link[tabindex]");
  const at = (el) => {
    const box = el.getBoundingClientRect();
    return { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  };
  svg.addEventListener("focusin", (event) => {
    const el = focusable(event.target);
    if (!el) return;
    svg.querySelectorAll('[tabindex="0"]').forEach((o) => o !== el && o.setAttribute("tabindex", "-1"));
    el.setAttribute("tabindex", "0");
    remember(/** @type {HTMLElement} */ (el).dataset.key);
    const d = d3.select(el).datum();
    if (el.classList.contains("unit")) handlers.onUnitHover(d, at(el));
    else handlers.onLinkHover(d, at(el));
  });
  svg.addEventListener("focusout", () => handlers.onLeave());
  svg.addEventListener("keydown", (event) => {
    const el = focusable(event.target);
    if (!el || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter" && el.classList.contains("link")) {
      event.preventDefault();
      event.stopPropagation();
      handlers.onLinkClick(d3.select(el).datum(), event);
    } else if (MOVES.includes(event.key)) {
      event.preventDefault();
      event.stopPropagation(); // the page's arrow keys (step, phases) do not apply here
      /** @type {any} */ (target(svg, el, event.key, my))?.focus();
    }
  });
}
