// @ts-check
// The gradient check action: GET gradient-check of the shown network, kept in the store
// with the revision it was made at (a later change makes it stale, not wrong).

import * as api from "../core/api.js";
import { act } from "../core/errors.js";
import { store } from "../core/store.js";

/** Check the shown network's gradients against centred finite differences. */
export const checkGradients = () =>
  act(async () => {
    const { network } = store.get();
    const result = await api.gradientCheck(network.id);
    if (store.get().network?.id !== network.id) return;
    store.update({ gradcheck: { id: network.id, revision: network.revision, result } });
  });
