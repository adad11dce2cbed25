// @ts-check
// Why it blew up: the diverged panel's part from the 409's diagnosis: the parameters the
// step would blow up (α·∂E/∂w of the worst), the units that stall, each layer's gradient
// norm, and what to try (a lower α the server worked out, undo, another init).

import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { unitLabel } from "../model/layers.js";
import { paramName } from "../model/pulls.js";
import { html } from "./watch.js";

/** A number, or "not finite" for the nulls the server sends for them. @param {number | null} v */
const num = (v) => (v === null ? t("why.notFinite") : fmt(v, 4));

/**
 * @param {any} why the 409's diagnosis @param {any} network
 * @param {import("../scenes/looks.js").Looks} looks
 */
export function diagnosisView(why, network, looks) {
  if (!why) return "";
  const name = (p) => paramName(network.layers, p, unitLabel);
  const worst = why.worst[0];
  const lower = why.lower_learning_rate;
  const depth = network.layers.length - 1;
  const units = why.units.map((u) =>
    t(`why.${u.kind}`, { unit: unitLabel(u.layer + 1, u.unit, depth), pct: Math.round(u.share * 100) }),
  );
  const layers = why.layers
    .filter((l) => l.flag)
    .map((l) => t(`why.layer.${l.flag}`, { layer: l.layer + 1, norm: num(l.gradient_norm) }));
  return html`<div class="why" data-testid="why">
    <h3>${t("why.title")}</h3>
    <p data-testid="why-worst" data-layer=${worst.layer} data-to=${worst.to} data-from=${String(worst.from)}
      data-lr-gradient=${String(worst.lr_times_gradient)}>
      ${t(why.non_finite_parameters ? "why.nonFinite" : "why.grows", { n: why.non_finite_parameters, name: name(worst) })}
      ${t("why.worst", { value: num(worst.value), rate: fmt(why.learning_rate, 4), gradient: num(worst.gradient), product: num(worst.lr_times_gradient) })}
    </p>
    <ul class="why-list" data-testid="why-others">
      ${why.worst.slice(1).map((p) => html`<li>${name(p)}: ${num(p.value)} → ${num(p.after)}</li>`)}
    </ul>
    ${why.loss_finite ? "" : html`<p>${t("why.lossOverflows")}</p>`}
    <p data-testid="why-units">${units.length ? units.join("; ") : t("why.noUnits")}</p>
    ${layers.length ? html`<p data-testid="why-layers">${layers.join("; ")}</p>` : ""}
    <h3>${t("why.try")}</h3>
    <ul class="why-list">
      ${
        lower
          ? html`<li data-testid="why-lower" data-rate=${String(lower.learning_rate)} data-factor=${String(lower.factor)}>
              ${t(why.lower_after_undo ? "why.lowerAfterUndo" : "why.lower", { n: lower.undo_steps, step: lower.from_step, factor: fmt(lower.factor, 0), rate: String(lower.learning_rate), before: num(lower.loss_before), after: num(lower.loss_after) })}
              <button type="button" class="btn mini" data-testid="why-apply" @click=${() => looks.lowerTo(lower.learning_rate, why.lower_after_undo ? lower.undo_steps : 0)}>
                ${t(why.lower_after_undo ? "why.applyAfterUndo" : "why.apply", { n: lower.undo_steps, rate: String(lower.learning_rate) })}
              </button></li>`
          : html`<li>${t("why.noLower")}</li>`
      }
      <li>${t("why.undo", { n: why.undo_available })}</li>
      <li>${t("why.init", { init: why.init })}</li>
    </ul>
  </div>`;
}
