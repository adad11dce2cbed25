// @ts-check
// The lesson stage scene: several networks side by side under one Play / Step / Reset
// (the XOR lesson, gradient descent), or the activation plots (no network: Play and Step
// do nothing). Its state is the store's `stage`.

import * as api from "../core/api.js";
import { act, report } from "../core/errors.js";
import { store, updateUi } from "../core/store.js";
import { appendTrained, mergeHistory, sinceFor } from "../model/history.js";
import { createTrainer } from "../model/trainer.js";
import { isDivergence } from "./diverged.js";
import { submitValue } from "./fields.js";
import { submitFields } from "./fork-edit.js";
import { compareKey, forkNets, forkSettings, netsOf, refreshNet } from "./stage-nets.js";

const ACTIVATION_POINTS = 121; // z = -6, -5.9, ..., 6
const ACTIVATION_LIMIT = 6;
const SOFTMAX_DEFAULT = [2, 1, 0.1];

/** @typedef {import("../core/state.js").StageNet} StageNet */

/**
 * Fork `id`'s choices not yet applied (its rule, output activation, loss), or with null none.
 * @param {string} id @param {Record<string, string> | null} choice
 */
const draftFork = (id, choice) =>
  store.update((s) => {
    if (!s.stage) return null;
    const drafts = { ...s.stage.drafts, [id]: choice && { ...s.stage.drafts?.[id], ...choice } };
    if (!choice) delete drafts[id];
    return { stage: { ...s.stage, drafts } };
  });

/** @param {(nets: StageNet[]) => StageNet[]} fn */
const updateNets = (fn) =>
  store.update((s) => (s.stage?.kind === "compare" ? { stage: { ...s.stage, nets: fn(s.stage.nets) } } : null));

/**
 * A network as the server has it now (after play stopped: a call in flight may have
 * trained it past what the page showed), with the history it lacks.
 * @param {StageNet} net
 */
async function syncNet(net) {
  const state = await api.getNetwork(net.state.id);
  const since = sinceFor(net.history, state.step);
  const fresh = await api.history(state.id, since);
  return refreshNet({ ...net, state, history: mergeHistory(net.history, since, fresh) });
}

/** After play stops: every network's exact state, so no number is of a step before. @param {any} trainer */
async function afterPlay(trainer) {
  await trainer.idle();
  const nets = store.get().stage?.nets ?? [];
  const synced = await Promise.all(nets.map((net) => syncNet(net).catch((error) => stopped(net, error))));
  if (store.get().stage?.nets === nets) updateNets(() => synced);
}

/**
 * Train every network that still can, k steps each; a diverged one (409) stops on its own
 * and shows no values (its panel says what happened and the ways back).
 * @param {StageNet[]} nets @param {number} k
 */
async function trainAll(nets, k) {
  const trained = await Promise.all(
    nets.map(async (net) => {
      if (net.failed) return net;
      try {
        const r = await api.train(net.state.id, k);
        return { ...net, state: r.network, history: appendTrained(net.history, r) };
      } catch (error) {
        return stopped(net, error);
      }
    }),
  );
  return Promise.all(trained.map((net) => (net.failed ? net : refreshNet(net).catch((e) => stopped(net, e)))));
}

/** A network the server refused to step or run forward (it diverged): no values shown. @param {StageNet} net @param {any} error */
function stopped(net, error) {
  if (!isDivergence(error)) throw error;
  // the server's words and kind ("diverged", "not_finite"), said in the page's language when shown
  const item = Array.isArray(error.detail) ? error.detail[0] : { msg: error.message, type: error.code };
  return { ...net, failed: item.msg, failedKind: item.type ?? null, grid: null, accuracy: null, outputs: null };
}

/**
 * Network `i` of the stage back from diverging: `change` (undo, a lower α), then its exact state.
 * @param {number} i @param {(state: any) => Promise<unknown>} change
 */
const recover = (i, change) =>
  act(async () => {
    const net = store.get().stage?.nets[i];
    if (!net) return;
    await change(net.state);
    const synced = await syncNet({ ...net, failed: null }).catch((error) => stopped(net, error));
    updateNets((nets) => nets.map((n, k) => (k === i ? synced : n)));
  });

