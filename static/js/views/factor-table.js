// @ts-check
// The chain-rule table: one row per factor, one column per example of the batch, named by
// its dataset row (model/numbering.js), a page of columns at a time with ← → for the rest.

import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { meaningKey, productOf } from "../model/factors.js";
import { datasetRows, exampleName } from "../model/numbering.js";
import { factorMath } from "./formula.js";
import { html } from "./watch.js";

export const COLUMNS_PER_PAGE = 6;

/** A factor's meaning in the page's language. @param {any} f */
export function meaningOf(f) {
  const known = meaningKey(f);
  return known ? t(known.key, known.params) : f.meaning;
}

/** The pager: "examples 7–12 of the 32 in the batch" with ← →. @param {number} first @param {number} shown @param {number} size @param {(page: number) => void} setPage @param {number} page */
function pager(first, shown, size, setPage, page) {
  if (size <= COLUMNS_PER_PAGE) return "";
  const last = Math.ceil(size / COLUMNS_PER_PAGE) - 1;
  return html`<div class="factor-pager">
    <button
      type="button"
      class="btn mini"
      data-testid="factors-prev"
      aria-label=${t("inspector.prevColumns")}
      ?disabled=${page === 0}
      @click=${() => setPage(page - 1)}
    >
      ←
    </button>
    <span data-testid="factors-page">${t("inspector.columns", { from: first + 1, to: first + shown, size })}</span>
    <button
      type="button"
      class="btn mini"
      data-testid="factors-next"
      aria-label=${t("inspector.nextColumns")}
      ?disabled=${page >= last}
      @click=${() => setPage(page + 1)}
    >
      →
    </button>
  </div>`;
}

/**
 * The table of `explained` (GET explain, with its batch rows) on column page `page`.
 * @param {any} explained @param {boolean} bias @param {any} data the dataset rows
 * @param {number} page @param {(page: number) => void} setPage
 */
export function factorTable(explained, bias, data, page, setPage) {
  const { products } = productOf(explained.factors);
  const size = products.length;
  const at = Math.max(0, Math.min(page, Math.ceil(size / COLUMNS_PER_PAGE) - 1));
  const first = at * COLUMNS_PER_PAGE;
  const shown = Math.min(COLUMNS_PER_PAGE, size - first);
  const rows = explained.inputs ? datasetRows(explained.inputs, explained.targets, data) : [];
  const name = (b) => (rows[b] >= 0 ? exampleName(rows[b]) : t("example.batchRow", { n: b + 1 }));
  const cols = Array.from({ length: shown }, (_, k) => first + k);
  const cells = (values) => cols.map((b) => html`<td class="num" title=${String(values[b])}>${fmt(values[b], 4)}</td>`);
  return html`${pager(first, shown, size, setPage, at)}
    <div class="table-scroll" tabindex="0" role="region" aria-label=${t("a11y.factorTable")}>
      <table class="factors" data-testid="factor-table">
        <thead>
          <tr>
            <th>${t("inspector.factor")}</th>
            ${cols.map((b) => html`<th class="num" data-testid="factor-column" data-row=${String(rows[b] ?? -1)}>${name(b)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${explained.factors.map(
            (f) =>
              html`<tr>
                <td class="factor" title=${`${f.symbol}: ${meaningOf(f)}`}><math>${factorMath(f.symbol, bias)}</math></td>
                ${cells(f.values)}
              </tr>`,
          )}
          <tr class="product-row">
            <td>${t("inspector.product")}</td>
            ${cells(products)}
          </tr>
        </tbody>
      </table>
    </div>`;
}
