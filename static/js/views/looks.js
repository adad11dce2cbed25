// @ts-check
// The deeper looks' views: whose gradient, the loss around here, the graph's warning signs.

import { mountHealth } from "./health.js";
import { mountLandscape } from "./landscape.js";
import { mountPulls } from "./pulls.js";

/** @param {import("../scenes/looks.js").Looks} looks */
export function mountLooks(looks) {
  mountPulls(looks);
  mountLandscape(looks);
  mountHealth();
}
