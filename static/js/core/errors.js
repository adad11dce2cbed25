// @ts-check
// One error policy for the whole page: report(error) logs it and, unless quiet, shows the
// server's own words in the toast; notify() shows a message (an error or an info).

import { UNREACHABLE } from "./api.js";
import { t } from "./i18n.js";
import { store } from "./store.js";

/**
 * An error as one translated line: a teacher's lock, the server's status and detail, or the message.
 * @param {any} error
 */
export function errorText(error) {
  if (error?.lock) {
    const [what, fixed] = error.lock.startsWith("fixed.") ? [error.lock.slice(6), true] : [error.lock, false];
    return t(fixed ? "class.fixed" : "class.locked", { what: t(`teacher.lock.${what}`) });
  }
  const detail = error?.message || String(error);
  return error?.status ? t("error.server", { status: error.status, detail }) : t("error.generic", { detail });
}

/**
 * Show a message in the toast.
 * @param {string} message
 * @param {"error" | "info"} [kind]
 */
export function notify(message, kind = "error") {
  store.update((s) => ({ toast: { message, kind, id: (s.toast?.id ?? 0) + 1 } }));
}

/**
 * Report an error: always to the console; unless quiet (background work), in the toast.
 * A 404 of background work is expected (a network deleted meanwhile) and stays silent.
 * @param {any} error
 * @param {{quiet?: boolean}} [options]
 */
export function report(error, { quiet = false } = {}) {
  if (quiet && error?.status === 404) return;
  if (error?.status === UNREACHABLE) return console.warn(error); // the page's banner says so
  console.warn(error);
  if (!quiet) notify(errorText(error));
}

/**
 * Run user actions one after another; a failing one is reported, the next still runs.
 * @returns {(fn: () => any) => Promise<void>}
 */
export function createQueue() {
  let busy = Promise.resolve();
  /** @param {number} delta */
  const count = (delta) => store.update((s) => ({ busy: s.busy + delta }));
  return (fn) => {
    count(+1);
    busy = busy
      .then(fn)
      .catch((error) => report(error))
      .finally(() => count(-1));
    return busy;
  };
}

/** The page's action queue: every user action goes through it, in order. */
export const act = createQueue();
