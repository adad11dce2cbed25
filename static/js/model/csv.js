// @ts-check
// A CSV's header row, read only to offer its columns as the target (the server reads the
// whole file, and says what is wrong with it). Pure: no DOM.

/**
 * The column names of the first non-blank line (fields may be quoted, "" is a quote).
 * @param {string} text
 * @returns {string[]}
 */
export function csvHeader(text) {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "");
  if (line === undefined) return [];
  /** @type {string[]} */
  const names = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      names.push(field);
      field = "";
    } else field += c;
  }
  names.push(field);
  return names.map((n) => n.trim());
}
