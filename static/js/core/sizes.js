// @ts-check
// Elements' sizes for drawing, kept by a ResizeObserver: read after the page changed, they
// do not make the browser lay it out there and then (a forced layout: 5-9 ms a redraw of
// 784-128-10 while playing), and a size that changes redraws what shows it (store.layout).

import { store } from "./store.js";

/** @typedef {{width: number, height: number}} Size clientWidth and clientHeight, in px */

/** @type {WeakMap<Element, Size>} */
const SIZES = new WeakMap();

const observer = new ResizeObserver((entries) => {
  let changed = false;
  for (const { target } of entries) {
    const was = SIZES.get(target);
    const now = { width: target.clientWidth, height: target.clientHeight }; // laid out already
    changed ||= Boolean(was) && (was.width !== now.width || was.height !== now.height);
    SIZES.set(target, now);
  }
  if (changed) store.update((s) => ({ layout: s.layout + 1 }));
});

/** An element's size as of the page's last layout (measured on first use). @param {Element} el @returns {Size} */
export function sizeOf(el) {
  let size = SIZES.get(el);
  if (!size) {
    size = { width: el.clientWidth, height: el.clientHeight };
    SIZES.set(el, size);
    observer.observe(el);
  }
  return size;
}
