// @ts-check
// The teacher's view: every student's network in a grid, from one GET /api/class a refresh.

import { classList } from "./core/class-api.js";
import { applyI18n, loadI18n, setLang, t } from "./core/i18n.js";
import { store } from "./core/store.js";
import { renderGrid } from "./views/class-grid.js";

const REFRESH_MS = 2000;

/** The teacher token, from the link's fragment (#token=...): never sent in a URL. */
const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";

/** Load the strings, then draw and refresh the grid until the page closes. */
async function start() {
  await loadI18n();
  const root = /** @type {HTMLElement} */ (document.getElementById("class-grid"));
  /** @type {import("./views/class-grid.js").GridState} */
  let state = { rows: null, error: token ? null : t("teacher.noToken"), now: Date.now() };
  const draw = () => {
    document.title = t("teacher.title");
    applyI18n(document.querySelector("header") ?? document);
    renderGrid(root, state);
  };
  store.subscribe(draw);
  document.querySelectorAll("[data-lang]").forEach((b) => {
    b.addEventListener("click", () => setLang(/** @type {HTMLElement} */ (b).dataset.lang ?? "en"));
  });
  draw();
  const refresh = async () => {
    try {
      state = { rows: (await classList(token)).networks, error: null, now: Date.now() };
    } catch (error) {
      state = { ...state, error: t("teacher.refused", { detail: String(error.message) }) };
    }
    draw();
    if (!state.error) window.setTimeout(refresh, REFRESH_MS);
  };
  if (token) refresh();
}

start();
