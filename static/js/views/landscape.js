// @ts-check
// The loss around here: E over a window of two chosen weights (the others as they are),
// as filled contours, with the path training took (the values at every step the server
// remembers, from step 0 when it has them all, then now) and the next Step's change as an
// arrow from the current point.

import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { unitLabel } from "../model/layers.js";
import { paramName } from "../model/pulls.js";
import { $, html, render, svg, watch } from "./watch.js";

const d3 = window.d3;
const SIZE = 220;
const BANDS = 12;
const SHORTEST_ARROW = 12; // px: a shorter next step is drawn lengthened, and says by how much

/** A field's number, or null when it is empty (the server's default). @param {string} text */
const numberOrNull = (text) => (text.trim() === "" ? null : Number(text));

/** The plot: contours, path, current point and arrow. @param {any} got */
function plot(got) {
  const n = got.xs.length;
  const finite = got.losses.flat().filter((v) => v !== null);
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const values = got.losses.flat().map((v) => (v === null ? hi : v));
  const bands = d3
    .contours()
    .size([n, n])
    .thresholds(d3.range(BANDS).map((k) => lo + ((hi - lo) * k) / BANDS))(values);
  const colour = d3.scaleSequential(d3.interpolateViridis).domain([lo, hi]);
  const cell = SIZE / n;
  const span = (a) => a.at(-1) - a[0];
  const px = (v) => ((v - got.xs[0]) / span(got.xs)) * (n - 1) * cell + cell / 2;
  const py = (v) => SIZE - (((v - got.ys[0]) / span(got.ys)) * (n - 1) * cell + cell / 2);
  const path = d3.geoPath();
  const line = got.path.map((p) => `${px(p.x)},${py(p.y)}`).join(" ");
  const [cx, cy] = [px(got.x.value), py(got.y.value)];
  const change = got.next_change;
  const [dx, dy] = change ? [px(got.x.value + change[0]) - cx, py(got.y.value + change[1]) - cy] : [0, 0];
  const length = Math.hypot(dx, dy);
  const stretch = change && length > 0 && length < SHORTEST_ARROW ? SHORTEST_ARROW / length : 1;
  return {
    stretch,
    picture: svg`<defs><marker id="landscape-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="landscape-arrow-head"></path></marker>
      <clipPath id="landscape-clip"><rect width=${SIZE} height=${SIZE}></rect></clipPath></defs>
      <g clip-path="url(#landscape-clip)">
        <g transform="translate(0,${SIZE}) scale(${cell},${-cell})">
          ${bands.map((b) => svg`<path d=${path(b)} fill=${colour(b.value)}></path>`)}
        </g>
        <polyline class="landscape-path" data-testid="landscape-path" data-points=${got.path.length} points=${line}></polyline>
        ${got.path.map((p) => svg`<circle class="landscape-visit" cx=${px(p.x)} cy=${py(p.y)} r="1.6"></circle>`)}
        <circle class="landscape-now" data-testid="landscape-now" cx=${cx} cy=${cy} r="3.5"></circle>
        ${
          change && length > 0
            ? svg`<line class="landscape-arrow" data-testid="landscape-arrow" data-dx=${String(change[0])} data-dy=${String(change[1])}
          x1=${cx} y1=${cy} x2=${cx + dx * stretch} y2=${cy + dy * stretch} marker-end="url(#landscape-head)"></line>`
            : ""
        }
      </g>`,
  };
}

/** What is drawn, in words, with the numbers. @param {any} got @param {number} stretch */
function caption(got, stretch) {
  return html`<dl class="facts">
      <dt>${t("landscape.loss")}</dt>
      <dd data-testid="landscape-loss" data-value=${String(got.loss)}>${fmt(got.loss, 6)}</dd>
      <dt>${t("landscape.gradient")}</dt>
      <dd data-testid="landscape-gradient">${got.gradient.map((g) => fmt(g, 6)).join(", ")}</dd>
      <dt>${t("landscape.next")}</dt>
      <dd data-testid="landscape-next">${got.next_change ? got.next_change.map((c) => fmt(c, 6)).join(", ") : "–"}</dd>
    </dl>
    <p class="hint" data-testid="landscape-caption">
      ${t("landscape.caption", {
        n: got.path.length,
        from: got.path_from_step,
        lo: fmt(got.xs[0], 3),
        hi: fmt(got.xs.at(-1), 3),
      })}
      ${stretch > 1 ? t("landscape.stretched", { k: fmt(stretch, 1) }) : ""}
    </p>
    ${
      got.path_complete
        ? ""
        : html`<p class="hint" data-testid="landscape-path-reach" data-from=${String(got.path_from_step)}>
          ${t(got.path_source === "undo" ? "landscape.partialUndo" : "landscape.partialFrom", { from: got.path_from_step })}
        </p>`
    }`;
}

/** @param {import("../scenes/looks.js").Looks} looks */
export function mountLandscape(looks) {
  watch(
    (s) => [s.inspected, s.looks.landscape, s.looks.axes, s.network, s.lang],
    ({ inspected, looks: state, network, config }) => {
      const card = $("landscape-card");
      const [rLow, rHigh] = config.limits.landscape_radius; // the server's limits
      const [nLow, nHigh] = config.limits.landscape_resolution;
      card.hidden = !network;
      if (!network) return;
      const { axes, landscape: shown } = state;
      card.dataset.key = shown?.key ?? "";
      const axis = (name) =>
        html`<div class="draw-row">
          <span class="field-label">${t(`landscape.${name}`)}</span>
          <span data-testid=${`landscape-${name}-name`}>${axes[name] ? paramName(network.layers, axes[name], unitLabel) : "–"}</span>
          <button type="button" class="btn mini" data-testid=${`landscape-set-${name}`} ?disabled=${!inspected}
            @click=${() => looks.pick(name)}>${t("landscape.useInspected")}</button>
        </div>`;
      const got = shown?.result;
      const drawn = got ? plot(got) : null;
      render(
        html`${axis("x")} ${axis("y")}
          <label class="field"><span class="field-label">${t("landscape.radius")}</span>
            <input type="number" step="any" data-testid="landscape-radius" min=${rLow} max=${rHigh}
              @change=${(e) => looks.setRadius(numberOrNull(e.target.value))} /></label>
          <label class="field"><span class="field-label">${t("landscape.resolution")}</span>
            <input type="number" step="1" data-testid="landscape-resolution" min=${nLow} max=${nHigh}
              @change=${(e) => looks.setResolution(numberOrNull(e.target.value))} /></label>
          ${!axes.x || !axes.y ? html`<p class="hint">${t("landscape.pick")}</p>` : ""}
          ${shown?.error ? html`<p class="hint" data-testid="landscape-error">${shown.error}</p>` : ""}
          ${
            drawn
              ? html`<svg class="landscape-plot" data-testid="landscape-plot" viewBox="0 0 ${SIZE} ${SIZE}" width=${SIZE}
              role="img" aria-label=${t("landscape.aria")}>${drawn.picture}</svg>${caption(got, drawn.stretch)}`
              : ""
          }`,
        $("landscape-body"),
      );
    },
  );
}
