// @ts-check
// /embed on a shared server: anyone may watch a network, only its creator may change it. So
// the frame's buttons act on the viewer's own copy (a fork made on the first action, changed
// with the owner token it came with) and the embedded original stays as it is for everyone.

import * as api from "../core/api.js";
import { act } from "../core/errors.js";
import { store } from "../core/store.js";

/** Whether this page is an /embed frame of a shared server. */
export const embedsShared = () => document.body.dataset.embed !== undefined && document.body.dataset.shared === "true";

/** The viewer's copy of the embedded network, made once; shown from then on. @param {(state: any) => Promise<void>} adopt */
async function ownCopy(adopt) {
  const { embedCopy, network } = store.get();
  if (embedCopy || !network) return;
  const { state, token } = await api.forkOwn(network.id);
  store.update({ ownerToken: token, embedCopy: { of: network.id, name: network.name } });
  await adopt(state);
}

/**
 * The scene, with Step, Play and Reset acting on the viewer's copy (unchanged outside a
 * shared /embed; Undo waits for the copy: there is nothing of the viewer's to undo before).
 * A refused fork is reported and the action is not tried on the original.
 * @template {{step: () => any, togglePlay: () => any, undo: () => any, reset: () => any, adopt: (state: any) => Promise<void>}} S
 * @param {S} scene
 * @returns {S}
 */
export function onOwnCopy(scene) {
  if (!embedsShared()) return scene;
  /** @param {() => any} action */
  const mine = (action) => () =>
    store.get().embedCopy ? action() : act(() => ownCopy(scene.adopt)).then(() => store.get().embedCopy && action());
  return {
    ...scene,
    step: mine(scene.step),
    togglePlay: mine(scene.togglePlay),
    undo: () => (store.get().embedCopy ? scene.undo() : undefined),
    reset: mine(scene.reset),
  };
}
