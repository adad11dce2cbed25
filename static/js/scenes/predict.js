// @ts-check
// Predict, then reveal: a prediction is stored before the step (POST .../predictions); once
// the shown network has taken that step (the card's button, Step or its key), the server
// reveals the true numbers and marks it; an exercise moves on to its next check.

import * as api from "../core/api.js";
import { act, notify, report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import * as predictApi from "../core/predict-api.js";
import { store } from "../core/store.js";

/** @param {Partial<import("../core/state.js").Predict>} patch */
const update = (patch) => store.update((s) => ({ predict: { ...s.predict, ...patch } }));

/** Whether a prediction was refused because its exercise is no more (a 422 on body.exercise itself). @param {any} error */
const isGone = (error) =>
  error?.status === 422 &&
  Array.isArray(error.detail) &&
  error.detail.some((d) => d.loc?.join(".") === "body.exercise");

/**
 * The predictor.
 * @param {{create: (body: object) => Promise<void>, adopt: (state: any) => Promise<void>, stop: () => void, step: () => any}} main
 */
export function createPredictor(main) {
  let scored = ""; // the network whose score is shown
  store.subscribe((s) => {
    const { pending } = s.predict;
    const net = s.network;
    if (net && net.id !== scored) {
      scored = net.id;
      predictApi.predictions(net.id).then(
        (listed) => update({ score: listed.score }),
        (error) => report(error, { quiet: true }), // background work: not a user action
      );
    }
    if (!pending || !net || net.id !== pending.network || net.step === pending.step) return;
    update({ pending: null });
    if (net.step !== pending.step + 1) return notify(t("predict.missed", { n: pending.step + 1 }));
    act(async () => {
      const result = await predictApi.reveal(pending.network, pending.id);
      const { exercise, position } = store.get().predict;
      update({ result, score: result.score, position: exercise ? position + 1 : position });
    });
  });
  /** The exercises again (the teacher may have written one since). */
  const refresh = async () => update({ exercises: await predictApi.exercises() });
  /** The exercise with this id, asked for again when not known yet. @param {string} id */
  const find = async (id) => {
    const known = () => store.get().predict.exercises.find((e) => e.id === id);
    if (!known() && id) await refresh();
    return known();
  };
  /** The teacher deleted this exercise: list the rest; one being done ends, its network kept. @param {string} id */
  const drop = async (id) => {
    if (store.get().predict.exercise === id) {
      update({ exercise: "", position: 0, pending: null });
      notify(t("predict.deleted"), "info");
    }
    await refresh();
  };
  return {
    load: () => act(refresh),
    refresh,
    drop,
    /**
     * Start an exercise on a fresh copy of its preset, or of the teacher's network it names
     * (an import of its export); "" for free predictions. @param {string} id
     */
    choose: (id) =>
      act(async () => {
        update({ exercise: id, position: 0, pending: null, result: null });
        const exercise = await find(id);
        if (exercise?.preset) await main.create({ preset: exercise.preset });
        else if (exercise) {
          const { export: doc } = await predictApi.exercise(id);
          main.stop();
          await main.adopt(await api.importNetwork(doc));
        }
      }),
    /** Store the prediction, then take the step it is of. @param {object} body */
    predictThenStep(body) {
      act(async () => {
        const { network, predict } = store.get();
        const pending = await predictApi.predict(network.id, body).catch((error) => {
          if (predict.exercise && isGone(error)) return null; // deleted since it was listed
          throw error;
        });
        if (!pending) return drop(predict.exercise);
        update({ pending, result: null });
        main.step(); // queued after this action: only once the prediction is stored
      });
    },
  };
}
