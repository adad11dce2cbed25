// @ts-check
// "My networks" and save/load: the networks this browser made or opened (their ids kept in
// localStorage, their rows from GET /api/networks), open, rename, duplicate, delete, and a
// network exported to a JSON file or imported from one, exactly as the API does.

import * as api from "../core/api.js";
import { act, notify, report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";

const STORAGE_KEY = "bpv-networks";

/** The ids remembered in this browser, newest first. @returns {string[]} */
function remembered() {
  try {
    const ids = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [];
  } catch {
    return []; // storage off or spoiled: an empty list
  }
}

/** Remember exactly these ids. @param {string[]} ids */
function keep(ids) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
  } catch {
    // storage off: the list lasts as long as the page
  }
}

/**
 * An export document from a file's text, or a translated reason it is not one.
 * @param {string} text
 */
export function parseExport(text) {
  try {
    const doc = JSON.parse(text);
    if (doc && typeof doc === "object" && !Array.isArray(doc)) return { doc };
  } catch {
    // not JSON: said below
  }
  return { error: t("library.notJson") };
}

/** The library's actions. @param {import("./main.js").MainScene} main */
export function createLibrary(main) {
  /** The list again: the remembered ids the server still has, in its order (newest change first). */
  async function reload() {
    const ids = remembered();
    const rows = (await api.listNetworks()).filter((/** @type {any} */ r) => ids.includes(r.id));
    const current = store.get().network?.id;
    keep(ids.filter((id) => id === current || rows.some((/** @type {any} */ r) => r.id === id)));
    store.update({ library: rows });
  }
  /** Show a network (stopping play first). @param {any} state */
  async function show(state) {
    main.stop();
    await main.adopt(state);
  }
  /** Import a parsed document as a new network and show it. @param {object} doc */
  async function importDoc(doc) {
    await show(await api.importNetwork(doc));
    notify(t("library.imported", { name: store.get().network.name }), "info");
  }
  // every network the page shows is remembered, and the list follows its step and loss
  let shown = "";
  store.subscribe((s) => {
    const id = s.network?.id ?? "";
    if (id === shown || !id) return;
    shown = id;
    keep([id, ...remembered().filter((other) => other !== id)]);
    reload().catch((error) => report(error, { quiet: true })); // background: not a user action
  });
  return {
    reload: () => act(reload),
    /** The shown network's export document. */
    exportCurrent: () => api.exportNetwork(store.get().network.id),
    /** Where the shown network downloads as code (numpy, pytorch or ipynb). @param {string} format */
    codeUrl: (format) =>
      `/api/networks/${encodeURIComponent(store.get().network.id)}/export?format=${encodeURIComponent(format)}`,
    /** Import a file's text (a refused document keeps the page as it was). @param {string} text */
    importText(text) {
      const { doc, error } = parseExport(text);
      if (error) return notify(error);
      return act(() => importDoc(doc));
    },
    /** @param {string} id */
    open: (id) => act(async () => show(await api.getNetwork(id))),
    /** @param {string} id @param {string} name */
    rename: (id, name) =>
      act(async () => {
        const state = await api.patchNetwork(id, { name });
        if (store.get().network?.id === id) await main.adopt(state);
        await reload();
      }),
    /** A copy made through export and import, so it is exact. @param {string} id */
    duplicate: (id) =>
      act(async () => {
        const doc = await api.exportNetwork(id);
        await importDoc({ ...doc, name: t("library.copyName", { name: doc.name }) });
      }),
    /** Delete; deleting the shown network shows the newest other one (or a new default). @param {string} id */
    remove: (id) =>
      act(async () => {
        const shownNow = store.get().network?.id === id;
        if (shownNow) store.update({ gone: id }); // its controls rest while the next one opens
        try {
          await api.deleteNetwork(id);
        } catch (error) {
          if (shownNow) store.update({ gone: null });
          throw error;
        }
        keep(remembered().filter((other) => other !== id));
        if (!shownNow) return reload();
        const next = (store.get().library || []).find((r) => r.id !== id);
        if (next) await show(await api.getNetwork(next.id));
        else await main.createDefault();
        await reload();
      }),
  };
}

/** @typedef {ReturnType<typeof createLibrary>} Library */
