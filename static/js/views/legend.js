// @ts-check
// The legend above the graph: the links' diverging scale and what they show.

import { t } from "../core/i18n.js";
import { divergingColor } from "../graph/colors.js";
import { fmt } from "../model/format.js";
import { activePhase, mainModel } from "../model/graph-model.js";
import { beforeText, nowText } from "./states.js";
import { $, html, render, svg, watch } from "./watch.js";

const WIDTH = 180;
const STOPS = [0, 0.25, 0.5, 0.75, 1];

/** The scale bar as SVG markup values. @param {number} max */
const bar = (max) =>
  html`<svg width=${WIDTH + 24} height="34" class="legend-svg">
    <defs><linearGradient id="legend-gradient">${STOPS.map((s) => svgStop(s, max))}</linearGradient></defs>
    <rect x="12" y="4" width=${WIDTH} height="10" rx="5" class="legend-bar" fill="url(#legend-gradient)"></rect>
    <text x="12" y="28" text-anchor="start">−${fmt(max, 2)}</text>
    <text x=${12 + WIDTH / 2} y="28" text-anchor="middle">0</text>
    <text x=${12 + WIDTH} y="28" text-anchor="end">+${fmt(max, 2)}</text>
  </svg>`;

/** @param {number} s @param {number} max */
const svgStop = (s, max) =>
  svg`<stop offset=${`${s * 100}%`} stop-color=${divergingColor((s - 0.5) * 2 * max, max)}></stop>`;

export function mountLegend() {
  watch(
    (s) => [s.network, s.lastStep, s.ui.view, s.ui.st, s.phase, s.lang, s.edited, s.diverged],
    (s) => {
      if (!s.network || !s.data) return;
      const model = mainModel(s, null);
      const unknown = !model.shown;
      render(
        html`${bar(model.scaleMax)}
          <div class="legend-text">
            <strong>${t("legend.links", { what: t(`legend.view.${model.viewName}`) })}</strong>
            <span class=${unknown ? "legend-warn" : ""}>${unknown ? t("legend.unknown") : t("legend.encoding")}</span>
            <span>${t("legend.units")}<span class="swatch neg"></span>−1 … <span class="swatch pos"></span>+1</span>
            <span data-testid="legend-state"
              >${activePhase(s) === null ? nowText(s) : beforeText(s.lastStep.step)}</span
            >
          </div>`,
        $("legend"),
      );
    },
  );
}
