// @ts-check
// The teacher's grid: one card per student's network, patched by lit-html on each refresh.

import { html, render } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { t } from "../core/i18n.js";

/**
 * @typedef {{id: string, name: string, display_name: string | null, layers: number[],
 *   step: number, last_loss: number | null, diverged: boolean, updated_at: number,
 *   accuracy: {correct: number, total: number} | null}} StudentRow
 * @typedef {{rows: StudentRow[] | null, error: string | null, now: number}} GridState
 */

/** A loss with four significant digits, or a dash. @param {number | null} loss */
const lossText = (loss) => (loss === null ? "–" : loss.toPrecision(4));

/** One student's card. @param {StudentRow} row @param {number} now seconds */
function card(row, now) {
  const accuracy = row.accuracy ? t("teacher.accuracy", row.accuracy) : t("teacher.noAccuracy");
  const ago = Math.max(0, Math.round(now - row.updated_at));
  return html`<li class="student-card ${row.diverged ? "diverged" : ""}" data-testid="student-card" data-network-id=${row.id}>
    <h2 data-testid="student-name">${row.display_name ?? t("teacher.unnamed")}</h2>
    <p class="network">${row.name} · <span class="layers">${row.layers.join("-")}</span></p>
    <p data-testid="student-step">${t("teacher.step", { n: row.step })}</p>
    <p data-testid="student-loss">${t("teacher.loss", { v: lossText(row.last_loss) })}</p>
    <p data-testid="student-accuracy">${accuracy}</p>
    ${row.diverged ? html`<p class="badge" data-testid="student-diverged">${t("teacher.diverged")}</p>` : null}
    <p class="ago">${t("teacher.ago", { s: ago })}</p>
    <a href="/#net=${encodeURIComponent(row.id)}" target="_blank" rel="noopener" data-testid="project">${t("teacher.project")}</a>
  </li>`;
}

/**
 * Draw the grid (or the reason there is none) into `root`.
 * @param {HTMLElement} root @param {GridState} state
 */
export function renderGrid(root, state) {
  const rows = state.rows ?? [];
  const body = state.error
    ? html`<p class="notice" role="alert" data-testid="class-error">${state.error}</p>`
    : rows.length === 0
      ? html`<p class="notice" data-testid="class-empty">${t("teacher.empty")}</p>`
      : html`<ul class="grid">${rows.map((row) => card(row, state.now / 1000))}</ul>`;
  render(
    html`<h1>${t("teacher.heading")}</h1>
      <p class="count" data-testid="class-count">${t("teacher.count", { n: rows.length })}</p>
      ${body}`,
    root,
  );
  root.dataset.loaded = state.rows === null && !state.error ? "" : "true";
  root.dataset.count = String(rows.length);
}
