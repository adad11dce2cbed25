// @ts-check
// The API's ?arrays=binary (a JSON header, then the arrays' little-endian float64 bytes)
// back into the nested lists the rest of the page reads: exactly, in place, no number parsed.

/** @typedef {{shape: number[], offset: number}} BinaryArray where its bytes start after the header */

/** The media type of an ?arrays=binary answer (app/api/packing.py). */
export const BINARY_TYPE = "application/octet-stream";
const ALIGN = 8; // the arrays start at a multiple of 8 bytes: Float64Arrays view them in place

/** Above this many weights the page asks for packed arrays (and lean steps). */
const PACKED_ABOVE_WEIGHTS = 20000;

/** Whether the page asks for this network's arrays packed. @param {{weights: ArrayLike<ArrayLike<number>>[]}} network */
export const packsArrays = (network) =>
  network.weights.reduce((n, w) => n + w.length * (w[0]?.length ?? 0), 0) > PACKED_ABOVE_WEIGHTS;

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
 * large layer is not copied) of numbers.
 * @param {number[]} shape @param {Float64Array} values
 */
function shaped(shape, values) {
  if (shape.length === 1) return Array.from(values);
  const [rows, cols] = shape;
  return Array.from({ length: rows }, (_, r) => values.subarray(r * cols, (r + 1) * cols));
}

/** @param {any} value @returns {value is BinaryArray} */
const isBinary = (value) =>
  Object.keys(value).length === 2 && Array.isArray(value.shape) && Number.isInteger(value.offset);

/**
 * An ?arrays=binary answer as the JSON its header holds, each BinaryArray in it unpacked
 * to views of the bytes after the header ([uint32 n][n bytes of JSON][zeros to 8][arrays]).
 * @param {ArrayBuffer} buffer
 */
export function readBinary(buffer) {
  const length = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  const start = Math.ceil((4 + length) / ALIGN) * ALIGN;
  /** @param {any} value @returns {any} */
  const resolve = (value) => {
    if (typeof value !== "object" || value === null || typeof value[0] === "number") return value;
    if (isBinary(value)) {
      const count = value.shape.reduce((n, d) => n * d, 1);
      return shaped(value.shape, floatsOf(new Uint8Array(buffer, start + value.offset, 8 * count)));
    }
    if (Array.isArray(value)) return value.map(resolve);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve(header);
}
