// @ts-check
// The teacher's grid: one card per student's network (its decision boundary in small, its
// progress, a Project link and Push), patched by lit-html on each refresh.

import { html, render } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { paintThumb } from "../charts/thumb.js";
import { t } from "../core/i18n.js";

/**
 * @typedef {{id: string, name: string, display_name: string | null, layers: number[],
 *   step: number, last_loss: number | null, diverged: boolean, updated_at: number,
 *   accuracy: {correct: number, total: number} | null,
 *   boundary?: import("../charts/thumb.js").Thumbnail | null,
 *   score?: {right: number, total: number, checks: number}}} StudentRow
 * @typedef {{rows: StudentRow[] | null, error: string | null, now: number}} GridState
 * @typedef {{pushNetwork: (row: StudentRow) => void}} GridActions
 */

/** A loss with four significant digits, or a dash. @param {number | null} loss */
const lossText = (loss) => (loss === null ? "–" : loss.toPrecision(4));

/** The card's thumbnail, or the reason there is none. @param {StudentRow} row */
function thumb(row) {
  return row.boundary
    ? html`<canvas class="thumb" data-testid="student-boundary" role="img" aria-label=${t("teacher.boundary")}
        data-key=${`${row.id}:${row.step}:${row.updated_at}`}></canvas>`
    : html`<p class="thumb none" data-testid="student-no-boundary">${t("teacher.noBoundary")}</p>`;
}

/** One student's card. @param {StudentRow} row @param {number} now seconds @param {GridActions} actions */
function card(row, now, actions) {
  const accuracy = row.accuracy ? t("teacher.accuracy", row.accuracy) : t("teacher.noAccuracy");
  const ago = Math.max(0, Math.round(now - row.updated_at));
  const name = row.display_name ?? t("teacher.unnamed");
  return html`<li class="student-card ${row.diverged ? "diverged" : ""}" data-testid="student-card" data-network-id=${row.id}>
    ${thumb(row)}
    <h2 data-testid="student-name">${name}</h2>
    <p class="network">${row.name} · <span class="layers">${row.layers.join("-")}</span></p>
    <p data-testid="student-step">${t("teacher.step", { n: row.step })}</p>
    <p data-testid="student-loss">${t("teacher.loss", { v: lossText(row.last_loss) })}</p>
    <p data-testid="student-accuracy">${accuracy}</p>
    ${row.diverged ? html`<p class="badge" data-testid="student-diverged">${t("teacher.diverged")}</p>` : null}
    ${row.score?.total ? html`<p data-testid="student-score">${t("teacher.score", row.score)}</p>` : null}
    <p class="ago">${t("teacher.ago", { s: ago })}</p>
    <p class="card-actions">
      <a href="/#net=${encodeURIComponent(row.id)}" target="projector" data-testid="project"
        title=${t("teacher.projectTitle", { name })}>${t("teacher.project")}</a>
      <button type="button" data-testid="push-network" title=${t("teacher.pushNetworkTitle")}
        @click=${() => actions.pushNetwork(row)}>${t("teacher.pushNetwork")}</button>
    </p>
  </li>`;
}

/** Paint the thumbnails whose network changed since they were painted. @param {HTMLElement} root @param {StudentRow[]} rows */
function paintThumbs(root, rows) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  root.querySelectorAll("canvas.thumb").forEach((el) => {
    const canvas = /** @type {HTMLCanvasElement} */ (el);
    const row = byId.get(canvas.closest("li")?.dataset.networkId ?? "");
    if (!row?.boundary || canvas.dataset.painted === canvas.dataset.key) return;
    paintThumb(canvas, row.boundary);
    canvas.dataset.painted = canvas.dataset.key;
  });
}

/**
 * Draw the grid (or the reason there is none) into `root`.
 * @param {HTMLElement} root @param {GridState} state @param {GridActions} actions
 */
export function renderGrid(root, state, actions) {
  const rows = state.rows ?? [];
  const body = state.error
    ? html`<p class="notice" role="alert" data-testid="class-error">${state.error}</p>`
    : rows.length === 0
      ? html`<p class="notice" data-testid="class-empty">${t("teacher.empty")}</p>`
      : html`<ul class="grid">${rows.map((row) => card(row, state.now / 1000, actions))}</ul>`;
  render(
    html`<h1>${t("teacher.heading")}</h1>
      <p class="count" data-testid="class-count">${t("teacher.count", { n: rows.length })}</p>
      ${body}`,
    root,
  );
  paintThumbs(root, rows);
  root.dataset.loaded = state.rows === null && !state.error ? "" : "true";
  root.dataset.count = String(rows.length);
}
