// @ts-check
// The diverged state: the server refused a step (409: it would make the numbers overflow)
// or cannot run the shown weights forward (422 on the inputs: they overflow). The page
// then shows what happened and hides the values it can no longer compute.

import { store } from "../core/store.js";

/** Whether an API error says the network diverged. @param {any} error */
export const isDivergence = (error) =>
  error?.status === 409 || (error?.status === 422 && error.detail?.[0]?.loc?.[1] === "inputs");

/**
 * Into the diverged state with the server's words: the values of the state shown are dropped.
 * @param {any} error
 */
export function markDiverged(error) {
  const { network } = store.get();
  if (!network) return;
  const diverged = {
    id: network.id,
    revision: network.revision,
    message: error.message,
    code: error.code ?? error.detail?.[0]?.type ?? null, // the server's kind ("diverged", "not_finite")
    step: network.step,
    loss: network.last_loss,
    rate: network.learning_rate,
    diagnosis: error.diagnosis ?? null, // why, from the 409 (none for a 422 on the inputs)
  };
  store.update({ diverged, example: null, grid: null, accuracy: null });
}

/** A divergence error goes into the diverged state; any other is thrown on. @param {any} error */
export function divergedOr(error) {
  if (!isDivergence(error)) throw error;
  markDiverged(error);
}
