// @ts-check
// The colour scheme: the system's prefers-color-scheme until the switch is used, then the
// reader's choice, remembered in this browser (the main page and the teacher's view share it).

const THEME_KEY = "bpv-theme";

/** A remembered value (null: none, or storage is off). @param {string} key */
export function recall(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remember a value (storage may be off: then only this page has it). @param {string} key @param {string} value */
export function keep(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // not remembered
  }
}

/** <html data-theme> from the system or the remembered choice; `button` switches it. @param {HTMLElement} button */
export function mountTheme(button) {
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  /** @param {boolean} dark */
  const show = (dark) => {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    button.setAttribute("aria-pressed", String(dark));
  };
  const chosen = () => recall(THEME_KEY);
  show(chosen() ? chosen() === "dark" : system.matches);
  system.addEventListener("change", () => chosen() || show(system.matches));
  button.addEventListener("click", () => {
    const dark = document.documentElement.dataset.theme !== "dark";
    keep(THEME_KEY, dark ? "dark" : "light");
    show(dark);
  });
}
