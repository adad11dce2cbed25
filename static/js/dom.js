// Tiny DOM helpers shared by the modules that build HTML (no innerHTML, so no escaping bugs).

const MATHML = "http://www.w3.org/1998/Math/MathML";

/** An HTML element with attributes (class, data-*, ...) and children (nodes or text). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAll(node, attrs, children);
  return node;
}

/** A MathML element, like h(). */
export function m(tag, attrs = {}, ...children) {
  const node = document.createElementNS(MATHML, tag);
  setAll(node, attrs, children);
  return node;
}

function setAll(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A number as a short string for the screen (full precision goes in titles and data). */
export function fmt(v, digits = 4) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 10 ** -digits || a >= 1e6)) return v.toExponential(2);
  return v.toFixed(digits);
}
