// @ts-check
// The teacher's view: the class's controls (locks, push, snapshot) and every student's
// network in a grid, fetched again whenever the class's event stream says it changed.

import { exportNetwork, listPresets, lessons as listLessons } from "./core/api.js";
import * as cls from "./core/class-api.js";
import { exercises as listExercises } from "./core/predict-api.js";
import { applyI18n, loadI18n, setLang, t } from "./core/i18n.js";
import { store } from "./core/store.js";
import { renderControls } from "./views/class-controls.js";
import { draftLayers, fitted, newCheck, reasonsByField, sourceOf } from "./views/exercise-form.js";
import { renderGrid } from "./views/class-grid.js";
import { mountTheme } from "./views/theme.js";

const THUMB = 24; // boundary thumbnails: points a side
const RETRY_MS = 2000; // the event stream ended: follow it again after this

/** The teacher token, from the link's fragment (#token=...): never sent in a URL. */
const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";

/** Load the strings and options, then follow the class until the page closes. */
async function start() {
  mountTheme(/** @type {HTMLElement} */ (document.getElementById("theme")));
  await loadI18n();
  const grid = /** @type {HTMLElement} */ (document.getElementById("class-grid"));
  const panel = /** @type {HTMLElement} */ (document.getElementById("class-controls"));
  /** @type {import("./views/class-grid.js").GridState} */
  const view = { rows: null, error: token ? null : t("teacher.noToken"), now: Date.now() };
  /** @type {import("./views/class-controls.js").ControlsState} */
  const controls = {
    locks: null,
    lockable: [],
    fixable: [],
    presets: [],
    lessons: [],
    exercises: [],
    lang: "en",
    status: "",
    draft: { en: "", zh: "", source: "", checks: [newCheck()], errors: {} },
    nets: [],
    chosenExercise: "",
  };
  /** @type {{key: string, params?: Record<string, string | number>}} the status line, said in the page's language */
  let status = { key: "" };
  /** @param {string} key @param {Record<string, string | number>} [params] */
  const say = (key, params) => {
    status = { key, params };
    draw();
  };
  /** Run a teacher's action; a refusal is said in the status line. @param {() => Promise<void>} fn */
  const run = (fn) => fn().catch((error) => say("teacher.failed", { detail: String(error.message) }));
  /** @type {import("./views/class-controls.js").AllActions & import("./views/class-grid.js").GridActions} */
  const actions = {
    editDraft: (patch) => {
      Object.assign(controls.draft, patch);
      draw();
    },
    writeExercise: () => run(() => writeExercise(controls, say)),
    deleteExercise: (id) =>
      run(async () => {
        await cls.deleteExercise(token, id);
        controls.exercises = await listExercises();
        say("teacher.exerciseDeleted", { id });
      }),
    setLocks: (locks) =>
      run(async () => {
        const saved = await cls.putLocks(token, locks);
        controls.locks = { actions: saved.actions, fixed: saved.fixed };
        say("teacher.locksSaved", { n: saved.actions.length + Object.keys(saved.fixed).length });
      }),
    push: (body) =>
      run(async () => {
        const pushed = await cls.push(token, body);
        say("teacher.pushed", {
          n: pushed.number,
          what: pushed.preset ?? pushed.name ?? pushed.lesson ?? pushed.exercise,
        });
      }),
    pushNetwork: (row) =>
      run(async () => {
        const pushed = await cls.push(token, { network: await exportNetwork(row.id) });
        say("teacher.pushed", { n: pushed.number, what: pushed.name });
      }),
    download: (format) =>
      run(async () => {
        const { blob, name } = await cls.snapshot(token, format);
        const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
        link.click();
        URL.revokeObjectURL(link.href);
        say("teacher.downloaded", { name });
      }),
  };
  const draw = () => {
    document.title = t("teacher.title");
    applyI18n(document.querySelector("header") ?? document);
    controls.lang = store.get().lang;
    controls.status = status.key ? t(status.key, status.params) : "";
    controls.nets = view.rows ?? [];
    if (token && !view.error) renderControls(panel, controls, actions);
    renderGrid(grid, view, actions);
  };
  store.subscribe(draw);
  document.querySelectorAll("[data-lang]").forEach((b) => {
    b.addEventListener("click", () => setLang(/** @type {HTMLElement} */ (b).dataset.lang ?? "en"));
  });
  draw();
  if (!token) return;
  const [presets, lessons, exercises, locks] = await Promise.all([
    listPresets(),
    listLessons(),
    listExercises(),
    cls.getLocks(),
  ]);
  Object.assign(controls, {
    presets,
    lessons,
    exercises,
    lockable: Object.keys(locks.lockable),
    draft: { ...controls.draft, source: `preset:${presets[0]?.name ?? ""}` },
    fixable: locks.fixable,
  });
  controls.locks = { actions: locks.actions, fixed: locks.fixed };
  follow(view, draw);
}

/** A tolerance as typed: a number, else the text (the server says why it is none). @param {string} text */
const asNumber = (text) => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text);

/**
 * Send the draft to POST /api/class/exercises: a refusal's reasons go beside their fields; the
 * exercise written is listed at once and chosen in the push picker.
 * @param {import("./views/class-controls.js").ControlsState} controls
 * @param {(key: string, params?: Record<string, string | number>) => void} say
 */
async function writeExercise(controls, say) {
  const { draft } = controls;
  const { kind, name } = sourceOf(draft.source);
  const checks = draft.checks.map(({ tolerance, ...check }) => ({ ...check, tolerance: asNumber(tolerance) }));
  /** @type {Record<string, any>} */
  const body = { title: draft.zh ? { en: draft.en, zh: draft.zh } : { en: draft.en }, checks };
  if (kind === "preset") body.preset = name;
  else body.network = await exportNetwork(name);
  let made;
  try {
    made = await cls.writeExercise(token, body);
  } catch (error) {
    if (/** @type {any} */ (error).status !== 422) throw error;
    draft.errors = reasonsByField(/** @type {any} */ (error).detail);
    return say("teacher.exerciseRefused");
  }
  const layers = draftLayers(controls);
  Object.assign(draft, { en: "", zh: "", checks: [fitted(newCheck(), layers)], errors: {} });
  controls.exercises = await listExercises();
  controls.chosenExercise = made.id;
  say("teacher.exerciseWritten", { name: made.title[controls.lang] ?? made.title.en, id: made.id });
}

/**
 * Fetch the grid once a change is heard on the class's stream (one fetch at a time; a change
 * heard meanwhile fetches again after it), and follow the stream again when it ends.
 * @param {import("./views/class-grid.js").GridState} view @param {() => void} draw
 */
function follow(view, draw) {
  let digest = "";
  let fetching = false;
  let again = false;
  const refresh = async () => {
    if (fetching) return void (again = true);
    fetching = true;
    try {
      Object.assign(view, { rows: (await cls.classList(token, THUMB)).networks, error: null, now: Date.now() });
    } catch (error) {
      Object.assign(view, { error: t("teacher.refused", { detail: String(error.message) }) });
    }
    fetching = false;
    draw();
    if (again) ((again = false), refresh());
  };
  const listen = () =>
    cls
      .followClass(token, (data) => {
        if (data.digest !== digest) ((digest = data.digest), refresh());
      })
      .catch((error) => Object.assign(view, { error: t("teacher.refused", { detail: String(error.message) }) }))
      .finally(() => {
        draw();
        if (!view.error) window.setTimeout(listen, RETRY_MS);
      });
  listen();
}

start();
