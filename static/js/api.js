// Every call to the REST API, and nothing else. Each user action is also reported as
// the equivalent curl command, so the page doubles as a tour of the API.

const JSON_HEADERS = { "Content-Type": "application/json" };

/** An API error: `status` is the HTTP status, `detail` the server's message. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(formatDetail(detail));
    this.status = status;
    this.detail = detail;
  }
}

function formatDetail(detail) {
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).slice(1).join(".") || "request"}: ${d.msg}`).join("; ");
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

let actionListener = () => {};

/** Register fn(curlCommand) to be told about every user action's REST call. */
export function onAction(fn) {
  actionListener = fn;
}

/** The curl command equivalent to one request against this page's server. */
export function curlFor(method, path, body) {
  const url = `${window.location.origin}${path}`;
  const parts = ["curl"];
  if (method !== "GET") parts.push(`-X ${method}`);
  parts.push(`'${url}'`);
  if (body !== undefined) {
    parts.push("-H 'Content-Type: application/json'");
    parts.push(`-d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  }
  return parts.join(" ");
}

async function request(method, path, body, { record = false } = {}) {
  if (record) actionListener(curlFor(method, path, body));
  const init = { method, headers: body === undefined ? {} : JSON_HEADERS };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data ? data.detail : response.statusText);
  return data;
}

const net = (id) => `/api/networks/${encodeURIComponent(id)}`;

/** GET /api/presets (an empty list when the server has none). */
export async function listPresets() {
  try {
    return await request("GET", "/api/presets");
  } catch (error) {
    if (error.status === 404) return [];
    throw error;
  }
}

/** GET /api/datasets. */
export const listDatasets = () => request("GET", "/api/datasets");

/** POST /api/networks: a new network from a create body. */
export const createNetwork = (body) => request("POST", "/api/networks", body, { record: true });

/** GET /api/networks/{id}: the NetworkState. */
export const getNetwork = (id) => request("GET", net(id));

/** PATCH /api/networks/{id}: learning rate, batch size and the like. */
export const patchNetwork = (id, body) => request("PATCH", net(id), body, { record: true });

/** PUT /api/networks/{id}/weights with one value; from = null addresses the bias. */
export const setWeight = (id, layer, to, from, value) =>
  request("PUT", `${net(id)}/weights`, { layer, to, from, value }, { record: true });

/** POST /api/networks/{id}/step: one backprop step with everything it computed. */
export const step = (id, { lean = false } = {}) =>
  request("POST", `${net(id)}/step${lean ? "?lean=true" : ""}`, {}, { record: true });

/** POST /api/networks/{id}/train: several steps in one request. */
export const train = (id, steps) => request("POST", `${net(id)}/train`, { steps }, { record: true });

/** POST /api/networks/{id}/undo: back one step, exactly. */
export const undo = (id) => request("POST", `${net(id)}/undo`, undefined, { record: true });

/** POST /api/networks/{id}/forward for given inputs (and targets, for the loss). */
export const forward = (id, inputs, targets) =>
  request("POST", `${net(id)}/forward`, targets ? { inputs, targets } : { inputs });

/** GET /api/networks/{id}/explain: the chain-rule factors of one weight's gradient. */
export function explain(id, layer, to, from, { record = true } = {}) {
  const query = new URLSearchParams({ layer, to });
  if (from !== null && from !== undefined) query.set("from", from);
  return request("GET", `${net(id)}/explain?${query}`, undefined, { record });
}

/** GET /api/networks/{id}/history: loss per step. */
export const history = (id) => request("GET", `${net(id)}/history`);

/** GET /api/networks/{id}/dataset: the training (and test) points. */
export const dataset = (id) => request("GET", `${net(id)}/dataset`);

/** GET /api/networks/{id}/grid: every unit's output over the input plane. */
export const grid = (id, resolution) => request("GET", `${net(id)}/grid?resolution=${resolution}`);

/** Decode one float32-le-base64 grid into a Float32Array. */
export function decodeFloat32(b64) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}

/**
 * Follow a network's event stream (light: {id, revision, step} per change, so a big
 * network's state is fetched only when it is needed); returns the EventSource.
 */
export function followEvents(id, { onRevision, onDeleted }) {
  const source = new EventSource(`${net(id)}/events?light=true`);
  source.addEventListener("revision", (event) => onRevision(JSON.parse(event.data)));
  source.addEventListener("deleted", () => onDeleted());
  return source;
}

/** GET /api/networks/{id}/last-step: the last step again, in full (409 when there is none). */
export const lastStep = (id) => request("GET", `${net(id)}/last-step`);

/** PUT /api/networks/{id}/weights with every weight and bias. */
export const setAllWeights = (id, weights, biases) =>
  request("PUT", `${net(id)}/weights`, biases ? { weights, biases } : { weights }, { record: true });

/** GET /api/lessons: the article's lessons (texts in English and Chinese). */
export const lessons = () => request("GET", "/api/lessons");

/** GET /api/activations: every hidden activation g(z) and g'(z), sampled. */
export const activations = (points = 121, limit = 6) =>
  request("GET", `/api/activations?points=${points}&limit=${limit}`, undefined, { record: true });

/** GET /api/softmax: softmax(z), and with a target class E = -ln p[target]. */
export function softmax(z, target = null, { record = true } = {}) {
  const query = new URLSearchParams();
  z.forEach((v) => query.append("z", String(v)));
  if (target !== null) query.set("target", String(target));
  return request("GET", `/api/softmax?${query}`, undefined, { record });
}
