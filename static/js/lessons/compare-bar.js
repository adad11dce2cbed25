// @ts-check
// The compare view's own parts: the Compare button that forks the network, the bar above
// the panels (add a fork with a learning rate and an update rule, close), each fork's
// title, its remove button, and how far its parameters are from the first fork's.

import { act } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { fmt } from "../model/format.js";
import { parameterGap } from "../model/compare.js";
import { parseNumber } from "../model/numbers.js";
import { compareKey } from "../scenes/stage-nets.js";
import { interval, labelOf, settingId } from "../views/optimizer-settings.js";
import { $, html, watch } from "../views/watch.js";

const MOST_FORKS = 4; // the panels side by side the page has room for

/** A fork's title: its update rule and learning rate. @param {any} state */
export const forkTitle = (state) => {
  const o = state.optimizer;
  const rule = t(`optimizer.${o.name}`);
  const momentum =
    o.name === "sgd" && o.momentum
      ? html` <span class="greek">μ</span> = ${o.momentum}${o.nesterov ? " Nesterov" : ""}`
      : "";
  return html`${rule}${momentum} · <span class="greek">α</span> = ${state.learning_rate}`;
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

/** A number typed in the bar: the number, or the text for the server to refuse. @param {string} id */
function typed(id) {
  const text = /** @type {HTMLInputElement} */ (document.getElementById(id)).value.trim();
  const parsed = parseNumber(text);
  return text === "" ? null : "value" in parsed ? parsed.value : text;
}

/** The entries of a setting: [its default, index] (a pair's two, or one with index null). @param {any} setting */
const entriesOf = (setting) =>
  Array.isArray(setting.default) ? setting.default.map((d, i) => [d, i]) : [[setting.default, null]];

/** The chosen rule's settings as fields (the config's; a blank one: its default). @param {any} rule */
const ruleFields = (rule) =>
  rule.settings.flatMap((setting) => {
    const id = (/** @type {number | null} */ i) => `compare-${settingId(setting.name, i)}`;
    if (typeof setting.default === "boolean")
      return html`<label class="check"
        ><input type="checkbox" id=${id(null)} data-testid=${id(null)} />${labelOf(setting.name)}</label
      >`;
    return entriesOf(setting).map(
      ([d, i]) =>
        html`<label class="field"
          ><span class="field-label">${labelOf(i === null ? setting.name : `${setting.name}.${i}`)}</span>
          <input id=${id(i)} data-testid=${id(i)} type="text" inputmode="decimal" placeholder=${String(d)} title=${interval(setting)}
        /></label>`,
    );
  });

/** The fork's body from the bar: the rule and what was typed (blank: the network's rate, the rule's defaults). @param {any} rule */
function typedSettings(rule) {
  const optimizer = /** @type {Record<string, any>} */ ({ name: rule.name });
  for (const setting of rule.settings) {
    const id = (/** @type {number | null} */ i) => `compare-${settingId(setting.name, i)}`;
    if (typeof setting.default === "boolean")
      optimizer[setting.name] = /** @type {HTMLInputElement} */ (document.getElementById(id(null))).checked;
    else if (Array.isArray(setting.default))
      optimizer[setting.name] = entriesOf(setting).map(([d, i]) => typed(id(i)) ?? d);
    else optimizer[setting.name] = typed(id(null)) ?? setting.default;
  }
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
      ${ruleFields(rule)}
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
