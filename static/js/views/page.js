// @ts-check
// The page as a whole: its static texts in the current language, whether it is idle (for
// tests and scripts: nothing queued, fetching or playing), and resizing.

import { applyI18n } from "../core/i18n.js";
import { store } from "../core/store.js";
import { watch } from "./watch.js";

const RESIZE_SETTLE_MS = 100;

export function mountPage() {
  watch(
    (s) => [s.lang, s.tables],
    () => applyI18n(),
  );
  watch(
    (s) => [s.busy, s.refreshing, s.playing, s.walking],
    (s) => (document.body.dataset.idle = String(!s.busy && !s.refreshing && !s.playing && !s.walking)),
  );
  const resize = { timer: /** @type {any} */ (null) };
  window.addEventListener("resize", () => {
    clearTimeout(resize.timer);
    resize.timer = setTimeout(() => store.update((s) => ({ layout: s.layout + 1 })), RESIZE_SETTLE_MS);
  });
}
