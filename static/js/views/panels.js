// @ts-check
// The right column's charts: the loss curve, the selected example's output against its
// target, and for 2-D data the decision boundary with the server's accuracy.

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { drawBoundary } from "../charts/boundary.js";
import { heatmapURL, outputColorFn } from "../charts/heatmap.js";
import { drawLossCurve } from "../charts/loss-curve.js";
import { drawOutputBars } from "../charts/output-bars.js";
import { centreOf, classOf, rangeOf } from "../model/classes.js";
import { $, watch } from "./watch.js";

const LOSS_CURVE_GAP_MS = 150; // least time between two loss-curve redraws while playing

/** The boundary's points: training rows, then test rows (hollow). @param {any} data @param {number} centre */
function points(data, centre) {
  const row = (test) => (x, i) => ({
    key: `${test ? "v" : "t"}${i}`,
    x: x[0],
    y: x[1],
    cls: classOf((test ? data.test_targets : data.targets)[i], centre),
    test,
  });
  return [...data.inputs.map(row(false)), ...(data.test_inputs || []).map(row(true))];
}

/** The accuracy line: "train 4/4 · test 3/4". @param {any} accuracy */
function accuracyText(accuracy) {
  if (!accuracy?.train) return "";
  const train = t("panel.accuracyTrain", { right: accuracy.train.correct, total: accuracy.train.total });
  return accuracy.test
    ? `${train} · ${t("panel.accuracyTest", { right: accuracy.test.correct, total: accuracy.test.total })}`
    : train;
}

export function mountPanels() {
  const curve = { drawn: 0, timer: /** @type {any} */ (null) };
  const drawCurve = (s) => {
    clearTimeout(curve.timer);
    curve.drawn = performance.now();
    drawLossCurve($("loss-chart"), s.history);
  };
  watch(
    (s) => [s.history, s.network?.id, s.lang, s.layout],
    (s) => {
      if (!s.network) return;
      const wait = curve.drawn + LOSS_CURVE_GAP_MS - performance.now();
      if (!s.playing || wait <= 0) drawCurve(s);
      else if (!curve.timer) curve.timer = setTimeout(() => ((curve.timer = null), drawCurve(store.get())), wait);
    },
  );
  watch(
    (s) => [s.example, s.data, s.lang, s.layout],
    ({ network, example, data, ui }) => {
      if (!network) return;
      const softmax = network.output_activation === "softmax";
      $("output-title").textContent = t("panel.output", { y: softmax ? "p" : "y", n: ui.ex + 1 });
      if (!example || !data) return;
      drawOutputBars($("output-panel"), {
        outputs: example.outputs[0],
        targets: data.targets[ui.ex],
        loss: example.loss,
        lossName: t(`loss.${network.loss}`),
        softmax,
      });
    },
  );
  watch(
    (s) => [s.grid, s.accuracy, s.data, s.ui.ex, s.lang, s.layout],
    ({ network, grid, data, accuracy, ui, config }) => {
      const card = $("boundary-card");
      card.hidden = !(network?.dataset.input_dim === 2 && grid && data);
      if (card.hidden) return;
      const range = rangeOf(config, network.output_activation);
      drawBoundary($("boundary"), {
        image: heatmapURL(grid.n, outputColorFn(grid.output, range)),
        xRange: grid.xRange,
        yRange: grid.yRange,
        points: points(data, centreOf(range)),
        selected: `t${ui.ex}`,
        classCount: network.dataset.output_dim === 1 ? 2 : network.dataset.output_dim,
      });
      $("accuracy").textContent = accuracyText(accuracy);
      $("accuracy").dataset.right = accuracy?.train ? String(accuracy.train.correct) : "";
    },
  );
}
