// @ts-check
// The reasons beside the typed fields of the page's HTML (learning rate, batch size, seed,
// regularisation rate):
// a refused value stays in its field, marked invalid, with the reason under it.

import { $, $input, watch } from "./watch.js";

const FIELDS = ["learning-rate", "batch-size", "seed", "regularization-rate"];

export function mountFieldErrors() {
  watch(
    (s) => [s.fieldErrors],
    ({ fieldErrors }) => {
      for (const id of FIELDS) {
        const reason = fieldErrors[id] ?? "";
        const note = $(`${id}-error`);
        note.textContent = reason;
        note.hidden = !reason;
        if (reason) $input(id).setAttribute("aria-invalid", "true");
        else $input(id).removeAttribute("aria-invalid");
      }
    },
  );
}
