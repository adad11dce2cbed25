// @ts-check
// A lesson's text pair {en, zh} in the page's language.

/** @param {{lang: string}} s @param {Record<string, string>} pair */
export const getText = (s, pair) => pair[s.lang] ?? pair.en;
