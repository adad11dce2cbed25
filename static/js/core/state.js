// @ts-check
// The shape of the store's state, written down once, and its value before anything loads.

import { DEFAULTS } from "./hash.js";

/**
 * The view as a table that round-trips through location.hash (core/hash.js).
 * @typedef {object} Ui
 * @property {string} net network id
 * @property {"weights" | "gradients" | "updates"} view what the links show
 * @property {number} ex the selected training example
 * @property {boolean} bias draw bias units
 * @property {boolean} st step-through mode
 * @property {number} speed steps per frame while playing
 * @property {string} lesson the open lesson's id ("" for none)
 * @property {number} ls the open lesson's step
 * @property {string} draw the boundary plot's draw tool: "c<k>" a point of class k, "value", "erase", "flip" ("": off)
 * @property {"train" | "test"} split the split a drawn point joins
 * @property {number} val the target a drawn point gets in a regression
 * @property {boolean} test the boundary plot shows the test points
 * @property {boolean} disc the boundary plot shows the output discretized (its class)
 * @property {string} pad the digits pad's image, one hex digit (0-f) a pixel, row by row ("": off)
 * @property {string} cmp a compare view: the compared network's id, then its forks', "." between ("": none)
 */

/**
 * GET /api/config: option lists and limits, from the server's registries and settings.
 * @typedef {object} Config
 * @property {{name: string, range: (number | null)[], hidden: boolean, output: boolean}[]} activations
 * @property {{name: string, output_activations: string[]}[]} losses
 * @property {string[]} initializers
 * @property {{name: string, settings: any[], formula: string}[]} optimizers the update rules
 * @property {{name: string, formula: string}[]} penalties the weight penalties (regularisation)
 * @property {string[]} features the input features computed from 2-D points
 * @property {Record<string, any>} limits max_hidden_layers, max_units, max_train_steps, ...
 */

/**
 * A loss curve: parallel arrays, plus the last step that came from GET /history (later
 * points came from /train responses and lack test losses).
 * @typedef {{steps: number[], losses: number[], test_losses: (number | null)[], exact: number}} History
 */

/**
 * A decoded GET /grid: every unit's output over the 2-D input plane; decision is one output's
 * z there (its sign is the class; null without a threshold).
 * @typedef {{n: number, xRange: number[], yRange: number[], output: Float32Array[], decision: Float32Array | null, hidden: Float32Array[][], inputs: Float32Array[]}} Grid
 */

/** @typedef {{correct: number, total: number, undecided: number, fraction: number}} Accuracy */

/**
 * One network of a lesson's stage (several side by side under one Play).
 * @typedef {object} StageNet
 * @property {string} preset
 * @property {any} state its NetworkState
 * @property {any} data its dataset rows
 * @property {History} history
 * @property {Grid | null} grid
 * @property {Accuracy | null} accuracy
 * @property {number[][] | null} outputs its outputs on the training set (POST /forward's)
 * @property {string | null} failed why it stopped training (409), or null
 * @property {string | null} [failedKind] the server's kind of that refusal ("diverged"), or null
 */

/**
 * @typedef {object} Stage
 * @property {"compare" | "activations"} kind
 * @property {StageNet[]} nets
 * @property {string | null} source the network the nets are forks of (null: not forks)
 * @property {boolean} switched the lesson's switch (perceptron XOR -> AND) is on
 * @property {any[] | null} curves GET /api/activations (activations kind)
 * @property {number} zIndex the sample the activation plots read at
 * @property {number[]} softmaxZ the vector softmax is shown of
 * @property {any} softmax GET /api/softmax of softmaxZ
 * @property {Record<string, Record<string, string>>} [drafts] a fork's choices not yet applied, by its id
 */

