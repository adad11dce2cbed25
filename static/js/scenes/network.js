// @ts-check
// The main network's life cycle: adopting a NetworkState (from a response or the event
// stream) into the store, following its event stream, and its background data.

import * as api from "../core/api.js";
import { notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { packsArrays } from "../model/packed.js";
import { createRefresher } from "../model/refresher.js";
import { fetchLastStep, loadBackground } from "./background.js";

const REFRESH_GAP_MS = 120; // least time between two background refreshes
const PLAY_REFRESH_GAP_MS = 200; // the same while playing (grid, accuracy, example)

/** What a NetworkState says of its data: when it changes, the rows are fetched again. @param {any} s */
const dataKey = (s) => JSON.stringify([s.dataset, s.features]);

/**
 * Whether a change the event stream announced is newer than what the page shows.
 * @param {{id: string, revision: number}} change
 */
function isNews(change) {
  const { network, playing } = store.get();
  return !playing && Boolean(network) && change.id === network.id && change.revision > network.revision;
}

/**
 * The network keeper: adopt(), follow() and the background refresher.
 * @param {{act: (fn: () => any) => Promise<void>}} deps
 */
export function createNetworkKeeper({ act }) {
  /** @type {EventSource | null} */
  let events = null;
  const refresher = createRefresher(
    loadBackground,
    () => (store.get().playing ? PLAY_REFRESH_GAP_MS : REFRESH_GAP_MS),
    (pending) => store.update({ refreshing: pending }), // from the request, not the run
  );

  /** @param {string} id */
  function follow(id) {
    events?.close();
    events = api.followEvents(id, {
      onRevision: (change) => {
        if (!isNews(change)) return;
        // queued behind this page's own actions: a step in flight brings the same revision
        act(async () => {
          if (!isNews(change)) return;
          const shown = store.get().network;
          const state = await api.getNetwork(change.id, { packed: Boolean(shown) && packsArrays(shown) });
          const now = store.get();
          if (!now.playing && now.network?.id === state.id && state.revision > now.network.revision) await adopt(state);
        });
      },
      onDeleted: () => {
        const { network, gone } = store.get();
        if (network?.id !== id || gone === id) return; // gone already: this page deleted it
        store.update({ gone: id });
        notify(t("toast.deleted"));
      },
      onOpen: () => store.update({ following: id }),
    });
  }

  /**
   * Show a NetworkState. `step` is the step that made it, when known; otherwise, when the
   * step count changed, the last step is fetched (undone: there is none to show). `data`
   * is the rows the change sent, when known; else new data is fetched.
   * @param {any} state
   * @param {{step?: any, undone?: boolean, data?: any}} [how]
   */
  async function adopt(state, { step = null, undone = false, data: sent = null } = {}) {
    const before = store.get().network;
    const changedNet = !before || before.id !== state.id;
    if (!changedNet && state.revision < before.revision) return; // stale
    let lastStep = store.get().lastStep;
    if (step) lastStep = step;
    else if (undone || (!changedNet && state.step < before.step)) lastStep = null;
    else if (changedNet || state.step !== before.step) lastStep = await fetchLastStep(state);
    const newData = changedNet || Boolean(sent) || dataKey(state) !== dataKey(before);
    const data = sent ?? (newData ? await api.dataset(state.id) : store.get().data);
    const now = store.get();
    if (!changedNet && now.network.revision > state.revision) return; // a newer state came meanwhile
    if (changedNet) follow(state.id);
    const phase = step && now.ui.st && !now.playing ? 0 : changedNet || state.step !== before?.step ? null : now.phase;
    const fresh = changedNet
      ? {
          data,
          history: null,
          example: null,
          grid: null,
          accuracy: null,
          inspected: null,
          explained: null,
          typed: null,
          tooltip: null,
          gone: null,
          fieldErrors: {},
        }
      : newData
        ? { data }
        : {};
    store.update((s) => ({
      ...fresh,
      network: state,
      lastStep,
      phase,
      // a diverged state stays so until the network changes (undo, a lower α, another one)
      diverged: s.diverged?.id === state.id && s.diverged.revision === state.revision ? s.diverged : null,
      ui: newData ? { ...s.ui, net: state.id, ex: Math.max(0, Math.min(s.ui.ex, state.dataset.size - 1)) } : s.ui,
    }));
    refresher.request();
  }

  return { adopt, refresh: refresher.request };
}
