// @ts-check
// The inspector's gradient check: for the inspected weight, backprop's dE/dw beside the
// centred finite difference (E(w + ε) − E(w − ε)) / 2ε and their relative error, and the
// worst relative error over the whole network, all from GET gradient-check. A check
// belongs to one revision of the network: after any change it asks to be run again.

import { t } from "../core/i18n.js";
import { checkedParam } from "../model/gradcheck.js";
import { checkGradients } from "../scenes/gradcheck.js";
import { withMath } from "./math.js";
import { $, html, render, watch } from "./watch.js";

const GOOD = 1e-7; // the relative error below which backprop and the difference agree (cs231n)
const FAIR = 1e-4; // above this, one of them is wrong

/** A relative error's verdict. @param {number} e */
const verdict = (e) => (e < GOOD ? "good" : e < FAIR ? "fair" : "bad");

/** A number in full, with its testid and value for scripts. @param {string} testid @param {number} v */
const full = (testid, v) => html`<dd data-testid=${testid} data-value=${String(v)}>${String(v)}</dd>`;

/** @param {any} result @param {import("../model/links.js").LinkId} inspected */
function results(result, inspected) {
  const one = checkedParam(result, inspected);
  const worst = result.max_relative_error;
  return html`${
    one
      ? html`<dl class="facts">
          <dt>${withMath(t("gradcheck.backprop"))}</dt>
          ${full("gradcheck-backprop", one.backprop)}
          <dt>${t("gradcheck.numeric")}</dt>
          ${full("gradcheck-numeric", one.numeric)}
          <dt>${t("gradcheck.relative")}</dt>
          <dd data-testid="gradcheck-relative" data-value=${String(one.relative)} class=${verdict(one.relative)}>
            ${one.relative.toExponential(2)}
          </dd>
        </dl>`
      : ""
  }
    <p class=${`hint gradcheck-network ${verdict(worst)}`} data-testid="gradcheck-network" data-value=${String(worst)}>
      ${t(`gradcheck.network.${verdict(worst)}`, { worst: worst.toExponential(2), abs: result.max_abs_error.toExponential(2) })}
    </p>`;
}

export function mountGradcheck() {
  watch(
    (s) => [s.inspected, s.gradcheck, s.network?.revision, s.lang],
    ({ inspected, gradcheck, network }) => {
      if (!inspected || !network) return render("", $("gradcheck"));
      const current = gradcheck && gradcheck.id === network.id && gradcheck.revision === network.revision;
      render(
        html`<h3>${t("gradcheck.heading")}</h3>
          <p class="hint">${withMath(t("gradcheck.what"))}</p>
          ${current ? results(gradcheck.result, inspected) : ""}
          <button type="button" class="btn mini" data-testid="gradcheck-run" @click=${checkGradients}>
            ${current ? t("gradcheck.again") : t("gradcheck.run")}
          </button>`,
        $("gradcheck"),
      );
    },
  );
}
