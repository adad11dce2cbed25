// @ts-check
// The "server unreachable" banner: shown while the server does not answer, with what the
// page is doing about it (retrying on its own); the scene reconnects.

import { t } from "../core/i18n.js";
import { RETRY_MS, keepConnected } from "../scenes/connection.js";
import { $, watch } from "./watch.js";

/** @param {{adopt: (state: any) => Promise<void>}} main */
export function mountConnection(main) {
  keepConnected(main);
  watch(
    (s) => [s.offline, s.lang],
    ({ offline }) => {
      const banner = $("offline");
      banner.hidden = !offline;
      banner.textContent = offline ? t("offline.banner", { seconds: RETRY_MS / 1000 }) : "";
    },
  );
}
