// @ts-check
// The optimizer's update of one weight in the inspector: its rule in MathML, then the same
// rule with the numbers GET explain gives (the settings, the gradient, the state before and
// after the update, the update). Every number is the server's; none is computed here.

import { t, tOr } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { html, mathml } from "./watch.js";

const mi = (/** @type {string} */ x) => mathml`<mi>${x}</mi>`;
const mo = (/** @type {string} */ x) => mathml`<mo>${x}</mo>`;
const sub = (/** @type {unknown} */ base, /** @type {string} */ s) => mathml`<msub>${base}<mi>${s}</mi></msub>`;
const sq = (/** @type {unknown} */ x) => mathml`<msup>${x}<mn>2</mn></msup>`;
const root = (/** @type {unknown} */ x) => mathml`<msqrt>${x}</msqrt>`;
const frac = (/** @type {unknown} */ a, /** @type {unknown} */ b) => mathml`<mfrac>${a}${b}</mfrac>`;
const row = (/** @type {unknown[]} */ ...xs) => mathml`<mrow>${xs}</mrow>`;
/**
 * A number: as it is when short (a setting, t), else short on screen and exact in its title;
 * in brackets when negative.
 * @param {number} v
 */
const n = (v) => {
  const exact = String(v);
  const shown = mathml`<mn title=${exact}>${exact.length <= 8 ? exact : fmt(v, 6)}</mn>`;
  return v < 0 ? row(mo("("), shown, mo(")")) : shown;
};
/** 1 − x. @param {unknown} x */
const oneMinus = (x) => row(mo("("), mathml`<mn>1</mn>`, mo("−"), x, mo(")"));

/**
 * The rule's lines (each [left, right]) from symbols or numbers: `v` maps a symbol to what
 * stands for it (a name, or its number), `after` the state's new value.
 * @param {any} opt the network's optimizer (name and settings)
 * @param {(key: string) => unknown} v
 */
function lines(opt, v) {
  const g = v("g");
  const lr = v("lr");
  const dw = row(mo("Δ"), mi("w"));
  if (opt.name === "sgd" && !opt.momentum) return [[dw, row(mo("−"), lr, mo("·"), g)]];
  if (opt.name === "sgd") {
    const b = v("b'");
    const direction = opt.nesterov ? row(mo("("), g, mo("+"), v("mu"), mo("·"), b, mo(")")) : b;
    return [
      [b, row(v("mu"), mo("·"), v("b"), mo("+"), g)],
      [dw, row(mo("−"), lr, mo("·"), direction)],
    ];
  }
  if (opt.name === "rmsprop") {
    const rho = v("rho");
    return [
      [v("v'"), row(rho, mo("·"), v("v"), mo("+"), oneMinus(rho), mo("·"), sq(g))],
      [dw, row(mo("−"), lr, mo("·"), frac(g, row(root(v("v'")), mo("+"), v("eps"))))],
    ];
  }
  const [b1, b2, tt] = [v("b1"), v("b2"), v("t")];
  const power = (/** @type {unknown} */ b) => oneMinus(mathml`<msup>${b}${tt}</msup>`);
  return [
    [v("m'"), row(b1, mo("·"), v("m"), mo("+"), oneMinus(b1), mo("·"), g)],
    [v("v'"), row(b2, mo("·"), v("v"), mo("+"), oneMinus(b2), mo("·"), sq(g))],
    [
      dw,
      row(
        mo("−"),
        frac(lr, power(b1)),
        mo("·"),
        frac(v("m'"), row(frac(root(v("v'")), root(power(b2))), mo("+"), v("eps"))),
      ),
    ],
  ];
}

/** The rule's symbols; a state's old value is x_{t-1}, its new one x_t. @param {string} key */
function symbol(key) {
  const primed = key.endsWith("'");
  const base = primed ? key.slice(0, -1) : key;
  if (base === "b1" || base === "b2") return sub(mi("β"), base.slice(1));
  if (["b", "m", "v"].includes(base)) return sub(mi(base), primed ? "t" : "t−1");
  return mi({ lr: "α", mu: "μ", rho: "ρ", eps: "ε" }[base] ?? base);
}

/**
 * The numbers of the rule for `explained` (GET explain).
 * @param {any} e
 */
function numbers(e) {
  const o = e.optimizer;
  const [before, after] = [e.optimizer_state.slots, e.optimizer_state_after.slots];
  // Adam's v is exp_avg_sq, RMSprop's square_avg
  const vOf = (/** @type {any} */ st) => st.exp_avg_sq ?? st.square_avg;
  /** @type {Record<string, number>} */
  const table = {
    g: e.gradient,
    lr: e.learning_rate,
    mu: o.momentum,
    rho: o.alpha,
    eps: o.eps,
    b1: o.betas?.[0],
    b2: o.betas?.[1],
    t: e.optimizer_state_after.step,
    b: before.momentum_buffer,
    "b'": after.momentum_buffer,
    m: before.exp_avg,
    "m'": after.exp_avg,
    v: vOf(before),
    "v'": vOf(after),
  };
  return (/** @type {string} */ key) => n(table[key]);
}

/**
 * One line of the rule as MathML: a state's new value (←) or the update (=).
 * @param {unknown[]} line @param {boolean} last the update's line
 */
const equation = ([left, right], last) => mathml`<mrow>${left}<mo>${last ? "=" : "←"}</mo>${right}</mrow>`;

/** The same line with the numbers: the right side = its result. @param {unknown[]} line @param {unknown} result */
const filledIn = ([, right], result) => mathml`<mrow>${right}<mo>=</mo>${result}</mrow>`;

/**
 * The optimizer part of the inspector for `e` (GET explain).
 * @param {any} e
 */
export function optimizerStep(e) {
  const opt = e.optimizer;
  const symbolic = lines(opt, symbol);
  const filled = lines(opt, numbers(e));
  const results = [...Object.values(e.optimizer_state_after.slots), e.update];
  const slots = Object.keys(e.optimizer_state.slots);
  return html`<div class="optimizer-step" data-testid="inspector-optimizer">
    <p class="hint">${t("inspector.optimizerRule", { rule: t(`optimizer.${opt.name}`), t: e.optimizer_state_after.step })}</p>
    ${symbolic.map(
      (line, i) =>
        html`<math display="block" data-testid="optimizer-formula">${equation(line, i === symbolic.length - 1)}</math>
          <div class="optimizer-numbers">
            <math display="block" data-testid="optimizer-numbers">${filledIn(filled[i], n(results[i]))}</math>
          </div>`,
    )}
    <dl class="facts">
      ${slots.map(
        (s) =>
          html`<dt>${tOr(`optimizer.slot.${s}`, s)}</dt>
            <dd
              data-testid=${`opt-slot-${s}`}
              data-before=${String(e.optimizer_state.slots[s])}
              data-after=${String(e.optimizer_state_after.slots[s])}
            >
              ${fmt(e.optimizer_state.slots[s], 6)} → ${fmt(e.optimizer_state_after.slots[s], 6)}
            </dd>`,
      )}
      <dt>${t("inspector.optimizerUpdate")}</dt>
      <dd data-testid="opt-update" data-value=${String(e.update)}>${String(e.update)}</dd>
    </dl>
  </div>`;
}
