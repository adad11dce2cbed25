// @ts-check
// The views that make the page usable without sight, a mouse or the default colours:
// the graph as a table, the words after each step, and this reader's display choices;
// and a control reached by keyboard is scrolled fully into view (Chromium leaves one that is
// partly visible where it is, its focus ring cut by the column's edge).

import { mountAnnounce } from "./announce.js";
import { mountGraphTable } from "./graph-table.js";
import { mountPrefs } from "./prefs.js";

export function mountAccess() {
  mountGraphTable();
  mountAnnounce();
  mountPrefs();
  document.addEventListener("focusin", (event) => {
    const el = /** @type {Element} */ (event.target);
    // not the graph's units and links: scrolling would move the drawing under them; and only
    // focus by keyboard (:focus-visible): a button scrolled between mousedown and mouseup
    // loses its click (Next at the bottom of a lesson panel did nothing)
    if (el instanceof HTMLElement && !el.closest(".graph") && el.matches(":focus-visible"))
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
}
