// @ts-check
// The lessons: opening, closing and moving through the article's steps. A lesson with one
// preset uses the main network; one with several (or none) opens the stage scene.

import * as api from "../core/api.js";
import { act } from "../core/errors.js";
import { store, updateUi } from "../core/store.js";

/** Starting seeds where a lesson needs a network to behave as its text says. */
const LESSON_SEEDS = { xor: { xor: 2, "perceptron-xor": 1, "perceptron-and": 1 } };

/** Whether a lesson draws on the stage. @param {any} lesson */
export const isStaged = (lesson) => Boolean(lesson) && (lesson.presets.length !== 1 || Boolean(lesson.forks));

/** The open lesson of a state, or null. @param {import("../core/state.js").AppState} s */
export const openLesson = (s) => (s.ui.lesson ? (s.lessons.find((l) => l.id === s.ui.lesson) ?? null) : null);

/**
 * @param {{main: import("../scenes/main.js").MainScene, stage: import("../scenes/stage.js").StageScene}} scenes
 */
export function createLessons({ main, stage }) {
  /** Open a lesson now (inside an action). @param {string} id */
  async function openNow(id, { at = 0, keepNetwork = false } = {}) {
    const lesson = store.get().lessons.find((l) => l.id === id);
    if (!lesson) return;
    main.stop();
    stage.close();
    store.update({ menuOpen: false, widget: null, highlight: null });
    const seeds = LESSON_SEEDS[lesson.id] || {};
    if (isStaged(lesson)) await stage.open(lesson, seeds);
    else if (!keepNetwork) {
      const preset = lesson.presets[0];
      await main.create(seeds[preset] !== undefined ? { preset, seed: seeds[preset] } : { preset });
    }
    // the lesson shows (and its URL says so) once its network or stage is ready
    updateUi({ lesson: lesson.id, ls: Math.min(at, lesson.steps.length - 1), cmp: "" });
  }

  function close() {
    main.stop();
    stage.close();
    updateUi({ lesson: "", ls: 0 }, { menuOpen: false, widget: null, highlight: null });
  }

  /** @param {string} id */
  const open = (id, { at = 0 } = {}) => {
    store.update({ menuOpen: false });
    return act(() => openNow(id, { at }));
  };

  /** @param {number} delta */
  function move(delta) {
    const s = store.get();
    const lesson = s.lessons.find((l) => l.id === s.ui.lesson);
    if (!lesson) return;
    const next = s.ui.ls + delta;
    if (next >= lesson.steps.length) {
      const after = s.lessons[s.lessons.indexOf(lesson) + 1];
      if (after) open(after.id);
    } else if (next >= 0) updateUi({ ls: next });
  }

  return {
    open,
    close,
    move,
    /** @param {boolean} [show] */
    toggleMenu: (show) => store.update((s) => ({ menuOpen: show ?? !s.menuOpen })),
    /** Fetch the lessons. */
    load: async () => store.update({ lessons: await api.lessons() }),
    /** Reopen the lesson named in the URL (keeping the network the URL names). */
    async restore({ fromUrl = false } = {}) {
      const { ui, lessons } = store.get();
      if (ui.lesson && lessons.some((l) => l.id === ui.lesson))
        await openNow(ui.lesson, { at: ui.ls, keepNetwork: fromUrl });
    },
    /** Follow a lesson named in a changed URL ("" closes the open one). @param {string} id @param {number} at */
    openFromHash: (id, at) => (id ? open(id, { at }) : close()),
    /** Swap the stage's switchable network, then redraw the panel. */
    toggleSwitch: () => stage.toggleSwitch(),
  };
}

/** @typedef {ReturnType<typeof createLessons>} Lessons */
