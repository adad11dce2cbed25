// @ts-check
// A lesson stage network that diverged: what happened (the step, α, the last loss, the
// server's words), that its values are hidden, and the ways back (Undo, a lower α).

import { reasonOf, t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { html } from "../views/watch.js";

/**
 * The panel of stage network `i` (nothing while it trains).
 * @param {import("../core/state.js").StageNet} net @param {number} i
 * @param {import("../scenes/stage.js").StageScene} scene
 */
export function stageDiverged(net, i, scene) {
  if (!net.failed) return "";
  const s = net.state;
  const loss = s.last_loss === null ? "–" : fmt(s.last_loss, 4);
  return html`<div class="stage-diverged" role="alert" data-testid=${`stage-diverged-${i}`}>
    <strong>${t("diverged.title")}</strong>
    <p>${t("diverged.what", { step: s.step, rate: s.learning_rate, loss })}</p>
    <p class="diverged-reason" data-testid=${`stage-diverged-reason-${i}`}>${t("diverged.server")} “${reasonOf({ msg: net.failed, type: net.failedKind })}”</p>
    <p>${t("diverged.hidden")}</p>
    <div class="diverged-actions">
      <button
        type="button"
        class="btn mini"
        data-testid=${`stage-diverged-undo-${i}`}
        ?disabled=${!s.undo_available}
        @click=${() => scene.undoNet(i)}
      >
        ${t("diverged.undo")}
      </button>
      <button type="button" class="btn mini" data-testid=${`stage-diverged-lower-${i}`} @click=${() => scene.lowerNet(i)}>
        ${t("diverged.lower", { rate: s.learning_rate / 10 })}
      </button>
    </div>
  </div>`;
}
