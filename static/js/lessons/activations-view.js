// @ts-check
// The stage's activation view: each hidden activation's g(z) and g'(z) from the engine, a z
// to read them at (g'(z) = g(z)(1 - g(z)) checked for the sigmoid), and softmax of a vector.

import { notify } from "../core/errors.js";
import { t } from "../core/i18n.js";
import { drawFunctionPlot } from "../charts/function-plot.js";
import { fmt } from "../model/format.js";
import { html, render } from "../views/watch.js";

const LIMIT = 6;
const PLOT_HEIGHT = 130;

/** @param {string} testid @param {number} v */
const value = (testid, v) =>
  html`<strong data-testid=${testid} data-value=${String(v)} title=${String(v)}>${fmt(v, 4)}</strong>`;

/** @param {any} c @param {number} z */
function card(c, z) {
  const gz = c.g[z];
  return html`<section class="card act-card" data-testid=${`act-card-${c.name}`}>
    <h2>${t(`act.${c.name}`)}</h2>
    <p class="act-formula">${t(`act.formula.${c.name}`)}</p>
    <div class="plot" data-testid=${`act-plot-${c.name}`} data-name=${c.name}></div>
    <div class="act-readout" data-name=${c.name}>
      <span>g = ${value(`act-g-${c.name}`, gz)}</span><span>g′ = ${value(`act-dg-${c.name}`, c.dg[z])}</span>
      ${c.name === "sigmoid" ? html`<span class="act-check">g(1−g) = ${fmt(gz, 4)} × ${fmt(1 - gz, 4)} = ${value("act-check-sigmoid", gz * (1 - gz))}</span>` : ""}
    </div>
  </section>`;
}

/** @param {any} stage @param {import("../scenes/stage.js").StageScene} scene */
function softmaxCard(stage, scene) {
  const change = (j) => (e) => {
    const input = e.target;
    const v = Number(input.value);
    if (input.value.trim() === "" || !Number.isFinite(v)) return notify(t("toast.badNumber"));
    scene.setSoftmaxZ(stage.softmaxZ.map((old, k) => (k === j ? v : old)));
  };
  const p = stage.softmax?.p ?? [];
  const sum = p.reduce((a, b) => a + b, 0);
  return html`<section class="card act-card softmax-card" data-testid="act-card-softmax">
    <h2>${t("act.softmax")}</h2>
    <p class="act-formula">${t("act.formula.softmax")}</p>
    <div class="softmax-inputs">
      ${stage.softmaxZ.map(
        (v, j) =>
          html`<label
            ><span class="math">z${"₁₂₃"[j]}</span
            ><input
              type="number"
              step="any"
              .value=${String(v)}
              data-testid=${`softmax-z-${j}`}
              aria-label=${`z${j + 1}`}
              @change=${change(j)}
          /></label>`,
      )}
    </div>
    <div class="softmax-out" data-testid="softmax-out">
      ${p.map(
        (pj, j) =>
          html`<div class="softmax-row">
            <span class="math">p${"₁₂₃₄₅₆"[j] ?? j + 1}</span>
            <div class="hbar-track"><div class="hbar p" style=${`width:${(pj * 100).toFixed(2)}%`}></div></div>
            ${value(`softmax-p-${j}`, pj)}
          </div>`,
      )}
      ${stage.softmax ? html`<p class="hint">${t("act.softmaxSum", { sum: fmt(sum, 6) })}</p>` : ""}
    </div>
  </section>`;
}

/** The activation view in `root`. @param {HTMLElement} root @param {import("../scenes/stage.js").StageScene} scene */
export function createActivationsView(root, scene) {
  return (s) => {
    const stage = s.stage;
    const curves = (stage.curves || []).filter((c) => c.name !== "softmax");
    if (!curves.length) return render("", root);
    const z = stage.zIndex;
    render(
      html`<div class="act-head card">
          <span class="field-label">${t("act.pickZ")}</span>
          <input
            type="range"
            min="0"
            max=${curves[0].z.length - 1}
            .value=${String(z)}
            data-testid="act-z"
            aria-label="z"
            @input=${(e) => scene.setZ(Number(e.target.value))}
          />
          <strong class="act-z" data-testid="act-z-value">z = ${fmt(curves[0].z[z], 2)}</strong>
          <span class="act-key"><span class="key-line g"></span>g(z)<span class="key-line dg"></span>g′(z)</span>
        </div>
        <div class="act-grid">${curves.map((c) => card(c, z))}${softmaxCard(stage, scene)}</div>`,
      root,
    );
    curves.forEach((c) => {
      const finite = c.g.filter(Number.isFinite);
      drawFunctionPlot(root.querySelector(`.plot[data-name=${c.name}]`), {
        series: [
          { points: c.z.map((zz, i) => [zz, c.g[i]]), cls: "g" },
          { points: c.z.map((zz, i) => [zz, c.dg[i]]), cls: "dg" },
        ],
        xDomain: [-LIMIT, LIMIT],
        yDomain: [Math.max(Math.min(-1.2, ...finite), -LIMIT), Math.min(Math.max(1.2, ...finite), LIMIT)],
        marker: { x: c.z[z], y: c.g[z] },
        height: PLOT_HEIGHT,
      });
    });
  };
}
