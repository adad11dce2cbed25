// @ts-check
// A modal dialog's focus: it takes focus when it opens, keeps Tab and Shift+Tab inside
// itself while open, and gives focus back to where it was when it closes.

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Manage the focus of the dialog in `overlay`; call the returned function with its open state.
 * @param {HTMLElement} overlay
 * @returns {(open: boolean) => void}
 */
export function modalFocus(overlay) {
  const my = { back: /** @type {HTMLElement | null} */ (null), open: false };
  const inside = () => /** @type {HTMLElement[]} */ ([...overlay.querySelectorAll(FOCUSABLE)]);
  overlay.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const all = inside();
    const first = all[0];
    const last = all[all.length - 1];
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
  });
  return (open) => {
    if (open === my.open) return;
    my.open = open;
    if (open) {
      my.back = /** @type {HTMLElement | null} */ (document.activeElement);
      inside()[0]?.focus();
    } else if (my.back?.isConnected) my.back.focus();
  };
}
