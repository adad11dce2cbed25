// @ts-check
// The page's one store: all the state the views read, one update() to change it and
// subscribe() to hear of it. Actions (scenes/, lessons/) are its only writers.

import { initialState } from "./state.js";

/**
 * A store holding one immutable state object; update() merges a patch into a new one.
 * @template {object} S
 * @param {S} initial
 */
export function createStore(initial) {
  let state = initial;
  let notifying = false;
  let again = false;
  /** @type {Set<(state: S) => void>} */
  const listeners = new Set();

  function notify() {
    if (notifying) {
      again = true; // a listener updated the store: tell everyone again once this round ends
      return;
    }
    notifying = true;
    try {
      do {
        again = false;
        for (const fn of [...listeners]) fn(state);
      } while (again);
    } finally {
      notifying = false;
    }
  }

  return {
    /** The current state (never mutate it: update() makes a new one). */
    get: () => state,
    /**
     * Merge a patch (or fn(state) => patch; null changes nothing) and notify the listeners.
     * @param {Partial<S> | ((state: S) => Partial<S> | null | undefined) | null} change
     */
    update(change) {
      const patch = typeof change === "function" ? change(state) : change;
      if (!patch) return;
      state = /** @type {S} */ ({ .../** @type {object} */ (state), ...patch });
      notify();
    },
    /**
     * Call fn(state) after every update; returns the unsubscribe function.
     * @param {(state: S) => void} fn
     */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** The page's store. */
export const store = createStore(initialState());

/**
 * Merge a patch into the hash table `ui` (and anything else in the same update).
 * @param {Partial<import("./state.js").Ui>} ui
 * @param {Partial<import("./state.js").AppState>} [more]
 */
export function updateUi(ui, more = {}) {
  store.update((s) => ({ ...more, ui: { ...s.ui, ...ui } }));
}
