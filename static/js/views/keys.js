// @ts-check
// The keyboard: each key acts on the active scene (the main network or the lesson stage).

import { store, updateUi } from "../core/store.js";
import { VIEWS } from "../core/hash.js";

/**
 * @param {{scene: () => any, main: import("../scenes/main.js").MainScene, lessons: any}} deps
 */
export function bindKeys({ scene, main, lessons }) {
  if (document.body.dataset.embed !== undefined) return; // /embed: only the frame's own buttons act
  /** @type {Record<string, () => void>} */
  const keys = {
    " ": () => scene().togglePlay(),
    ArrowRight: () => (store.get().ui.st && scene() === main ? main.nextPhase() : scene().step()),
    s: () => scene().step(),
    ArrowLeft: () => main.prevPhase(),
    z: () => scene().undo(),
    r: () => scene().reset(),
    t: () => scene() === main && main.toggleStepThrough(),
    p: () => store.get().ui.st && scene() === main && main.toggleWalk(),
    1: () => updateUi({ view: VIEWS[0] }),
    2: () => updateUi({ view: VIEWS[1] }),
    3: () => updateUi({ view: VIEWS[2] }),
    b: () => updateUi({ bias: !store.get().ui.bias }),
    l: () => lessons.toggleMenu(),
    "[": () => lessons.move(-1),
    "]": () => lessons.move(+1),
    "?": () => store.update((s) => ({ helpOpen: !s.helpOpen })),
    Escape: () => {
      store.update({ helpOpen: false });
      lessons.toggleMenu(false);
      main.closeInspector();
    },
  };
  document.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName) || event.ctrlKey || event.metaKey || event.altKey)
      return;
    const handler = keys[event.key];
    if (!handler || !store.get().network) return;
    event.preventDefault();
    if (target.tagName === "BUTTON") target.blur();
    handler();
  });
}
