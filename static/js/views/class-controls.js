// @ts-check
// The teacher's controls above the grid: the class's locks, a push (a preset or a lesson
// step), and the class snapshot as CSV or JSON. Options come from the server.

import { html, render } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { t, tOr } from "../core/i18n.js";
import { exerciseForm } from "./exercise-form.js";

/**
 * @typedef {{actions: string[], fixed: Record<string, boolean>}} Locks
 * @typedef {object} ControlsState
 * @property {Locks | null} locks
 * @property {string[]} lockable the actions a lock can refuse
 * @property {string[]} fixable the settings a lock can fix
 * @property {{name: string, config: {layers: number[]}}[]} presets
 * @property {{id: string, title: Record<string, string>, steps: any[]}[]} lessons
 * @property {{id: string, title: Record<string, string>, deletable: boolean}[]} exercises
 * @property {string} lang
 * @property {string} status the last action's outcome
 * @property {import("./exercise-form.js").Draft} draft the exercise being written
 * @property {import("./exercise-form.js").FormState["nets"]} nets the students' networks
 * @property {string} chosenExercise the exercise the push picker shows ("" the first)
 * @typedef {object} ControlsActions
 * @property {(locks: Locks) => void} setLocks
 * @property {(body: object) => void} push
 * @property {(format: "json" | "csv") => void} download
 * @typedef {ControlsActions & import("./exercise-form.js").FormActions} AllActions
 */

/** The locks with one action or setting switched. @param {Locks} locks @param {"actions" | "fixed"} kind @param {string} name @param {boolean} on */
function switched(locks, kind, name, on) {
  if (kind === "fixed") return { ...locks, fixed: { ...locks.fixed, [name]: on } };
  const actions = locks.actions.filter((a) => a !== name);
  return { ...locks, actions: on ? [...actions, name] : actions };
}

/** The lock fieldset. @param {ControlsState} state @param {ControlsActions} actions */
function lockForm(state, actions) {
  const locks = state.locks ?? { actions: [], fixed: {} };
  /** @param {"actions" | "fixed"} kind @param {string} name @param {boolean} on */
  const box = (kind, name, on) =>
    html`<label class="check"><input type="checkbox" data-testid=${`lock-${name}`} .checked=${on}
        @change=${(/** @type {Event} */ e) =>
          actions.setLocks(switched(locks, kind, name, /** @type {HTMLInputElement} */ (e.target).checked))} />
      ${tOr(`teacher.lock.${name}`, name)}</label>`;
  return html`<fieldset class="locks" data-testid="class-locks">
    <legend>${t("teacher.locksHeading")}</legend>
    <p class="hint">${t("teacher.locksHint")}</p>
    <div class="boxes">${state.lockable.map((a) => box("actions", a, locks.actions.includes(a)))}</div>
    <p class="hint">${t("teacher.fixedHint")}</p>
    <div class="boxes">${state.fixable.map((f) => box("fixed", f, Boolean(locks.fixed[f])))}</div>
  </fieldset>`;
}

/** The value of the control `id` in the controls. @param {string} id */
const valueOf = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id)).value;

/** The push fieldset. @param {ControlsState} state @param {ControlsActions} actions */
function pushForm(state, actions) {
  return html`<fieldset class="push" data-testid="class-push">
    <legend>${t("teacher.pushHeading")}</legend>
    <label>${t("teacher.preset")}
      <select id="push-preset" data-testid="push-preset">
        ${state.presets.map((p) => html`<option value=${p.name}>${tOr(`preset.${p.name}.title`, p.name)}</option>`)}
      </select></label>
    <button type="button" data-testid="push-preset-button" @click=${() => actions.push({ preset: valueOf("push-preset") })}>
      ${t("teacher.pushButton")}</button>
    <label>${t("teacher.lesson")}
      <select id="push-lesson" data-testid="push-lesson">
        ${state.lessons.map((l) => html`<option value=${l.id}>${l.title[state.lang] ?? l.title.en}</option>`)}
      </select></label>
    <label>${t("teacher.lessonStep")}
      <input id="push-step" data-testid="push-step" type="number" min="1" value="1" /></label>
    <button type="button" data-testid="push-lesson-button"
      @click=${() => actions.push({ lesson: valueOf("push-lesson"), step: Number(valueOf("push-step")) - 1 })}>
      ${t("teacher.pushButton")}</button>
    <label>${t("teacher.exercise")}
      <select id="push-exercise" data-testid="push-exercise">
        ${state.exercises.map(
          (x) =>
            html`<option value=${x.id} ?selected=${x.id === state.chosenExercise}>${x.title[state.lang] ?? x.title.en}</option>`,
        )}
      </select></label>
    <button type="button" data-testid="push-exercise-button" @click=${() => actions.push({ exercise: valueOf("push-exercise") })}>
      ${t("teacher.pushButton")}</button>
  </fieldset>`;
}

/**
 * Draw the controls into `root`.
 * @param {HTMLElement} root @param {ControlsState} state @param {AllActions} actions
 */
export function renderControls(root, state, actions) {
  render(
    html`${lockForm(state, actions)} ${pushForm(state, actions)} ${exerciseForm(state, actions)}
      <fieldset class="snapshot">
        <legend>${t("teacher.snapshotHeading")}</legend>
        <button type="button" data-testid="snapshot-csv" @click=${() => actions.download("csv")}>CSV</button>
        <button type="button" data-testid="snapshot-json" @click=${() => actions.download("json")}>JSON</button>
      </fieldset>
      <p class="status" role="status" data-testid="teacher-status">${state.status}</p>`,
    root,
  );
}
