// @ts-check
// The digits pad, for a network that reads images: draw on its cells with the mouse or a
// finger and the network runs on the drawing at once (POST /forward), so every unit in the
// graph and the ten probabilities here respond. The drawing is in the URL (`pad`).

import { t } from "../core/i18n.js";
import { store, updateUi } from "../core/store.js";
import { brush, padHex, padInput, padValues } from "../model/pad.js";
import { $, html, render, watch } from "./watch.js";

const CELL_PX = 26;

/** The grey of a pixel value in [0, 1] (ink on paper). @param {number} v */
const grey = (v) => `rgb(${Math.round(255 * (1 - v))},${Math.round(255 * (1 - v))},${Math.round(255 * (1 - v))})`;

/** The ten (or however many) probabilities of the pad's drawing, largest marked. @param {any} example */
function probabilities(example) {
  const p = example?.outputs?.[0];
  if (!p) return "";
  const best = p.indexOf(Math.max(...p));
  return html`<ol class="pad-probs" data-testid="pad-probs" data-best=${String(best)}>
    ${p.map(
      (v, k) =>
        html`<li class=${k === best ? "best" : ""} data-testid=${`pad-prob-${k}`} data-p=${String(v)}>
          <span class="pad-digit">${k}</span>
          <span class="pad-bar"><span style=${`width:${(v * 100).toFixed(1)}%`}></span></span>
          <span class="pad-p">${v.toFixed(3)}</span>
        </li>`,
    )}
  </ol>`;
}

/** @param {() => void} refresh ask for the drawing's forward pass */
export function mountPad(refresh) {
  const el = $("pad-card");
  const stroke = { on: false };
  /** The pad's cell under a pointer event. @param {PointerEvent} e @param {number[]} shape */
  const cellAt = (e, [rows, cols]) => {
    const box = /** @type {HTMLElement} */ (e.currentTarget).getBoundingClientRect();
    const col = Math.floor(((e.clientX - box.left) / box.width) * cols);
    const row = Math.floor(((e.clientY - box.top) / box.height) * rows);
    return [Math.max(0, Math.min(rows - 1, row)), Math.max(0, Math.min(cols - 1, col))];
  };
  /** @param {number[]} values */
  const show = (values) => {
    updateUi({ pad: padHex(values) });
    refresh();
  };
  /** @param {PointerEvent} e */
  const paint = (e) => {
    const { network, ui } = store.get();
    const shape = network.dataset.image;
    const [row, col] = cellAt(e, shape);
    const values = padValues(ui.pad, shape[0] * shape[1]);
    const next = brush(values, shape, row, col);
    if (next.some((v, i) => v !== values[i]) || !ui.pad) show(next);
  };
  const handlers = {
    /** @param {PointerEvent} e */
    down(e) {
      e.preventDefault();
      /** @type {HTMLElement} */ (e.currentTarget).setPointerCapture(e.pointerId);
      stroke.on = true;
      paint(e);
    },
    /** @param {PointerEvent} e */
    move: (e) => stroke.on && paint(e),
    up: () => (stroke.on = false),
  };
  /** The selected example's image on the pad. */
  const copyExample = () => {
    const { data, ui } = store.get();
    show(data.inputs[ui.ex]);
  };

  watch(
    (s) => [s.network?.dataset.image, s.ui.pad, s.example, s.lang],
    ({ network, ui, example }) => {
      const shape = network?.dataset.image;
      el.hidden = !shape;
      if (!shape) return;
      const values = padInput(network, ui) ?? padValues("", shape[0] * shape[1]);
      render(
        html`<h2>${t("pad.heading")}</h2>
          <p class="hint">${t("pad.hint")}</p>
          <div class="pad-body">
            <div
              class="pad-grid"
              data-testid="pad-grid"
              style=${`grid-template-columns: repeat(${shape[1]}, ${CELL_PX}px)`}
              @pointerdown=${handlers.down}
              @pointermove=${handlers.move}
              @pointerup=${handlers.up}
              @pointercancel=${handlers.up}
            >
              ${values.map((v, i) => html`<span class="pad-cell" data-i=${i} style=${`background:${grey(v)}`}></span>`)}
            </div>
            ${ui.pad ? probabilities(example) : html`<p class="hint">${t("pad.idle")}</p>`}
          </div>
          <div class="pad-row">
            <button type="button" class="btn mini" data-testid="pad-clear" @click=${() => show(values.map(() => 0))}>
              ${t("pad.clear")}
            </button>
            <button type="button" class="btn mini" data-testid="pad-copy" @click=${copyExample}>${t("pad.copy")}</button>
            <button
              type="button"
              class="btn mini"
              data-testid="pad-off"
              ?disabled=${!ui.pad}
              @click=${() => (updateUi({ pad: "" }), refresh())}
            >
              ${t("pad.off")}
            </button>
          </div>`,
        el,
      );
    },
  );
}
