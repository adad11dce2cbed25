// @ts-check
// The decision-boundary card: the output over the plane (classes, or a value heat map with
// its scale), the points (test ones hollow, or hidden), and draw mode: a click adds a point
// of the chosen class (or value), a drag paints several, the eraser removes them, and
// "train/test" moves a point between the splits. The dataset changes at once (PATCH).

import { t } from "../core/i18n.js";
import { store, updateUi } from "../core/store.js";
import { drawBoundary } from "../charts/boundary.js";
import { drawBoundaryLine } from "../charts/boundary-line.js";
import { heatmapURL, outputColorFn } from "../charts/heatmap.js";
import { drawValueScale } from "../charts/value-scale.js";
import { CLASS_COLORS, divergingColor, divergingRGB, NEGATIVE, POSITIVE } from "../graph/colors.js";
import { centreOf, classOf, colourRange, rangeOf } from "../model/classes.js";
import { addPoints, classTarget, erasePoints, flipPoint, isRegression, onPlane, pointCount } from "../model/drawn.js";
import { fmt } from "../model/format.js";
import { largestOf, pullRadius } from "../model/pulls.js";
import { classShares, valueRange } from "../model/plane.js";
import { $, html, live, render, watch } from "./watch.js";
import { setText } from "../core/dom.js";

const PAINT_SPACING = 1.5; // a drag adds a point once the pointer is this many reaches away

/** The classes a network's output tells apart (one unit: two). @param {any} network */
const classCount = (network) => (network.layers.at(-1) === 1 ? 2 : network.layers.at(-1));

/** Class k's colour on the plot. @param {number} k @param {number} count */
const classColor = (k, count) => (count <= 2 ? [NEGATIVE, POSITIVE][k] : CLASS_COLORS[k % CLASS_COLORS.length]);

/** A class's name: the CSV's label, else its target value (one unit) or number. @param {any} network @param {number} k */
function className(network, k) {
  const label = network.dataset.csv?.classes?.[k];
  if (label !== undefined) return label;
  return classCount(network) === 2 && network.layers.at(-1) === 1 ? String(k) : t("data.class", { n: k + 1 });
}

/** The plot's points: training rows, then test rows (hollow). @param {any} data @param {number} centre */
function points(data, centre) {
  const row = (test) => (x, i) => {
    const target = (test ? data.test_targets : data.targets)[i];
    return { key: `${test ? "v" : "t"}${i}`, x: x[0], y: x[1], cls: classOf(target, centre), value: target[0], test };
  };
  return [...data.inputs.map(row(false)), ...(data.test_inputs || []).map(row(true))];
}

/** The draw tools, the split new points join, and the plot's toggles. @param {import("../core/state.js").AppState} s */
function tools({ network, ui, config }) {
  const regression = isRegression(network, rangeOf(config, network.output_activation));
  const count = classCount(network);
  const tool = (id, label, title, swatch = null) =>
    html`<button
      type="button"
      role="radio"
      class="btn mini tool"
      data-testid=${`draw-${id}`}
      aria-checked=${String(ui.draw === id)}
      title=${title}
      @click=${() => updateUi({ draw: ui.draw === id ? "" : id })}
    >
      ${swatch ? html`<span class="swatch" style=${`background:${swatch}`}></span>` : ""}${label}
    </button>`;
  const adders = regression
    ? [tool("value", t("draw.value"), t("draw.valueTitle"))]
    : Array.from({ length: count }, (_, k) =>
        tool(
          `c${k}`,
          className(network, k),
          t("draw.classTitle", { name: className(network, k) }),
          classColor(k, count),
        ),
      );
  /** @param {string} key @param {(e: any) => any} read */
  const onChange = (key, read) => (e) => updateUi({ [key]: read(e.target) });
  return html`<div class="draw-row" role="radiogroup" aria-label=${t("draw.aria")}>
      <span class="field-label">${t("draw.label")}</span>
      ${adders} ${tool("erase", t("draw.erase"), t("draw.eraseTitle"))}
      ${tool("flip", t("draw.flip"), t("draw.flipTitle"))}
    </div>
    <div class="draw-row">
      ${
        regression
          ? html`<label class="field"
            ><span class="field-label">${t("draw.valueLabel")}</span>
            <input
              type="number"
              step="any"
              data-testid="draw-value-input"
              .value=${live(String(ui.val))}
              @change=${onChange("val", (el) => Number(el.value) || 0)}
          /></label>`
          : ""
      }
      <label class="field"
        ><span class="field-label">${t("draw.into")}</span>
        <select data-testid="draw-split" @change=${onChange("split", (el) => el.value)}>
          <option value="train" ?selected=${ui.split === "train"}>${t("draw.train")}</option>
          <option value="test" ?selected=${ui.split === "test"}>${t("draw.test")}</option>
        </select></label
      >
    </div>
    <div class="draw-row">
      <label class="check"
        ><input type="checkbox" data-testid="show-test" .checked=${ui.test} @change=${onChange("test", (el) => el.checked)} />
        <span>${t("draw.showTest")}</span></label
      >
      <label class="check"
        ><input
          type="checkbox"
          data-testid="discretize"
          .checked=${ui.disc}
          @change=${onChange("disc", (el) => el.checked)}
        />
        <span>${t("draw.discretize")}</span></label
      >
    </div>`;
}

