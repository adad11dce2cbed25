// @ts-check
// Every call to the REST API, and nothing else. A user action's call is also put in the
// store as the equivalent curl command (the "Copy as curl" card).

import { curlFor } from "../model/curl.js";
import { BINARY_TYPE, readBinary } from "../model/packed.js";
import { reasonOf } from "./i18n.js";
import { store } from "./store.js";

const JSON_HEADERS = { "Content-Type": "application/json" };
const OWNER_HEADER = "X-Owner-Token"; // app/api/owners.py
const BINARY = "arrays=binary"; // a large network's arrays: bytes after a JSON header, read in place

/** An API error: `status` is the HTTP status, `detail` the server's message. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {unknown} detail
   * @param {string} [lock]
   */
  constructor(status, detail, lock = "") {
    super(formatDetail(detail));
    this.status = status;
    this.detail = detail;
    /** the teacher's lock that refused the call (X-Class-Lock), or "" */
    this.lock = lock;
    /** @type {any} why a divergent step was refused (a 409's diagnosis), or null */
    this.diagnosis = null;
    /** a 503's Retry-After in seconds (0 when it gave none) */
    this.retryAfter = 0;
  }
}

/**
 * FastAPI's detail as one line, each refusal in the page's language: "learning_rate: must be > 0; ...".
 * @param {unknown} detail
 */
