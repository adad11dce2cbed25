// @ts-check
// A decision boundary in small (GET /api/class?thumbnail=N): one pixel a point, in the
// class colours, lowest y at the bottom.

import { CLASS_COLORS } from "../graph/colors.js";

/** "#rrggbb" as [r, g, b]. @param {string} hex */
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * Paint `boundary` into `canvas` (its size becomes the resolution; CSS scales it up).
 * @param {HTMLCanvasElement} canvas
 * @param {{resolution: number, classes: number[]}} boundary
 */
export function paintThumb(canvas, { resolution: n, classes }) {
  canvas.width = n;
  canvas.height = n;
  const context = canvas.getContext("2d");
  if (!context) return;
  const image = context.createImageData(n, n);
  const colours = CLASS_COLORS.map(rgb);
  classes.forEach((k, i) => {
    const row = n - 1 - Math.floor(i / n); // row 0 of the answer is the lowest y
    const at = 4 * (row * n + (i % n));
    const [r, g, b] = colours[k % colours.length];
    image.data.set([r, g, b, 170], at);
  });
  context.putImageData(image, 0, 0);
}
