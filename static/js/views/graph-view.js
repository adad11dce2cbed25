// @ts-check
// The main graph: the store's state as a GraphModel, drawn when a piece it shows changed;
// hovering and clicking go to the tooltip and the inspector.

import { store } from "../core/store.js";
import { heatmapURL, unitColorFn } from "../charts/heatmap.js";
import { createGraph } from "../graph/graph.js";
import { rangeOf } from "../model/classes.js";
import { mainModel } from "../model/graph-model.js";
import { createLooks } from "../scenes/looks.js";
import { mountDiverged } from "./diverged.js";
import { mountLooks } from "./looks.js";
import { mountNetFormula } from "./net-formula.js";
import { $, watch } from "./watch.js";

const HEATMAP_MAX_UNITS = 16;
const ZOOM_STEP = 1.5; // a zoom button's factor

/**
 * A data URL per unit of each layer for a grid (null for layers too big for heatmaps).
 * @param {import("../core/state.js").Grid} grid @param {any} network @param {any} config
 */
function heatmapUrls(grid, network, config) {
  const urls = (layer, activation) =>
    layer.length <= HEATMAP_MAX_UNITS
      ? layer.map((v) => heatmapURL(grid.n, unitColorFn(v, rangeOf(config, activation))))
      : null;
  return [
    urls(grid.inputs, "linear"), // each input unit (each feature) over the plane
    ...grid.hidden.map((layer) => urls(layer, network.hidden_activation)),
    urls(grid.output, network.output_activation),
  ];
}

/** @param {import("../scenes/main.js").MainScene} main */
export function mountGraph(main) {
  const looks = createLooks(main); // the deeper looks: the diverged panel's way back uses it
  mountDiverged(main, looks);
  mountNetFormula(); // the formula below the graph, lighting up its links
  const el = $("graph");
  const tooltip = (kind) => (d, event) =>
    store.update({ tooltip: { kind, datum: d, x: event.clientX, y: event.clientY } });
  const graph = createGraph(
    el,
    {
      onLinkHover: tooltip("link"),
      onUnitHover: tooltip("unit"),
      onLinkClick: (d) => main.inspect(d),
      onLeave: () => store.update({ tooltip: null }),
    },
    {
      onZoom: ({ k, max, large }) => {
        $("zoom-bar").hidden = !large && k <= 1; // a small network needs no buttons (two fingers still zoom)
        const focused = document.activeElement?.id ?? "";
        $("zoom-out").toggleAttribute("disabled", k <= 1);
        $("zoom-reset").toggleAttribute("disabled", k <= 1);
        $("zoom-in").toggleAttribute("disabled", k >= max);
        // a button that turned off under the keyboard hands its focus on, not to the page
        if (k <= 1 && (focused === "zoom-out" || focused === "zoom-reset")) $("zoom-in").focus();
        if (k >= max && focused === "zoom-in") $("zoom-out").focus();
      },
    },
  );
  $("zoom-in").addEventListener("click", () => graph.zoom?.by(ZOOM_STEP));
  $("zoom-out").addEventListener("click", () => graph.zoom?.by(1 / ZOOM_STEP));
  $("zoom-reset").addEventListener("click", () => graph.zoom?.reset());
  /** @type {{grid: any, urls: any}} */
  const heatmaps = { grid: null, urls: null };
  const draw = (s) => {
    if (!s.network || !s.data) return;
    if (heatmaps.grid !== s.grid)
      Object.assign(heatmaps, { grid: s.grid, urls: s.grid && heatmapUrls(s.grid, s.network, s.config) });
    graph.render(mainModel(s, heatmaps.urls), s.lang);
    el.dataset.networkId = s.network.id;
    el.dataset.revision = String(s.network.revision);
    el.dataset.step = String(s.network.step);
    el.dataset.following = s.following;
  };
  watch(
    (s) => [s.layout],
    () => graph.invalidate(),
  );
  watch(
    (s) => [
      s.network,
      s.data,
      s.lastStep,
      s.example,
      s.grid,
      s.ui,
      s.phase,
      s.inspected,
      s.lang,
      s.layout,
      s.following,
    ],
    draw,
  );
  watch(
    (s) => [s.highlight],
    (s) => graph.highlight(s.highlight),
  );
  mountLooks(looks); // after the graph's own watch: the warning flags go on its drawn units
}
