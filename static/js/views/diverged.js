// @ts-check
// The diverged panel above the graph: what happened (the server's words, the step, α and
// the last loss) and the ways back (Undo, a lower α, Reset). While it shows, the graph,
// the output bars and the boundary show no values (scenes/diverged.js drops them). With the
// server's diagnosis, why it blew up and what to try (views/diagnosis.js).

import { reasonOf, t } from "../core/i18n.js";
import { fmt } from "../model/format.js";
import { diagnosisView } from "./diagnosis.js";
import { $, html, render, watch } from "./watch.js";

/** @param {import("../scenes/main.js").MainScene} main @param {import("../scenes/looks.js").Looks} looks */
export function mountDiverged(main, looks) {
  watch(
    (s) => [s.diverged, s.network, s.lang],
    ({ diverged, network }) => {
      const box = $("diverged");
      box.hidden = !diverged;
      if (!diverged) return render("", box);
      const loss = diverged.loss === null ? "–" : fmt(diverged.loss, 4);
      render(
        html`<h2>${t("diverged.title")}</h2>
          <p>${t("diverged.what", { step: diverged.step, rate: diverged.rate, loss })}</p>
          <p class="diverged-reason" data-testid="diverged-reason">${t("diverged.server")} “${reasonOf({ msg: diverged.message, type: diverged.code })}”</p>
          ${diagnosisView(diverged.diagnosis, network, looks)}
          <p>${t("diverged.hidden")}</p>
          <p>${t("diverged.back")}</p>
          <div class="diverged-actions">
            <button
              type="button"
              class="btn"
              data-testid="diverged-undo"
              ?disabled=${!network?.undo_available}
              @click=${() => main.undo()}
            >
              ${t("diverged.undo")}
            </button>
            <button type="button" class="btn" data-testid="diverged-lower" @click=${() => main.lowerRate()}>
              ${t("diverged.lower", { rate: diverged.rate / 10 })}
            </button>
          </div>`,
        box,
      );
    },
  );
}
