// @ts-check
// The data card's controls for points of the plane: a generated built-in's noise, train
// share, number of points and data seed (with Regenerate), and the input features. The
// options and limits are the server's (GET /api/config).

import { notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { onPlane } from "../model/drawn.js";
import { $, html, live, render, watch } from "./watch.js";

const PLAIN = ["x1", "x2"]; // without features, the input units are the points themselves
const NEW_SEED_RANGE = 2 ** 31;

/**
 * A slider or number field of one generation setting.
 * @param {{key: string, value: number, limits: number[], kind: "range" | "number", send: (key: string, value: number) => void, shown?: string}} o
 */
function setting({ key, value, limits, kind, send, shown = String(value) }) {
  return html`<label class="field stacked"
    ><span class="field-label"
      >${t(`gen.${key}`)} <output data-testid=${`gen-${key}-value`}>${kind === "range" ? shown : ""}</output></span
    >
    <input
      type=${kind}
      data-testid=${`gen-${key}`}
      min=${limits[0]}
      max=${limits[1]}
      step="1"
      .value=${live(String(value))}
      @change=${(e) => {
        const v = Number(e.target.value);
        if (Number.isInteger(v) && v >= limits[0] && v <= limits[1]) send(key, v);
        else notify(t("gen.outside", { low: limits[0], high: limits[1] }));
      }}
  /></label>`;
}

/** @param {any} network @param {any} limits @param {import("../scenes/data.js").DataActions} actions */
function generation(network, limits, actions) {
  const gen = network.dataset.generation;
  if (!gen) return "";
  /** @param {string} key @param {number} value */
  const send = (key, value) => actions.regenerate({ ...gen, [key]: value });
  return html`<div class="gen-grid">
    ${setting({
      key: "noise",
      value: gen.noise ?? 0,
      limits: limits.noise,
      kind: "range",
      send,
      shown: gen.noise === null ? t("gen.own") : String(gen.noise),
    })}
    ${setting({ key: "train_percent", value: gen.train_percent, limits: limits.train_percent, kind: "range", send })}
    ${setting({ key: "points", value: gen.points, limits: limits.points, kind: "number", send })}
    ${setting({ key: "data_seed", value: gen.data_seed, limits: [0, Number.MAX_SAFE_INTEGER], kind: "number", send })}
    <button
      type="button"
      class="btn mini"
      data-testid="regenerate"
      title=${t("gen.regenerateTitle")}
      @click=${() => send("data_seed", Math.floor(Math.random() * NEW_SEED_RANGE))}
    >
      ${t("gen.regenerate")}
    </button>
  </div>`;
}

/** @param {any} network @param {string[]} all @param {import("../scenes/data.js").DataActions} actions */
function features(network, all, actions) {
  const on = network.features?.length ? network.features : PLAIN;
  /** @param {string} name @param {boolean} checked */
  const toggle = (name, checked) => {
    const next = all.filter((f) => (f === name ? checked : on.includes(f)));
    if (!next.length) return notify(t("feature.keepOne"), "info");
    actions.setFeatures(next.join() === PLAIN.join() ? [] : next);
  };
  return html`<h3>${t("feature.heading")}</h3>
    <div class="feature-list" role="group" aria-label=${t("feature.heading")}>
      ${all.map(
        (name) =>
          html`<label class="check feature" title=${t("feature.title")}
            ><input
              type="checkbox"
              data-testid=${`feature-${name}`}
              .checked=${live(on.includes(name))}
              @change=${(e) => toggle(name, e.target.checked)}
            /><span>${t(`feature.${name}`)}</span></label
          >`,
      )}
    </div>`;
}

/** @param {import("../scenes/data.js").DataActions} actions */
export function mountDataControls(actions) {
  watch(
    (s) => [s.network, s.config, s.lang],
    ({ network, config }) => {
      const plane = network && config && onPlane(network);
      render(plane ? generation(network, config.limits, actions) : "", $("generation"));
      render(plane ? features(network, config.features, actions) : "", $("features"));
    },
  );
}
