// @ts-check
// One parameter of a GET gradient-check answer: backprop's dE/dw, the centred finite
// difference and the relative error between them, all three as the server measured them.

import { paramAt } from "./links.js";

/**
 * The check of one weight or bias (undefined when the answer has no such parameter).
 * @param {any} check the gradient-check answer
 * @param {import("./links.js").LinkId} link
 * @returns {{backprop: number, numeric: number, relative: number} | undefined}
 */
export function checkedParam(check, link) {
  const [backprop, numeric, relative] = [check.backprop, check.numeric, check.relative].map((tree) =>
    paramAt(tree, link),
  );
  if (backprop === undefined || numeric === undefined || relative === undefined) return undefined;
  return { backprop, numeric, relative };
}
