// @ts-check
// How a view follows the store: it names the pieces of state it shows, and draws again only
// when one of them changed (by identity), so an update elsewhere costs it one comparison.

import { store } from "../core/store.js";

export { html, mathml, noChange, nothing, render, svg } from "../../vendor/lit-html-3.3.3/lit-html.js";
export { live } from "../../vendor/lit-html-3.3.3/directives/live.js";

/** @typedef {import("../core/state.js").AppState} AppState */

/**
 * Call draw(state) now and whenever one of pick(state)'s values changes.
 * @param {(s: AppState) => unknown[]} pick
 * @param {(s: AppState) => void} draw
 */
export function watch(pick, draw) {
  /** @type {unknown[] | null} */
  let last = null;
  /** @param {AppState} s */
  const run = (s) => {
    const deps = pick(s);
    if (last && deps.length === last.length && deps.every((d, i) => d === last[i])) return;
    last = deps;
    draw(s);
  };
  store.subscribe(run);
  run(store.get());
}

/** The element with this id. @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The element with this id, as an input.
 * @param {string} id
 */
export const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
