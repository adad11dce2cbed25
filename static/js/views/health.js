// @ts-check
// Warning signs on the graph, before anything blows up: dead ReLUs and saturated units get
// a class on their circle (flag-dead, flag-saturated), and each layer's gradient norm is
// listed under the graph, flagged when it vanishes or explodes (GET /health's numbers).
// While playing they are not fetched: the strip keeps its place and says which step it is
// of (refreshed on Pause), and the circles lose their flags, which would be older than the
// graph.

import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { unitLabel } from "../model/layers.js";
import { $, html, render, watch } from "./watch.js";

const KINDS = ["dead", "saturated"];

/** A function that puts the flags' classes on the graph's unit circles. */
function flagMarker() {
  let marked = false; // whether some circle has a flag (new circles come without)
  /** @param {any} got */
  return (got) => {
    const flagged = new Map((got?.units ?? []).map((u) => [`${u.layer + 1}:${u.unit}`, u.kind]));
    if (!flagged.size && !marked) return; // every frame while playing: nothing to clear
    marked = flagged.size > 0;
    for (const el of $("graph").querySelectorAll("g.unit")) {
      const g = /** @type {SVGGElement} */ (el);
      const kind = flagged.get(`${g.dataset.layer}:${g.dataset.unit}`);
      for (const k of KINDS) g.classList.toggle(`flag-${k}`, kind === k);
    }
  };
}

export function mountHealth() {
  const markUnits = flagMarker();
  // after every change of the network: a graph drawn again has circles without flags
  watch(
    (s) => [s.looks.health, s.network, s.layout, s.diverged, s.playing],
    ({ looks, diverged, playing }) => markUnits(playing || diverged ? null : looks.health?.result),
  );
  watch(
    (s) => [s.looks.health, s.network?.id, s.network?.layers.length, s.lang, s.diverged, s.playing],
    ({ looks, network, diverged, playing }) => {
      const got = diverged ? null : looks.health?.result;
      const box = $("health-strip");
      box.hidden = !got || !network;
      if (box.hidden) return render("", box);
      const depth = network.layers.length - 1;
      const units = got.units.map((u) =>
        t(`why.${u.kind}`, { unit: unitLabel(u.layer + 1, u.unit, depth), pct: Math.round(u.share * 100) }),
      );
      const said = units.length ? units.join("; ") : t("why.noUnits");
      const step = got.step ? t("state.afterStep", { step: got.step }) : t("state.beforeAny");
      const held = playing
        ? html`<span class="health-step" data-testid="health-step" title=${t("health.held")}>${step}</span>`
        : "";
      render(
        html`<span class="field-label">${t("health.title")}</span>
          ${held}
          ${got.layers.map(
            (l) =>
              html`<span class=${`health-layer${l.flag ? ` flag-${l.flag}` : ""}`} data-testid="health-layer"
                data-layer=${l.layer} data-flag=${l.flag ?? ""} data-value=${String(l.gradient_norm)}
                title=${t("health.layerTitle", { step: fmt(l.step_norm ?? NaN, 4), weights: fmt(l.weight_norm ?? NaN, 4) })}
                >${t("health.layer", { layer: l.layer + 1, norm: fmt(l.gradient_norm ?? NaN, 3) })}${l.flag ? ` ${t(`health.${l.flag}`)}` : ""}</span
              >`,
          )}
          <span class="health-units" data-testid="health-units" title=${said}>${said}</span>`,
        box,
      );
    },
  );
}