/** A stroke of the chosen tool: the rows as they become, sent when it ends. @param {import("../scenes/data.js").DataActions} actions */
function createStroke(actions) {
  /** @type {{rows: any, last: any, changed: boolean}} */
  const my = { rows: null, last: null, changed: false };
  /** @param {import("../model/drawn.js").Rows} rows */
  const show = (rows) => {
    my.rows = rows;
    my.changed = true;
    store.update({ data: rows });
  };
  /** @param {import("../model/drawn.js").Near} at @param {boolean} first */
  function apply(at, first) {
    const { ui, network, config } = store.get();
    if (ui.draw === "erase") {
      const rows = erasePoints(my.rows, at);
      if (pointCount(rows) !== pointCount(my.rows)) show(rows);
    } else if (ui.draw === "flip") {
      const flipped = first ? flipPoint(my.rows, at) : { moved: false, rows: null };
      if (flipped.moved) show(flipped.rows);
    } else {
      const far = !my.last || Math.hypot((at.x - my.last.x) / at.rx, (at.y - my.last.y) / at.ry) >= PAINT_SPACING;
      if (!far) return;
      my.last = at;
      const centre = centreOf(rangeOf(config, network.output_activation));
      const target =
        ui.draw === "value" ? [ui.val] : classTarget(my.rows, Number(ui.draw.slice(1)), network.layers.at(-1), centre);
      show(addPoints(my.rows, [[at.x, at.y]], target, ui.split === "test"));
    }
  }
  return {
    /** @param {import("../model/drawn.js").Near} at */
    start(at) {
      Object.assign(my, { rows: store.get().data, last: null, changed: false });
      apply(at, true);
    },
    /** @param {import("../model/drawn.js").Near} at */
    move: (at) => my.rows && apply(at, false),
    end() {
      const { rows, changed } = my;
      my.rows = null;
      if (rows && changed) actions.setRows(rows);
    },
  };
}

/** The plot in words: each class's share of the plane, or a regression's range over it. @param {any} grid @param {boolean} regression @param {number} centre */
function planeSummary(grid, regression, centre) {
  if (regression) {
    const { lo, hi } = valueRange(grid.output[0]);
    return t("a11y.boundaryValues", { lo: fmt(lo, 2), hi: fmt(hi, 2) });
  }
  const shares = classShares(grid, centre).map((f, cls) => t("a11y.boundaryShare", { cls, pct: Math.round(f * 100) }));
  return t("a11y.boundaryClasses", { shares: shares.join(", ") });
}

/**
 * With "on the plot" ticked in the pulls card: training points coloured by their pull on the
 * inspected weight (sign) and sized by it; test points keep their class. Null otherwise, or
 * while the pulls are of other rows than those shown.
 * @param {import("../core/state.js").Looks} looks @param {any} data @param {(p: any) => string} byClass
 */
function pullStyle(looks, data, byClass) {
  const pulls = looks.onPlot ? looks.pulls?.result?.contributions : null;
  if (!pulls || pulls.length !== data.inputs.length) return null;
  const largest = largestOf(pulls);
  const pullOf = (p) => pulls[Number(p.key.slice(1))];
  return {
    color: (p) => (p.test ? byClass(p) : pullOf(p) >= 0 ? POSITIVE : NEGATIVE),
    radius: (p) => (p.test ? PULL_RADIUS[0] : pullRadius(pullOf(p), largest, ...PULL_RADIUS)),
  };
}

const PULL_RADIUS = /** @type {[number, number]} */ ([1.5, 9]);

/** @param {import("../scenes/data.js").DataActions} actions */
export function mountBoundary(actions) {
  const stroke = createStroke(actions);
  const image = { grid: /** @type {any} */ (null), disc: false, half: 0, url: "" };
  watch(
    (s) => [s.network, s.ui.draw, s.ui.split, s.ui.val, s.ui.test, s.ui.disc, s.lang],
    (s) => s.network && s.config && render(tools(s), $("draw-tools")),
  );
  watch(
    (s) => [s.grid, s.accuracy, s.data, s.ui.ex, s.ui.test, s.ui.disc, s.ui.draw, s.lang, s.layout, s.looks],
    ({ network, grid, data, ui, config, looks }) => {
      const card = $("boundary-card");
      card.hidden = !(network && onPlane(network) && grid && data);
      if (card.hidden) return;
      const range = rangeOf(config, network.output_activation);
      const regression = isRegression(network, range);
      const [centre, reach] = colourRange(range, grid.output[0]);
      // a value map: the outputs and the targets on one scale
      const half = regression ? Math.max(reach, ...data.targets.map((d) => Math.abs(d[0] - centre))) : reach;
      if (image.grid !== grid || image.disc !== ui.disc || image.half !== half) {
        const values = grid.output[0];
        const colorAt =
          regression && !ui.disc
            ? (i) => divergingRGB(values[i] - centre, half)
            : outputColorFn(grid.output, range, ui.disc);
        Object.assign(image, { grid, disc: ui.disc, half, url: heatmapURL(grid.n, colorAt) });
      }
      const count = classCount(network);
      const pulled = pullStyle(looks, data, (p) => classColor(p.cls, count)); // issue 14: whose gradient
      drawBoundary($("boundary"), {
        image: image.url,
        xRange: grid.xRange,
        yRange: grid.yRange,
        points: points(data, centreOf(range)).filter((p) => ui.test || !p.test),
        selected: `t${ui.ex}`,
        classCount: count,
        color: regression ? (p) => divergingColor(p.value - centre, half) : (p) => classColor(p.cls, count),
        draw: ui.draw ? stroke : null,
        ...pulled,
      });
      $("boundary").dataset.pulls = pulled ? looks.pulls.key : "";
      drawBoundaryLine($("boundary"), grid);
      $("boundary").dataset.draw = ui.draw;
      const title = $("boundary-title");
      title.dataset.i18n = regression ? "draw.valueMap" : "panel.boundary";
      setText(title, t(title.dataset.i18n));
      drawValueScale($("value-scale"), regression ? { centre, half, label: t("draw.scaleTitle") } : null);
      setText($("boundary-summary"), planeSummary(grid, regression, centre));
    },
  );
}
