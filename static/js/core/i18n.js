// @ts-check
// Every string the page shows, in English and Simplified Chinese: keyed tables in
// static/i18n/{en,zh}.json (kept in the store), t(key, params) for code, and data-i18n*
// attributes for the static HTML of templates/index.html.

import { store } from "./store.js";

const LANGS = ["en", "zh"];
const STORAGE_KEY = "bpv-lang";

/** The language remembered in this browser ("en" when none or storage is off). */
function remembered() {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return saved === "zh" ? "zh" : "en";
  } catch {
    return "en"; // storage may be disabled
  }
}

/** Load both tables into the store, in the remembered language. */
export async function loadI18n() {
  const [en, zh] = await Promise.all(LANGS.map((l) => fetch(`/static/i18n/${l}.json`).then((r) => r.json())));
  store.update({ tables: { en, zh }, lang: remembered() });
}

/**
 * The string for `key` in the current language, with {name} placeholders filled; with
 * n = 1, the key's singular ("….one") where the table has one.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  const { tables, lang } = store.get();
  const singular = params.n === 1 ? tables[lang][`${key}.one`] : undefined;
  let text = singular ?? tables[lang][key] ?? tables.en[key];
  if (text === undefined) {
    console.warn(`i18n: no string for ${key}`);
    return key;
  }
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** Whether `key` has a string (for optional keys such as a preset's title). @param {string} key */
export const has = (key) => key in store.get().tables.en;

/**
 * The translated name under `prefix` when there is one, else `fallback`.
 * @param {string} key
 * @param {string} fallback
 */
export const tOr = (key, fallback) => (has(key) ? t(key) : fallback);

/**
 * A refusal of the server (a 422 item {msg, type, ctx}, or a 409's detail and code) in the
 * page's language: in English the server's own words; in another language the table's text
 * for its kind (`reason.<type>`, filled from ctx) when there is one, else the server's words.
 * The English table texts are the server's (tests/api/test_reasons.py).
 * @param {{msg: string, type?: string | null, ctx?: Record<string, any>}} item
 */
export function reasonOf(item) {
  const key = `reason.${item.type}`;
  return store.get().lang !== "en" && item.type && has(key) ? t(key, item.ctx ?? {}) : item.msg;
}

/** Switch the language and remember it. @param {string} lang */
export function setLang(lang) {
  if (!LANGS.includes(lang) || lang === store.get().lang) return;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the switch still applies to this page
  }
  store.update({ lang: /** @type {"en" | "zh"} */ (lang) });
}

/**
 * Fill every data-i18n (text), -title, -aria and -placeholder under `root`.
 * @param {ParentNode} [root]
 */
export function applyI18n(root = document) {
  document.documentElement.lang = store.get().lang === "zh" ? "zh-CN" : "en";
  /** @param {string} selector @param {(el: HTMLElement) => void} fn */
  const each = (selector, fn) => root.querySelectorAll(selector).forEach((el) => fn(/** @type {HTMLElement} */ (el)));
  each("[data-i18n]", (el) => (el.textContent = t(el.dataset.i18n)));
  each("[data-i18n-title]", (el) => el.setAttribute("title", t(el.dataset.i18nTitle)));
  each("[data-i18n-aria]", (el) => el.setAttribute("aria-label", t(el.dataset.i18nAria)));
  each("[data-i18n-placeholder]", (el) => el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder)));
}
