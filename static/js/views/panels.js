// @ts-check
// The right column's charts: the loss curve, the selected example's output against its
// target, and for 2-D data the server's accuracy (views/boundary.js draws the plot).

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { drawLossCurve } from "../charts/loss-curve.js";
import { drawOutputBars } from "../charts/output-bars.js";
import { nowText } from "./states.js";
import { $, render, watch } from "./watch.js";
import { setText } from "../core/dom.js";

const LOSS_CURVE_GAP_MS = 150; // least time between two loss-curve redraws while playing

/** "train 0/4 (4 undecided)". @param {string} key @param {import("../core/state.js").Accuracy} acc */
function splitText(key, acc) {
  const counts = t(key, { right: acc.correct, total: acc.total });
  return acc.undecided ? `${counts} (${t("panel.undecided", { n: acc.undecided })})` : counts;
}

/** The accuracy line: "train 4/4 · test 3/4". @param {any} accuracy */
function accuracyText(accuracy) {
  if (!accuracy?.train) return "";
  const train = splitText("panel.accuracyTrain", accuracy.train);
  return accuracy.test ? `${train} · ${splitText("panel.accuracyTest", accuracy.test)}` : train;
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
    (s) => [s.example, s.data, s.lang, s.layout, s.edited, s.diverged],
    (s) => {
      const { network, example, data, ui } = s;
      if (!network) return;
      const softmax = network.output_activation === "softmax";
      $("output-title").textContent =
        example && !example.targets
          ? t("pad.output", { y: softmax ? "p" : "y" })
          : `${t("panel.output", { y: softmax ? "p" : "y", n: ui.ex + 1 })} · ${nowText(s)}`;
      // no values (diverged, or not fetched yet): no bars of an older state
      if (!example || !data) return render("", $("output-panel"));
      drawOutputBars($("output-panel"), {
        outputs: example.outputs[0],
        targets: example.targets?.[0] ?? null, // none for the digits pad's drawing
        loss: example.loss,
        lossName: t(`loss.${network.loss}`),
        softmax,
      });
    },
  );
  watch(
    (s) => [s.accuracy, s.lang, s.edited, s.diverged],
    (s) => {
      const { accuracy } = s;
      setText($("accuracy"), accuracy?.train ? `${accuracyText(accuracy)} · ${nowText(s)}` : "");
      $("accuracy").dataset.right = accuracy?.train ? String(accuracy.train.correct) : "";
      $("accuracy").dataset.undecided = accuracy?.train ? String(accuracy.train.undecided) : "";
    },
  );
}
