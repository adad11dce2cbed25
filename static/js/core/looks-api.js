// @ts-check
// The deeper looks at one network: every example's pull on a weight, the loss around two
// weights, and the warning signs (dead, saturated, vanishing, exploding).

import { request } from "./api.js";

/** @param {string} id */
const of = (id) => `/api/networks/${encodeURIComponent(id)}`;

/** A link as query fields, each name prefixed ("x_layer", ...). @param {{layer: number, to: number, from: number | null}} link @param {string} [prefix] */
export function linkQuery({ layer, to, from }, prefix = "") {
  const query = new URLSearchParams({ [`${prefix}layer`]: String(layer), [`${prefix}to`]: String(to) });
  if (from !== null && from !== undefined) query.set(`${prefix}from`, String(from));
  return query;
}

/** GET .../pulls: every training row's dE_i/dw. @param {string} id @param {any} link */
export const pulls = (id, link) => request("GET", `${of(id)}/pulls?${linkQuery(link)}`);

/**
 * GET .../landscape: E over a grid of two parameters around now.
 * @param {string} id @param {any} x @param {any} y @param {number | null} radius
 * @param {number | null} resolution points along each axis (null: the server's default)
 */
export function landscape(id, x, y, radius, resolution, { record = false } = {}) {
  const query = new URLSearchParams([...linkQuery(x, "x_"), ...linkQuery(y, "y_")]);
  if (radius !== null) query.set("radius", String(radius));
  if (resolution !== null) query.set("resolution", String(resolution));
  return request("GET", `${of(id)}/landscape?${query}`, undefined, { record });
}

/** GET .../health: dead and saturated units, each layer's gradient norm. @param {string} id */
export const health = (id) => request("GET", `${of(id)}/health`);
