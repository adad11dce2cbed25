// @ts-check
// Pinch, pan and zoom of a graph: two fingers pinch and pan it, one finger pans it once zoomed
// in (a tap stays a tap: it still opens a unit or a link), Ctrl + wheel (a trackpad's pinch)
// zooms at the pointer, and by() / reset() serve the page's buttons. The SVG and the link
// canvas move together under one CSS transform; a unit or link reached by keyboard is panned
// into view.

const MAX_ZOOM = 8;
const SLOP = 6; // px a finger moves before it pans (less is a tap)
const WHEEL = 0.01; // zoom per wheel delta unit: exp(-deltaY * WHEEL)

/** @typedef {{k: number, x: number, y: number, max: number}} View */

/**
 * Zoom for the graph in `container`, moving the elements `moved()` gives.
 * @param {HTMLElement} container
 * @param {() => (HTMLElement | SVGElement)[]} moved
 * @param {(view: View) => void} onChange after every change
 */
export function createZoom(container, moved, onChange) {
  /** @type {View} */
  const view = { k: 1, x: 0, y: 0, max: MAX_ZOOM };
  /** @type {{pinch: any, pan: any}} */
  const touch = { pinch: null, pan: null };
  const local = (/** @type {{clientX: number, clientY: number}} */ p) => {
    const box = container.getBoundingClientRect();
    return { x: p.clientX - box.left, y: p.clientY - box.top };
  };
  /** Keep the zoom in [1, MAX_ZOOM] and the drawing covering the container, then draw it. */
  const apply = () => {
    const [w, h] = [container.clientWidth, container.clientHeight];
    view.k = Math.min(MAX_ZOOM, Math.max(1, view.k));
    view.x = Math.min(0, Math.max(w * (1 - view.k), view.x));
    view.y = Math.min(0, Math.max(h * (1 - view.k), view.y));
    const transform = view.k === 1 ? "" : `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
    moved().forEach((el) => {
      el.style.transformOrigin = "0 0";
      el.style.transform = transform;
    });
    container.dataset.zoom = String(Math.round(view.k * 100) / 100);
    container.classList.toggle("zoomed", view.k > 1);
    onChange({ ...view });
  };
  /** Zoom to k, the point (px, py) of the container staying where it is. */
  const zoomAt = (k, px, py) => {
    const k2 = Math.min(MAX_ZOOM, Math.max(1, k));
    view.x = px - ((px - view.x) * k2) / view.k;
    view.y = py - ((py - view.y) * k2) / view.k;
    view.k = k2;
    apply();
  };
  const fingers = (/** @type {TouchList} */ list) => {
    const [a, b] = [local(list[0]), local(list[1])];
    return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  };
  const startPan = (/** @type {Touch} */ t, moved = false) => {
    touch.pan = view.k > 1 ? { at: local(t), x: view.x, y: view.y, moved } : null;
  };

  container.classList.add("zoomable");
  container.addEventListener(
    "touchstart",
    (event) => {
      if (event.touches.length >= 2) {
        event.preventDefault();
        touch.pinch = { ...fingers(event.touches), k: view.k, x: view.x, y: view.y };
        touch.pan = null;
      } else startPan(event.touches[0]);
    },
    { passive: false },
  );
  container.addEventListener(
    "touchmove",
    (event) => {
      const { pinch, pan } = touch;
      if (pinch && event.touches.length >= 2) {
        event.preventDefault();
        const now = fingers(event.touches);
        const k = Math.min(MAX_ZOOM, Math.max(1, (pinch.k * now.d) / pinch.d));
        // the drawing's point under the fingers' first midpoint follows their midpoint
        Object.assign(view, {
          k,
          x: now.mid.x - ((pinch.mid.x - pinch.x) * k) / pinch.k,
          y: now.mid.y - ((pinch.mid.y - pinch.y) * k) / pinch.k,
        });
        apply();
      } else if (pan && event.touches.length === 1) {
        const p = local(event.touches[0]);
        const [dx, dy] = [p.x - pan.at.x, p.y - pan.at.y];
        if (!pan.moved && Math.hypot(dx, dy) < SLOP) return;
        event.preventDefault();
        pan.moved = true;
        Object.assign(view, { x: pan.x + dx, y: pan.y + dy });
        apply();
      }
    },
    { passive: false },
  );
  const end = (/** @type {TouchEvent} */ event) => {
    if (event.touches.length < 2) touch.pinch = null;
    if (event.touches.length === 1) startPan(event.touches[0], true);
    else if (event.touches.length === 0) touch.pan = null;
  };
  container.addEventListener("touchend", end);
  container.addEventListener("touchcancel", end);
  container.addEventListener(
    "wheel",
    (event) => {
      if (!event.ctrlKey) return; // a plain wheel scrolls the page
      event.preventDefault();
      const p = local(event);
      zoomAt(view.k * Math.exp(-event.deltaY * WHEEL), p.x, p.y);
    },
    { passive: false },
  );
  container.addEventListener(
    "focusin",
    (event) => {
      const el = /** @type {Element} */ (event.target);
      // keys only: a tap or a click focuses what it hit, which must not move under the finger
      if (view.k === 1 || !el.closest?.(".graph-svg") || !el.matches(":focus-visible")) return;
      const [box, frame] = [el.getBoundingClientRect(), container.getBoundingClientRect()];
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
      if (x >= frame.left && x <= frame.right && y >= frame.top && y <= frame.bottom) return;
      view.x += frame.left + frame.width / 2 - x; // its middle to the graph's middle
      view.y += frame.top + frame.height / 2 - y;
      apply();
    },
    { capture: true },
  ); // before the graph's own focusin places the tooltip

  return {
    /** Zoom by `factor` about the middle of the graph. @param {number} factor */
    by: (factor) => zoomAt(view.k * factor, container.clientWidth / 2, container.clientHeight / 2),
    /** The whole drawing again. */
    reset: () => {
      Object.assign(view, { k: 1, x: 0, y: 0 });
      apply();
    },
    /** Keep the view inside a drawing that was laid out again. */
    refit: apply,
  };
}
