// @ts-check
// The worksheet page (/worksheet#net=ID&level=unit|path|layer&ex=0&path=0,1,0&key=1): one
// example of the network to work by hand, or its answer key, ready to print (Save as PDF).

import { request } from "./core/api.js";
import { applyI18n, loadI18n, setLang, t } from "./core/i18n.js";
import { store } from "./core/store.js";
import { depthOf, unitLabel } from "./model/layers.js";
import { LEVELS, pathUnits } from "./model/worksheet.js";
import { html, render } from "../vendor/lit-html-3.3.3/lit-html.js";
import { worksheet } from "./views/worksheet-view.js";

const params = new URLSearchParams(window.location.hash.slice(1));
const id = params.get("net") ?? "";
const choice = {
  level: /** @type {import("./model/worksheet.js").Level} */ (LEVELS.find((l) => l === params.get("level")) ?? "path"),
  example: Math.max(0, Number(params.get("ex")) || 0),
  path: (params.get("path") ?? "").split(",").filter(Boolean).map(Number),
  key: params.get("key") === "1",
};

/**
 * The path's units, a select per layer but the output's (a unit sheet uses the last of them).
 * @param {number[]} layers @param {(patch: Partial<typeof choice>) => void} set
 */
function pathPicker(layers, set) {
  const units = pathUnits(layers, choice.path);
  const depth = depthOf(layers);
  /** @param {number} l @param {number} u */
  const pick = (l, u) => set({ path: units.map((v, i) => (i === l ? u : v)) });
  return html`<span class="path-picker">${t("worksheet.pathLabel")}
    ${layers.slice(0, -1).map(
      (n, l) =>
        html`<select data-testid=${`worksheet-path-${l}`} aria-label=${t("worksheet.pathLayer", { l })}
          @change=${(/** @type {any} */ e) => pick(l, Number(e.target.value))}>
          ${[...Array(n).keys()].map((u) => html`<option value=${u} ?selected=${u === units[l]}>${unitLabel(l, u, depth)}</option>`)}
        </select>`,
    )}</span>`;
}

/** The toolbar (not printed): level, path, example, sheet or key, print. @param {number} rows @param {number[]} layers @param {() => void} redraw */
function toolbar(rows, layers, redraw) {
  /** @param {Partial<typeof choice>} patch */
  const set = (patch) => (Object.assign(choice, patch), redraw());
  return html`${choice.level === "layer" ? "" : pathPicker(layers, set)} <label>${t("worksheet.levelLabel")}
      <select data-testid="worksheet-level" @change=${(/** @type {any} */ e) => set({ level: e.target.value })}>
        ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === choice.level}>${t(`worksheet.level.${l}`)}</option>`)}
      </select></label>
    <label>${t("worksheet.exampleLabel")}
      <select data-testid="worksheet-example" @change=${(/** @type {any} */ e) => set({ example: Number(e.target.value) })}>
        ${[...Array(rows).keys()].map((k) => html`<option value=${k} ?selected=${k === choice.example}>#${k + 1}</option>`)}
      </select></label>
    <button type="button" data-testid="worksheet-toggle" @click=${() => set({ key: !choice.key })}>
      ${t(choice.key ? "worksheet.showSheet" : "worksheet.showKey")}</button>
    <button type="button" data-testid="worksheet-print" @click=${() => window.print()}>${t("worksheet.print")}</button>`;
}

async function start() {
  await loadI18n();
  const root = /** @type {HTMLElement} */ (document.getElementById("sheet"));
  const bar = /** @type {HTMLElement} */ (document.getElementById("sheet-tools"));
  document.querySelectorAll("[data-lang]").forEach((b) => {
    b.addEventListener("click", () => setLang(/** @type {HTMLElement} */ (b).dataset.lang ?? "en"));
  });
  try {
    const [network, rows] = await Promise.all([
      request("GET", `/api/networks/${encodeURIComponent(id)}`),
      request("GET", `/api/networks/${encodeURIComponent(id)}/dataset`),
    ]);
    const sheets = new Map();
    const draw = async () => {
      if (!sheets.has(choice.example))
        sheets.set(
          choice.example,
          await request("GET", `/api/networks/${encodeURIComponent(id)}/worksheet?example=${choice.example}`),
        );
      document.title = t("worksheet.title", { name: network.name });
      applyI18n(document.querySelector("header") ?? document);
      render(toolbar(rows.inputs.length, network.layers, draw), bar);
      render(worksheet(sheets.get(choice.example), network.name, choice.level, choice.path, choice.key), root);
      root.dataset.ready = "true";
    };
    store.subscribe(() => void draw());
    await draw();
  } catch (error) {
    render(
      html`<p class="notice" role="alert" data-testid="worksheet-error">${t("worksheet.failed", { detail: String(error.message) })}</p>`,
      root,
    );
    root.dataset.ready = "true";
  }
}

start();
