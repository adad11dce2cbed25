// @ts-check
// Step-through that plays itself: the next phase every `pace` ms (forward, loss, backward,
// update, then a new step), until paused. Each move waits for the one before to finish.

import { store } from "../core/store.js";

/**
 * @param {{next: () => Promise<void>}} deps next: the next phase (a new step after the last)
 */
export function createWalker({ next }) {
  /** @type {any} */
  let timer = null;
  let on = false;
  const schedule = () => (timer = setTimeout(tick, store.get().pace));
  /** Whether the walk cannot go on: diverged, step-through off, or a lesson's stage shown instead. */
  const blocked = () => Boolean(store.get().diverged || !store.get().ui.st || store.get().stage);
  async function tick() {
    timer = null;
    if (!on) return;
    if (blocked()) return stop();
    await next();
    if (!on) return;
    if (blocked()) stop();
    else schedule();
  }
  function stop() {
    on = false;
    clearTimeout(timer);
    timer = null;
    if (store.get().walking) store.update({ walking: false });
  }
  return {
    /** Start walking (the first move after one pace). */
    start() {
      if (on) return;
      on = true;
      store.update({ walking: true });
      schedule();
    },
    stop,
    running: () => on,
  };
}
