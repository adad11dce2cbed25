// @ts-check
// The main network's background data, fetched together after every change: the selected
// example's forward pass, the loss history (only the new steps), the last step while
// playing (when the view needs it), and for 2-D data the grid and the accuracy.

import * as api from "../core/api.js";
import { report } from "../core/errors.js";
import { store } from "../core/store.js";
import { decodeGrid } from "../model/grid.js";
import { onPlane } from "../model/drawn.js";
import { mergeHistory, sinceFor } from "../model/history.js";
import { isDivergence, markDiverged } from "./diverged.js";
import { packsArrays } from "../model/packed.js";
import { padInput } from "../model/pad.js";

const GRID_RESOLUTION = 40;

/** The last step of a network from the server (null when there is none). @param {any} state */
export async function fetchLastStep(state) {
  if (state.step === 0 || state.has_last_step === false) return null;
  try {
    return await api.lastStep(state.id, { packed: packsArrays(state) });
  } catch (error) {
    if (error.status === 409) return null;
    throw error;
  }
}

/**
 * What a frame draws of the network shown: the selected example (or the pad) run forward,
 * and for 2-D data the grid and the accuracy; the body of POST /train's `frame`.
 * @param {any} s the store's state (with a network and its data)
 */
export function frameFor(s) {
  const { network, data, ui } = s;
  const pad = padInput(network, ui);
  const twoD = onPlane(network);
  return {
    example: pad ? { inputs: [pad] } : { inputs: [data.inputs[ui.ex]], targets: [data.targets[ui.ex]] },
    grid: twoD ? GRID_RESOLUTION : null,
    accuracy: twoD,
  };
}

/** The store's pieces of an answered frame (POST /train's `frame`, or its parts). @param {any} frame */
export const framePieces = (frame) => ({
  example: frame.example,
  grid: frame.grid ? decodeGrid(frame.grid) : null,
  accuracy: frame.accuracy ? { train: frame.accuracy.train ?? null, test: frame.accuracy.test ?? null } : null,
});

/** Fetch and store the background data of the network shown (errors: quiet). */
export async function loadBackground() {
  const s = store.get();
  const { network, data, ui, playing } = s;
  if (!network || !data) return;
  const id = network.id;
  const frame = frameFor(s);
  const since = sinceFor(s.history, network.step);
  const wantHistory = !playing || !s.history;
  const wantStep = playing && (ui.view !== "weights" || s.inspected) && network.step > 0;
  if (s.diverged) return loadHistory(id, since);
  try {
    const [example, fresh, lastStep, grid, train, test] = await Promise.all([
      api.forward(id, frame.example),
      wantHistory ? api.history(id, since) : null,
      wantStep ? fetchLastStep(network) : null,
      frame.grid ? api.grid(id, frame.grid) : null,
      frame.accuracy ? api.forward(id, { split: "train" }) : null,
      frame.accuracy && data.test_inputs ? api.forward(id, { split: "test" }) : null,
    ]);
    const now = store.get();
    if (now.network?.id !== id) return;
    const accuracy = train && { train: train.accuracy, test: test?.accuracy };
    store.update({
      ...framePieces({ example, grid, accuracy }),
      history: fresh ? mergeHistory(now.history, since, fresh) : now.history,
      lastStep: lastStep ?? now.lastStep,
    });
    if (now.inspected) await explainInspected({ record: false });
  } catch (error) {
    if (isDivergence(error) && store.get().network?.id === id) markDiverged(error);
    else report(error, { quiet: true });
  }
}

/** Diverged: only the loss history (the values of the weights shown cannot be computed). */
async function loadHistory(id, since) {
  try {
    const fresh = await api.history(id, since);
    const now = store.get();
    if (now.network?.id === id) store.update({ history: mergeHistory(now.history, since, fresh) });
  } catch (error) {
    report(error, { quiet: true });
  }
}

/** Fetch the chain rule of the inspected link into the store. */
export async function explainInspected({ record = false } = {}) {
  const { inspected, network } = store.get();
  if (!inspected || !network) return;
  const explained = await api.explain(network.id, inspected, { record });
  if (store.get().inspected === inspected) store.update({ explained });
}
