// @ts-check
// The views of the network's own data: the CSV card, the generation and feature controls,
// the boundary plot's draw mode and the digits pad, on one set of data actions.

import { createDataActions } from "../scenes/data.js";
import { mountBoundary } from "./boundary.js";
import { mountCsv } from "./csv-card.js";
import { mountDataControls } from "./data-controls.js";
import { mountPad } from "./digits-pad.js";

/** @param {import("../scenes/main.js").MainScene} main */
export function mountDataViews(main) {
  const actions = createDataActions(main);
  mountCsv(actions);
  mountDataControls(actions);
  mountBoundary(actions);
  mountPad(main.refresh);
}