/**
 * The lesson's networks, fresh from its presets and seeds (or forks of its one preset's
 * network, one per entry of `lesson.forks`), into the store.
 * @param {any} lesson @param {Record<string, number>} seeds
 */
async function createNets(lesson, seeds) {
  const switched = store.get().stage?.switched ?? false;
  const presets = lesson.presets.map((p) =>
    switched && lesson.switch && p === lesson.switch.from ? lesson.switch.to : p,
  );
  const create = (p) => api.createNetwork(seeds[p] !== undefined ? { preset: p, seed: seeds[p] } : { preset: p });
  if (lesson.forks) {
    const base = await create(presets[0]);
    const ready = await forkNets(base.id, lesson.forks);
    return store.update((s) => ({ stage: { ...s.stage, nets: ready, source: base.id } }));
  }
  const states = await Promise.all(presets.map(create));
  const ready = await netsOf(states, presets);
  store.update((s) => ({ stage: { ...s.stage, nets: ready } }));
}

/** The activation curves and the default softmax, into the store. */
async function openActivations() {
  const curves = await api.activations(ACTIVATION_POINTS, ACTIVATION_LIMIT);
  store.update((s) => ({ stage: { ...s.stage, curves } }));
  await setSoftmaxZ(SOFTMAX_DEFAULT);
}

/** softmax(z) from the engine, into the store. @param {number[]} z */
async function setSoftmaxZ(z) {
  const softmax = await api.softmax(z);
  store.update((s) => (s.stage ? { stage: { ...s.stage, softmaxZ: z, softmax } } : null));
}

/** A stage of `kind` with nothing on it yet. @param {"compare" | "activations"} kind */
const emptyStage = (kind) => ({
  kind,
  nets: [],
  source: null,
  switched: false,
  curves: null,
  zIndex: Math.round((ACTIVATION_POINTS - 1) * 0.6),
  softmaxZ: SOFTMAX_DEFAULT,
  softmax: null,
});

