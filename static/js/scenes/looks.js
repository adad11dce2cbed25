// @ts-check
// The deeper looks follow the network shown: after every change (a step, an edit, a drawn
// point) the pulls on the inspected weight, the loss around the two chosen weights and the
// warning signs are fetched again, one request of each kind at a time.

import * as api from "../core/api.js";
import * as looksApi from "../core/looks-api.js";
import { act, errorText, report } from "../core/errors.js";
import { store } from "../core/store.js";
import { linkKey } from "../model/links.js";

/** @typedef {import("../model/links.js").LinkId} LinkId */

/**
 * Fetch `load(state)` whenever `keyOf(state)` changes ("": nothing to fetch, null: keep the
 * answer shown), one at a time, once the change is painted (a step is drawn before its looks
 * are asked for); the answer is stored with the key it was asked for, so a view knows what
 * it shows.
 * @param {(s: any) => string | null} keyOf @param {(s: any) => Promise<any>} load @param {string} slot
 */
function follow(keyOf, load, slot) {
  const my = { asked: "", busy: false };
  const run = async () => {
    const s = store.get();
    const key = keyOf(s);
    if (my.busy || key === null || key === my.asked) return;
    my.asked = key;
    if (!key) return store.update({ looks: { ...s.looks, [slot]: null } });
    my.busy = true;
    try {
      const result = await load(s);
      store.update({ looks: { ...store.get().looks, [slot]: { key, result, error: "" } } });
    } catch (error) {
      if (error.status !== 422 && error.status !== 409) report(error, { quiet: true });
      store.update({ looks: { ...store.get().looks, [slot]: { key, result: null, error: errorText(error) } } });
    } finally {
      my.busy = false;
    }
    run();
  };
  let queued = false;
  store.subscribe(() => {
    if (queued) return;
    queued = true;
    afterPaint(() => {
      queued = false;
      run();
    });
  });
  run();
}

/** Call fn once the next frame is painted (a task posted from its animation frame). @param {() => void} fn */
const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn));

/** The network's version: any step, edit or new data changes it. @param {any} s */
const version = (s) =>
  s.network && !s.diverged && s.network.dataset?.size ? `${s.network.id}@${s.network.revision}` : "";

/**
 * Follow the store with the three looks; returns the actions their views call.
 * @param {{adopt: (state: any, options?: any) => Promise<void>, undo: () => any}} main
 */
export function createLooks(main) {
  follow(
    (s) => (version(s) && s.inspected ? `${version(s)}:${linkKey(s.inspected)}` : ""),
    (s) => looksApi.pulls(s.network.id, s.inspected),
    "pulls",
  );
  follow(
    (s) => {
      const { x, y, radius, resolution } = s.looks.axes;
      return version(s) && x && y ? `${version(s)}:${linkKey(x)}:${linkKey(y)}:${radius}:${resolution}` : "";
    },
    (s) => {
      const { x, y, radius, resolution } = s.looks.axes;
      return looksApi.landscape(s.network.id, x, y, radius, resolution);
    },
    "landscape",
  );
  follow(
    (s) => (s.playing && version(s) ? null : version(s)), // held while playing, labelled with its step
    (s) => looksApi.health(s.network.id),
    "health",
  );
  /** @param {Partial<{x: LinkId | null, y: LinkId | null, radius: number | null, resolution: number | null}>} change */
  const setAxes = (change) => {
    const { looks } = store.get();
    store.update({ looks: { ...looks, axes: { ...looks.axes, ...change } } });
  };
  return {
    /** Put the inspected weight on an axis of the landscape. @param {"x" | "y"} axis */
    pick: (axis) => store.get().inspected && setAxes({ [axis]: store.get().inspected }),
    /** Colour the decision-boundary plot's points by their pulls, or not. @param {boolean} onPlot */
    showOnPlot: (onPlot) => store.update({ looks: { ...store.get().looks, onPlot } }),
    /** The landscape's half-width (null: the server's default). @param {number | null} radius */
    setRadius: (radius) => setAxes({ radius }),
    /** The grid's points along each axis (null: the server's default). @param {number | null} resolution */
    setResolution: (resolution) => setAxes({ resolution }),
    /** The diagnosis's way back: `undos` Undos (each the page's own action), then the learning rate it worked out. @param {number} rate @param {number} undos */
    lowerTo: (rate, undos) => {
      for (let k = 0; k < undos; k++) main.undo();
      return act(async () => {
        await main.adopt(await api.patchNetwork(store.get().network.id, { learning_rate: rate }));
      });
    },
  };
}

/** @typedef {ReturnType<typeof createLooks>} Looks */
