// @ts-check
// The "My networks" card: save the shown network as a JSON file, load one (file picker or
// drag and drop), and the list of this browser's networks with open, rename, duplicate
// and delete. The shown network's row reads its live step and loss from the store.

import { t } from "../core/i18n.js";
import { createLibrary } from "../scenes/library.js";
import { fmt } from "../model/format.js";
import { mountEmbedCard } from "./embed-card.js";
import { $, $input, html, live, render, watch } from "./watch.js";

const LOSS_DIGITS = 4;

/** A file name from a network's name: letters, digits, dashes. @param {string} name */
export const fileName = (name) =>
  `${name.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "network"}.json`;

/** Save a document as a JSON file download. @param {object} doc @param {string} name */
function download(doc, name) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName(name);
  a.click();
  URL.revokeObjectURL(url);
}

/** Each language's date-and-time format, made once (making one costs more than using it). */
const DATE_FORMATS = new Map();

/** A Unix time as the page's language writes a date and time. @param {number} seconds @param {string} lang */
function when(seconds, lang) {
  const locale = lang === "zh" ? "zh-CN" : "en-GB";
  if (!DATE_FORMATS.has(locale))
    DATE_FORMATS.set(locale, new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }));
  return DATE_FORMATS.get(locale).format(new Date(seconds * 1000));
}

/**
 * One row: name (editable), architecture, step, loss, when; the row's actions.
 * @param {any} row @param {any} s @param {import("../scenes/library.js").Library} lib @param {{confirm: string, redraw: (id: string) => void}} ask
 */
function rowView(row, s, lib, ask) {
  const current = s.network?.id === row.id;
  const step = current ? s.network.step : row.step;
  const loss = current ? s.network.last_loss : row.last_loss;
  const rename = (/** @type {any} */ e) => {
    const name = e.target.value.trim();
    if (name && name !== row.name) lib.rename(row.id, name);
  };
  const confirming = ask.confirm === row.id;
  return html`<li class=${`library-row${current ? " current" : ""}`} data-testid="library-row" data-id=${row.id}>
    <input
      class="library-name"
      data-testid="library-name"
      aria-label=${t("library.name")}
      .value=${live(current ? s.network.name : row.name)}
      @change=${rename}
      @keydown=${(/** @type {any} */ e) => e.key === "Enter" && e.target.blur()}
    />
    <span class="library-facts hint">
      <span data-testid="library-layers">${row.layers.join("–")}</span> ·
      ${t("library.step", { n: step })} · E
      <span data-testid="library-loss" title=${String(loss)}>${fmt(loss, LOSS_DIGITS)}</span> ·
      <span title=${t("library.created", { at: when(row.created_at, s.lang) })}>${when(row.updated_at, s.lang)}</span>
    </span>
    <span class="library-actions">
      ${
        current
          ? html`<span class="hint" data-testid="library-current">${t("library.shown")}</span>`
          : html`<button type="button" class="btn mini" data-testid="library-open" @click=${() => lib.open(row.id)}>
            ${t("library.open")}
          </button>`
      }
      <button type="button" class="btn mini" data-testid="library-duplicate" @click=${() => lib.duplicate(row.id)}>
        ${t("library.duplicate")}
      </button>
      <button
        type="button"
        class=${`btn mini${confirming ? " danger" : ""}`}
        data-testid="library-delete"
        @click=${() => {
          if (!confirming) return ask.redraw(row.id);
          ask.redraw("");
          lib.remove(row.id);
        }}
      >
        ${confirming ? t("library.confirmDelete") : t("library.delete")}
      </button>
    </span>
  </li>`;
}

/** Read a dropped or picked file and import it. @param {File | undefined} file @param {import("../scenes/library.js").Library} lib */
async function load(file, lib) {
  if (file) lib.importText(await file.text());
}

/**
 * Point the "As code" links at the shown network's export; hidden while there is none.
 * @param {boolean} ready @param {import("../scenes/library.js").Library} lib
 */
function codeLinks(ready, lib) {
  const menu = /** @type {HTMLDetailsElement} */ ($("library-code"));
  menu.hidden = !ready;
  if (!ready) menu.open = false;
  for (const a of /** @type {NodeListOf<HTMLAnchorElement>} */ (menu.querySelectorAll("a[data-format]"))) {
    if (ready) a.href = lib.codeUrl(a.dataset.format || "");
  }
}

/** @param {import("../scenes/main.js").MainScene} main */
export function mountLibrary(main) {
  const lib = createLibrary(main);
  mountEmbedCard();
  const card = $("library");
  $("library-export").addEventListener("click", async () => {
    const doc = await lib.exportCurrent();
    download(doc, doc.name);
  });
  $("library-code").addEventListener("click", (e) => {
    if (/** @type {Element} */ (e.target).closest("a"))
      /** @type {HTMLDetailsElement} */ ($("library-code")).open = false;
  });
  const picker = $input("library-file");
  $("library-import").addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    load(picker.files?.[0], lib);
    picker.value = "";
  });
  card.addEventListener("dragover", (e) => {
    e.preventDefault();
    card.classList.add("dropping");
  });
  card.addEventListener("dragleave", () => card.classList.remove("dropping"));
  card.addEventListener("drop", (e) => {
    e.preventDefault();
    card.classList.remove("dropping");
    load(e.dataTransfer?.files[0], lib);
  });
  const ask = { confirm: "", redraw: (/** @type {string} */ id) => {} };
  const draw = (/** @type {any} */ s) => {
    const rows = s.library || [];
    render(
      rows.length ? rows.map((row) => rowView(row, s, lib, ask)) : html`<li class="hint">${t("library.empty")}</li>`,
      $("library-list"),
    );
  };
  /** @type {any} */
  let last = null;
  ask.redraw = (id) => {
    ask.confirm = id;
    if (last) draw(last);
  };
  watch(
    (s) => [s.library, s.network, s.lang],
    (s) => {
      last = s;
      /** @type {HTMLButtonElement} */ ($("library-export")).disabled = !s.network || s.gone === s.network.id;
      codeLinks(Boolean(s.network) && s.gone !== s.network.id, lib);
      draw(s);
    },
  );
}
