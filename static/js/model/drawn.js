// @ts-check
// Drawn data: points added, erased and moved between train and test on the boundary plot,
// and the inline dataset a PATCH sends for them. Pure: no DOM, no store.

import { classOf } from "./classes.js";

/**
 * A dataset's rows, as GET /dataset gives them (the 2-D points, also with features).
 * @typedef {{inputs: number[][], targets: number[][], test_inputs?: number[][] | null, test_targets?: number[][] | null}} Rows
 */

/** A point in the plot's coordinates with the reach of a pointer there. @typedef {{x: number, y: number, rx: number, ry: number}} Near */

/** Every row of both splits, with its split. @param {Rows} rows */
function allRows(rows) {
  const train = rows.inputs.map((x, i) => ({ x, t: rows.targets[i], test: false }));
  const test = (rows.test_inputs || []).map((x, i) => ({ x, t: rows.test_targets[i], test: true }));
  return [...train, ...test];
}

/** Rows from a list of {x, t, test}. @param {{x: number[], t: number[], test: boolean}[]} list @returns {Rows} */
function fromList(list) {
  const train = list.filter((r) => !r.test);
  const test = list.filter((r) => r.test);
  return {
    inputs: train.map((r) => r.x),
    targets: train.map((r) => r.t),
    test_inputs: test.length ? test.map((r) => r.x) : null,
    test_targets: test.length ? test.map((r) => r.t) : null,
  };
}

/**
 * The target row of class k: a copy of a row already of that class when there is one,
 * else one 0/1 unit (k = 1 is 1) or one-hot over `outputs` units.
 * @param {Rows} rows
 * @param {number} k
 * @param {number} outputs
 * @param {number} centre one unit's class threshold (the middle of its activation's range)
 */
export function classTarget(rows, k, outputs, centre) {
  const found = allRows(rows).find((r) => classOf(r.t, centre) === k);
  if (found) return [...found.t];
  return outputs === 1 ? [k === 1 ? 1 : 0] : Array.from({ length: outputs }, (_, j) => (j === k ? 1 : 0));
}

/**
 * The rows with these points added to the train or the test split.
 * @param {Rows} rows
 * @param {number[][]} points
 * @param {number[]} target
 * @param {boolean} test
 */
export function addPoints(rows, points, target, test) {
  return fromList([...allRows(rows), ...points.map((x) => ({ x, t: [...target], test }))]);
}

/** Whether point x lies within the reach of `near`. @param {number[]} x @param {Near} near */
const within = (x, near) => ((x[0] - near.x) / near.rx) ** 2 + ((x[1] - near.y) / near.ry) ** 2 <= 1;

/** The rows without the points within reach. @param {Rows} rows @param {Near} near */
export const erasePoints = (rows, near) => fromList(allRows(rows).filter((r) => !within(r.x, near)));

/**
 * The rows with the point nearest to `near` (within reach) moved to the other split, and
 * whether there was one.
 * @param {Rows} rows
 * @param {Near} near
 * @returns {{rows: Rows, moved: boolean}}
 */
export function flipPoint(rows, near) {
  const list = allRows(rows);
  const dist = (r) => ((r.x[0] - near.x) / near.rx) ** 2 + ((r.x[1] - near.y) / near.ry) ** 2;
  let best = -1;
  list.forEach((r, i) => {
    if (within(r.x, near) && (best < 0 || dist(r) < dist(list[best]))) best = i;
  });
  if (best < 0) return { rows, moved: false };
  list[best] = { ...list[best], test: !list[best].test };
  return { rows: fromList(list), moved: true };
}

/** The PATCH body's dataset for drawn rows (no test split: none). @param {Rows} rows */
export const drawnDataset = (rows) => ({ ...fromList(allRows(rows)), name: "drawn" });

/** How many points both splits hold. @param {Rows} rows */
export const pointCount = (rows) => rows.inputs.length + (rows.test_inputs?.length ?? 0);

/**
 * The create body's dataset that makes the network's data again: a built-in's name, a
 * generated built-in with its settings, else the rows themselves.
 * @param {any} network a NetworkState
 * @param {{name: string}[]} builtins GET /api/datasets
 * @param {Rows | null} rows the network's rows (GET /dataset)
 */
export function datasetSpec(network, builtins, rows) {
  const { name, generation } = network.dataset;
  if (generation) {
    /** @type {Record<string, any>} */
    const spec = { generate: name };
    for (const [key, value] of Object.entries(generation)) if (value !== null) spec[key] = value;
    return spec;
  }
  if (builtins.some((d) => d.name === name) || !rows) return name;
  return { ...drawnDataset(rows), name };
}

/** Whether the network's inputs are points of the plane (maybe turned into features). @param {any} network */
export const onPlane = (network) => network.dataset.input_dim === 2 || Boolean(network.features?.length);

/**
 * Whether the output is a value rather than classes: one unit whose activation's range
 * (GET /api/config) is unbounded, so it has no class threshold (the server's accuracy is null).
 * @param {any} network
 * @param {(number | null)[]} range
 */
export const isRegression = (network, range) => network.layers.at(-1) === 1 && (range[0] === null || range[1] === null);
