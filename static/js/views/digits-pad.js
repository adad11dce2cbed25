// @ts-check
// The digits pad, for a network that reads images: draw on its cells with the mouse or a
// finger and the network runs on the drawing at once (POST /forward), so every unit in the
// graph and the ten probabilities here respond. The eraser (its toggle, the right mouse
// button or a pen's eraser end) clears the cells a stroke passes. The drawing is in the URL (`pad`).

import { t } from "../core/i18n.js";
import { store, updateUi } from "../core/store.js";
import { brush, padHex, padInput, padValues } from "../model/pad.js";
import { $, html, render, watch } from "./watch.js";

const CELL_PX = 26;
const RIGHT_BUTTON = 2;
const PEN_ERASER_BUTTON = 5;

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

/** The pad's cell under a pointer event. @param {PointerEvent} e @param {number[]} shape */
function cellAt(e, [rows, cols]) {
  const box = /** @type {HTMLElement} */ (e.currentTarget).getBoundingClientRect();
  const col = Math.floor(((e.clientX - box.left) / box.width) * cols);
  const row = Math.floor(((e.clientY - box.top) / box.height) * rows);
  return [Math.max(0, Math.min(rows - 1, row)), Math.max(0, Math.min(cols - 1, col))];
}

/**
 * @typedef {object} PadControls
 * @property {{erase: boolean}} tool the toggle: pen or eraser (the left button and a finger)
 * @property {Record<string, (e: any) => void>} handlers the grid's pointer handlers
 * @property {(erase: boolean) => void} choose pick the pen or the eraser
 * @property {(values: number[]) => void} show put an image on the pad
 * @property {() => void} copyExample the selected example's image on the pad
 * @property {() => void} off back to the examples
 */

/** The pen and eraser toggle. @param {PadControls} c */
const tools = (c) =>
  html`<div class="segmented pad-tools" role="radiogroup" aria-label=${t("pad.tools")}>
    ${["pen", "eraser"].map(
      (which) =>
        html`<button
          type="button"
          role="radio"
          data-testid=${`pad-${which}`}
          aria-checked=${String(c.tool.erase === (which === "eraser"))}
          title=${t(`pad.${which}Title`)}
          @click=${() => c.choose(which === "eraser")}
        >
          ${t(`pad.${which}`)}
        </button>`,
    )}
  </div>`;

/** The pad card. @param {number[]} shape @param {number[]} values @param {any} s @param {PadControls} c */
const padView = (shape, values, { ui, example }, c) =>
  html`<h2>${t("pad.heading")}</h2>
    <p class="hint">${t("pad.hint")}</p>
    <div class="pad-body">
      <div
        class=${`pad-grid${c.tool.erase ? " erasing" : ""}`}
        data-testid="pad-grid"
        data-tool=${c.tool.erase ? "eraser" : "pen"}
        style=${`grid-template-columns: repeat(${shape[1]}, ${CELL_PX}px)`}
        @pointerdown=${c.handlers.down}
        @pointermove=${c.handlers.move}
        @pointerup=${c.handlers.up}
        @pointercancel=${c.handlers.up}
        @contextmenu=${(/** @type {Event} */ e) => e.preventDefault()}
      >
        ${values.map((v, i) => html`<span class="pad-cell" data-i=${i} style=${`background:${grey(v)}`}></span>`)}
      </div>
      ${ui.pad ? probabilities(example) : html`<p class="hint">${t("pad.idle")}</p>`}
    </div>
    <div class="pad-row">
      ${tools(c)}
      <button type="button" class="btn mini" data-testid="pad-clear" @click=${() => c.show(values.map(() => 0))}>
        ${t("pad.clear")}
      </button>
      <button type="button" class="btn mini" data-testid="pad-copy" @click=${c.copyExample}>${t("pad.copy")}</button>
      <button type="button" class="btn mini" data-testid="pad-off" ?disabled=${!ui.pad} @click=${c.off}>
        ${t("pad.off")}
      </button>
    </div>`;

/** @param {() => void} refresh ask for the drawing's forward pass */
export function mountPad(refresh) {
  const el = $("pad-card");
  const stroke = { on: false, erase: false };
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
    const next = brush(values, shape, row, col, stroke.erase);
    if (next.some((v, i) => v !== values[i]) || !ui.pad) show(next);
  };
  /** @type {PadControls} */
  const c = {
    tool: { erase: false },
    handlers: {
      /** @param {PointerEvent} e */
      down(e) {
        e.preventDefault();
        /** @type {HTMLElement} */ (e.currentTarget).setPointerCapture(e.pointerId);
        stroke.on = true;
        stroke.erase = c.tool.erase || e.button === RIGHT_BUTTON || e.button === PEN_ERASER_BUTTON;
        paint(e);
      },
      /** @param {PointerEvent} e */
      move: (e) => stroke.on && paint(e),
      up: () => (stroke.on = false),
    },
    choose: (erase) => {
      c.tool.erase = erase;
      draw(store.get());
    },
    show,
    copyExample: () => {
      const { data, ui } = store.get();
      show(data.inputs[ui.ex]);
    },
    off: () => (updateUi({ pad: "" }), refresh()),
  };
  /** @param {import("../core/state.js").AppState} s */
  const draw = (s) => {
    const shape = s.network?.dataset.image;
    el.hidden = !shape;
    if (!shape) return;
    render(padView(shape, padInput(s.network, s.ui) ?? padValues("", shape[0] * shape[1]), s, c), el);
  };
  watch((s) => [s.network?.dataset.image, s.ui.pad, s.example, s.lang], draw);
}
