// @ts-check
// The views that make the page usable without sight, a mouse or the default colours:
// the graph as a table, the words after each step, and this reader's display choices.

import { mountAnnounce } from "./announce.js";
import { mountGraphTable } from "./graph-table.js";
import { mountPrefs } from "./prefs.js";

export function mountAccess() {
  mountGraphTable();
  mountAnnounce();
  mountPrefs();
}
