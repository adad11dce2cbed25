// @ts-check
// The compare view's own parts: the Compare button that forks the network, the bar above
// the panels (add a fork with a learning rate and an update rule, close), each fork's
// title, its remove button, and how far its parameters are from the first fork's.

import { act } from "../core/errors.js";
import { t, tOr } from "../core/i18n.js";
import { store } from "../core/store.js";
import { fmt } from "../model/format.js";
import { parameterGap } from "../model/compare.js";
import { compareKey } from "../scenes/stage-nets.js";
import { SYMBOLS, settingId } from "../views/optimizer-settings.js";
import { $, html, watch } from "../views/watch.js";
import { ruleFields, typed, typedRule } from "./rule-fields.js";

const MOST_FORKS = 4; // the panels side by side the page has room for

/** A setting in a title: "μ = 0.9", "β = 0.8, 0.99", or a true flag's name. @param {string} key @param {any} value */
const settingText = (key, value) =>
  typeof value === "boolean"
    ? tOr(`optimizer.setting.${key}`, key)
    : html`<span class="greek">${SYMBOLS[key] ?? key}</span> = ${[value].flat().join(", ")}`;

/**
 * A fork's title: its update rule with the settings that differ from their defaults (the
 * config's), its learning rate and its penalty: "Adam (β = 0.8, 0.99) · α = 0.01".
 * @param {any} state
 */
export const forkTitle = (state) => {
  const o = state.optimizer;
  const rule = store.get().config?.optimizers.find((r) => r.name === o.name);
  const changed = (rule?.settings ?? []).filter((s) => JSON.stringify(o[s.name]) !== JSON.stringify(s.default));
  const parts = changed.map((s) => settingText(s.name, o[s.name]));
  const settings = parts.length ? html` (${parts.map((p, k) => html`${k ? ", " : ""}${p}`)})` : "";
  const penalty =
    state.regularization && state.regularization !== "none"
      ? html` · ${tOr(`penalty.${state.regularization}`, state.regularization)} <span class="greek">λ</span> = ${state.regularization_rate}`
      : "";
  return html`${t(`optimizer.${o.name}`)}${settings} · <span class="greek">α</span> = ${state.learning_rate}${penalty}`;
};

/** How far a fork's parameters are from the first's. @param {any} first @param {any} state @param {number} i */
export function gapLine(first, state, i) {
  const gap = parameterGap(state, first);
  return html`<div
    class="stage-gap hint"
    data-testid=${`stage-gap-${i}`}
    data-norm=${String(gap.norm)}
    data-max=${String(gap.max)}
    title=${t("compare.gapTitle")}
  >
    ${t("compare.gap", { norm: fmt(gap.norm, 4), max: fmt(gap.max, 4) })}
  </div>`;
}

/** @param {number} i @param {import("../scenes/stage.js").StageScene} scene */
export const removeButton = (i, scene) =>
  html`<button type="button" class="btn mini" data-testid=${`stage-remove-${i}`} @click=${() => scene.removeFork(i)}>
    ${t("compare.remove")}
  </button>`;

/** The rule the bar adds a fork with. @param {any} s */
const chosenRule = (s) => s.stage.addRule ?? s.config.optimizers[0].name;

/** The field id of a setting in the bar. @type {import("./rule-fields.js").IdOf} */
const barId = (key, index) => `compare-${settingId(key, index)}`;

/** The fork's body from the bar: the rule and what was typed (blank: the network's rate, the rule's defaults). @param {any} rule */
function typedSettings(rule) {
  const optimizer = typedRule(rule, barId, {});
  const rate = typed("compare-rate");
  return rate === null ? { optimizer } : { optimizer, learning_rate: rate };
}

/** The bar above a user's compare view. @param {any} s @param {import("../scenes/stage.js").StageScene} scene */
export function compareBar(s, scene) {
  const full = s.stage.nets.length >= MOST_FORKS;
  const error = s.fieldErrors["compare-add"];
  const rule = s.config.optimizers.find((o) => o.name === chosenRule(s));
  const choose = (/** @type {any} */ e) => store.update((st) => ({ stage: { ...st.stage, addRule: e.target.value } }));
  return html`<section class="card compare-bar" data-testid="compare-bar">
    <p class="compare-note">${t("compare.note", { n: s.stage.nets.length })}</p>
    <div class="compare-add">
      <label class="field"
        ><span class="field-label">${t("compare.rate")} <span class="greek">α</span></span>
        <input id="compare-rate" data-testid="compare-rate" type="text" inputmode="decimal" placeholder="α"
      /></label>
      <label class="field"
        ><span class="field-label">${t("arch.optimizer")}</span>
        <select id="compare-optimizer" data-testid="compare-optimizer" @change=${choose}>
          ${s.config.optimizers.map(
            (o) => html`<option value=${o.name} ?selected=${o.name === rule.name}>${t(`optimizer.${o.name}`)}</option>`,
          )}
        </select></label
      >
      ${ruleFields(rule, barId, {})}
      <button
        type="button"
        class="btn"
        data-testid="compare-add"
        ?disabled=${full}
        title=${full ? t("compare.full", { n: MOST_FORKS }) : ""}
        @click=${() => scene.addFork(typedSettings(rule))}
      >
        ${t("compare.add")}
      </button>
      <button type="button" class="btn" data-testid="compare-close" @click=${() => scene.closeForks()}>
        ${t("compare.close")}
      </button>
    </div>
    ${error ? html`<p class="field-error" role="alert" data-testid="compare-add-error">${error}</p>` : ""}
  </section>`;
}

/** The Compare button: two forks of the network, as it is and with the other rule of SGD / Adam. @param {import("../scenes/stage.js").StageScene} scene */
export function mountCompareButton(scene) {
  const button = /** @type {HTMLButtonElement} */ ($("compare"));
  button.addEventListener("click", () => {
    const { network } = store.get();
    const other = network.optimizer.name === "adam" ? "sgd" : "adam";
    act(() => scene.openForks(network.id, [{}, { optimizer: { name: other } }]));
  });
  watch(
    (s) => [s.playing, s.network],
    (s) => (button.disabled = s.playing || !s.network),
  );
  // the URL's compare view (a link opened or pasted): its forks again, or none
  watch(
    (s) => [s.ui.cmp],
    (s) => {
      const shown = !s.ui.lesson && s.stage?.source ? compareKey(s.stage.source, s.stage.nets) : "";
      if (s.ui.lesson || s.ui.cmp === shown) return;
      if (!s.ui.cmp) return scene.closeForks();
      const [source, ...forks] = s.ui.cmp.split(".");
      act(() => scene.openForks(source, [], forks));
    },
  );
}
