// @ts-check
// Writes to the page that skip a value already there: rewriting the same text replaces its
// text node, and the same attribute re-styles its element, and either costs a layout.

/** Set an element's text unless it has that text already. @param {Element} el @param {string} text */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Set an attribute unless it has that value already. @param {Element} el @param {string} name @param {string} value */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * A d3 selection's text from `text(datum)`, written only where it changed.
 * @param {any} selection @param {(d: any) => string} text
 */
export function textOf(selection, text) {
  selection.each(function (/** @type {any} */ d) {
    setText(/** @type {Element} */ (this), text(d));
  });
}
