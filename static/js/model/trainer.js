// @ts-check
// Play for one network or several: Playground's Player. While running, one train call is
// in flight at a time, sized to the frames that passed since the last one (speed = steps
// per 1/60 s, at most the server's max_train_steps); stop() cancels (a token, so a late
// response of an old run is dropped); a 409 (training diverged) stops it.

const FRAME_MS = 1000 / 60;
const MAX_CATCH_UP_FRAMES = 12; // a slow response does not make the next request huge

/**
 * The steps of the next train call: `speed` per frame for the frames since the last call.
 * @param {number} speed
 * @param {number} elapsedMs
 * @param {number} maxSteps
 */
export function stepsFor(speed, elapsedMs, maxSteps) {
  const frames = Math.min(MAX_CATCH_UP_FRAMES, Math.max(1, elapsedMs / FRAME_MS));
  return Math.max(1, Math.min(maxSteps, Math.round(speed * frames)));
}

/**
 * @typedef {object} TrainerHooks
 * @property {() => number} speed steps per frame
 * @property {() => number} maxSteps the server's limit for one call
 * @property {(steps: number, live: () => boolean) => Promise<boolean | void>} train one call (live():
 *   whether its result is still wanted); false: nothing left to train
 * @property {(error: any) => void} onError an error that stopped the run (409 included)
 * @property {(running: boolean) => void} onState the run started or stopped
 */

/** A trainer driven by `hooks`. @param {TrainerHooks} hooks */
export function createTrainer(hooks) {
  let token = 0;
  let running = false;
  /** @type {Promise<unknown>} */
  let inflight = Promise.resolve();

  async function loop(mine) {
    let last = performance.now() - FRAME_MS;
    while (running && mine === token) {
      const now = performance.now();
      const steps = stepsFor(hooks.speed(), now - last, hooks.maxSteps());
      last = now;
      try {
        const call = hooks.train(steps, () => running && mine === token);
        inflight = call.catch(() => {});
        const more = await call;
        if (more === false && mine === token) stop();
      } catch (error) {
        if (mine !== token) return;
        stop();
        hooks.onError(error);
        return;
      }
    }
  }

  function stop() {
    token++;
    if (!running) return;
    running = false;
    hooks.onState(false);
  }

  return {
    /** Whether it is running. */
    running: () => running,
    /** Start (no-op when running). */
    start() {
      if (running) return;
      running = true;
      hooks.onState(true);
      loop(++token);
    },
    /** Stop, and drop what the call in flight brings back. */
    stop,
    /** Resolves when the last train call has come back (the server has finished it). */
    idle: () => inflight,
  };
}
