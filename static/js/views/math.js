// @ts-check
// Texts with formulas: each `$...$` span (model/math.js's notation) typeset as MathML.

import { splitMath } from "../model/math.js";
import { html, mathml } from "./watch.js";

/**
 * One node of a formula's tree as MathML.
 * @param {import("../model/math.js").MathNode} n
 * @returns {unknown}
 */
export function mathNode(n) {
  switch (n.t) {
    case "mi":
      return mathml`<mi>${n.v}</mi>`;
    case "mn":
      return mathml`<mn>${n.v}</mn>`;
    case "mo":
      return mathml`<mo>${n.v}</mo>`;
    case "row":
      return mathml`<mrow>${n.items.map(mathNode)}</mrow>`;
    case "term": // a weight's term of this network's formula: it lights up its link
      return mathml`<mrow class="net-term" tabindex="0" data-testid="formula-term" data-link=${n.link} data-value=${String(n.value)}
        >${n.items.map(mathNode)}</mrow
      >`;
    case "sub":
      return mathml`<msub>${mathNode(n.base)}${mathNode(n.script)}</msub>`;
    case "sup":
      return mathml`<msup>${mathNode(n.base)}${mathNode(n.script)}</msup>`;
    case "under":
      return mathml`<munder>${mathNode(n.base)}${mathNode(n.script)}</munder>`;
    default:
      return mathml`<mfrac>${mathNode(n.num)}${mathNode(n.den)}</mfrac>`;
  }
}

/** A formula (the notation without the $) as a <math> element. @param {import("../model/math.js").MathNode} node */
export const mathElement = (node) => html`<math data-testid="math">${mathNode(node)}</math>`;

/**
 * A text with its `$...$` formulas typeset (plain pieces stay text).
 * @param {string} text
 */
export const withMath = (text) => splitMath(text).map((p) => (p.kind === "text" ? p.text : mathElement(p.node)));
