// @ts-check
// A decision boundary in small (GET /api/class?thumbnail=N): the class of each point of the
// plane in the class colours, lowest y at the bottom, and the training points over it, each
// in its target's colour (as on the main page's plot).

import { CLASS_COLORS } from "../graph/colors.js";

const SIZE = 96; // canvas pixels a side (teacher.css shows it at 96 px)
const POINT_RADIUS = 2.5;
const FEW_POINTS = 20; // small datasets get bigger points, as on the main plot
const PLANE_ALPHA = 170; // the plane is paler than the points

/** "#rrggbb" as [r, g, b]. @param {string} hex */
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** @typedef {{resolution: number, x_range: number[], y_range: number[], classes: number[], points: number[][], labels: number[]}} Thumbnail */

/** The plane as an n x n image, one pixel a point. @param {number} n @param {number[]} classes */
function planeImage(n, classes) {
  const image = new ImageData(n, n);
  const colours = CLASS_COLORS.map(rgb);
  classes.forEach((k, i) => {
    const row = n - 1 - Math.floor(i / n); // row 0 of the answer is the lowest y
    const [r, g, b] = colours[k % colours.length];
    image.data.set([r, g, b, PLANE_ALPHA], 4 * (row * n + (i % n)));
  });
  return image;
}

/**
 * Where a point falls on the canvas: the plane's points are pixel centres, the first and
 * last at the range's ends. @param {number} v @param {number[]} range @param {number} n
 */
const place = (v, [lo, hi], n) => ((hi > lo ? (v - lo) / (hi - lo) : 0.5) * (n - 1) + 0.5) * (SIZE / n);

/**
 * Paint `boundary` into `canvas`: the plane scaled up to SIZE, then its training points.
 * @param {HTMLCanvasElement} canvas
 * @param {Thumbnail} boundary
 */
export function paintThumb(canvas, { resolution: n, x_range, y_range, classes, points, labels }) {
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext("2d");
  const plane = document.createElement("canvas");
  plane.width = plane.height = n;
  const planeContext = plane.getContext("2d");
  if (!context || !planeContext) return;
  planeContext.putImageData(planeImage(n, classes), 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(plane, 0, 0, SIZE, SIZE);
  const radius = points.length <= FEW_POINTS ? 2 * POINT_RADIUS : POINT_RADIUS;
  context.lineWidth = 1;
  context.strokeStyle = "#ffffff";
  points.forEach(([x, y], i) => {
    context.beginPath();
    context.arc(place(x, x_range, n), SIZE - place(y, y_range, n), radius, 0, 2 * Math.PI);
    context.fillStyle = CLASS_COLORS[labels[i] % CLASS_COLORS.length];
    context.fill();
    context.stroke();
  });
  canvas.dataset.points = String(points.length);
}
