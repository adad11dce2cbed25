// @ts-check
// Reading a number the user typed, strictly: the whole text is one decimal number, or it
// is refused with the reason (never "1,5" read as 15 or "1e20" as 1). What the number may
// be (positive, whole, at most ...) is the server's to say.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a text holds, or why it holds none ("empty", "comma", "notNumber").
 * @param {string} text
 * @returns {{value: number} | {error: "empty" | "comma" | "notNumber"}}
 */
export function parseNumber(text) {
  const s = text.trim();
  if (s === "") return { error: "empty" };
  if (/^[+-]?[\d.]*,[\d.,]*$/.test(s)) return { error: "comma" };
  if (!DECIMAL.test(s)) return { error: "notNumber" };
  const value = Number(s);
  return Number.isFinite(value) ? { value } : { error: "notNumber" };
}
