// @ts-check
// Which state a number belongs to, said the same way everywhere: "now, after step 3" for
// values of the weights shown (outputs, unit values, accuracy), "step 3, before its
// update" for the numbers of a step (its loss, its forward and backward pass), and a note
// when the weights were edited after that step (the store's `edited`).

import { t } from "../core/i18n.js";

/** Whether the shown weights were edited after the shown step. @param {import("../core/state.js").AppState} s */
export const editedSinceStep = (s) =>
  Boolean(s.network && s.edited && s.edited.id === s.network.id && s.edited.step === s.network.step);

/** "now, after step 3" (or "now, before any step"), "; weights edited since"; diverged: none. @param {import("../core/state.js").AppState} s */
export function nowText(s) {
  if (s.diverged) return t("state.diverged"); // nothing of the weights now can be shown
  const step = s.network?.step ?? 0;
  const base = step === 0 ? t("state.start") : t("state.now", { step });
  return editedSinceStep(s) ? `${base}${t("state.edited")}` : base;
}

/** "step 3, before its update". @param {number} step */
export const beforeText = (step) => t("state.before", { step });
