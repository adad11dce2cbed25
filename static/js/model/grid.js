// @ts-check
// GET /grid's base64 float32 arrays, decoded.

/** One float32-le-base64 string as a Float32Array. @param {string} b64 */
export function decodeFloat32(b64) {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i); // Uint8Array.from(text, f) is ~10x slower
  return new Float32Array(bytes.buffer);
}

/**
 * A GET /grid response, decoded.
 * @param {any} grid
 * @returns {import("../core/state.js").Grid}
 */
export const decodeGrid = (grid) => ({
  n: grid.resolution,
  xRange: grid.x_range,
  yRange: grid.y_range,
  output: grid.output.map(decodeFloat32),
  decision: grid.decision ? decodeFloat32(grid.decision) : null,
  hidden: (grid.hidden || []).map((layer) => layer.map(decodeFloat32)),
  inputs: (grid.inputs || []).map(decodeFloat32),
});
