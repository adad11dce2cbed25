// @ts-check
// The calls to /api/class: the teacher's (with the teacher token as a Bearer header) and a
// student's (locks, the latest push, their display name, the class's event stream).

import { reach, refusal } from "./api.js";

/**
 * A call to /api/class; the teacher's token, when given, as a Bearer header.
 * @param {string} path @param {{token?: string, method?: string, body?: unknown}} [options]
 */
async function call(path, { token = "", method = "GET", body } = {}) {
  /** @type {Record<string, string>} */
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const response = await reach(`/api/class${path}`, init);
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw refusal(response, data);
  }
  return response;
}

/**
 * GET /api/class: every student's network, with boundary thumbnails of `thumb` points a side.
 * @param {string} token @param {number} [thumb]
 * @returns {Promise<{networks: any[]}>}
 */
export const classList = async (token, thumb = 0) => (await call(thumb ? `?thumbnail=${thumb}` : "", { token })).json();

/** PUT /api/class/locks. @param {string} token @param {{actions: string[], fixed: Record<string, boolean>}} locks */
export const putLocks = async (token, locks) => (await call("/locks", { token, method: "PUT", body: locks })).json();

/** GET /api/class/locks: what the teacher locked, and what each lockable action covers. */
export const getLocks = async () => (await call("/locks")).json();

/** POST /api/class/push: a preset, a network export or a lesson step. @param {string} token @param {object} body */
export const push = async (token, body) => (await call("/push", { token, method: "POST", body })).json();

/** POST /api/class/exercises: write an exercise. @param {string} token @param {object} body */
export const writeExercise = async (token, body) => (await call("/exercises", { token, method: "POST", body })).json();

/** DELETE /api/class/exercises/{id}: delete one the teacher wrote. @param {string} token @param {string} id */
export const deleteExercise = async (token, id) =>
  void (await call(`/exercises/${encodeURIComponent(id)}`, { token, method: "DELETE" }));

/** GET /api/class/pushed: the latest push (404 before the first). */
export const pushed = async () => (await call("/pushed")).json();

/** PUT /api/class/me: the name the teacher sees. @param {string} name */
export const setName = async (name) => (await call("/me", { method: "PUT", body: { display_name: name } })).json();

/** GET /api/class/me: this student's id and name. */
export const me = async () => (await call("/me")).json();

/**
 * GET /api/class/snapshot as a file to save: its Blob and the name the server gives it.
 * @param {string} token @param {"json" | "csv"} format
 */
export async function snapshot(token, format) {
  const response = await call(`/snapshot?format=${format}`, { token });
  const named = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return { blob: await response.blob(), name: named ? named[1] : `class-${stamp}.${format}` };
}

/**
 * Follow GET /api/class/events: each `class` event's data to `onEvent`. Read with fetch,
 * not EventSource, so that the teacher can send the token as a header.
 * Resolves when the stream ends (the server stopped, or the call failed).
 * @param {string} token @param {(data: any) => void} onEvent
 */
export async function followClass(token, onEvent) {
  const response = await call("/events", { token });
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").find((line) => line.startsWith("data: "));
      if (block.startsWith("event: class") && data) onEvent(JSON.parse(data.slice(6)));
    }
  }
}
