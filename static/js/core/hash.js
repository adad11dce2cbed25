// @ts-check
// The hash codec: the store's `ui` table <-> location.hash, so a link reproduces what its
// sender saw. writeHash() is the only writer of location.hash (lessons included).

/** Link views: what colours and widens the links. */
export const VIEWS = /** @type {const} */ (["weights", "gradients", "updates"]);

/** @type {Readonly<import("./state.js").Ui>} */
export const DEFAULTS = Object.freeze({
  net: "",
  view: "weights",
  ex: 0,
  bias: true,
  st: false,
  speed: 20,
  lesson: "",
  ls: 0,
  draw: "",
  split: "train",
  val: 0,
  test: true,
  disc: false,
  pad: "",
  cmp: "",
});

const count = (v, fallback = 0) => Math.max(0, Number.parseInt(v, 10) || fallback);

/** @type {Record<string, (v: string) => any>} */
const PARSERS = {
  net: (v) => v,
  view: (v) => (VIEWS.includes(/** @type {any} */ (v)) ? v : DEFAULTS.view),
  ex: (v) => count(v),
  bias: (v) => v !== "0",
  st: (v) => v === "1",
  speed: (v) => Math.max(1, count(v, DEFAULTS.speed)),
  lesson: (v) => v,
  ls: (v) => count(v),
  draw: (v) => (/^(c\d+|value|erase|flip)$/.test(v) ? v : ""),
  split: (v) => (v === "test" ? "test" : "train"),
  val: (v) => (Number.isFinite(Number(v)) ? Number(v) : 0),
  test: (v) => v !== "0",
  disc: (v) => v === "1",
  pad: (v) => (/^[0-9a-f]*$/.test(v) ? v : ""),
  cmp: (v) => (/^[\w.-]*$/.test(v) ? v : ""), // the compared network, then its forks
};

/** Keys left out of the hash when empty rather than when equal to their default. */
const OMIT_EMPTY = new Set(["net", "lesson", "draw", "pad", "cmp"]);

/**
 * The ui table read from a hash string such as "#net=abc&view=gradients".
 * @param {string} hash
 * @returns {import("./state.js").Ui}
 */
export function readHash(hash) {
  const ui = { ...DEFAULTS };
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  for (const [key, parse] of Object.entries(PARSERS)) {
    if (params.has(key)) ui[key] = parse(params.get(key));
  }
  return ui;
}

/**
 * The page's ui table from its URL: the hash, and on /embed (app/embed.py) the network its
 * link names (body[data-embed-net]), whatever the hash says.
 * @returns {import("./state.js").Ui}
 */
export function readUrl() {
  const ui = readHash(window.location.hash);
  const embedded = document.body.dataset.embedNet;
  return embedded ? { ...ui, net: embedded } : ui;
}

/**
 * The hash string of a ui table (defaults left out, the network id first).
 * @param {import("./state.js").Ui} ui
 */
export function toHash(ui) {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) {
    const value = ui[key];
    if (OMIT_EMPTY.has(key) ? !value : value === DEFAULTS[key]) continue;
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return `#${params}`;
}

/**
 * Put the ui table in location.hash without adding a history entry per change.
 * @param {import("./state.js").Ui} ui
 */
export function writeHash(ui) {
  const hash = toHash(ui);
  if (hash !== window.location.hash) history.replaceState(null, "", hash);
}
