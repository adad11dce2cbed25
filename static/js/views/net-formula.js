// @ts-check
// "This network's formula": the function the network computes, with its current numbers;
// hovering or focusing a weight's term lights up its link in the graph.

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { LAYERED_WEIGHTS, netFormula } from "../model/net-formula.js";
import { mathNode } from "./math.js";
import { $, html, nothing, render, watch } from "./watch.js";

/** The link a term names, from an event inside the formula. @param {Event} event */
const linkOf = (event) =>
  /** @type {Element} */ (event.target).closest?.("[data-link]")?.getAttribute("data-link") ?? null;

/** @param {import("../model/net-formula.js").NetFormula} f */
const body = (f) =>
  f.form === "summary"
    ? html`<p class="hint" data-testid="net-formula-summary">
        ${t("netFormula.tooBig", { weights: f.weights, max: LAYERED_WEIGHTS })}
      </p>`
    : html`<p class="hint">${t(f.form === "nested" ? "netFormula.nestedHint" : "netFormula.layeredHint")}</p>
        ${f.lines.map((line) => html`<math display="block" data-testid="net-formula-line">${mathNode(line)}</math>`)}`;

export function mountNetFormula() {
  const box = $("net-formula-body");
  const light = (/** @type {string | null} */ key) => store.get().highlight !== key && store.update({ highlight: key });
  for (const type of ["mouseover", "focusin"]) box.addEventListener(type, (e) => linkOf(e) && light(linkOf(e)));
  for (const type of ["mouseout", "focusout"]) box.addEventListener(type, (e) => linkOf(e) && light(null));
  const details = /** @type {HTMLDetailsElement} */ ($("net-formula"));
  const draw = () => {
    const { network } = store.get();
    if (!network) return;
    const f = netFormula(network);
    details.dataset.form = f.form;
    render(details.open ? body(f) : nothing, box); // closed: nothing to lay out after each step
  };
  details.addEventListener("toggle", draw);
  watch((s) => [s.network, s.lang], draw);
}
