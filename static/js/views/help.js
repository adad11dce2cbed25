// @ts-check
// The list of keys (in the right column and in the ? overlay), the curl card and the toast.

import { notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { modalFocus } from "./dialog.js";
import { $, html, render, watch } from "./watch.js";

const TOAST_MS = 3500;
export const KEYS = [
  ["Space", "keys.play"],
  ["→  or  s", "keys.step"],
  ["←", "keys.prevPhase"],
  ["z", "keys.undo"],
  ["r", "keys.reset"],
  ["t", "keys.stepThrough"],
  ["p", "keys.walk"],
  ["1  2  3", "keys.views"],
  ["b", "keys.bias"],
  ["l", "keys.lessons"],
  ["[  ]", "keys.lessonSteps"],
  ["↑  ↓  ←  →", "keys.graph"],
  ["?", "keys.help"],
  ["Esc", "keys.escape"],
];

const keyList = () =>
  KEYS.map(
    ([key, text]) =>
      html`<dt>
          ${key.split("  ").map((k) => (k === "or" ? ` ${t("keys.or")} ` : html`<kbd>${k === "Space" ? t("keys.space") : k}</kbd>`))}
        </dt>
        <dd>${t(text)}</dd>`,
  );

export function mountHelp() {
  const overlay = $("help-overlay");
  $("help-button").addEventListener("click", () => store.update((s) => ({ helpOpen: !s.helpOpen })));
  $("help-close").addEventListener("click", () => store.update({ helpOpen: false }));
  overlay.addEventListener("click", (e) => e.target === overlay && store.update({ helpOpen: false }));
  watch(
    (s) => [s.lang],
    () => {
      render(keyList(), $("key-list"));
      render(keyList(), $("help-key-list"));
    },
  );
  const focus = modalFocus(overlay);
  watch(
    (s) => [s.helpOpen],
    (s) => {
      overlay.hidden = !s.helpOpen;
      focus(s.helpOpen);
    },
  );
  watch(
    (s) => [s.curl, s.lang],
    (s) => ($("curl").textContent = s.curl || t("curl.empty")),
  );
  $("copy-curl").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("curl").textContent);
      notify(t("toast.copied"), "info");
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("curl"));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      notify(t("toast.selected"), "info");
    }
  });
  const toast = $("toast");
  const hide = { timer: /** @type {any} */ (null) };
  watch(
    (s) => [s.toast],
    ({ toast: shown }) => {
      if (!shown) return;
      toast.textContent = shown.message;
      toast.className = `toast ${shown.kind}`;
      toast.hidden = false;
      clearTimeout(hide.timer);
      hide.timer = setTimeout(() => (toast.hidden = true), TOAST_MS);
    },
  );
}
