// The view's state in one table that round-trips through location.hash, so a link
// reproduces what its sender saw (the network, the view, the example, the toggles).

/** Link views: what colours and widens the links. */
export const VIEWS = ["weights", "gradients", "updates"];

const DEFAULTS = Object.freeze({
  net: "", // network id
  view: "weights", // one of VIEWS
  ex: 0, // selected training example
  bias: true, // draw bias units
  st: false, // step-through mode
  speed: 20, // steps per frame while playing
  lesson: "", // the open lesson's id
  ls: 0, // the step of the open lesson
});

const PARSERS = {
  net: (v) => v,
  view: (v) => (VIEWS.includes(v) ? v : DEFAULTS.view),
  ex: (v) => Math.max(0, Number.parseInt(v, 10) || 0),
  bias: (v) => v !== "0",
  st: (v) => v === "1",
  speed: (v) => Math.max(1, Number.parseInt(v, 10) || DEFAULTS.speed),
  lesson: (v) => v,
  ls: (v) => Math.max(0, Number.parseInt(v, 10) || 0),
};

const SERIALISERS = {
  bias: (v) => (v ? "1" : "0"),
  st: (v) => (v ? "1" : "0"),
};

/** The UI state read from a hash string such as "#net=abc&view=gradients". */
export function readHash(hash = window.location.hash) {
  const state = { ...DEFAULTS };
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  for (const [key, parse] of Object.entries(PARSERS)) {
    if (params.has(key)) state[key] = parse(params.get(key));
  }
  return state;
}

/** The hash string for a UI state (defaults left out, network id first). */
export function toHash(state) {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) {
    const value = state[key];
    if (value === DEFAULTS[key] && key !== "net") continue;
    if ((key === "net" || key === "lesson") && !value) continue;
    params.set(key, SERIALISERS[key] ? SERIALISERS[key](value) : String(value));
  }
  return `#${params}`;
}

/** Write the state to location.hash without adding a history entry per change. */
export function writeHash(state) {
  const hash = toHash(state);
  if (hash !== window.location.hash) history.replaceState(null, "", hash);
}
