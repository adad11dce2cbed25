// @ts-check
// Under the optimizer select: the chosen rule's settings (SGD's momentum and Nesterov,
// RMSprop's alpha and eps, Adam's betas and eps), each a PATCH of the network. Which
// settings a rule has and their intervals come from GET /api/config's `optimizers`; a
// refused value stays in its field with the server's reason beside it.

import { t, tOr } from "../core/i18n.js";
import { $, html, live, noChange, render, watch } from "./watch.js";

/** A setting's interval in words, "[0, 1)", from the config. @param {any} s */
export const interval = (s) =>
  `${s.exclusive_minimum ? "(" : "["}${s.minimum}, ${s.maximum}${s.exclusive_maximum ? ")" : "]"}`;

/** The symbols of the settings (math, the same in every language; `betas` names the pair). @type {Record<string, string>} */
export const SYMBOLS = { momentum: "μ", alpha: "ρ", eps: "ε", betas: "β", "betas.0": "β₁", "betas.1": "β₂" };

/** A setting's label: its words, then its symbol (not upper-cased). @param {string} key */
export const labelOf = (key) =>
  html`${tOr(`optimizer.setting.${key}`, key)} <span class="greek">${SYMBOLS[key] ?? ""}</span>`;

/** The field id of a setting (a pair's entries: betas-0, betas-1). @param {string} key @param {number | null} index */
export const settingId = (key, index) => `opt-${key}${index === null ? "" : `-${index}`}`;

/**
 * One typed number of the rule: a refused text (or one being typed) stays as it is.
 * @param {any} setting the config's @param {number} value @param {number | null} index
 * @param {Record<string, string>} errors @param {import("../scenes/build.js").Builder} build
 */
function numberField(setting, value, index, errors, build) {
  const id = settingId(setting.name, index);
  const title = t("optimizer.settingTitle", {
    meaning: tOr(`optimizer.meaning.${setting.name}`, setting.meaning),
    interval: interval(setting),
  });
  const error = errors[id];
  const kept = error || document.activeElement?.id === id;
  return html`<label class="field stacked opt-setting">
    <span class="field-label">${labelOf(`${setting.name}${index === null ? "" : `.${index}`}`)}</span>
    <input
      id=${id}
      data-testid=${id}
      type="text"
      inputmode="decimal"
      spellcheck="false"
      autocomplete="off"
      title=${title}
      aria-invalid=${error ? "true" : "false"}
      .value=${kept ? noChange : live(String(value))}
      @change=${(/** @type {any} */ e) => build.setOptimizerSetting(setting.name, index, e.target.value)}
    />
    ${error ? html`<span class="field-error" role="alert" data-testid=${`${id}-error`}>${error}</span>` : ""}
  </label>`;
}

/** A true/false setting as a checkbox. @param {any} setting @param {boolean} value @param {Record<string, string>} errors @param {import("../scenes/build.js").Builder} build */
function checkField(setting, value, errors, build) {
  const id = settingId(setting.name, null);
  const error = errors[id];
  return html`<label class="check opt-setting" title=${tOr(`optimizer.meaning.${setting.name}`, setting.meaning)}>
      <input
        type="checkbox"
        id=${id}
        data-testid=${id}
        aria-invalid=${error ? "true" : "false"}
        .checked=${live(value)}
        @change=${(/** @type {any} */ e) => build.setOptimizerSetting(setting.name, null, e.target.checked)}
      />
      ${tOr(`optimizer.setting.${setting.name}`, setting.name)}
    </label>
    ${error ? html`<span class="field-error" role="alert" data-testid=${`${id}-error`}>${error}</span>` : ""}`;
}

/** @param {import("../scenes/build.js").Builder} build */
export function mountOptimizerSettings(build) {
  watch(
    (s) => [s.network, s.config, s.lang, s.fieldErrors],
    ({ network, config, fieldErrors }) => {
      if (!network || !config) return;
      const rule = config.optimizers.find((o) => o.name === network.optimizer.name);
      const fields = (rule?.settings ?? []).map((setting) => {
        const value = network.optimizer[setting.name];
        if (typeof setting.default === "boolean") return checkField(setting, value, fieldErrors, build);
        if (Array.isArray(setting.default)) return value.map((v, i) => numberField(setting, v, i, fieldErrors, build));
        return numberField(setting, value, null, fieldErrors, build);
      });
      render(html`<div class="two">${fields}</div>`, $("optimizer-settings"));
    },
  );
}
