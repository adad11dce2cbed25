// @ts-check
// Loss curves, kept incrementally: GET /history?since=N gives only the steps after N, and
// while playing each /train response adds its losses (without test losses).

/** @typedef {import("../core/state.js").History} History */

/** @returns {History} */
export const emptyHistory = () => ({ steps: [], losses: [], test_losses: [], exact: 0 });

/**
 * The rows of `history` with step <= `step`.
 * @param {History} history
 * @param {number} step
 * @returns {History}
 */
function upTo(history, step) {
  let n = history.steps.length;
  while (n > 0 && history.steps[n - 1] > step) n--;
  return {
    steps: history.steps.slice(0, n),
    losses: history.losses.slice(0, n),
    test_losses: history.test_losses.slice(0, n),
    exact: Math.min(history.exact, step),
  };
}

/**
 * Where to ask GET /history from: after the last exact row, and never past the network's
 * step (after an undo the rows beyond it are gone). null: ask for everything.
 * @param {History | null} history
 * @param {number} networkStep
 */
export const sinceFor = (history, networkStep) => (history ? Math.min(history.exact, networkStep) : null);

/**
 * `history` up to `since`, followed by a GET /history response for the steps after it.
 * Rows the response repeats (a server that ignores `since`) are taken once.
 * @param {History | null} history
 * @param {number | null} since
 * @param {{steps: number[], losses: number[], test_losses: (number | null)[]}} fresh
 * @returns {History}
 */
export function mergeHistory(history, since, fresh) {
  const base = history && since !== null ? upTo(history, since) : emptyHistory();
  const last = base.steps.at(-1) ?? -Infinity;
  fresh.steps.forEach((step, i) => {
    if (step <= last) return;
    base.steps.push(step);
    base.losses.push(fresh.losses[i]);
    base.test_losses.push(fresh.test_losses?.[i] ?? null);
  });
  base.exact = base.steps.at(-1) ?? 0;
  return base;
}

/**
 * `history` with a /train response's losses appended (one per step, ending at trained.step).
 * @param {History} history
 * @param {{step: number, losses: number[]}} trained
 * @returns {History}
 */
export function appendTrained(history, trained) {
  const first = trained.step - trained.losses.length + 1;
  const out = upTo(history, first - 1);
  trained.losses.forEach((loss, i) => {
    out.steps.push(first + i);
    out.losses.push(loss);
    out.test_losses.push(null);
  });
  return out;
}
