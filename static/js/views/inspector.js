// @ts-check
// The chain-rule inspector: one weight's dE/dw as a product of factors, every factor's
// value per example, their product, and an editor for the weight that keeps what the user
// typed across background refreshes (the store's `typed`; lit-html leaves an input whose
// bound value did not change alone).

import { store } from "../core/store.js";
import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { meaningKey, productOf } from "../model/factors.js";
import { depthOf, unitLabel, unitLayerFed } from "../model/layers.js";
import { paramAt } from "../model/links.js";
import { formulaMath, factorMath } from "./formula.js";
import { $, html, render, watch } from "./watch.js";

const MAX_EXAMPLE_COLUMNS = 3;

/** A factor's meaning in the page's language. @param {any} f */
function meaningOf(f) {
  const known = meaningKey(f);
  return known ? t(known.key, known.params) : f.meaning;
}

/** @param {any} explained @param {boolean} bias */
function factorTable(explained, bias) {
  const { products } = productOf(explained.factors);
  const columns = Math.min(products.length, MAX_EXAMPLE_COLUMNS);
  const more = products.length > columns;
  const cells = (values) =>
    values.slice(0, columns).map((v) => html`<td class="num" title=${String(v)}>${fmt(v, 4)}</td>`);
  const head = Array.from(
    { length: columns },
    (_, b) => html`<th class="num">${t("inspector.exampleN", { n: b + 1 })}</th>`,
  );
  return html`<div class="table-scroll">
    <table class="factors">
      <thead>
        <tr>
          <th>${t("inspector.factor")}</th>
          ${head}${more ? html`<th class="num">+${products.length - columns}</th>` : ""}
        </tr>
      </thead>
      <tbody>
        ${explained.factors.map(
          (f) =>
            html`<tr>
              <td class="factor" title=${`${f.symbol}: ${meaningOf(f)}`}><math>${factorMath(f.symbol, bias)}</math></td>
              ${cells(f.values)}${more ? html`<td class="num">…</td>` : ""}
            </tr>`,
        )}
        <tr class="product-row">
          <td>${t("inspector.product")}</td>
          ${cells(products)}${more ? html`<td class="num">…</td>` : ""}
        </tr>
      </tbody>
    </table>
  </div>`;
}

/** @param {any} explained @param {number | null | undefined} linkGradient */
function facts(explained, linkGradient) {
  const { products, sum } = productOf(explained.factors);
  return html`<dl class="facts">
    <dt>${products.length > 1 ? t("inspector.sumOf", { n: products.length }) : t("inspector.product")}</dt>
    <dd data-testid="inspector-product" data-value=${String(sum)} title=${String(sum)}>${String(sum)}</dd>
    <dt>${t("inspector.fromApi")}</dt>
    <dd data-testid="inspector-gradient" data-value=${String(explained.gradient)}>${String(explained.gradient)}</dd>
    ${
      linkGradient === null || linkGradient === undefined
        ? ""
        : html`<dt>${t("inspector.onLink")}</dt>
            <dd data-testid="inspector-link-gradient" data-value=${String(linkGradient)}>${String(linkGradient)}</dd>`
    }
    <dt>${t("inspector.update")}</dt>
    <dd data-testid="inspector-update" title=${`${-explained.learning_rate} × ${explained.gradient}`}>
      ${String(explained.update)}
    </dd>
  </dl>`;
}

/** @param {import("../scenes/main.js").MainScene} main */
export function mountInspector(main) {
  $("inspector-close").addEventListener("click", () => main.closeInspector());
  const submit = (input) => {
    const value = Number(input.value);
    if (input.value.trim() !== "" && Number.isFinite(value)) main.setWeight(value);
  };
  watch(
    (s) => [s.inspected, s.explained, s.network, s.lastStep, s.typed, s.lang],
    ({ inspected, explained, network, lastStep, typed }) => {
      $("inspector").hidden = !inspected;
      if (!inspected || !explained || !network) return render("", $("inspector-body"));
      const bias = inspected.from === null;
      const depth = depthOf(network.layers);
      const to = unitLabel(unitLayerFed(inspected.layer), inspected.to, depth);
      const title = bias
        ? t("inspector.biasTitle", { to, layer: explained.layer })
        : t("inspector.weightTitle", {
            from: unitLabel(inspected.layer, inspected.from, depth),
            to,
            layer: explained.layer,
          });
      const source =
        (explained.kind ?? explained.source) === "last_step"
          ? t("inspector.lastStep", { n: explained.step })
          : t("inspector.preview");
      const linkGradient = lastStep && lastStep.step === explained.step ? paramAt(lastStep.gradients, inspected) : null;
      const weight = typed ?? String(paramAt(network, inspected) ?? explained.weight);
      render(
        html`<p class="inspector-title" data-testid="inspector-title">${title}</p>
          <p class="hint">${source}</p>
          <div class="formula">
            <math display="block" data-testid="formula">${formulaMath(explained.factors, bias)}</math>
          </div>
          ${factorTable(explained, bias)}
          <ul class="meanings">
            ${explained.factors.map((f) => html`<li><code>${f.symbol}</code>: ${meaningOf(f)}</li>`)}
          </ul>
          ${facts(explained, linkGradient)}
          <div class="weight-edit">
            <label
              >${bias ? "b = " : "w = "}<input
                type="number"
                step="any"
                .value=${weight}
                data-testid="weight-input"
                aria-label=${t("inspector.weightValue")}
                @input=${(e) => store.update({ typed: e.target.value })}
                @keydown=${(e) => e.key === "Enter" && submit(e.target)}
            /></label>
            <button
              type="button"
              class="btn mini"
              data-testid="weight-set"
              @click=${(e) => submit(e.target.closest(".weight-edit").querySelector("input"))}
            >
              ${t("inspector.set")}
            </button>
          </div>`,
        $("inspector-body"),
      );
    },
  );
}
