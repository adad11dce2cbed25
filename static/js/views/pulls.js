// @ts-check
// Whose gradient is it: for the inspected weight, every training point coloured by its own
// pull dE_i/dw (colour: sign, size: magnitude) on the data plane, beside a bar whose parts
// (the positive pulls, the negative ones, the penalty's term) add up to the gradient.

import { t } from "../core/i18n.js";
import { NEGATIVE, POSITIVE } from "../graph/colors.js";
import { fmt } from "../model/format.js";
import { unitLabel } from "../model/layers.js";
import { largestOf, paramName, pullRadius, pullSums } from "../model/pulls.js";
import { $, html, render, svg, watch } from "./watch.js";

const SIZE = 220;
const PAD = 14;
const RADIUS = [1.5, 9];

/** The points on a square plane around their range. @param {any} got */
function plane(got) {
  const xs = got.points.map((p) => p[0]);
  const ys = got.points.map((p) => p[1]);
  const lo = Math.min(...xs, ...ys);
  const hi = Math.max(...xs, ...ys);
  const span = hi - lo || 1;
  const at = (v) => PAD + ((v - lo) / span) * (SIZE - 2 * PAD);
  const largest = largestOf(got.contributions);
  return svg`${got.points.map((p, i) => {
    const pull = got.contributions[i];
    return svg`<circle class="pull-point" data-testid="pull-point" data-row=${i} data-value=${String(pull)}
      cx=${at(p[0])} cy=${SIZE - at(p[1])} r=${pullRadius(pull, largest, RADIUS[0], RADIUS[1])}
      fill=${pull >= 0 ? POSITIVE : NEGATIVE}><title>#${i + 1}: ${String(pull)}</title></circle>`;
  })}`;
}

/** The bar: positive part right of 0, negative left, the total marked. @param {any} got */
function bar(got) {
  const sums = pullSums(got.contributions, got.penalty_gradient);
  const reach = Math.max(Math.abs(sums.up), Math.abs(sums.down), Math.abs(sums.total), 1e-300);
  const mid = SIZE / 2;
  const w = (v) => (Math.abs(v) / reach) * (mid - 6);
  return svg`<svg class="pull-bar" viewBox="0 0 ${SIZE} 34" width=${SIZE} role="img" aria-label=${t("pulls.barAria")}>
    <rect x=${mid} y="4" width=${w(sums.up)} height="10" fill=${POSITIVE}></rect>
    <rect x=${mid - w(sums.down)} y="4" width=${w(sums.down)} height="10" fill=${NEGATIVE}></rect>
    <line x1=${mid} x2=${mid} y1="0" y2="30" class="pull-zero"></line>
    <rect x=${Math.min(mid, mid + Math.sign(sums.total) * w(sums.total))} y="18" width=${w(sums.total)} height="8"
      class="pull-total"></rect>
  </svg>`;
}

/** The sums in numbers, each the server's. @param {any} got */
function numbers(got) {
  const sums = pullSums(got.contributions, got.penalty_gradient);
  const row = (key, value, id) =>
    html`<dt>${key}</dt><dd data-testid=${id} data-value=${String(value)} title=${String(value)}>${fmt(value, 6)}</dd>`;
  return html`<dl class="facts">
    ${row(t("pulls.up"), sums.up, "pulls-up")} ${row(t("pulls.down"), sums.down, "pulls-down")}
    ${row(t("pulls.mean", { n: got.contributions.length }), got.mean, "pulls-mean")}
    ${got.penalty_gradient ? row(t("pulls.penalty"), got.penalty_gradient, "pulls-penalty") : ""}
    ${row(t("pulls.gradient"), got.gradient, "pulls-gradient")}
    ${row(t("pulls.batch", { n: got.batch_rows.length }), got.batch_gradient, "pulls-batch")}
  </dl>`;
}

/** @param {import("../scenes/looks.js").Looks} looks */
export function mountPulls(looks) {
  watch(
    (s) => [s.inspected, s.looks.pulls, s.looks.onPlot, s.network, s.lang],
    ({ inspected, looks: state, network }) => {
      const card = $("pulls-card");
      card.hidden = !network;
      if (!network) return;
      const shown = state.pulls;
      const got = shown?.result;
      card.dataset.key = shown?.key ?? "";
      const body = !inspected
        ? html`<p class="hint">${t("pulls.pick")}</p>`
        : shown?.error
          ? html`<p class="hint" data-testid="pulls-error">${shown.error}</p>`
          : !got
            ? html`<p class="hint">${t("pulls.loading")}</p>`
            : html`<p class="pulls-of" data-testid="pulls-of">${paramName(network.layers, inspected, unitLabel)}</p>
                ${
                  got.points
                    ? html`<svg class="pull-plane" data-testid="pull-plane" viewBox="0 0 ${SIZE} ${SIZE}" width=${SIZE}
                        role="img" aria-label=${t("pulls.planeAria")}>${plane(got)}</svg>`
                    : html`<p class="hint">${t("pulls.notPlane")}</p>`
                }
                ${bar(got)} ${numbers(got)}
                <label class="check"
                  ><input type="checkbox" data-testid="pulls-on-plot" .checked=${state.onPlot}
                    @change=${(e) => looks.showOnPlot(e.target.checked)} />
                  <span>${t("pulls.onPlot")}</span></label
                >
                <p class="hint">${t("pulls.explain")}</p>`;
      render(body, $("pulls-body"));
    },
  );
}
