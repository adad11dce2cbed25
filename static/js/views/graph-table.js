// @ts-check
// The graph's text alternative: under "The network as a table", one table per weight layer
// (a row per unit it feeds, a column per unit it reads, and the bias), drawn while open.

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { layerTitle } from "../graph/titles.js";
import { fmt } from "../model/format.js";
import { depthOf, unitLabel, unitLayerFed } from "../model/layers.js";
import { $, html, nothing, render, watch } from "./watch.js";

const MAX_SHOWN = 16; // rows and columns per table; the rest are named in a note

/** One weight layer as a table. @param {any} network @param {number} l */
function layerTable(network, l) {
  const depth = depthOf(network.layers);
  const rows = network.weights[l];
  const froms = rows[0]?.length ?? 0;
  const shownRows = rows.slice(0, MAX_SHOWN);
  const cut = rows.length > MAX_SHOWN || froms > MAX_SHOWN;
  const cols = Array.from({ length: Math.min(froms, MAX_SHOWN) }, (_, i) => i);
  return html`<table data-testid="graph-table-layer">
    <caption>
      ${t("a11y.tableCaption", { layer: layerTitle(unitLayerFed(l), depth) })}
      ${cut ? html`<br />${t("a11y.tableMore", { k: MAX_SHOWN, n: Math.max(rows.length, froms) })}` : nothing}
    </caption>
    <thead>
      <tr>
        <td></td>
        ${cols.map((i) => html`<th scope="col">${unitLabel(l, i, depth)}</th>`)}
        ${network.use_bias ? html`<th scope="col">${t("graph.bias")}</th>` : nothing}
      </tr>
    </thead>
    <tbody>
      ${shownRows.map(
        (row, j) =>
          html`<tr>
            <th scope="row">${unitLabel(unitLayerFed(l), j, depth)}</th>
            ${cols.map((i) => html`<td>${fmt(row[i])}</td>`)}
            ${network.use_bias ? html`<td>${fmt(network.biases[l][j])}</td>` : nothing}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function mountGraphTable() {
  const details = /** @type {HTMLDetailsElement} */ ($("graph-table"));
  const body = $("graph-table-body");
  const draw = () => {
    const { network } = store.get();
    render(details.open && network ? network.weights.map((_, l) => layerTable(network, l)) : nothing, body);
  };
  details.addEventListener("toggle", draw);
  watch((s) => [s.network, s.lang], draw);
}
