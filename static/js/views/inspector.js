// @ts-check
// The chain-rule inspector: one weight's dE/dw as a product of factors (plus a weight
// penalty's term), every factor's value per example, their product, and an editor for
// the weight that keeps what the user typed across background refreshes (the store's
// `typed`; lit-html leaves an input whose bound value did not change alone).

import { store } from "../core/store.js";
import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { productOf } from "../model/factors.js";
import { depthOf, unitLabel, unitLayerFed } from "../model/layers.js";
import { paramAt } from "../model/links.js";
import { penaltyOn } from "../model/penalty.js";
import { factorTable, meaningOf } from "./factor-table.js";
import { formulaMath, penaltyMath, sumMath } from "./formula.js";
import { optimizerStep } from "./optimizer-math.js";
import { $, html, render, watch } from "./watch.js";

/**
 * The numbers: the data term, the penalty's term (when `penalty` names one), dE/dw.
 * @param {any} explained @param {number | null | undefined} linkGradient @param {string | null} penalty
 */
function facts(explained, linkGradient, penalty) {
  const { products, sum } = productOf(explained.factors);
  const pg = explained.penalty_gradient;
  const plain = explained.optimizer.name === "sgd" && !explained.optimizer.momentum;
  return html`<dl class="facts">
    <dt>${products.length > 1 ? t("inspector.sumOf", { n: products.length }) : t("inspector.product")}</dt>
    <dd data-testid="inspector-product" data-value=${String(sum)} title=${String(sum)}>${String(sum)}</dd>
    ${
      penalty
        ? html`<dt>${t("inspector.penaltyTerm")} <math>${penaltyMath(penalty)}</math></dt>
            <dd data-testid="inspector-penalty" data-value=${String(pg)}>${String(pg)}</dd>`
        : ""
    }
    <dt>${t("inspector.fromApi")}</dt>
    <dd data-testid="inspector-gradient" data-value=${String(explained.gradient)}>${String(explained.gradient)}</dd>
    ${
      linkGradient === null || linkGradient === undefined
        ? ""
        : html`<dt>${t("inspector.onLink")}</dt>
            <dd data-testid="inspector-link-gradient" data-value=${String(linkGradient)}>${String(linkGradient)}</dd>`
    }
    <dt>${plain ? t("inspector.update") : t("inspector.optimizerUpdate")}</dt>
    <dd data-testid="inspector-update" title=${plain ? `${-explained.learning_rate} × ${explained.gradient}` : ""}>
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
  // the table's column page: back to the first for another weight
  const columns = { page: 0, of: /** @type {any} */ (null) };
  const setPage = (page) => {
    columns.page = page;
    draw(store.get());
  };
  /** @param {import("../core/state.js").AppState} s */
  const draw = ({ inspected, explained, network, lastStep, typed, data }) => {
    if (columns.of !== inspected) Object.assign(columns, { page: 0, of: inspected });
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
    const penalty = !bias && penaltyOn(network) ? network.regularization : null; // biases carry none
    const numbers = penalty
      ? html`<math display="block" data-testid="formula-numbers"
          >${sumMath(productOf(explained.factors).sum, explained.penalty_gradient, explained.gradient)}</math
        >`
      : "";
    render(
      html`<p class="inspector-title" data-testid="inspector-title">${title}</p>
          <p class="hint">${source}</p>
          <div class="formula">
            <math display="block" data-testid="formula">${formulaMath(explained.factors, bias, penalty)}</math>
            ${numbers}
          </div>
          ${factorTable(explained, bias, data, columns.page, setPage)}
          <ul class="meanings">
            ${explained.factors.map((f) => html`<li><code>${f.symbol}</code>: ${meaningOf(f)}</li>`)}
          </ul>
          ${facts(explained, linkGradient, penalty)} ${optimizerStep(explained)}
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
  };
  watch((s) => [s.inspected, s.explained, s.network, s.lastStep, s.typed, s.data, s.lang], draw);
}
