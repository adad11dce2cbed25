// @ts-check
// The main scene: what Step / Play / Reset / Undo and the keys do to the main network.

import * as api from "../core/api.js";
import { act, notify, report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store, updateUi } from "../core/store.js";
import { appendTrained } from "../model/history.js";
import { depthOf } from "../model/layers.js";
import { packsArrays } from "../model/packed.js";
import { buildPhases, movePhase } from "../model/phases.js";
import { createTrainer } from "../model/trainer.js";
import { explainInspected, fetchLastStep, frameFor, framePieces } from "./background.js";
import { divergedOr } from "./diverged.js";
import { createNetworkKeeper } from "./network.js";
import { createWalker } from "./walk.js";

const DEFAULT_CREATE = { layers: [2, 3, 1], dataset: "xor" };

/** @typedef {ReturnType<typeof createNetworkKeeper>} Keeper */

/** One backprop step of the network shown. @param {Keeper} keeper */
async function stepOnce(keeper) {
  const before = store.get().network;
  const lean = packsArrays(before); // a large network: the page already holds the weights before
  let response = await api.step(before.id, { lean });
  if (lean) {
    // the step started from the state this page holds exactly when nothing came in between
    if (response.network.revision === before.revision + 1) {
      response = { ...response, weights_before: before.weights, biases_before: before.biases };
    } else response = await api.lastStep(before.id, { packed: true });
  }
  await keeper.adopt(response.network, { step: response });
}

/**
 * A /train response while playing: the state, its losses and the frame it answered (when
 * the page still shows what the frame asked for: not after a click on another example).
 * @param {any} trained @param {Keeper} keeper @param {any} asked the frame sent
 */
function takePlayed(trained, keeper, asked) {
  const current = store.get().data && JSON.stringify(frameFor(store.get())) === JSON.stringify(asked);
  const frame = current ? trained.frame : null;
  store.update((s) =>
    trained.network.revision <= s.network.revision
      ? null
      : {
          network: trained.network,
          history: s.history && appendTrained(s.history, trained),
          played: trained.penalties.length
            ? { id: trained.network.id, step: trained.step, value: trained.penalties.at(-1) }
            : s.played,
          ...(frame ? framePieces(frame) : {}),
        },
  );
  const { ui, inspected } = store.get();
  // the frame came with the steps; the last step (other views, the inspector) still comes apart
  if (!frame || ui.view !== "weights" || inspected) keeper.refresh();
}

/** After play stops: the exact state and last step, then the panels. @param {any} trainer @param {Keeper} keeper */
async function afterPlay(trainer, keeper) {
  await trainer.idle(); // the call in flight when play stopped has reached the server
  const { network } = store.get();
  if (!network || isGone()) return;
  const state = await api.getNetwork(network.id, { packed: packsArrays(network) });
  const lastStep = await fetchLastStep(state);
  if (store.get().network?.id !== state.id) return;
  store.update({ network: state, lastStep });
  keeper.refresh();
}

/** Step-through: phases forward and back, the mode on and off. @param {Keeper} keeper @param {any} trainer */
function phaseActions(keeper, trainer) {
  const walker = createWalker({ next: () => nextPhase() });
  /** @param {number} delta */
  const moveBy = (delta) => {
    const { network, phase, lastStep } = store.get();
    if (lastStep && phase !== null) store.update({ phase: movePhase(phase, delta, depthOf(network.layers)) });
  };
  /** Next phase; past the last one (or before any step), a new step. */
  const nextPhase = () =>
    act(async () => {
      const { network, phase, lastStep } = store.get();
      if (phase === null || !lastStep || phase >= buildPhases(depthOf(network.layers)).length - 1)
        await stepOnce(keeper).catch(divergedOr);
      else moveBy(+1);
    });
  return {
    nextPhase,
    prevPhase: () => act(async () => moveBy(-1)),
    /** Step-through plays itself, or pauses where it is. */
    toggleWalk: () => {
      if (walker.running()) return walker.stop();
      trainer.stop();
      walker.start();
    },
    stopWalk: () => walker.stop(),
    toggleStepThrough: () => {
      const { ui, lastStep } = store.get();
      if (!ui.st) trainer.stop();
      else walker.stop();
      updateUi({ st: !ui.st }, { phase: !ui.st && lastStep ? 0 : null });
    },
  };
}

