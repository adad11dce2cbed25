// @ts-check
// Words for the lesson stage: after each step taken while not playing (and once when Play
// stops), the polite live region says every network's loss, its change and its accuracy
// ("Step 12: XOR with one hidden layer: loss 0.5213, down 0.0312, 3 of 4 right; ...").

import { t, tOr } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { $, watch } from "../views/watch.js";
import { accuracyLine } from "./stage-view.js";

/** One network's part of the sentence. @param {import("../core/state.js").StageNet} net @param {number | undefined} before */
function netSentence(net, before) {
  const loss = net.state.last_loss;
  const name = tOr(`preset.${net.preset}.title`, net.preset);
  const parts = [t("a11y.stageNet", { name, loss: fmt(loss) })];
  if (before !== undefined && before !== null && loss !== null && before !== loss) {
    const d = fmt(Math.abs(loss - before));
    parts.push(loss < before ? t("a11y.lossDown", { d }) : t("a11y.lossUp", { d }));
  }
  if (net.failed) parts.push(t("stage.stopped"));
  else if (net.accuracy) parts.push(accuracyLine(net.accuracy));
  return parts.join(", ");
}

export function mountStageAnnounce() {
  const live = $("live");
  /** @type {{ids: string, steps: string, losses: (number | null)[]}} */
  const said = { ids: "", steps: "", losses: [] };
  watch(
    (s) => [s.stage?.nets, s.playing],
    (s) => {
      const nets = s.stage?.kind === "compare" ? s.stage.nets : [];
      if (!nets.length) return;
      const ids = nets.map((n) => n.state.id).join(" ");
      const steps = nets.map((n) => n.state.step).join(" ");
      const losses = nets.map((n) => n.state.last_loss);
      if (ids !== said.ids) Object.assign(said, { ids, steps, losses }); // a lesson opened, or reset
      if (s.playing || steps === said.steps) return;
      const step = Math.max(...nets.map((n) => n.state.step));
      live.textContent = `${t("a11y.stageStep", { step })}: ${nets.map((n, i) => netSentence(n, said.losses[i])).join("; ")}`;
      Object.assign(said, { steps, losses });
    },
  );
}
