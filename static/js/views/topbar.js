// @ts-check
// The top bar: transport (Reset, Undo, Play, Step, speed), the step and loss, the learning
// rate and batch size, the link view, step-through and the language; and what teaching
// adds to them (the class bar, the predict card: views/teaching.js).

import { setLang, t } from "../core/i18n.js";
import { updateUi } from "../core/store.js";
import { fmt } from "../model/format.js";
import { lockOf } from "../model/locks.js";
import { embedsShared } from "../scenes/embed.js";
import { mountEmbedNote } from "./embed-note.js";
import { mountTeaching } from "./teaching.js";
import { beforeText, editedSinceStep } from "./states.js";
import { mountFieldErrors } from "./fields.js";
import { lastPenalty } from "../model/penalty.js";
import { $, $input, watch } from "./watch.js";
import { setText } from "../core/dom.js";

/**
 * The loss's label, and the weight penalty beside the data loss when there is one: the
 * server's numbers for the last step (its sum in the title), or a dash when not known.
 * @param {number | null} loss @param {{value: number | null} | null} penalty
 */
function showPenalty(loss, penalty) {
  setText($("loss-label"), penalty ? t("stat.dataLoss") : t("stat.loss"));
  const el = $("loss-penalty");
  el.hidden = !penalty;
  if (!penalty) return;
  const { value } = penalty;
  setText(el, t("stat.penalty", { value: value === null ? "–" : fmt(value) }));
  el.title =
    value === null ? t("stat.penaltyUnknown") : t("stat.penaltyTitle", { loss, penalty: value, total: loss + value });
}

/**
 * Bind and draw the top bar.
 * @param {{scene: () => any, main: import("../scenes/main.js").MainScene, build: import("../scenes/build.js").Builder, lessons: any}} deps
 */
export function mountTopbar({ scene, main, build, lessons }) {
  mountFieldErrors();
  mountTeaching({ main, lessons });
  mountEmbedNote();
  $("step").addEventListener("click", () => scene().step());
  $("play").addEventListener("click", () => scene().togglePlay());
  $("undo").addEventListener("click", () => scene().undo());
  $("reset").addEventListener("click", () => scene().reset());
  $("speed").addEventListener("change", (e) =>
    updateUi({ speed: Number(/** @type {HTMLSelectElement} */ (e.target).value) }),
  );
  $("learning-rate").addEventListener("change", (e) =>
    build.setLearningRate(/** @type {HTMLInputElement} */ (e.target).value),
  );
  $("batch-size").addEventListener("change", (e) =>
    build.setBatchSize(/** @type {HTMLInputElement} */ (e.target).value),
  );
  document
    .querySelectorAll("#view-switch button")
    .forEach((b) =>
      b.addEventListener("click", () =>
        updateUi({ view: /** @type {any} */ (/** @type {HTMLElement} */ (b).dataset.view) }),
      ),
    );
  document
    .querySelectorAll("[data-lang]")
    .forEach((b) => b.addEventListener("click", () => setLang(/** @type {HTMLElement} */ (b).dataset.lang)));
  $("step-through").addEventListener("click", () => main.toggleStepThrough());

  watch(
    (s) => [s.network, s.lang, s.fieldErrors, s.edited, s.lastStep, s.played],
    (s) => {
      const { network, fieldErrors } = s;
      if (!network) return;
      setText($("step-count"), String(network.step));
      const loss = network.last_loss;
      setText($("loss-value"), loss === null ? "–" : fmt(loss, 6));
      $("loss-value").title = loss === null ? t("stat.noStep") : t("stat.lossTitle", { loss });
      showPenalty(loss, lastPenalty(network, s.lastStep, s.played));
      // the loss is the last step's, before its update: said beside it, with any edit since
      const state = loss === null ? "" : beforeText(network.step);
      setText($("loss-state"), editedSinceStep(s) ? `${state}${t("state.edited")}` : state);
      const lr = $input("learning-rate");
      // a refused value stays where the user typed it, beside its reason
      if (document.activeElement !== lr && !fieldErrors["learning-rate"]) lr.value = String(network.learning_rate);
      const bs = $input("batch-size");
      if (document.activeElement !== bs && !fieldErrors["batch-size"]) bs.value = String(network.batch_size);
    },
  );
  watch(
    (s) => [s.network, s.stage, s.ui, s.playing, s.lang, s.gone, s.classLocks],
    (s) => {
      const speed = /** @type {HTMLSelectElement} */ ($("speed"));
      if ([...speed.options].some((o) => o.value === String(s.ui.speed))) speed.value = String(s.ui.speed);
      $("step-through").setAttribute("aria-pressed", String(s.ui.st));
      document
        .querySelectorAll("#view-switch button")
        .forEach((b) =>
          b.setAttribute("aria-checked", String(/** @type {HTMLElement} */ (b).dataset.view === s.ui.view)),
        );
      document
        .querySelectorAll("[data-lang]")
        .forEach((b) => b.setAttribute("aria-checked", String(/** @type {HTMLElement} */ (b).dataset.lang === s.lang)));
      // a network deleted on the server: nothing to step, play, undo or set (Reset makes a new one)
      const gone = !s.stage && Boolean(s.network) && s.gone === s.network.id;
      // a lesson stage with nothing to train (the activation plots): no Play, Step or Reset
      /** @type {HTMLElement} */ (document.querySelector(".transport")).hidden = s.stage?.kind === "activations";
      // and what the teacher locked (shared mode: the class bar says what)
      const locked = (/** @type {string} */ id) => Boolean(lockOf(s.classLocks, id));
      for (const id of ["step", "play", "learning-rate", "batch-size"])
        /** @type {HTMLButtonElement} */ ($(id)).disabled = gone || locked(id);
      // a shared /embed: nothing of the viewer's to undo before their copy (scenes/embed.js)
      const notMine = embedsShared() && !s.embedCopy;
      /** @type {HTMLButtonElement} */ ($("undo")).disabled =
        gone || notMine || !s.network?.undo_available || Boolean(s.stage) || locked("undo");
      const play = $("play");
      play.setAttribute("aria-pressed", String(s.playing));
      const label = /** @type {HTMLElement} */ (play.querySelector(".play-label"));
      setText(label, s.playing ? t("transport.pause") : t("transport.play"));
      label.dataset.other = s.playing ? t("transport.play") : t("transport.pause"); // holds the width
      play.classList.toggle("playing", s.playing);
    },
  );
}
