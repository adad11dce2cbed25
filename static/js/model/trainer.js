// @ts-check
// Play for one network or several: Playground's Player. While running, one train call is
// in flight at a time, sized to the time that passed since the last one (speed = steps per
// 1/60 s, at most the server's max_train_steps; nothing owed yet: it waits a frame); an
// answer is drawn once the next call is sent, so the page draws while the server trains;
// stop() cancels (a token, so a late response of an old run is dropped); a 409 (training
// diverged) stops it; a 503 (the server is busy) waits its Retry-After and goes on.

const FRAME_MS = 1000 / 60;
const MAX_CATCH_UP_FRAMES = 30; // a slow answer is caught up for half a second, a stall is not
// a call's steps take at most this on the server: with its saving and sending, within the
// 50 ms the page takes to draw 784-128-10's last answer meanwhile (>= 20 redraws/s)
const FRAME_BUDGET_MS = 30;
const BUSY = 503; // app/api/budget.py and app/serving.py: busy now, try again
const BUSY_WAIT_MS = { least: 1000, most: 10000 }; // a Retry-After is waited within these

/** How long to wait after a 503: its Retry-After (seconds), within BUSY_WAIT_MS. @param {any} error */
export function busyWaitMs(error) {
  const asked = 1000 * (Number(error?.retryAfter) || 0);
  return Math.min(BUSY_WAIT_MS.most, Math.max(BUSY_WAIT_MS.least, asked));
}

/**
 * A pacer: the steps owed for the time that passed, `speed` per 1/60 s, the fraction of a
 * step carried to the next call, so speed s trains 60 s steps a second however fast the
 * server answers (at most `maxSteps` and `most` a call; at most half a second's steps are
 * owed: a stall or a hidden tab is not caught up, nor a network the server trains slower).
 * @returns {(speed: number, elapsedMs: number, maxSteps: number, most?: number) => number}
 */
export function createPacer() {
  let owed = 0;
  return (speed, elapsedMs, maxSteps, most = Infinity) => {
    const frames = Math.min(MAX_CATCH_UP_FRAMES, Math.max(0, elapsedMs) / FRAME_MS);
    owed = Math.min(owed + speed * frames, Math.max(1, speed * MAX_CATCH_UP_FRAMES), maxSteps);
    const whole = Math.floor(owed + 1e-9); // 3 frames of speed 1/3 owe one whole step
    const steps = Math.min(whole, Math.max(1, Math.floor(most)));
    owed = Math.max(0, owed - steps);
    return steps;
  };
}

/**
 * The most steps to ask for so the server trains them within a frame budget, from the last
 * answer: its steps and its Server-Timing `train` ms (Infinity when there is none yet).
 * @param {number} steps @param {number | null | undefined} trainMs
 */
export const stepsWithin = (steps, trainMs) => (trainMs && steps > 0 ? (FRAME_BUDGET_MS * steps) / trainMs : Infinity);

/**
 * @typedef {object} TrainerHooks
 * @property {() => number} speed steps per frame
 * @property {() => number} maxSteps the server's limit for one call
 * @property {(steps: number, live: () => boolean) => Promise<boolean | void | {trainMs?: number | null, show?: () => void}>} train
 *   one call (live(): whether its result is still wanted); false: nothing left to train;
 *   trainMs: the server's time for the steps (the next call asks for what fits FRAME_BUDGET_MS);
 *   show: draws the answer (called once the next call is on its way, or before waiting)
 * @property {(error: any) => void} onError an error that stopped the run (409 included)
 * @property {(running: boolean) => void} onState the run started or stopped
 * @property {(busy: boolean) => void} [onBusy] the server answered 503 and the run waits to try
 *   again (true), or a call went through after that (false); without it a 503 stops the run
 * @property {(ms: number) => Promise<void>} [wait] wait this long (default: a timer)
 */

/** A trainer driven by `hooks`. @param {TrainerHooks} hooks */
export function createTrainer(hooks) {
  let token = 0;
  let running = false;
  /** @type {Promise<unknown>} */
  let inflight = Promise.resolve();

  const wait = hooks.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));

  let busy = false;
  /** @param {boolean} now */
  function setBusy(now) {
    if (busy === now) return;
    busy = now;
    hooks.onBusy?.(now);
  }

  async function loop(mine) {
    const pace = createPacer();
    let last = performance.now() - FRAME_MS;
    let most = Infinity; // stepsWithin the last answer
    /** @type {(() => void) | null} */
    let unshown = null; // the last answer's drawing, not done yet
    const show = () => {
      const draw = unshown;
      unshown = null;
      draw?.();
    };
    while (running && mine === token) {
      const now = performance.now();
      const steps = pace(hooks.speed(), now - last, hooks.maxSteps(), most);
      last = now;
      if (steps === 0) {
        show();
        await wait(FRAME_MS);
        continue;
      }
      try {
        const call = hooks.train(steps, () => running && mine === token);
        inflight = call.catch(() => {});
        show(); // the previous answer, drawn while this call is on the server
        const more = await call;
        if (mine === token) setBusy(false);
        if (more === false && mine === token) stop();
        if (more && typeof more === "object") {
          most = stepsWithin(steps, more.trainMs);
          unshown = more.show ?? null;
        }
      } catch (error) {
        if (mine !== token) return;
        if (error?.status === BUSY && hooks.onBusy) {
          setBusy(true);
          await wait(busyWaitMs(error));
          last = performance.now() - FRAME_MS; // the wait is not owed as steps
          continue;
        }
        stop();
        hooks.onError(error);
        return;
      }
    }
  }

  function stop() {
    token++;
    setBusy(false);
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
