// @ts-check
// The "server unreachable" banner: shown while the server does not answer, with what the
// page is doing about it (retrying on its own); the scene reconnects. The same banner says
// when the server answered "busy" (503) to Play, which waits and goes on by itself.

import { t } from "../core/i18n.js";
import { RETRY_MS, keepConnected } from "../scenes/connection.js";
import { $, watch } from "./watch.js";

/** @param {{adopt: (state: any) => Promise<void>}} main */
export function mountConnection(main) {
  keepConnected(main);
  watch(
    (s) => [s.offline, s.serverBusy, s.lang],
    ({ offline, serverBusy }) => {
      const banner = $("offline");
      banner.hidden = !offline && !serverBusy;
      banner.dataset.reason = offline ? "offline" : serverBusy ? "busy" : "";
      if (offline) banner.textContent = t("offline.banner", { seconds: RETRY_MS / 1000 });
      else banner.textContent = serverBusy ? t("offline.busy") : "";
    },
  );
}
