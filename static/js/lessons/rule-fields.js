// @ts-check
// An update rule's settings as typed fields (the compare bar's new fork, a fork's own
// settings): which fields, their defaults and intervals are GET /api/config's
// `optimizers`; a blank field keeps the value shown as its placeholder.

import { parseNumber } from "../model/numbers.js";
import { interval, labelOf } from "../views/optimizer-settings.js";
import { html } from "../views/watch.js";

/** @typedef {(key: string, index: number | null) => string} IdOf the field id of a setting (a pair's entry: its index) */

/** A number typed in field `id`: the number, the text for the server to refuse, or null when blank. @param {string} id */
export function typed(id) {
  const text = /** @type {HTMLInputElement} */ (document.getElementById(id)).value.trim();
  const parsed = parseNumber(text);
  return text === "" ? null : "value" in parsed ? parsed.value : text;
}

/** The entries of a value: [entry, index] (a pair's two, or one with index null). @param {any} value */
const entriesOf = (value) => (Array.isArray(value) ? value.map((v, i) => [v, i]) : [[value, null]]);

/**
 * The rule's settings as fields, `values` (the rule's: a fork's own, or the defaults) shown
 * as placeholders and the checkbox's start; `errors` holds a refusal by its field id.
 * @param {any} rule the config's @param {IdOf} idOf @param {Record<string, any>} values
 * @param {Record<string, string>} [errors]
 */
export const ruleFields = (rule, idOf, values, errors = {}) =>
  rule.settings.flatMap((setting) => {
    const value = values[setting.name] ?? setting.default;
    if (typeof setting.default === "boolean") {
      const id = idOf(setting.name, null);
      return html`<label class="check"
          ><input type="checkbox" id=${id} data-testid=${id} ?checked=${value} />${labelOf(setting.name)}</label
        >${refusal(id, errors)}`;
    }
    return entriesOf(value).map(([v, i]) => {
      const id = idOf(setting.name, i);
      return html`<label class="field"
        ><span class="field-label">${labelOf(i === null ? setting.name : `${setting.name}.${i}`)}</span>
        <input
          id=${id}
          data-testid=${id}
          type="text"
          inputmode="decimal"
          placeholder=${String(v)}
          title=${interval(setting)}
          aria-invalid=${errors[id] ? "true" : "false"}
        />${refusal(id, errors)}</label
      >`;
    });
  });

/** The server's reason beside field `id`, if it refused it. @param {string} id @param {Record<string, string>} errors */
export const refusal = (id, errors) =>
  errors[id] ? html`<span class="field-error" role="alert" data-testid=${`${id}-error`}>${errors[id]}</span>` : "";

/**
 * The rule's settings as typed (a blank field: its entry in `values`, else the default).
 * @param {any} rule @param {IdOf} idOf @param {Record<string, any>} values
 */
export function typedRule(rule, idOf, values) {
  const optimizer = /** @type {Record<string, any>} */ ({ name: rule.name });
  for (const setting of rule.settings) {
    const value = values[setting.name] ?? setting.default;
    if (typeof setting.default === "boolean") {
      const box = /** @type {HTMLInputElement} */ (document.getElementById(idOf(setting.name, null)));
      optimizer[setting.name] = box.checked;
      continue;
    }
    const entries = entriesOf(value).map(([v, i]) => typed(idOf(setting.name, i)) ?? v);
    optimizer[setting.name] = Array.isArray(setting.default) ? entries : entries[0];
  }
  return optimizer;
}
