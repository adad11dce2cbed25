// @ts-check
// The chain rule typeset in MathML: one weight's dE/dw as a product of factor symbols.

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
 * dE/dw = factor1 · factor2 · ... for the factors of a weight (or a bias).
 * @param {{symbol: string}[]} factors
 * @param {boolean} bias
 */
export function formulaMath(factors, bias) {
  const target = bias ? mathml`<msub><mi>b</mi><mi>j</mi></msub>` : mathml`<msub><mi>w</mi><mi>ji</mi></msub>`;
  const parts = factors.map((f, i) =>
    i ? mathml`<mo>·</mo>${factorMath(f.symbol, bias)}` : factorMath(f.symbol, bias),
  );
  return mathml`<mrow>${frac(partial(E), partial(target))}<mo>=</mo>${parts}</mrow>`;
}
