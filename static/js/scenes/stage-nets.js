// @ts-check
// The stage's networks: their rows, history, grid and accuracy fetched; forks of one
// network (POST fork), one per settings, for the compare view and the lessons that use it.

import * as api from "../core/api.js";
import { decodeGrid } from "../model/grid.js";
import { emptyHistory, mergeHistory } from "../model/history.js";

const GRID_RESOLUTION = 30;

/** @typedef {import("../core/state.js").StageNet} StageNet */

/** A network's grid and accuracy (POST /forward's, on its training set). @param {StageNet} net */
export async function refreshNet(net) {
  const id = net.state.id;
  const [grid, all] = await Promise.all([api.grid(id, GRID_RESOLUTION), api.forward(id, { split: "train" })]);
  return { ...net, grid: decodeGrid(grid), accuracy: all.accuracy ?? null, outputs: all.outputs };
}

/**
 * Stage networks of these states, with their rows, history so far, grid and accuracy.
 * @param {any[]} states @param {string[]} presets each one's preset ("" for a fork)
 */
export async function netsOf(states, presets) {
  const [data, histories] = await Promise.all([
    Promise.all(states.map((s) => api.dataset(s.id))),
    Promise.all(states.map((s) => api.history(s.id))),
  ]);
  /** @type {StageNet[]} */
  const nets = states.map((state, i) => ({
    preset: presets[i],
    state,
    data: data[i],
    history: mergeHistory(emptyHistory(), null, histories[i]),
    grid: null,
    accuracy: null,
    outputs: null,
    failed: null,
  }));
  return Promise.all(nets.map(refreshNet));
}

/** The settings that fork `source` again into network `state` (its rule, rate, batch). @param {any} state */
export const forkSettings = (state) => ({
  learning_rate: state.learning_rate,
  batch_size: state.batch_size,
  optimizer: state.optimizer,
});

/**
 * Forks of network `source`, one per settings (POST fork's body), as stage networks.
 * @param {string} source @param {Record<string, any>[]} settings
 */
export async function forkNets(source, settings) {
  const states = await Promise.all(settings.map((body) => api.fork(source, body)));
  return netsOf(
    states,
    states.map(() => ""),
  );
}

/** The URL's name of a user's compare view: the source, then each fork. @param {string} source @param {StageNet[]} nets */
export const compareKey = (source, nets) => [source, ...nets.map((n) => n.state.id)].join(".");