/** The stage scene. */
export function createStageScene() {
  /** @type {{lesson: any, seeds: Record<string, number>}} */
  const my = { lesson: null, seeds: {} };
  const trainer = createTrainer({
    speed: () => store.get().ui.speed,
    maxSteps: () => store.get().config.limits.max_train_steps,
    train: async (steps, live) => {
      const nets = store.get().stage?.nets ?? [];
      const next = await trainAll(nets, steps);
      if (!live() || store.get().stage?.nets !== nets) return;
      updateNets(() => next);
      return next.some((n) => !n.failed);
    },
    onError: (error) => report(error),
    onBusy: (serverBusy) => store.update({ serverBusy }),
    onState: (playing) => {
      store.update({ playing });
      if (!playing && compare()) act(() => afterPlay(trainer));
    },
  });

  const compare = () => store.get().stage?.kind === "compare";

  return {
    /** Open a lesson's stage: its networks (fresh, from the seeds) or the plots. */
    async open(lesson, seeds) {
      trainer.stop();
      my.lesson = lesson;
      my.seeds = seeds;
      const kind = lesson.presets.length === 0 ? "activations" : "compare";
      store.update({ stage: emptyStage(kind) });
      await (kind === "compare" ? createNets(lesson, seeds) : openActivations());
    },
    close() {
      trainer.stop();
      my.lesson = null;
      store.update({ stage: null });
    },
    playing: () => trainer.running(),
    togglePlay: () => (!compare() ? undefined : trainer.running() ? trainer.stop() : trainer.start()),
    stop: () => trainer.stop(),
    /** One step of every network. */
    step: () =>
      act(async () => {
        if (!compare()) return;
        const nets = store.get().stage.nets;
        const next = await trainAll(nets, 1);
        if (store.get().stage?.nets === nets) updateNets(() => next);
      }),
    /** The same networks again from their starting weights (forks: forked again). */
    reset: () =>
      act(async () => {
        if (!compare()) return;
        trainer.stop();
        const { source, nets } = store.get().stage;
        if (my.lesson && !my.lesson.forks) return createNets(my.lesson, my.seeds);
        const again = await forkNets(
          source,
          nets.map((n) => forkSettings(n.state)),
        );
        store.update((s) => ({ stage: { ...s.stage, nets: again } }));
        if (!my.lesson) updateUi({ cmp: compareKey(source, again) });
      }),
    /**
     * Compare forks of network `source` (each a POST fork with its settings), or with `saved`
     * (the URL's ids) the forks made before.
     * @param {string} source @param {Record<string, any>[]} settings @param {string[]} [saved]
     */
    async openForks(source, settings, saved = []) {
      trainer.stop();
      my.lesson = null;
      store.update({ stage: { ...emptyStage("compare"), source } });
      const nets = saved.length
        ? await netsOf(
            await Promise.all(saved.map((id) => api.getNetwork(id))),
            saved.map(() => ""),
          )
        : await forkNets(source, settings);
      store.update((s) => ({ stage: { ...s.stage, nets } }));
      updateUi({ cmp: compareKey(source, nets) });
    },
    /** One more fork of the compared network, with these settings. @param {Record<string, any>} settings */
    addFork: (settings) =>
      act(async () => {
        trainer.stop();
        const { source } = store.get().stage;
        // a refused setting stays in its field with the server's reason beside the bar
        await submitValue("compare-add", async () => {
          const [net] = await forkNets(source, [settings]);
          store.update((s) => ({ stage: { ...s.stage, nets: [...s.stage.nets, net] } }));
        });
        updateUi({ cmp: compareKey(source, store.get().stage.nets) });
      }),
    /**
     * Change fork i's settings (a PATCH of it); a refusal stays beside the field it names.
     * @param {number} i @param {Record<string, any>} changes
     * @param {(path: string) => string | null} fieldOf the field of a refused setting
     */
    editFork: (i, changes, fieldOf) =>
      act(async () => {
        trainer.stop();
        const net = store.get().stage?.nets[i];
        if (!net || Object.keys(changes).length === 0) return;
        await submitFields(`fork-edit-${i}`, changes, fieldOf, async () => {
          const state = await api.patchNetwork(net.state.id, changes);
          const fresh = await refreshNet({ ...net, state, failed: null });
          updateNets((nets) => nets.map((n) => (n.state.id === state.id ? fresh : n)));
          draftFork(state.id, null);
        });
      }),
    draftFork,
    /** Leave fork i out of the comparison. @param {number} i */
    removeFork(i) {
      trainer.stop();
      store.update((s) => ({ stage: { ...s.stage, nets: s.stage.nets.filter((_, k) => k !== i) } }));
      const { source, nets } = store.get().stage;
      updateUi({ cmp: compareKey(source, nets) });
    },
    /** Close a user's compare view: back to the network it forked. */
    closeForks() {
      trainer.stop();
      store.update({ stage: null });
      updateUi({ cmp: "" });
    },
    undo: () => {},
    /** Network i one step back (after it diverged). @param {number} i */
    undoNet: (i) => recover(i, (state) => api.undo(state.id)),
    /** Network i with a tenth of its learning rate (after it diverged). @param {number} i */
    lowerNet: (i) => recover(i, (state) => api.patchNetwork(state.id, { learning_rate: state.learning_rate / 10 })),
    /** Swap the lesson's switchable network (perceptron XOR <-> AND), from the start. */
    toggleSwitch: () =>
      act(async () => {
        trainer.stop();
        store.update((s) => ({ stage: { ...s.stage, switched: !s.stage.switched } }));
        await createNets(my.lesson, my.seeds);
      }),
    /** @param {number} zIndex */
    setZ: (zIndex) => store.update((s) => ({ stage: { ...s.stage, zIndex } })),
    /** @param {number[]} z */
    setSoftmaxZ: (z) => act(() => setSoftmaxZ(z)),
  };
}

/** @typedef {ReturnType<typeof createStageScene>} StageScene */
