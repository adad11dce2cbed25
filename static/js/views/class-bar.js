// @ts-check
// The class bar (shared mode only): the teacher's push offered at once, what the teacher
// locked, and the name the teacher sees; locked controls outside the top bar greyed out.

import { html, render } from "../../vendor/lit-html-3.3.3/lit-html.js";
import * as cls from "../core/class-api.js";
import { report } from "../core/errors.js";
import { t, tOr } from "../core/i18n.js";
import { store } from "../core/store.js";
import { CONTROL_LOCKS, lockOf, lockedNames } from "../model/locks.js";
import { joinClass } from "../scenes/classroom.js";
import { $, watch } from "./watch.js";

const TOP_BAR = new Set(["step", "play", "undo", "learning-rate", "batch-size"]); // greyed by topbar.js
const REGIONS = new Set(["add-layer", "features", "generation"]); // made inert: add-layer's whole card

/** The title of a lesson or exercise in the page's language. @param {any[]} list @param {string} id @param {string} lang */
const titleOf = (list, id, lang) => {
  const found = list.find((x) => x.id === id);
  return found ? (found.title[lang] ?? found.title.en) : id;
};

/** What a push offers, in words. @param {any} offer @param {any[]} lessons @param {any[]} exercises @param {string} lang */
function offerText(offer, lessons, exercises, lang) {
  if (offer.kind === "preset")
    return t("class.offerPreset", { name: tOr(`preset.${offer.preset}.title`, offer.preset) });
  if (offer.kind === "network") return t("class.offerNetwork", { name: offer.name });
  if (offer.kind === "exercise") return t("class.offerExercise", { name: titleOf(exercises, offer.exercise, lang) });
  const lesson = lessons.find((l) => l.id === offer.lesson);
  return t("class.offerLesson", {
    name: lesson ? (lesson.title[lang] ?? lesson.title.en) : offer.lesson,
    n: offer.step + 1,
  });
}

/** Grey out (or free) the locked controls the top bar does not draw. @param {any} locks */
function greyOut(locks) {
  for (const id of Object.keys(CONTROL_LOCKS)) {
    if (TOP_BAR.has(id)) continue;
    const lock = lockOf(locks, id);
    const el = /** @type {HTMLButtonElement} */ ($(id));
    const target = id === "add-layer" ? /** @type {HTMLElement} */ (el.closest("section")) : el;
    if (REGIONS.has(id)) target.inert = Boolean(lock);
    else el.disabled = Boolean(lock);
    target.classList.toggle("class-locked", Boolean(lock));
    target.dataset.classLock = lock ?? "";
  }
}

/**
 * Mount the bar, when the server runs a class.
 * @param {{main: any, lessons: any, predictor: {choose: (id: string) => any, refresh: () => Promise<void>, drop: (id: string) => Promise<void>}}} deps
 */
export function mountClassBar({ main, lessons, predictor }) {
  if (document.body.dataset.shared !== "true") return;
  const room = joinClass(main, lessons, predictor);
  const bar = $("class-bar");
  bar.hidden = false;
  const name = { value: "" };
  const save = () => room.setName(/** @type {HTMLInputElement} */ ($("class-name")).value);
  /** @param {import("../core/state.js").AppState} s */
  const draw = (s) => {
    greyOut(s.classLocks);
    const locked = lockedNames(s.classLocks).map((k) => t(`teacher.lock.${k}`));
    const offer = s.classOffer;
    render(
      html`${
        offer
          ? html`<p class="class-offer" role="alert" data-testid="class-offer">
                ${t("class.offer", { what: offerText(offer, s.lessons, s.predict.exercises, s.lang) })}
                <button type="button" class="btn" data-testid="class-take" @click=${() => room.take()}>
                  ${offer.kind === "lesson" ? t("class.open") : t("class.take")}</button>
                <button type="button" class="btn" data-testid="class-dismiss" @click=${() => room.dismiss()}>
                  ${t("class.dismiss")}</button>
              </p>`
          : null
      }
          ${
            locked.length
              ? html`<p class="class-locks" data-testid="class-locks">${t("class.lockedNote", { list: locked.join(", ") })}</p>`
              : null
          }
          <label class="class-name">${t("class.name")}
            <input id="class-name" data-testid="class-name" .value=${name.value}
              @keydown=${(/** @type {KeyboardEvent} */ e) => e.key === "Enter" && save()} />
            <button type="button" class="btn" data-testid="class-name-save" @click=${save}>${t("class.nameSave")}</button>
          </label>`,
      bar,
    );
  };
  watch((s) => [s.classLocks, s.classOffer, s.lang, s.lessons, s.predict.exercises], draw);
  cls.me().then(
    (me) => {
      name.value = me.display_name ?? "";
      draw(store.get());
    },
    (error) => report(error, { quiet: true }),
  );
}
