// @ts-check
// A fork's settings sent as one PATCH: each item of a refusal (422) is put beside the
// field it names, the rest beside the fork's settings; an accepted PATCH clears them.

import { formatDetail } from "../core/api.js";
import { store } from "../core/store.js";

/**
 * The part of a 422 item's loc a field answers to, without "body" and the rule's tag:
 * ["body", "optimizer", "sgd", "momentum"] -> "optimizer.momentum".
 * @param {any[]} loc @param {Record<string, any>} body the PATCH's
 */
export function pathOf(loc, body) {
  const path = loc.slice(1);
  if (path[0] === "optimizer" && path[1] === body.optimizer?.name) path.splice(1, 1);
  return path.join(".");
}

/**
 * Send `body`; a refusal's items go to fieldErrors `${key}:${field id}` (the field
 * `fieldOf` names for its path) or, for no field, `key`.
 * @param {string} key @param {Record<string, any>} body
 * @param {(path: string) => string | null} fieldOf @param {() => Promise<unknown>} send
 */
export async function submitFields(key, body, fieldOf, send) {
  /** @type {Record<string, string>} */
  const errors = {};
  try {
    await send();
  } catch (error) {
    if (error?.status !== 422) throw error;
    const items = Array.isArray(error.detail) ? error.detail : [];
    for (const item of items) {
      const id = fieldOf(pathOf(item.loc ?? [], body));
      const at = id ? `${key}:${id}` : key;
      errors[at] = [errors[at], formatDetail([item])].filter(Boolean).join("; ");
    }
    if (items.length === 0) errors[key] = error.message;
  }
  store.update((s) => {
    const kept = Object.entries(s.fieldErrors).filter(([k]) => k !== key && !k.startsWith(`${key}:`));
    return { fieldErrors: { ...Object.fromEntries(kept), ...errors } };
  });
}
