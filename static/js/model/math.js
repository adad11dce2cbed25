// @ts-check
// The formulas of lesson and phase texts: `$...$` spans in a small ASCII-friendly notation,
// parsed into a tree that views/math.js typesets as MathML. Notation: x_j, w_kj (subscripts),
// e^-z, e^{z_j} (superscripts; {} groups without showing), a/b (a fraction of the atoms on
// either side), ∂E/∂w, sum_k, alpha, <- and ->, * for ·, ' for ′; w1 is w with subscript 1.

/** @typedef {{t: "mi" | "mn" | "mo", v: string} | {t: "row", items: MathNode[]} | {t: "term", link: string, value: number, items: MathNode[]} | {t: "sub" | "sup" | "under", base: MathNode, script: MathNode} | {t: "frac", num: MathNode, den: MathNode}} MathNode */
/** @typedef {{kind: "text", text: string} | {kind: "math", node: MathNode}} Piece */

const NAMES = {
  alpha: "α",
  beta: "β",
  delta: "δ",
  lambda: "λ",
  epsilon: "ε",
  sigma: "σ",
  eta: "η",
  mu: "μ",
  sum: "∑",
  Sigma: "∑",
};
const OPERATORS = { "<-": "←", "->": "→", "*": "·", "-": "−", "'": "′", "<=": "≤", ">=": "≥" };
const TOKEN = /\s*(<-|->|<=|>=|\d+(?:\.\d+)?(?:e[-+]?\d+)?|[A-Za-z]+\d*|[α-ωΑ-Ω]|\S)/gy;
const CLOSE = { "(": ")", "[": "]", "{": "}" };

/** The tokens of a formula. @param {string} source */
export function tokens(source) {
  /** @type {string[]} */
  const out = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) out.push(m[1]);
  return out;
}

/** @param {string} v @returns {MathNode} */
const mo = (v) => ({ t: "mo", v: OPERATORS[v] ?? v });

/** An identifier: a name (alpha -> α), and w1 -> w with subscript 1. @param {string} tok @returns {MathNode} */
function ident(tok) {
  const [, letters, digits] = /^([^\d]+)(\d*)$/.exec(tok) ?? [null, tok, ""];
  /** @type {MathNode} */
  const base = { t: "mi", v: NAMES[letters] ?? letters };
  return digits ? { t: "sub", base, script: { t: "mn", v: digits } } : base;
}

/** A parser over one formula's tokens. @param {string[]} toks */
function parser(toks) {
  let at = 0;
  const peek = () => toks[at];
  /** The bare contents of a bracket (a fraction's part or a script shows none). @param {MathNode} n @returns {MathNode} */
  const bare = (n) => {
    const first = n.t === "row" && n.items.length > 2 ? n.items[0] : null;
    return n.t === "row" && first?.t === "mo" && (first.v === "(" || first.v === "[")
      ? { t: "row", items: n.items.slice(1, -1) }
      : n;
  };
  /** @returns {MathNode} */
  function primary() {
    const tok = toks[at++];
    if (tok === undefined) return { t: "row", items: [] }; // a formula ending in / ^ or _
    if (tok === "(" || tok === "[" || tok === "{") {
      const inner = row(CLOSE[tok]);
      at++; // the closing bracket
      return tok === "{" ? inner : { t: "row", items: [mo(tok), inner, mo(CLOSE[tok])] };
    }
    if (tok === "∂") return { t: "row", items: [mo("∂"), postfix()] };
    if (/^\d/.test(tok)) return { t: "mn", v: tok };
    if (/^[A-Za-zα-ωΑ-Ω]/.test(tok)) return ident(tok);
    return mo(tok);
  }
  /** A script: an atom, or -atom (e^-z). @returns {MathNode} */
  function script() {
    if (peek() !== "-") return bare(postfix(false));
    at++;
    return { t: "row", items: [mo("-"), postfix(false)] };
  }
  /** @param {boolean} [scripts] @returns {MathNode} */
  function postfix(scripts = true) {
    let node = primary();
    while (scripts && (peek() === "_" || peek() === "^")) {
      const kind = toks[at++] === "_" ? "sub" : "sup";
      const isSum = node.t === "mi" && node.v === "∑";
      node = { t: kind === "sub" && isSum ? "under" : kind, base: node, script: script() };
    }
    return node;
  }
  /** @returns {MathNode} */
  function fraction() {
    let node = postfix();
    while (peek() === "/") {
      at++;
      node = { t: "frac", num: bare(node), den: bare(postfix()) };
    }
    return node;
  }
  /** Items up to `end` (or the end). @param {string} [end] @returns {MathNode} */
  function row(end) {
    /** @type {MathNode[]} */
    const items = [];
    while (at < toks.length && peek() !== end) {
      const tok = peek();
      items.push(tok in OPERATORS || "+=,;:·←→−≈<>|!)]}".includes(tok) ? mo(toks[at++]) : fraction());
    }
    return { t: "row", items };
  }
  return { row };
}

/** The tree of one formula. @param {string} source @returns {MathNode} */
export const parseMath = (source) => parser(tokens(source)).row();

/**
 * A text cut into plain pieces and `$...$` formulas.
 * @param {string} text
 * @returns {Piece[]}
 */
export function splitMath(text) {
  /** @type {Piece[]} */
  const pieces = [];
  text.split("$").forEach((part, i) => {
    if (i % 2) pieces.push({ kind: "math", node: parseMath(part) });
    else if (part) pieces.push({ kind: "text", text: part });
  });
  return pieces;
}
