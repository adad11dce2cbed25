// @ts-check
// /embed on a shared server: a line saying whose network the frame shows (the page
// author's, until the first action makes the viewer's own copy: scenes/embed.js).

import { t } from "../core/i18n.js";
import { embedsShared } from "../scenes/embed.js";
import { $, watch } from "./watch.js";

/** Mount the line in #embed-note (only in a shared /embed). */
export function mountEmbedNote() {
  if (!embedsShared()) return;
  watch(
    (s) => [s.network, s.embedCopy, s.lang],
    (s) => {
      const note = $("embed-note");
      note.hidden = !s.network;
      note.dataset.copy = String(Boolean(s.embedCopy));
      if (!s.network) return;
      note.textContent = s.embedCopy
        ? t("embed.copy", { name: s.embedCopy.name })
        : t("embed.shared", { name: s.network.name });
    },
  );
}
