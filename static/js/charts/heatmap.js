// @ts-check
// Heatmaps over the 2-D input plane: inside hidden units, and the decision boundary.

import { CLASS_COLORS, divergingRGB } from "../graph/colors.js";

import { colourRange } from "../model/classes.js";

const d3 = window.d3;

/**
 * A data: URL of an n x n heatmap (row r = y index from low to high, drawn bottom-up);
 * colorAt(i) gives a CSS colour or an [r, g, b] array.
 * @param {number} n
 * @param {(i: number) => string | number[]} colorAt
 */
export function heatmapURL(n, colorAt) {
  const canvas = document.createElement("canvas");
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(n, n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const color = colorAt(r * n + c);
      const rgb = Array.isArray(color) ? color : ((c2) => [c2.r, c2.g, c2.b])(d3.rgb(color));
      const o = ((n - 1 - r) * n + c) * 4;
      image.data[o] = rgb[0];
      image.data[o + 1] = rgb[1];
      image.data[o + 2] = rgb[2];
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL();
}

/**
 * The colour function of one unit's grid: diverging around its activation's centre.
 * @param {Float32Array} values
 * @param {(number | null)[]} range the activation's output range (GET /api/config)
 */
export function unitColorFn(values, range) {
  const [centre, half] = colourRange(range, values);
  return (i) => divergingRGB(values[i] - centre, half);
}

/**
 * The colour function of the output over the plane: by class, paler where unsure;
 * discrete: each point in its class's full colour (one output: which side of its centre).
 * @param {Float32Array[]} outputs
 * @param {(number | null)[]} range
 */
export function outputColorFn(outputs, range, discrete = false) {
  if (outputs.length === 1 && discrete) {
    const [centre, half] = colourRange(range, outputs[0]);
    return (i) => divergingRGB(outputs[0][i] >= centre ? half : -half, half);
  }
  if (outputs.length === 1) return unitColorFn(outputs[0], range);
  const k = outputs.length;
  return (i) => {
    let best = 0;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      sum += Math.max(outputs[j][i], 0);
      if (outputs[j][i] > outputs[best][i]) best = j;
    }
    const confidence = sum > 0 ? Math.max(outputs[best][i], 0) / sum : 0;
    const t = discrete ? 1 : Math.max(0, (confidence - 1 / k) / (1 - 1 / k));
    return d3.interpolateLab("#ffffff", CLASS_COLORS[best % CLASS_COLORS.length])(0.15 + 0.7 * t);
  };
}
