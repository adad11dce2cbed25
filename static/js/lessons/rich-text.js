// @ts-check
// Lesson text: plain words, {{key|words}} terms that light up the part of the graph `key`
// names when hovered, `code`, and $formulas$ (typeset as MathML; see model/math.js).

import { store } from "../core/store.js";
import { parseMath } from "../model/math.js";
import { mathElement, withMath } from "../views/math.js";
import { html } from "../views/watch.js";

const TERM = /\{\{([^|}]+)\|([^}]+)\}\}|`([^`]+)`|\$([^$]+)\$/g;

/** @typedef {{kind: "text", text: string} | {kind: "term", key: string, text: string} | {kind: "code", text: string} | {kind: "math", text: string}} Token */

/**
 * The tokens of a lesson text.
 * @param {string} source
 * @returns {Token[]}
 */
export function parseRichText(source) {
  /** @type {Token[]} */
  const tokens = [];
  let last = 0;
  for (const match of source.matchAll(TERM)) {
    if (match.index > last) tokens.push({ kind: "text", text: source.slice(last, match.index) });
    if (match[1]) tokens.push({ kind: "term", key: match[1], text: match[2] });
    else tokens.push(match[3] ? { kind: "code", text: match[3] } : { kind: "math", text: match[4] });
    last = match.index + match[0].length;
  }
  if (last < source.length) tokens.push({ kind: "text", text: source.slice(last) });
  return tokens;
}

/** @param {string | null} key */
const light = (key) => () => store.update({ highlight: key });

/** The tokens as lit-html. @param {Token[]} tokens */
export const richText = (tokens) =>
  tokens.map((tok) =>
    tok.kind === "text"
      ? tok.text
      : tok.kind === "math"
        ? mathElement(parseMath(tok.text))
        : tok.kind === "code"
          ? html`<code>${tok.text}</code>`
          : html`<span
            class="term"
            data-term=${tok.key}
            tabindex="0"
            data-testid="lesson-term"
            @mouseenter=${light(tok.key)}
            @focus=${light(tok.key)}
            @mouseleave=${light(null)}
            @blur=${light(null)}
            >${withMath(tok.text)}</span
          >`,
  );
