// @ts-check
// The curl command equivalent to one request: the page doubles as a tour of the REST API.

/**
 * A string as one single-quoted shell word ('it'\''s').
 * @param {string} text
 */
export const shellQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * The curl command for `method path` with an optional JSON body, against `origin`.
 * @param {string} origin e.g. "http://127.0.0.1:8000"
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
export function curlFor(origin, method, path, body) {
  const parts = ["curl"];
  if (method !== "GET") parts.push(`-X ${method}`);
  parts.push(shellQuote(`${origin}${path}`));
  if (body !== undefined) {
    parts.push("-H 'Content-Type: application/json'");
    parts.push(`-d ${shellQuote(JSON.stringify(body))}`);
  }
  return parts.join(" ");
}
