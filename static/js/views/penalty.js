// @ts-check
// The regularisation controls in the architecture card: the penalty (its options from
// GET /api/config's `penalties`) and its rate lambda, each a PATCH of the network.

import { t, tOr } from "../core/i18n.js";
import { $, $input, html, render, watch } from "./watch.js";

/** @param {import("../scenes/build.js").Builder} build */
export function mountPenalty(build) {
  const select = /** @type {HTMLSelectElement} */ ($("regularization"));
  select.addEventListener("change", () => build.setRegularization(select.value));
  $("regularization-rate").addEventListener("change", (e) =>
    build.setRegularizationRate(/** @type {HTMLInputElement} */ (e.target).value),
  );
  watch(
    (s) => [s.network, s.config, s.lang, s.fieldErrors],
    ({ network, config, fieldErrors }) => {
      if (!network || !config) return;
      render(
        config.penalties.map(
          (p) =>
            html`<option value=${p.name} ?selected=${p.name === network.regularization} title=${p.formula}>
              ${tOr(`penalty.${p.name}`, p.name)}
            </option>`,
        ),
        select,
      );
      select.value = network.regularization;
      select.title = t("penalty.title");
      const rate = $input("regularization-rate");
      const [low, high] = config.limits.regularization_rate;
      rate.title = t("penalty.rateTitle", { low, high });
      // a refused value stays where the user typed it, beside its reason
      if (document.activeElement !== rate && !fieldErrors["regularization-rate"])
        rate.value = String(network.regularization_rate);
    },
  );
}
