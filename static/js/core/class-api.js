// @ts-check
// The teacher's calls to /api/class, with the teacher token as a Bearer header.

import { ApiError, reach } from "./api.js";

/**
 * GET /api/class: every student's network.
 * @param {string} token the teacher token
 * @returns {Promise<{networks: any[]}>}
 */
export async function classList(token) {
  const response = await reach("/api/class", { headers: { Authorization: `Bearer ${token}` } });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data ? data.detail : response.statusText);
  return data;
}
