// The chain-rule inspector: one weight's dE/dw as a product of factors, typeset in MathML,
// with every factor's value per example, their product, and an in-place weight editor.

import { fmt, h, m } from "./dom.js";
import { t } from "./i18n.js";

/** The factor meanings the engine writes, by symbol (the activation's is built from its name). */
const MEANING_KEYS = {
  "dE/da_j": "factor.dEda",
  "dE/dz_j": "factor.dEdz",
  "sum_k w_kj delta_k": "factor.backprop",
  "dz_j/dw_ji": "factor.dzdw",
  "dz_j/db_j": "factor.dzdb",
};
const meaningOf = (f) => (MEANING_KEYS[f.symbol] ? t(MEANING_KEYS[f.symbol]) : f.symbol === "da_j/dz_j" ? t("factor.dadz", { act: f.meaning.replace("'(z_j)", "") }) : f.meaning);

const MAX_EXAMPLE_COLUMNS = 3;

const mi = (text) => m("mi", {}, text);
const mo = (text) => m("mo", {}, text);
const mn = (text) => m("mn", {}, text);
const msub = (base, sub) => m("msub", {}, base, sub);
const frac = (num, den) => m("mfrac", {}, num, den);
const partial = (...parts) => m("mrow", {}, mo("∂"), ...parts);

/** MathML for one factor symbol of the explain response (text fallback when unknown). */
function factorMath(symbol, source) {
  const a = (idx) => msub(mi("a"), mi(idx));
  const z = (idx) => msub(mi("z"), mi(idx));
  switch (symbol) {
    case "dE/da_j":
      return frac(partial(mi("E")), partial(a("j")));
    case "dE/dz_j":
      return frac(partial(mi("E")), partial(z("j")));
    case "da_j/dz_j":
      return frac(partial(a("j")), partial(z("j")));
    case "sum_k w_kj delta_k":
      return m(
        "mrow",
        {},
        m("munder", {}, mo("∑"), mi("k")),
        msub(mi("w"), mi("kj")),
        msub(mi("δ"), mi("k")),
      );
    case "dz_j/dw_ji":
      return frac(partial(z("j")), partial(msub(mi("w"), mi(source === null ? "j" : "ji"))));
    case "dz_j/db_j":
      return frac(partial(z("j")), partial(msub(mi("b"), mi("j"))));
    default:
      return m("mtext", {}, symbol);
  }
}

/** The whole formula: dE/dw = factor1 * factor2 * ... (as MathML). */
export function formulaMath(factors, source) {
  const target = source === null ? msub(mi("b"), mi("j")) : msub(mi("w"), mi("ji"));
  const row = [frac(partial(mi("E")), partial(target)), mo("=")];
  factors.forEach((f, i) => {
    if (i > 0) row.push(mo("·"));
    row.push(factorMath(f.symbol, source));
  });
  return m("math", { display: "block", "data-testid": "formula" }, m("mrow", {}, ...row));
}

/** The product of the factors for each example, and their sum (computed here, not trusted). */
export function productOf(factors) {
  const n = factors[0]?.values.length || 0;
  const products = [];
  for (let b = 0; b < n; b++) products.push(factors.reduce((p, f) => p * f.values[b], 1));
  return { products, sum: products.reduce((s, v) => s + v, 0) };
}

/**
 * Render an explain response into `root`. `names` gives the source/target unit labels;
 * `onSetWeight(value)` is called when the user edits the weight; `onTyping(text)` on every
 * keystroke, and `typed` (text not yet submitted) is put back into a re-rendered editor.
 */
export function renderInspector(root, explain, { names, linkGradient, currentWeight, onSetWeight, onTyping, typed = null }) {
  root.replaceChildren();
  const isBias = explain.from === null || explain.from === undefined;
  const title = isBias
    ? t("inspector.biasTitle", { to: names.to, layer: explain.layer })
    : t("inspector.weightTitle", { from: names.from, to: names.to, layer: explain.layer });
  const sourceText = (explain.kind ?? explain.source) === "last_step" ? t("inspector.lastStep", { n: explain.step }) : t("inspector.preview");
  root.append(h("p", { class: "inspector-title", "data-testid": "inspector-title" }, title));
  root.append(h("p", { class: "hint" }, sourceText));
  root.append(h("div", { class: "formula" }, formulaMath(explain.factors, isBias ? null : explain.from)));

  const { products, sum } = productOf(explain.factors);
  const columns = Math.min(products.length, MAX_EXAMPLE_COLUMNS);
  const head = h("tr", {}, h("th", {}, t("inspector.factor")));
  for (let b = 0; b < columns; b++) head.append(h("th", { class: "num" }, t("inspector.exampleN", { n: b + 1 })));
  if (products.length > columns) head.append(h("th", { class: "num" }, `+${products.length - columns}`));
  const body = h("tbody");
  for (const f of explain.factors) {
    const symbol = m("math", {}, factorMath(f.symbol, isBias ? null : explain.from));
    const row = h("tr", {}, h("td", { class: "factor", title: `${f.symbol}: ${meaningOf(f)}` }, symbol));
    for (let b = 0; b < columns; b++) row.append(h("td", { class: "num", title: String(f.values[b]) }, fmt(f.values[b], 4)));
    if (products.length > columns) row.append(h("td", { class: "num" }, "…"));
    body.append(row);
  }
  const productRow = h("tr", { class: "product-row" }, h("td", {}, t("inspector.product")));
  for (let b = 0; b < columns; b++) productRow.append(h("td", { class: "num", title: String(products[b]) }, fmt(products[b], 4)));
  if (products.length > columns) productRow.append(h("td", { class: "num" }, "…"));
  body.append(productRow);
  root.append(h("div", { class: "table-scroll" }, h("table", { class: "factors" }, h("thead", {}, head), body)));
  root.append(
    h("ul", { class: "meanings" }, ...explain.factors.map((f) => h("li", {}, h("code", {}, f.symbol), ": ", meaningOf(f)))),
  );

  const sumLabel = products.length > 1 ? t("inspector.sumOf", { n: products.length }) : t("inspector.product");
  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", {}, sumLabel),
    h("dd", { "data-testid": "inspector-product", "data-value": String(sum), title: String(sum) }, String(sum)),
    h("dt", {}, t("inspector.fromApi")),
    h("dd", { "data-testid": "inspector-gradient", "data-value": String(explain.gradient) }, String(explain.gradient)),
  );
  if (linkGradient !== null && linkGradient !== undefined) {
    facts.append(
      h("dt", {}, t("inspector.onLink")),
      h("dd", { "data-testid": "inspector-link-gradient", "data-value": String(linkGradient) }, String(linkGradient)),
    );
  }
  facts.append(
    h("dt", {}, t("inspector.update")),
    h("dd", { "data-testid": "inspector-update", title: `${-explain.learning_rate} × ${explain.gradient}` }, String(explain.update)),
  );
  root.append(facts);

  const input = h("input", {
    type: "number",
    step: "any",
    value: String(currentWeight ?? explain.weight),
    "data-testid": "weight-input",
    "aria-label": t("inspector.weightValue"),
  });
  const set = h("button", { type: "button", class: "btn mini", "data-testid": "weight-set" }, t("inspector.set"));
  const submit = () => {
    const value = Number(input.value);
    if (input.value.trim() !== "" && Number.isFinite(value)) onSetWeight(value);
  };
  if (typed !== null) input.value = typed;
  set.addEventListener("click", submit);
  input.addEventListener("input", () => onTyping(input.value));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") submit();
  });
  root.append(h("div", { class: "weight-edit" }, h("label", {}, isBias ? "b = " : "w = ", input), set));
}
