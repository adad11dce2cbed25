// @ts-check
// An /embed link and the iframe that shows it (app/embed.py): pure, no DOM.

/**
 * The /embed link of a network with these controls, in the order the server lists them.
 * @param {string} origin @param {{path: string, controls: string[]}} options
 * @param {string} id @param {Set<string>} chosen
 */
export function embedLink(origin, options, id, chosen) {
  const controls = options.controls.filter((c) => chosen.has(c)).join(",");
  return `${origin}${options.path}?net=${encodeURIComponent(id)}&controls=${controls}`;
}

/** The HTML an LMS page or a slide takes to show `link`. @param {string} link */
export const iframeCode = (link) =>
  `<iframe src="${link.replaceAll("&", "&amp;")}" width="900" height="560" title="Backprop Visualizer"></iframe>`;
