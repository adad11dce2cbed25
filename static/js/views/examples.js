// @ts-check
// The selected example: a chip per example for small datasets, else a slider.

import { t } from "../core/i18n.js";
import { updateUi } from "../core/store.js";
import { fmt } from "../model/format.js";
import { exampleName } from "../model/numbering.js";
import { $, html, render, watch } from "./watch.js";

const CHIPS_MAX = 16; // datasets up to this size list every example as a chip
const LABEL_INPUTS = 8; // an example's label shows its first inputs only

/** "#2 (0.00, 1.00) → 1" for example i (the page's one numbering: model/numbering.js). @param {any} data @param {number} i */
function exampleLabel(data, i) {
  const inputs = data.inputs[i];
  const x =
    inputs
      .slice(0, LABEL_INPUTS)
      .map((v) => fmt(v, 2))
      .join(", ") + (inputs.length > LABEL_INPUTS ? ", …" : "");
  const target = data.targets[i];
  const shown =
    target.length === 1
      ? fmt(target[0], Number.isInteger(target[0]) ? 0 : 3)
      : t("data.class", { n: target.indexOf(Math.max(...target)) + 1 });
  return `${exampleName(i)} (${x}) → ${shown}`;
}

/** @param {() => void} refresh ask for the selected example's data */
export function mountExamples(refresh) {
  /** @param {number} i */
  const select = (i) => {
    updateUi({ ex: i });
    refresh();
  };
  watch(
    (s) => [s.data, s.ui.ex, s.lang],
    ({ data, ui }) => {
      if (!data) return;
      const n = data.inputs.length;
      const view =
        n <= CHIPS_MAX
          ? data.inputs.map(
              (_, i) =>
                html`<button
                  type="button"
                  class="chip"
                  data-testid=${`example-${i}`}
                  aria-pressed=${String(i === ui.ex)}
                  @click=${() => select(i)}
                >
                  ${exampleLabel(data, i)}
                </button>`,
            )
          : html`<input
                type="range"
                min="0"
                max=${n - 1}
                .value=${String(ui.ex)}
                data-testid="example-slider"
                aria-label=${t("data.example")}
                @input=${(e) => select(Number(e.target.value))}
              />
              <span class="example-label" data-testid="example-label"
                >${exampleLabel(data, ui.ex)}</span
              >`;
      render(view, $("examples"));
    },
  );
}
