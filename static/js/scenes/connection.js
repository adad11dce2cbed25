// @ts-check
// Staying connected: while the server does not answer (the store's `offline`, set by the
// API client), ask GET /healthz every RETRY_MS; once it answers, say so and fetch the
// shown network again, so the page shows what the server has.

import * as api from "../core/api.js";
import { act, notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";

/** How long the page waits between two tries of an unreachable server. */
export const RETRY_MS = 2000;

/** Retry while offline, and catch up once the server is back. @param {{adopt: (state: any) => Promise<void>}} main */
export function keepConnected(main) {
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  const back = () => {
    notify(t("offline.back"), "info");
    const id = store.get().network?.id;
    if (id) act(async () => main.adopt(await api.getNetwork(id)));
  };
  const probe = async () => {
    try {
      await api.reach("/healthz");
    } catch {
      // still unreachable: tried again below
    }
    timer = store.get().offline ? setTimeout(probe, RETRY_MS) : null;
    if (!timer) back();
  };
  store.subscribe((s) => {
    if (s.offline && !timer) timer = setTimeout(probe, RETRY_MS);
  });
}
