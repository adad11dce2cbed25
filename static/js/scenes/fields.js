// @ts-check
// A typed field's value sent to the server: a text that is no number, or a number the
// server refuses (422), stays in the field with the reason beside it (the store's
// fieldErrors); an accepted one clears it.

import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { parseNumber } from "../model/numbers.js";

/** Set (or with null clear) the reason beside a field. @param {string} id @param {string | null} reason */
export function setFieldError(id, reason) {
  store.update((s) => {
    if ((s.fieldErrors[id] ?? null) === reason) return null;
    const fieldErrors = { ...s.fieldErrors };
    if (reason === null) delete fieldErrors[id];
    else fieldErrors[id] = reason;
    return { fieldErrors };
  });
}

/**
 * Parse `raw` and send its number; a refusal is shown beside the field `id`, not toasted.
 * @param {string} id
 * @param {string} raw
 * @param {(value: number) => Promise<unknown>} send
 */
export async function submitNumber(id, raw, send) {
  const parsed = parseNumber(raw);
  if ("error" in parsed) return setFieldError(id, t(`field.${parsed.error}`, { text: raw.trim() }));
  return submitValue(id, () => send(parsed.value));
}

/** Send a field's value; a 422 is shown beside the field `id`. @param {string} id @param {() => Promise<unknown>} send */
export async function submitValue(id, send) {
  try {
    await send();
    setFieldError(id, null);
  } catch (error) {
    if (error?.status !== 422) throw error;
    setFieldError(id, error.message);
  }
}