export function formatDetail(detail) {
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).slice(1).join(".") || "request"}: ${reasonOf(d)}`).join("; ");
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{record?: boolean}} [options] record: a user action, shown as curl
 */
export async function request(method, path, body, options = {}) {
  return (await exchange(method, path, body, options)).data;
}

/**
 * request(), with the response's headers; the store's owner token (an /embed viewer's copy)
 * rides in X-Owner-Token.
 * @param {string} method @param {string} path @param {unknown} [body] @param {{record?: boolean}} [options]
 */
async function exchange(method, path, body, { record = false } = {}) {
  const { ownerToken } = store.get();
  /** @type {Record<string, string>} */
  const headers = body === undefined ? {} : { ...JSON_HEADERS };
  if (ownerToken) headers[OWNER_HEADER] = ownerToken;
  /** @type {RequestInit} */
  const init = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  const answered = reach(path, init);
  // shown once the request is on its way; a binary call as its JSON form: the same numbers,
  // readable in a terminal
  if (record)
    store.update({ curl: curlFor(window.location.origin, method, path.replace(BINARY, "arrays=base64"), body) });
  const response = await answered;
  if (response.status === 204) return { data: null, headers: response.headers };
  const binary = response.ok && response.headers.get("Content-Type") === BINARY_TYPE;
  const data = binary ? readBinary(await response.arrayBuffer()) : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(refusal(response, data), { code: data?.code ?? null }); // a 409's kind
  return { data, headers: response.headers };
}

/** The ApiError of a refused call. @param {Response} response @param {any} data */
export function refusal(response, data) {
  const error = new ApiError(
    response.status,
    data ? data.detail : response.statusText,
    response.headers.get("X-Class-Lock") ?? "",
  );
  error.diagnosis = data?.diagnosis ?? null;
  error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
  return error;
}

/**
 * fetch(), with a server that does not answer (fetch's TypeError) as an ApiError of status 0
 * and the store's `offline` set; any answer clears it.
 * @param {string} path @param {RequestInit} init
 */
export async function reach(path, init = {}) {
  try {
    const response = await fetch(path, init);
    if (store.get().offline) store.update({ offline: false });
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    if (!store.get().offline) store.update({ offline: true });
    throw new ApiError(UNREACHABLE, "the server does not answer");
  }
}

/** The status of an ApiError when no answer came at all. */
export const UNREACHABLE = 0;

/** @param {string} id */
const net = (id) => `/api/networks/${encodeURIComponent(id)}`;
const RECORD = { record: true };

/** GET /api/config: option lists and limits. */
export const config = () => request("GET", "/api/config");

/** GET /api/presets (an empty list when the server has none). */
export async function listPresets() {
  try {
    return await request("GET", "/api/presets");
  } catch (error) {
    if (error.status === 404) return [];
    throw error;
  }
}

/** GET /api/embed: the controls an /embed link may name, and the sites that may frame it. */
export const embedOptions = () => request("GET", "/api/embed");

/** GET /api/datasets. */
export const listDatasets = () => request("GET", "/api/datasets");

/** GET /api/lessons: the article's lessons (texts in English and Chinese). */
export const lessons = () => request("GET", "/api/lessons");

/** POST /api/networks: a new network from a create body. @param {object} body */
export const createNetwork = (body) => request("POST", "/api/networks", body, RECORD);

/** GET /api/networks: a summary of every network (in shared mode, this client's). */
export const listNetworks = () => request("GET", "/api/networks");

/** GET /api/networks/{id}/export: a document that recreates the network exactly. @param {string} id */
export const exportNetwork = (id) => request("GET", `${net(id)}/export`, undefined, RECORD);

/** POST /api/networks/import: a new network from an export document. @param {object} doc */
export const importNetwork = (doc) => request("POST", "/api/networks/import", doc);

/** DELETE /api/networks/{id}. @param {string} id */
export const deleteNetwork = (id) => request("DELETE", net(id), undefined, RECORD);

/** GET /api/networks/{id}/gradient-check: backprop against centred differences. @param {string} id */
export const gradientCheck = (id) => request("GET", `${net(id)}/gradient-check`, undefined, RECORD);

/** GET /api/networks/{id}: the NetworkState (packed: its arrays packed). @param {string} id */
export const getNetwork = async (id, { packed = false } = {}) =>
  request("GET", packed ? `${net(id)}?${BINARY}` : net(id));

/** PATCH /api/networks/{id}: learning rate, batch size and the like. @param {string} id @param {object} body */
export const patchNetwork = (id, body) => request("PATCH", net(id), body, RECORD);

/**
 * PUT /api/networks/{id}/weights with one value (link.from null: the bias).
 * @param {string} id
 * @param {import("../model/links.js").LinkId} link
 * @param {number} value
 */
export const setWeight = (id, { layer, to, from }, value) =>
  request("PUT", `${net(id)}/weights`, { layer, to, from, value }, RECORD);

/**
 * PUT /api/networks/{id}/weights with every weight (and bias).
 * @param {string} id
 * @param {number[][][]} weights
 * @param {number[][]} [biases]
 */
export const setAllWeights = (id, weights, biases) =>
  request("PUT", `${net(id)}/weights`, biases ? { weights, biases } : { weights }, RECORD);

/**
 * POST /api/networks/{id}/step; lean: without the parameters before it, and with the arrays
 * packed (binary float64) for the page to read in place.
 * @param {string} id
 */
export const step = async (id, { lean = false } = {}) =>
  lean
    ? request("POST", `${net(id)}/step?lean=true&${BINARY}`, {}, RECORD)
    : request("POST", `${net(id)}/step`, {}, RECORD);

/** The `train` duration (ms) of a Server-Timing header, null without one. @param {string | null} header */
export const trainMsOf = (header) => {
  const match = /(?:^|,)\s*train;dur=([0-9.]+)/.exec(header ?? "");
  return match ? Number(match[1]) : null;
};

/**
 * POST /api/networks/{id}/train: several steps in one request; frame: what the next frame
 * draws, answered with them; packed: the state's arrays packed (a large network). trainMs:
 * the server's time for the steps themselves (its Server-Timing), null without it.
 * @param {string} id @param {number} steps
 * @param {{packed?: boolean, frame?: object | null}} [options]
 */
export const train = async (id, steps, { packed = false, frame = null } = {}) => {
  const body = frame ? { steps, frame } : { steps };
  const path = `${net(id)}/train${packed ? `?${BINARY}` : ""}`;
  const { data, headers } = await exchange("POST", path, body, RECORD);
  const trainMs = trainMsOf(headers.get("Server-Timing"));
  return { ...data, trainMs };
};

/**
 * POST /api/networks/{id}/fork: a copy (parameters, optimizer state, data, batch position) with
 * the settings given changed.
 * @param {string} id @param {Record<string, any>} settings
 */
export const fork = (id, settings) => request("POST", `${net(id)}/fork`, settings, RECORD);

/**
 * POST /api/networks/{id}/fork as this viewer's own copy: its state, and the owner token
 * the server handed over with it (X-Owner-Token; a framed page may get no cookie).
 * @param {string} id
 */
export async function forkOwn(id) {
  const { data, headers } = await exchange("POST", `${net(id)}/fork`, {}, RECORD);
  return { state: data, token: headers.get(OWNER_HEADER) ?? "" };
}

/** POST /api/networks/{id}/undo: back one step, exactly. @param {string} id */
export const undo = (id) => request("POST", `${net(id)}/undo`, undefined, RECORD);

/**
 * POST /api/networks/{id}/forward: for given rows, or a split of the network's own data
 * ({split: "train" | "test"}), with the loss and the accuracy when there are targets.
 * @param {string} id
 * @param {{inputs?: number[][], targets?: number[][], split?: "train" | "test"}} body
 */
export const forward = (id, body) => request("POST", `${net(id)}/forward`, body);

/**
 * GET /api/networks/{id}/explain: the chain-rule factors of one weight's gradient.
 * @param {string} id
 * @param {import("../model/links.js").LinkId} link
 */
export function explain(id, { layer, to, from }, { record = true } = {}) {
  const query = new URLSearchParams({ layer: String(layer), to: String(to) });
  if (from !== null && from !== undefined) query.set("from", String(from));
  return request("GET", `${net(id)}/explain?${query}`, undefined, { record });
}

/** GET /api/networks/{id}/history (since: only steps after it). @param {string} id @param {number | null} since */
export const history = (id, since = null) =>
  request("GET", `${net(id)}/history${since === null ? "" : `?since=${since}`}`);

/** GET /api/networks/{id}/dataset: the training (and test) rows. @param {string} id */
export const dataset = (id) => request("GET", `${net(id)}/dataset`);

/** GET /api/networks/{id}/grid: every unit's output over the input plane. @param {string} id @param {number} resolution */
export const grid = (id, resolution) => request("GET", `${net(id)}/grid?resolution=${resolution}`);

/**
 * GET /api/networks/{id}/last-step: the last step again, in full (409 when there is none;
 * packed: its arrays packed).
 * @param {string} id
 */
export const lastStep = async (id, { packed = false } = {}) =>
  request("GET", packed ? `${net(id)}/last-step?${BINARY}` : `${net(id)}/last-step`);

/** GET /api/activations: every hidden activation g(z) and g'(z), sampled. */
export const activations = (points = 121, limit = 6) =>
  request("GET", `/api/activations?points=${points}&limit=${limit}`, undefined, RECORD);

/**
 * GET /api/softmax: softmax(z), and with a target class E = -ln p[target].
 * @param {number[]} z
 * @param {number | null} [target]
 */
export function softmax(z, target = null, { record = true } = {}) {
  const query = new URLSearchParams();
  z.forEach((v) => query.append("z", String(v)));
  if (target !== null) query.set("target", String(target));
  return request("GET", `/api/softmax?${query}`, undefined, { record });
}

/**
 * Follow a network's light event stream ({id, revision, step} per change); returns it.
 * @param {string} id
 * @param {{onRevision: (change: {id: string, revision: number, step: number}) => void, onDeleted: () => void, onOpen: () => void}} handlers
 */
export function followEvents(id, { onRevision, onDeleted, onOpen }) {
  const source = new EventSource(`${net(id)}/events?light=true`);
  source.addEventListener("open", () => onOpen());
  source.addEventListener("revision", (event) => onRevision(JSON.parse(event.data)));
  source.addEventListener("deleted", () => onDeleted());
  return source;
}
