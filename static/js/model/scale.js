// @ts-check
// The symmetric bound of a colour scale (the links' and the legend's).

const NICE_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * A "nice" symmetric scale bound covering every finite value in nested arrays or typed rows (1 if none).
 * @param {...any} arrays
 */
export function niceMax(...arrays) {
  let max = 0;
  /** @param {any} a */
  const visit = (a) => {
    if (!Array.isArray(a) && !(a instanceof Float64Array)) {
      if (Number.isFinite(a)) max = Math.max(max, Math.abs(a));
      return;
    }
    if (a instanceof Float64Array) {
      for (let i = 0; i < a.length; i++) {
        const m = Math.abs(a[i]); // NaN compares false below
        if (m > max && m !== Infinity) max = m;
      }
      return;
    }
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number") visit(v);
      else if ((v > max || -v > max) && Number.isFinite(v)) max = Math.abs(v);
    }
  };
  arrays.forEach(visit);
  if (max === 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  return NICE_STEPS.map((s) => s * exp).find((s) => s >= max);
}
