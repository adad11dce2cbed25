// @ts-check
// Words for what the eye sees: a polite live region after each step taken while not playing
// ("Step 12: loss 0.5213, down 0.0312; largest gradient h₁ → y₁", and once when Play stops),
// and the loss chart's text summary.

import { t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { depthOf, unitLabel } from "../model/layers.js";
import { penaltyOn } from "../model/penalty.js";
import { largestGradient, lossSummary } from "../model/summary.js";
import { $, watch } from "./watch.js";

/** The sentence for a step: its loss, the change since the last one said, the largest gradient. @param {any} s @param {number | null} before */
function stepSentence(s, before) {
  const { network, lastStep } = s;
  const loss = network.last_loss;
  const parts = [t("a11y.stepSaid", { step: network.step, loss: fmt(loss) })];
  if (before !== null && loss !== null && before !== loss) {
    const d = fmt(Math.abs(loss - before));
    parts[0] += `, ${loss < before ? t("a11y.lossDown", { d }) : t("a11y.lossUp", { d })}`;
  }
  const big = lastStep?.step === network.step ? largestGradient(lastStep.gradients) : null;
  if (big) {
    const depth = depthOf(network.layers);
    const from = big.from === null ? t("graph.bias") : unitLabel(big.layer, big.from, depth);
    parts.push(t("a11y.largest", { from, to: unitLabel(big.layer + 1, big.to, depth) }));
  }
  return parts.join("; ");
}

export function mountAnnounce() {
  const live = $("live");
  /** @type {{id: string | null, step: number, loss: number | null}} */
  const said = { id: null, step: -1, loss: null };
  watch(
    (s) => [s.network?.id, s.network?.step, s.lastStep, s.playing],
    (s) => {
      const { network } = s;
      if (!network) return;
      if (network.id !== said.id) Object.assign(said, { id: network.id, step: network.step, loss: network.last_loss });
      if (s.playing || network.step === said.step) return;
      live.textContent = stepSentence(s, said.loss);
      Object.assign(said, { step: network.step, loss: network.last_loss });
    },
  );
  watch(
    (s) => [s.history, s.network?.step, penaltyOn(s.network), s.lang],
    (s) => {
      const sum = lossSummary(s.history);
      const data = penaltyOn(s.network) ? ` ${t("a11y.lossDataOnly")}` : "";
      $("loss-summary").textContent =
        (sum
          ? t("a11y.lossSummary", {
              n: s.network?.step ?? 0,
              first: fmt(sum.first),
              last: fmt(sum.last),
              min: fmt(sum.min),
              at: sum.at,
            })
          : t("a11y.lossNone")) + data;
    },
  );
}
