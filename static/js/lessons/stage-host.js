// @ts-check
// The stage column: the compare view or the activation view, whichever the stage holds.

import { $, render, watch } from "../views/watch.js";
import { createActivationsView } from "./activations-view.js";
import { mountCompareButton } from "./compare-bar.js";
import { mountStageAnnounce } from "./stage-announce.js";
import { createCompareView } from "./stage-view.js";

/** @param {import("../scenes/stage.js").StageScene} scene */
export function mountStage(scene) {
  const root = $("stage");
  const compare = createCompareView(root, scene);
  const activations = createActivationsView(root, scene);
  const seen = { layout: -1, kind: "" };
  mountStageAnnounce();
  mountCompareButton(scene);
  watch(
    (s) => [s.stage, s.lang, s.layout, s.highlight, s.fieldErrors],
    (s) => {
      const kind = s.stage?.kind ?? "";
      if (kind !== seen.kind) render("", root); // another view takes the column
      const relayout = s.layout !== seen.layout;
      Object.assign(seen, { kind, layout: s.layout });
      root.dataset.lesson = s.stage ? s.ui.lesson : "";
      if (kind === "compare") compare(s, relayout);
      else if (kind === "activations") activations(s);
    },
  );
}
