// @ts-check
// What a lesson term's key names in the graph ("input", "unit:1:2", "link:0:2:1", ...;
// see app/lessons.py; "bias-link:0:2" from the network's formula), as predicates, and marking it.

/**
 * Predicates for the parts a key names in a network of `depth` weight layers.
 * @param {string | null} key
 * @param {number} depth
 */
export function highlightRules(key, depth) {
  const [kind, ...idx] = key ? key.split(":") : [null];
  const n = idx.map(Number);
  /** @param {number} layer */
  const layerHit = (layer) =>
    kind === "units" ||
    (kind === "input" && layer === 0) ||
    (kind === "output" && layer === depth) ||
    (kind === "hidden" && layer > 0 && layer < depth);
  return {
    on: Boolean(key),
    layer: layerHit,
    /** @param {{layer: number, unit: number}} d */
    unit: (d) => layerHit(d.layer) || (kind === "unit" && d.layer === n[0] && d.unit === n[1]),
    /** @param {number} layer */
    strip: (layer) => layerHit(layer) || (kind === "unit" && layer === n[0]),
    bias: () => kind === "bias" || kind === "units",
    /** @param {{layer: number, from: number | null, to: number}} d */
    link: (d) =>
      (kind === "weights" && d.from !== null) ||
      (kind === "bias" && d.from === null) ||
      (kind === "link" && d.layer === n[0] && d.to === n[1] && d.from === n[2]) ||
      (kind === "bias-link" && d.from === null && d.layer === n[0] && d.to === n[1]),
    columns: () => kind === "layers",
  };
}

/**
 * Mark (class "hl") the parts a key names; null clears.
 * @param {Record<string, any>} layers d3 selections: svg, units, strips, links, columns
 * @param {string | null} key
 * @param {number} depth
 */
export function applyHighlight(layers, key, depth) {
  const rule = highlightRules(key, depth);
  layers.svg.classed("highlighting", rule.on);
  layers.units.selectAll("g.unit").classed("hl", (d) => rule.on && rule.unit(d));
  layers.units.selectAll("g.bias").classed("hl", rule.bias);
  layers.strips.selectAll("g.unit-strip").classed("hl", (d) => rule.on && rule.strip(d.layer));
  layers.links.selectAll("line.link").classed("hl", (d) => rule.on && rule.link(d));
  layers.columns.selectAll("g.column").classed("hl", rule.columns);
}
