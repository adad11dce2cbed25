// @ts-check
// A printable worksheet (or its answer key) of one example through the network: what is
// given (the diagram with its numbers), the rules, and the blanks to fill in.

import { html, svg } from "../../vendor/lit-html-3.3.3/lit-html.js";
import { t } from "../core/i18n.js";
import { depthOf, unitLabel } from "../model/layers.js";
import { answer, questions, sheetNumber } from "../model/worksheet.js";

const DIAGRAM_LINKS = 40; // more weights than this: the table only
const W = 640;
const H = 260;

/** The label of a question: z(h₁), δ(y₁), ∂E/∂w(x₁→h₁), w′(x₁→h₁). @param {import("../model/worksheet.js").Question} q @param {number} depth */
function questionLabel(q, depth) {
  const unit = unitLabel(q.layer, q.unit, depth);
  if (q.kind === "z" || q.kind === "a") return `${q.kind}(${unit})`;
  if (q.kind === "delta") return `δ(${unit})`;
  const link = `${unitLabel(q.layer - 1, /** @type {number} */ (q.from), depth)}→${unit}`;
  return q.kind === "grad" ? `∂E/∂w(${link})` : `w′(${link}) = w − α·∂E/∂w`;
}

/** The network drawn with its weights. @param {any} sheet */
function diagram(sheet) {
  const { layers, weights } = sheet;
  if (layers.reduce((n, k, i) => n + (i ? k * layers[i - 1] : 0), 0) > DIAGRAM_LINKS) return "";
  const depth = depthOf(layers);
  /** @param {number} l @param {number} u */
  const at = (l, u) => [60 + (l * (W - 120)) / depth, ((u + 1) * H) / (layers[l] + 1)];
  const links = weights.flatMap((/** @type {number[][]} */ m, l) =>
    m.flatMap((row, to) =>
      row.map((w, from) => {
        const [x1, y1] = at(l, from);
        const [x2, y2] = at(l + 1, to);
        const [tx, ty] = [x1 + 0.3 * (x2 - x1), y1 + 0.3 * (y2 - y1)];
        return svg`<line x1=${x1} y1=${y1} x2=${x2} y2=${y2} class="link"></line>
          <text x=${tx} y=${ty - 3} class="weight">${sheetNumber(w)}</text>`;
      }),
    ),
  );
  const units = layers.flatMap((/** @type {number} */ n, l) =>
    [...Array(n).keys()].map((u) => {
      const [x, y] = at(l, u);
      const bias =
        l > 0 && sheet.use_bias
          ? svg`<text x=${x} y=${y + 30} class="bias">b = ${sheetNumber(sheet.biases[l - 1][u])}</text>`
          : "";
      return svg`<circle cx=${x} cy=${y} r="16" class="unit"></circle>
        <text x=${x} y=${y + 5} class="unit-label">${unitLabel(l, u, depth)}</text>${bias}`;
    }),
  );
  return html`<svg class="diagram" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t("worksheet.diagram")}>${links}${units}</svg>`;
}

/** What is given: the example, the settings, every weight and bias. @param {any} sheet */
function given(sheet) {
  const depth = depthOf(sheet.layers);
  const rows = sheet.weights.flatMap((/** @type {number[][]} */ m, l) =>
    m.flatMap((row, to) =>
      row.map(
        (w, from) =>
          html`<tr><td>w(${unitLabel(l, from, depth)}→${unitLabel(l + 1, to, depth)})</td><td>${sheetNumber(w)}</td></tr>`,
      ),
    ),
  );
  const biases = sheet.use_bias
    ? sheet.biases.flatMap((/** @type {number[]} */ v, l) =>
        v.map((b, u) => html`<tr><td>b(${unitLabel(l + 1, u, depth)})</td><td>${sheetNumber(b)}</td></tr>`),
      )
    : [];
  return html`<section class="given">
    <h2>${t("worksheet.given")}</h2>
    <p>${t("worksheet.example", { n: sheet.example + 1, x: sheet.inputs.map(sheetNumber).join(", "), d: sheet.targets.map(sheetNumber).join(", ") })}</p>
    <p>${t("worksheet.settings", { rate: sheet.learning_rate, hidden: sheet.hidden_activation, output: sheet.output_activation, loss: sheet.loss })}</p>
    ${diagram(sheet)}
    <table class="numbers"><tbody>${rows}${biases}</tbody></table>
    <ul class="rules">
      <li>z = Σ w·a + b, a = g(z)</li>
      <li>${t("worksheet.ruleOutput")}</li>
      <li>${t("worksheet.ruleHidden")}</li>
      <li>∂E/∂w(i→j) = δ(j) · a(i); w′ = w − α·∂E/∂w</li>
    </ul>
  </section>`;
}

/**
 * The worksheet, or with `key` its answer key.
 * @param {any} sheet @param {string} name @param {import("../model/worksheet.js").Level} level
 * @param {number[]} path @param {boolean} key
 */
export function worksheet(sheet, name, level, path, key) {
  const depth = depthOf(sheet.layers);
  const asked = questions(sheet.layers, level, path);
  const title = key ? t("worksheet.keyTitle", { name }) : t("worksheet.title", { name });
  return html`<article class="sheet" data-testid=${key ? "worksheet-key" : "worksheet"}>
    <h1>${title}</h1>
    <p class="level">${t(`worksheet.level.${level}`)}</p>
    ${key ? "" : html`<p class="name-line">${t("worksheet.name")} ____________________</p>`} ${given(sheet)}
    <section class="questions">
      <h2>${t(key ? "worksheet.answers" : "worksheet.compute")}</h2>
      <table><tbody>
        ${asked.map(
          (q) => html`<tr data-testid="worksheet-row"><td class="q">${questionLabel(q, depth)}</td>
            <td class="blank">${key ? sheetNumber(answer(sheet, q)) : "= ______________"}</td></tr>`,
        )}
      </tbody></table>
      ${key ? html`<p>E = ${sheetNumber(sheet.error)}</p>` : ""}
    </section>
  </article>`;
}
