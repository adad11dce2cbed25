// @ts-check
// PackedArrays (the API's ?arrays=base64: a shape and little-endian float64 bytes) back into
// the nested lists the rest of the page reads; exact, and quicker to parse than JSON numbers.

/** @typedef {{shape: number[], float64: string}} PackedArray */

/** Above this many weights the page asks for packed arrays (and lean steps). */
const PACKED_ABOVE_WEIGHTS = 20000;

/** Whether the page asks for this network's arrays packed. @param {{weights: ArrayLike<ArrayLike<number>>[]}} network */
export const packsArrays = (network) =>
  network.weights.reduce((n, w) => n + w.length * (w[0]?.length ?? 0), 0) > PACKED_ABOVE_WEIGHTS;

/** @param {unknown} value @returns {value is PackedArray} */
const isPacked = (value) => typeof value === "object" && value !== null && "float64" in value;

/** The bytes of a base64 string (natively where the browser can). @param {string} text */
function bytesOf(text) {
  const native = /** @type {any} */ (Uint8Array).fromBase64;
  if (native) return /** @type {Uint8Array} */ (native(text));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** This machine stores float64 little-endian (every browser platform does; checked anyway). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** The float64 numbers of little-endian bytes. @param {Uint8Array} bytes */
function floatsOf(bytes) {
  if (LITTLE_ENDIAN) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
}

/**
 * A vector (a plain list) or a matrix (a list of Float64Array rows sharing one buffer: a
 * large layer is not copied) of a PackedArray's numbers.
 * @param {PackedArray} packed
 */
export function unpack({ shape, float64 }) {
  const values = floatsOf(bytesOf(float64));
  if (shape.length === 1) return Array.from(values);
  const [rows, cols] = shape;
  return Array.from({ length: rows }, (_, r) => values.subarray(r * cols, (r + 1) * cols));
}

/** A layer list with its packed layers unpacked. @param {any[] | null | undefined} layers */
const unpackAll = (layers) => layers && layers.map((a) => (isPacked(a) ? unpack(a) : a));

/** A NetworkState with lists for weights and biases. @param {any} state */
export const unpackState = (state) => ({
  ...state,
  weights: unpackAll(state.weights),
  biases: unpackAll(state.biases),
});

/** A StepResult with lists for every parameter and gradient. @param {any} step */
export const unpackStep = (step) => ({
  ...step,
  gradients: { weights: unpackAll(step.gradients.weights), biases: unpackAll(step.gradients.biases) },
  weights_before: unpackAll(step.weights_before),
  biases_before: unpackAll(step.biases_before),
  network: unpackState(step.network),
});
