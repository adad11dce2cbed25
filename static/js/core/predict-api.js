// @ts-check
// Predict, then reveal: the exercises, and a network's predictions (made before a step,
// revealed and marked by the server after it).

import { request } from "./api.js";

/** @param {string} id */
const of = (id) => `/api/networks/${encodeURIComponent(id)}/predictions`;

/** GET /api/exercises: each a preset (or a teacher's network) and a sequence of checks. */
export const exercises = () => request("GET", "/api/exercises");

/** GET /api/exercises/{id}: one, with the export of a teacher's network it starts from. @param {string} id */
export const exercise = (id) => request("GET", `/api/exercises/${encodeURIComponent(id)}`);

/** POST .../predictions: a prediction of the next step. @param {string} id @param {object} body */
export const predict = (id, body) => request("POST", of(id), body, { record: true });

/** POST .../predictions/{pid}/reveal: the step's numbers and the marks. @param {string} id @param {number} pid */
export const reveal = (id, pid) => request("POST", `${of(id)}/${pid}/reveal`, undefined, { record: true });

/** GET .../predictions: every prediction of a network and its score. @param {string} id */
export const predictions = (id) => request("GET", of(id));
