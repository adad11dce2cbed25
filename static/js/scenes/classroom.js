// @ts-check
// A student in a class (shared mode): follow the class's event stream for the teacher's
// locks and pushes, offer a push not yet seen, and take it as the student's own copy.

import * as api from "../core/api.js";
import * as cls from "../core/class-api.js";
import { act, notify, report } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";

const SEEN_KEY = "bpv-class-push"; // the number of the last push this browser took or dismissed
const RETRY_MS = 2000; // the stream ended (a restart, a lost connection): follow it again after this

/** The number of the last push taken or dismissed here (0: none). */
function seen() {
  try {
    return Number(window.localStorage.getItem(SEEN_KEY) ?? 0);
  } catch {
    return 0; // storage may be disabled
  }
}

/** Remember a push as taken or dismissed. @param {number} number */
function remember(number) {
  try {
    window.localStorage.setItem(SEEN_KEY, String(number));
  } catch {
    // not remembered: the page offers it again next time
  }
}

/**
 * Join the class: locks and offers into the store (classLocks, classOffer).
 * @param {{create: (body: object) => Promise<void>, adopt: (state: any) => Promise<void>}} main
 * @param {{open: (id: string, options?: {at?: number}) => any}} lessons
 * @param {{choose: (id: string) => any, refresh: () => Promise<void>, drop: (id: string) => Promise<void>}} predictor
 */
export function joinClass(main, lessons, predictor) {
  /** @param {any} data a `class` event */
  const heard = async (data) => {
    store.update({ classLocks: data.locks });
    const offered = store.get().classOffer?.number ?? 0;
    if (data.push === null || data.push <= Math.max(seen(), offered)) return;
    const offer = await cls.pushed();
    if (offer.kind === "withdrawn") return withdrawn(offer);
    // a teacher's new exercise: listed before it is offered, so the offer names it
    if (offer.kind === "exercise" && !store.get().predict.exercises.some((e) => e.id === offer.exercise))
      await predictor.refresh();
    store.update({ classOffer: offer });
  };
  /** The teacher deleted the pushed exercise: no offer of it, and no exercise left to do. @param {any} offer */
  const withdrawn = async (offer) => {
    remember(offer.number);
    store.update({ classOffer: null });
    await predictor.drop(offer.exercise);
  };
  const listen = () =>
    cls
      .followClass("", (data) => heard(data).catch((error) => report(error, { quiet: true })))
      .catch((error) => report(error, { quiet: true }))
      .finally(() => window.setTimeout(listen, RETRY_MS));
  listen();
  const close = () => {
    const offer = store.get().classOffer;
    if (offer) remember(offer.number);
    store.update({ classOffer: null });
    return offer;
  };
  return {
    /** Take the offer: a copy of its network (or open its lesson step, or start its exercise). */
    take() {
      const offer = close();
      if (!offer) return;
      if (offer.kind === "lesson") return lessons.open(offer.lesson, { at: offer.step });
      if (offer.kind === "exercise") return predictor.choose(offer.exercise); // on a copy of its preset
      const { path, body } = offer.take;
      return act(async () =>
        path.endsWith("/import") ? main.adopt(await api.importNetwork(body)) : main.create(body),
      );
    },
    dismiss: () => void close(),
    /** Choose the name the teacher sees. @param {string} name */
    setName: (name) =>
      act(async () => {
        const me = await cls.setName(name);
        notify(t("class.nameSaved", { name: me.display_name }), "info");
      }),
  };
}
