// @ts-check
// A coalescing refresher: request() asks for one run of `job` at least `gap()` ms later;
// requests while one is waiting or running fold into at most one more run.

/**
 * @param {() => Promise<void>} job
 * @param {() => number} gap milliseconds to wait before a run
 * @param {(pending: boolean) => void} [onPending] told when a run starts waiting and when none is left
 */
export function createRefresher(job, gap, onPending = () => {}) {
  let timer = null;
  let running = false;
  let again = false;

  async function run() {
    timer = null;
    running = true;
    try {
      await job();
    } finally {
      running = false;
      if (again) {
        again = false;
        request();
      } else onPending(false);
    }
  }

  function request() {
    onPending(true);
    if (running) again = true;
    else if (timer === null) timer = setTimeout(run, gap());
  }

  return {
    request,
    /** Whether a run is waiting or running. */
    pending: () => running || timer !== null,
  };
}