/**
 * @typedef {object} AppState
 * @property {"en" | "zh"} lang
 * @property {Record<string, Record<string, string>>} tables i18n strings by language
 * @property {Config | null} config
 * @property {any[]} presets
 * @property {any[]} datasets
 * @property {any[]} lessons
 * @property {Ui} ui
 * @property {any} network the NetworkState shown (null before the first)
 * @property {any} lastStep the last step (StepResult) of the network, or null
 * @property {{id: string, step: number, value: number} | null} played the weight penalty
 *   before the last step of the last /train while playing (its `penalties`), or null
 * @property {any} data the network's dataset rows
 * @property {any} example forward pass of the selected example
 * @property {Grid | null} grid
 * @property {History | null} history
 * @property {{train: Accuracy | null, test: Accuracy | null} | null} accuracy
 * @property {boolean} playing
 * @property {number | null} phase step-through: the phase of lastStep shown
 * @property {boolean} walking step-through plays itself, a phase every `pace` ms
 * @property {number} pace ms per phase while step-through plays itself
 * @property {import("../model/links.js").LinkId | null} inspected the link in the inspector
 * @property {any} explained GET explain of the inspected link
 * @property {string | null} typed what the user typed in the weight editor, not yet set
 * @property {number | null} userSeed a seed the user typed (kept by Reset)
 * @property {string} curl the last user action's REST call as curl
 * @property {{message: string, kind: string, id: number} | null} toast
 * @property {string | null} highlight the graph parts a lesson term names
 * @property {any} tooltip {kind: "link" | "unit", datum, x, y} or null
 * @property {boolean} menuOpen the Lessons menu
 * @property {boolean} helpOpen the keys overlay
 * @property {{id: string, revision: number, message: string, step: number, loss: number | null, rate: number, code?: string | null, diagnosis?: any} | null} diverged
 *   the server refused the next step or the shown weights' forward pass (the network diverged), or null
 * @property {{network: string, field: string, detail: any, fix: Record<string, string>, choice: string} | null} refused
 *   an output activation or loss the server refused as unable to learn (for that network), with its fix
 * @property {{id: string, step: number} | null} edited the network and step after which the page set a weight
 * @property {Stage | null} stage
 * @property {any} widget the open lesson widget's data (fetched for it), or null
 * @property {number} busy user actions queued or running
 * @property {boolean} refreshing background data is asked for (waiting for its gap) or being fetched
 * @property {string} following the network whose event stream is open
 * @property {number} layout bumped when the page's columns change size (views lay out again)
 * @property {any[] | null} library "My networks": GET /api/networks rows this browser made or opened
 * @property {string | null} gone the id of the shown network once the server deleted it
 * @property {boolean} offline the server did not answer (the page retries until it does)
 * @property {boolean} serverBusy Play met a 503 (server busy) and waits to try again
 * @property {any} gradcheck GET gradient-check of the shown network ({revision, result}), or null
 * @property {Record<string, string>} fieldErrors a refused field's id -> the reason
 * @property {{actions: string[], fixed: Record<string, boolean>} | null} classLocks shared mode:
 *   what the teacher locked (GET /api/class/locks), or null outside a class
 * @property {any} classOffer the teacher's latest push not yet taken or dismissed, or null
 * @property {string} ownerToken the owner token the page's calls carry (X-Owner-Token): an
 *   /embed viewer's copy's; "" for none (the cookie, if any, still counts)
 * @property {{of: string, name: string} | null} embedCopy /embed in shared mode: the embedded
 *   network (id, name) the shown copy was forked from, or null while the original is shown
 * @property {Predict} predict predict, then reveal (scenes/predict.js)
 * @property {Looks} looks the deeper looks (scenes/looks.js)
 */

/**
 * @typedef {object} Predict
 * @property {any[]} exercises GET /api/exercises
 * @property {string} exercise the exercise under way ("" for a free prediction)
 * @property {number} position its check
 * @property {any} pending the prediction stored, waiting for its step (or null)
 * @property {any} result the last reveal (or null)
 * @property {{right: number, total: number, checks: number} | null} score the shown network's
 */

/**
 * The deeper looks: each answer with the key (network, revision, weights) it was asked for.
 * @typedef {{key: string, result: any, error: string}} Look
 * @typedef {object} Looks
 * @property {Look | null} pulls GET pulls of the inspected weight
 * @property {Look | null} landscape GET landscape of the two chosen weights
 * @property {Look | null} health GET health
 * @property {{x: import("../model/links.js").LinkId | null, y: import("../model/links.js").LinkId | null, radius: number | null, resolution: number | null}} axes
 * @property {boolean} onPlot the decision-boundary plot colours its points by their pulls
 */

/** @returns {AppState} */
export function initialState() {
  return {
    lang: "en",
    tables: { en: {}, zh: {} },
    config: null,
    presets: [],
    datasets: [],
    lessons: [],
    ui: { ...DEFAULTS },
    network: null,
    lastStep: null,
    played: null,
    data: null,
    example: null,
    grid: null,
    history: null,
    accuracy: null,
    playing: false,
    phase: null,
    walking: false,
    pace: 1500,
    inspected: null,
    explained: null,
    typed: null,
    userSeed: null,
    curl: "",
    toast: null,
    highlight: null,
    tooltip: null,
    menuOpen: false,
    helpOpen: false,
    stage: null,
    diverged: null,
    refused: null,
    edited: null,
    widget: null,
    layout: 0,
    busy: 0,
    refreshing: false,
    following: "",
    library: null,
    gone: null,
    offline: false,
    serverBusy: false,
    gradcheck: null,
    fieldErrors: {},
    classLocks: null,
    classOffer: null,
    ownerToken: "",
    embedCopy: null,
    predict: { exercises: [], exercise: "", position: 0, pending: null, result: null, score: null },
    looks: {
      pulls: null,
      landscape: null,
      health: null,
      axes: { x: null, y: null, radius: null, resolution: null },
      onPlot: false,
    },
  };
}
