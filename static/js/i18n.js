// Every string the page shows, in English and Simplified Chinese: keyed tables in
// static/i18n/{en,zh}.json, t(key, params) for code, and data-i18n* attributes for HTML.

const LANGS = ["en", "zh"];
const STORAGE_KEY = "bpv-lang";
const tables = { en: {}, zh: {} };
let lang = "en";
const listeners = [];

/** Load both tables and pick the remembered language (default English). */
export async function loadI18n() {
  const [en, zh] = await Promise.all(LANGS.map((l) => fetch(`/static/i18n/${l}.json`).then((r) => r.json())));
  tables.en = en;
  tables.zh = zh;
  let saved = null;
  try {
    saved = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null; // storage may be disabled; English then
  }
  lang = LANGS.includes(saved) ? saved : "en";
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  applyI18n();
}

/** The current language: "en" or "zh". */
export const getLang = () => lang;

/** The string for `key` in the current language, with {name} placeholders filled. */
export function t(key, params = {}) {
  let text = tables[lang][key] ?? tables.en[key];
  if (text === undefined) {
    console.warn(`i18n: no string for ${key}`);
    return key;
  }
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** Whether `key` has a string (for optional keys such as a preset's translated title). */
export const has = (key) => key in tables.en;

/** Fill every data-i18n (text), data-i18n-title, data-i18n-aria and data-i18n-placeholder. */
export function applyI18n(root = document) {
  root.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-title]").forEach((el) => el.setAttribute("title", t(el.dataset.i18nTitle)));
  root.querySelectorAll("[data-i18n-aria]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.i18nAria)));
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder)));
  document.querySelectorAll("[data-lang]").forEach((b) => b.setAttribute("aria-checked", String(b.dataset.lang === lang)));
}

/** Switch the language, remember it, and redraw everything that listens. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the switch still applies to this page
  }
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  applyI18n();
  listeners.forEach((fn) => fn(lang));
}

/** Call fn(lang) after every language switch. */
export function onLangChange(fn) {
  listeners.push(fn);
}