/** The chain-rule inspector: open, close, set the weight. @param {Keeper} keeper */
function inspectorActions(keeper) {
  return {
    /** Open the chain rule of a link. @param {import("../model/links.js").LinkId} link */
    inspect: (link) => {
      store.update({ inspected: { layer: link.layer, from: link.from, to: link.to }, explained: null, typed: null });
      act(() => explainInspected({ record: true }));
    },
    closeInspector: () => store.update({ inspected: null, explained: null, typed: null }),
    /** @param {number} value */
    setWeight: (value) => {
      const { inspected, network } = store.get();
      store.update({ typed: null });
      return act(async () => {
        const state = await api.setWeight(network.id, inspected, value);
        await keeper.adopt(state);
        store.update({ edited: { id: state.id, step: state.step } }); // the step's loss is of the old weights
        notify(t("toast.setTo", { value }), "info");
      });
    },
  };
}

/** Whether the shown network was deleted on the server. */
const isGone = () => Boolean(store.get().gone) && store.get().gone === store.get().network?.id;

/** An action that, on a deleted network, says so instead of failing. @param {() => any} fn */
const alive = (fn) => () => (isGone() ? notify(t("toast.deleted")) : fn());

/** The main scene. */
export function createMainScene() {
  const keeper = createNetworkKeeper({ act });
  const trainer = createTrainer({
    speed: () => store.get().ui.speed,
    maxSteps: () => store.get().config.limits.max_train_steps,
    train: async (steps, live) => {
      const s = store.get();
      const frame = s.data ? frameFor(s) : null;
      const trained = await api.train(s.network.id, steps, { packed: packsArrays(s.network), frame });
      const id = s.network.id;
      const show = () => live() && store.get().network?.id === id && takePlayed(trained, keeper, frame);
      return { trainMs: trained.trainMs, show };
    },
    onError: (error) => {
      try {
        divergedOr(error);
      } catch {
        report(error);
      }
    },
    onBusy: (serverBusy) => store.update({ serverBusy }),
    onState: (playing) => {
      if (!playing) act(() => afterPlay(trainer, keeper));
      store.update(playing ? { playing, phase: null } : { playing });
    },
  });
  store.subscribe(() => isGone() && trainer.running() && trainer.stop()); // deleted on the server
  /** A new network from a create body (stopping play first). @param {object} body */
  const phases = phaseActions(keeper, trainer);
  const create = async (body) => {
    trainer.stop();
    await keeper.adopt(await api.createNetwork(body));
  };
  return {
    adopt: keeper.adopt,
    refresh: keeper.refresh,
    create,
    playing: () => trainer.running(),
    step: alive(() => act(() => stepOnce(keeper).catch(divergedOr))),
    togglePlay: alive(() => (trainer.running() ? trainer.stop() : (phases.stopWalk(), trainer.start()))),
    stop: () => trainer.stop(),
    /**
     * Undo, also while playing: play stops and its last call lands first, then one step goes
     * back, or (the step stays) a data change: its rows are fetched again.
     */
    undo: alive(() =>
      act(async () => {
        trainer.stop();
        await trainer.idle();
        const { id, step } = store.get().network;
        const state = await api.undo(id);
        const data = state.step === step ? await api.dataset(id) : null;
        await keeper.adopt(state, { undone: true, data });
      }),
    ),
    /** A tenth of the learning rate (the way back after diverging). */
    lowerRate: () =>
      act(async () => {
        const { network } = store.get();
        await keeper.adopt(await api.patchNetwork(network.id, { learning_rate: network.learning_rate / 10 }));
      }),
    /** The default network: the xor preset when the server has it. */
    createDefault: () => create(store.get().presets.some((p) => p.name === "xor") ? { preset: "xor" } : DEFAULT_CREATE),
    ...phases,
    ...inspectorActions(keeper),
  };
}

/** @typedef {ReturnType<typeof createMainScene>} MainScene */
