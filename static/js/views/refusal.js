// @ts-check
// Beside the output activation and loss: why the server refused a choice that cannot learn
// (its own words), why the setting it names instead is better, and a button to take it.
// The fix is the server's (the 422's ctx.fix); the page keeps no copy of the rule.

import { reasonOf, t, tOr } from "../core/i18n.js";
import { withMath } from "./math.js";
import { $, html, render, watch } from "./watch.js";

const FIELDS = { loss: "loss", output_activation: "output-activation" };

/** A fix's settings in words: "binary cross-entropy", "sigmoid". @param {Record<string, string>} fix */
const fixWords = (fix) =>
  Object.entries(fix)
    .map(([key, value]) => (key === "loss" ? t(`loss.${value}`) : value))
    .join(" + ");

/** @param {import("../scenes/build.js").Builder} build */
export function mountRefusal(build) {
  watch(
    (s) => [s.refused, s.network, s.lang],
    ({ refused, network }) => {
      const box = $("choice-refusal");
      const shown = refused && network && refused.network === network.id ? refused : null;
      box.hidden = !shown;
      // the refused choice stays in its select, marked; the others show the network's
      for (const [field, id] of Object.entries(FIELDS)) {
        const select = /** @type {HTMLSelectElement} */ ($(id));
        if (shown?.field === field) select.setAttribute("aria-invalid", "true");
        else select.removeAttribute("aria-invalid");
        if (network && shown?.field !== field && select.value !== network[field]) select.value = network[field];
      }
      if (!shown) return render("", box);
      render(
        html`<p class="refusal-reason" data-testid="refusal-reason">
            ${t("refusal.refused", { choice: shown.choice })} ${reasonOf(shown.detail)}
          </p>
          <p class="hint" data-testid="refusal-why">${withMath(tOr(`refusal.why.${shown.fix.loss}`, ""))}</p>
          <button type="button" class="btn mini" data-testid="refusal-fix" @click=${() => build.applyFix(shown.fix)}>
            ${t("refusal.use", { choice: fixWords(shown.fix) })}
          </button>`,
        box,
      );
    },
  );
}
