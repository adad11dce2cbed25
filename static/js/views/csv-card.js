// @ts-check
// The CSV card: paste a CSV in the box, pick a file or drop one on the card, choose the
// target column from its header, standardise the inputs or not, and Load. A file the
// server refuses shows its message (line and column) under the box, and nothing changes.

import { t } from "../core/i18n.js";
import { csvHeader } from "../model/csv.js";
import { $, html, live, render, watch } from "./watch.js";

const EXAMPLE = "x1,x2,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no";

/** What the network's CSV columns became, in a line. @param {any} csv the state's dataset.csv */
function shownText(csv) {
  if (!csv) return "";
  const scaled = csv.standardization ? t("csv.standardized") : t("csv.raw");
  const task = csv.task === "regression" ? t("csv.regression") : t("csv.classes", { classes: csv.classes.join(", ") });
  return t("csv.shown", { columns: csv.columns.join(", "), target: csv.target, task, scaled });
}

/** @param {import("../scenes/data.js").DataActions} actions */
export function mountCsv(actions) {
  const el = $("csv-card");
  const my = { text: "", target: "", standardize: true, error: "", loading: false, csv: /** @type {any} */ (null) };

  /** @param {string} text */
  const setText = (text) => {
    const columns = csvHeader(text);
    my.text = text;
    if (!columns.includes(my.target)) my.target = columns.at(-1) ?? "";
    my.error = "";
    draw();
  };
  /** @param {File | undefined} file */
  const readFile = async (file) => file && setText(await file.text());
  const load = async () => {
    my.loading = true;
    draw();
    my.error = await actions.loadCsv({ csv: my.text, target: my.target, standardize: my.standardize });
    my.loading = false;
    draw();
  };
  el.addEventListener("dragover", (e) => {
    e.preventDefault();
    el.classList.add("dropping");
  });
  el.addEventListener("dragleave", () => el.classList.remove("dropping"));
  el.addEventListener("drop", (e) => {
    e.preventDefault();
    el.classList.remove("dropping");
    readFile(e.dataTransfer?.files[0]);
  });

  function draw() {
    const columns = csvHeader(my.text);
    render(
      html`<h2>${t("csv.heading")}</h2>
        <p class="hint">${t("csv.hint")}</p>
        <textarea
          class="csv-text"
          data-testid="csv-text"
          rows="4"
          spellcheck="false"
          aria-label=${t("csv.textLabel")}
          placeholder=${EXAMPLE}
          .value=${live(my.text)}
          @input=${(e) => setText(e.target.value)}
        ></textarea>
        <p class="field-error" data-testid="csv-error" role="alert" ?hidden=${!my.error}>${my.error}</p>
        <div class="csv-row">
          <label class="btn mini csv-file"
            >${t("csv.file")}
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              data-testid="csv-file"
              hidden
              @change=${(e) => readFile(e.target.files[0])}
          /></label>
          <label class="field"
            ><span class="field-label">${t("csv.target")}</span>
            <select data-testid="csv-target" @change=${(e) => ((my.target = e.target.value), draw())}>
              ${columns.map((c) => html`<option value=${c} ?selected=${c === my.target}>${c}</option>`)}
            </select></label
          >
        </div>
        <label class="check"
          ><input
            type="checkbox"
            data-testid="csv-standardize"
            .checked=${my.standardize}
            @change=${(e) => ((my.standardize = e.target.checked), draw())}
          />
          <span>${t("csv.standardize")}</span></label
        >
        <button
          type="button"
          class="btn"
          data-testid="csv-load"
          ?disabled=${!my.text.trim() || !my.target || my.loading}
          @click=${load}
        >
          ${t("csv.load")}
        </button>
        <p class="hint" data-testid="csv-shown">${shownText(my.csv)}</p>`,
      el,
    );
  }
  watch(
    (s) => [s.network?.dataset.csv, s.lang],
    (s) => {
      my.csv = s.network?.dataset.csv ?? null;
      draw();
    },
  );
}
