// @ts-check
// The chain rule typeset in MathML: one weight's dE/dw as a product of factor symbols,
// plus a weight penalty's term when there is one.

import { fmt } from "../model/format.js";
import { mathml } from "./watch.js";

const a = (idx) => mathml`<msub><mi>a</mi><mi>${idx}</mi></msub>`;
const z = (idx) => mathml`<msub><mi>z</mi><mi>${idx}</mi></msub>`;
const frac = (num, den) => mathml`<mfrac>${num}${den}</mfrac>`;
const partial = (x) => mathml`<mrow><mo>∂</mo>${x}</mrow>`;
const E = mathml`<mi>E</mi>`;

/**
 * MathML for one factor symbol of the explain response (the symbol as text when unknown).
 * @param {string} symbol
 * @param {boolean} bias the factor of a bias (b_j, not w_ji)
 */
export function factorMath(symbol, bias) {
  switch (symbol) {
    case "dE/da_j":
      return frac(partial(E), partial(a("j")));
    case "dE/dz_j":
      return frac(partial(E), partial(z("j")));
    case "da_j/dz_j":
      return frac(partial(a("j")), partial(z("j")));
    case "sum_k w_kj delta_k":
      return mathml`<mrow><munder><mo>∑</mo><mi>k</mi></munder><msub><mi>w</mi><mi>kj</mi></msub><msub><mi>δ</mi><mi>k</mi></msub></mrow>`;
    case "dz_j/dw_ji":
      return frac(partial(z("j")), partial(mathml`<msub><mi>w</mi><mi>${bias ? "j" : "ji"}</mi></msub>`));
    case "dz_j/db_j":
      return frac(partial(z("j")), partial(mathml`<msub><mi>b</mi><mi>j</mi></msub>`));
    default:
      return mathml`<mtext>${symbol}</mtext>`;
  }
}

/**
 * A weight penalty's term of dE/dw, lambda P'(w): by the penalty's name (the server's).
 * @param {string} name
 */
export function penaltyMath(name) {
  const w = mathml`<msub><mi>w</mi><mi>ji</mi></msub>`;
  if (name === "l1") return mathml`<mrow><mi>λ</mi><mo>·</mo><mi>sign</mi><mo>(</mo>${w}<mo>)</mo></mrow>`;
  if (name === "l2") return mathml`<mrow><mi>λ</mi><mo>·</mo>${w}</mrow>`;
  return mathml`<mrow><mi>λ</mi><mo>·</mo><msup><mi>P</mi><mo>′</mo></msup><mo>(</mo>${w}<mo>)</mo></mrow>`;
}

/**
 * dE/dw = factor1 · factor2 · ... for the factors of a weight (or a bias), + the penalty's
 * term when `penalty` names one.
 * @param {{symbol: string}[]} factors
 * @param {boolean} bias
 * @param {string | null} [penalty]
 */
export function formulaMath(factors, bias, penalty = null) {
  const target = bias ? mathml`<msub><mi>b</mi><mi>j</mi></msub>` : mathml`<msub><mi>w</mi><mi>ji</mi></msub>`;
  const parts = factors.map((f, i) =>
    i ? mathml`<mo>·</mo>${factorMath(f.symbol, bias)}` : factorMath(f.symbol, bias),
  );
  const tail = penalty ? mathml`<mo>+</mo>${penaltyMath(penalty)}` : "";
  return mathml`<mrow>${frac(partial(E), partial(target))}<mo>=</mo>${parts}${tail}</mrow>`;
}

/** A number in MathML, in brackets when negative (after a +). @param {number} v */
const term = (v) =>
  v < 0 ? mathml`<mrow><mo>(</mo><mn>${fmt(v, 6)}</mn><mo>)</mo></mrow>` : mathml`<mn>${fmt(v, 6)}</mn>`;

/**
 * The same with the numbers: data term + penalty term = dE/dw.
 * @param {number} data @param {number} penalty @param {number} total
 */
export const sumMath = (data, penalty, total) =>
  mathml`<mrow>${term(data)}<mo>+</mo>${term(penalty)}<mo>=</mo><mn>${fmt(total, 6)}</mn></mrow>`;
