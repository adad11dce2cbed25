// @ts-check
// The digits pad's image: pixel values in [0, 1], row by row, and their form in the URL
// (one hex digit a pixel, 0-f). Pure: no DOM.

const LEVELS = 15; // a hex digit's largest value

/**
 * The pixel values of a hex string (the blank image when it does not fit the size).
 * @param {string} hex
 * @param {number} size rows x columns
 */
export function padValues(hex, size) {
  if (hex.length !== size) return new Array(size).fill(0);
  return [...hex].map((d) => Number.parseInt(d, 16) / LEVELS);
}

/** The hex string of pixel values (each rounded to the nearest level). @param {number[]} values */
export const padHex = (values) =>
  values.map((v) => Math.round(Math.min(1, Math.max(0, v)) * LEVELS).toString(16)).join("");

/**
 * The image after a brush stroke at (row, col): that pixel full, its four neighbours at
 * least half (a pen's soft edge, like the digits' own scans); erase clears the pixel.
 * @param {number[]} values
 * @param {number[]} shape [rows, columns]
 * @param {number} row
 * @param {number} col
 * @param {boolean} [erase]
 */
export function brush(values, [rows, cols], row, col, erase = false) {
  const next = [...values];
  const set = (r, c, v) => {
    if (r < 0 || c < 0 || r >= rows || c >= cols) return;
    next[r * cols + c] = erase ? 0 : Math.max(next[r * cols + c], v);
  };
  set(row, col, 1);
  if (!erase)
    for (const [dr, dc] of [
      [-1, 0],
      [1, 0],
      [0, -1],
      [0, 1],
    ])
      set(row + dr, col + dc, 0.5);
  return next;
}

/**
 * The pad's image as the network's input row, when the network reads images and the pad
 * holds one; else null.
 * @param {any} network a NetworkState
 * @param {{pad: string}} ui
 */
export function padInput(network, ui) {
  const shape = network?.dataset.image;
  if (!shape || !ui.pad) return null;
  return padValues(ui.pad, shape[0] * shape[1]);
}
