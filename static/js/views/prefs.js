// @ts-check
// How the page looks for this reader, remembered in the browser: the colour scheme
// (theme.js), whether negative values are also dashed, and the skip button to the graph.

import { keep, mountTheme, recall } from "./theme.js";
import { $, $input } from "./watch.js";

const DASH_KEY = "bpv-dash-negative";

export function mountPrefs() {
  mountTheme($("theme"));

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
