// @ts-check
// How the page looks for this reader, remembered in the browser: the colour scheme (the
// system's prefers-color-scheme until the switch is used), whether negative values are
// also dashed, and the skip button to the graph.

import { $, $input } from "./watch.js";

const THEME_KEY = "bpv-theme";
const DASH_KEY = "bpv-dash-negative";

/** A remembered value (null: none, or storage is off). @param {string} key */
function recall(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remember a value (storage may be off: then only this page has it). @param {string} key @param {string} value */
function keep(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // not remembered
  }
}

export function mountPrefs() {
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  const button = $("theme");
  /** @param {boolean} dark */
  const show = (dark) => {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    button.setAttribute("aria-pressed", String(dark));
  };
  const chosen = () => recall(THEME_KEY);
  show(chosen() ? chosen() === "dark" : system.matches);
  system.addEventListener("change", () => chosen() || show(system.matches));
  button.addEventListener("click", () => {
    const dark = document.documentElement.dataset.theme !== "dark";
    keep(THEME_KEY, dark ? "dark" : "light");
    show(dark);
  });

  const dash = $input("dash-negative");
  dash.checked = recall(DASH_KEY) !== "off";
  document.body.classList.toggle("dash-negative", dash.checked);
  dash.addEventListener("change", () => {
    keep(DASH_KEY, dash.checked ? "on" : "off");
    document.body.classList.toggle("dash-negative", dash.checked);
  });

  $("skip-to-graph").addEventListener("click", () => {
    const stop = /** @type {HTMLElement | null} */ ($("graph").querySelector('[tabindex="0"]'));
    (stop ?? $("graph")).focus();
  });
}
