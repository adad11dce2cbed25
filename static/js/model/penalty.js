// @ts-check
// The weight penalty beside the data loss: what the server reported for the network's last
// step (a step's answer, GET last-step, or /train's `penalties` while playing). Pure: no DOM.

/** Whether a NetworkState trains with a weight penalty. @param {any} network */
export const penaltyOn = (network) =>
  Boolean(network) && network.regularization !== "none" && network.regularization_rate > 0;

/**
 * The penalty lambda P(w) before the network's last update, for the loss shown beside it:
 * null when there is nothing to show (no step, or no penalty then or now); `value` null
 * when a penalty is on but its value for that step is not known (after an undo).
 * @param {any} network a NetworkState
 * @param {any} lastStep the StepResult held, or null
 * @param {{id: string, step: number, value: number} | null} played the last /train's
 * @returns {{value: number | null} | null}
 */
export function lastPenalty(network, lastStep, played) {
  if (!network || network.last_loss === null) return null;
  let value = null;
  if (lastStep && lastStep.network?.id === network.id && lastStep.step === network.step) value = lastStep.penalty;
  else if (played && played.id === network.id && played.step === network.step) value = played.value;
  if (value === null || value === undefined) return penaltyOn(network) ? { value: null } : null;
  return value > 0 || penaltyOn(network) ? { value } : null;
}
