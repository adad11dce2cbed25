// @ts-check
// "Embed in a page" in My networks: tick the controls a frame shows (Playground's "hide
// controls"), and copy the /embed link or its iframe. The choices come from GET /api/embed.

import * as api from "../core/api.js";
import { act } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { embedLink, iframeCode } from "../model/embed.js";
import { $, html, live, render, watch } from "./watch.js";

/**
 * The builder's body for the shown network.
 * @param {any} options @param {string} id @param {Set<string>} chosen @param {() => void} redraw
 */
function body(options, id, chosen, redraw) {
  const link = embedLink(window.location.origin, options, id, chosen);
  const toggle = (/** @type {string} */ name) => () => {
    if (!chosen.delete(name)) chosen.add(name);
    redraw();
  };
  const select = (/** @type {any} */ e) => e.target.select();
  return html`<fieldset class="embed-controls">
      <legend>${t("embed.controls")}</legend>
      ${options.controls.map(
        (/** @type {string} */ name) =>
          html`<label class="check"
            ><input
              type="checkbox"
              data-testid=${`embed-${name}`}
              .checked=${live(chosen.has(name))}
              @change=${toggle(name)}
            />${t(`embed.${name}`)}</label
          >`,
      )}
    </fieldset>
    <label class="field"
      ><span class="field-label">${t("embed.link")}</span>
      <input readonly data-testid="embed-link" .value=${live(link)} @focus=${select}
    /></label>
    <label class="field"
      ><span class="field-label">${t("embed.iframe")}</span>
      <textarea readonly rows="3" data-testid="embed-iframe" .value=${live(iframeCode(link))} @focus=${select}></textarea>
    </label>
    <p class="hint" data-testid="embed-origins">
      ${options.origins.length ? t("embed.origins", { list: options.origins.join(", ") }) : t("embed.noOrigins")}
    </p>`;
}

/** Mount the builder in #library-embed; the options are fetched when it is first opened. */
export function mountEmbedCard() {
  const card = /** @type {HTMLDetailsElement} */ ($("library-embed"));
  /** @type {{options: any, chosen: Set<string>, state: any}} */
  const here = { options: null, chosen: new Set(), state: null };
  const draw = () => {
    const s = here.state;
    if (!here.options || !s?.network) return;
    render(body(here.options, s.network.id, here.chosen, draw), $("library-embed-body"));
  };
  card.addEventListener("toggle", () => {
    if (!card.open || here.options) return;
    act(async () => {
      here.options = await api.embedOptions();
      here.chosen = new Set(here.options.default);
      draw();
    });
  });
  watch(
    (s) => [s.network?.id, s.lang],
    (s) => {
      here.state = s;
      card.hidden = !s.network;
      draw();
    },
  );
}
