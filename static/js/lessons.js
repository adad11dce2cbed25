// Lessons: the source article, step by step. A menu, a guided panel whose terms highlight
// the graph, and per-lesson widgets (the worked step, softmax and cross-entropy). Lessons
// with several networks, or none, draw on the stage (stage.js) instead of the main graph.

import * as api from "./api.js";
import { fmt, h } from "./dom.js";
import { drawFunctionPlot } from "./charts.js";
import { applyI18n, getLang, t } from "./i18n.js";
import { createStage } from "./stage.js";

const TERM = /\{\{([^|}]+)\|([^}]+)\}\}|`([^`]+)`/g;
/** Starting seeds where a lesson needs a network to behave as its text says. */
const LESSON_SEEDS = { xor: { xor: 2, "perceptron-xor": 1, "perceptron-and": 1 } };
const ARTICLE_X = 10;
const ARTICLE_D = 1;
const P_SLIDER_MAX = 99; // the slider runs over p = 0.01 ... 0.99
const P_DEFAULT = 70;
const NLOG_POINTS = 120;

/** Build the lessons controller; `ctx` is what main.js lets a lesson see and do. */
export function createLessons(ctx) {
  const panel = document.getElementById("lesson-panel");
  const menu = document.getElementById("lesson-menu");
  const menuButton = document.getElementById("lessons-button");
  let lessons = [];
  let lesson = null; // the open lesson
  let stepIndex = 0;
  let widget = null; // the open lesson's widget: {el, update()}
  const stage = createStage(document.getElementById("stage"), ctx);

  const text = (pair) => pair[getLang()] ?? pair.en;
  const isStaged = (l) => l && l.presets.length !== 1;

  // ------------------------------------------------------------------ menu

  function renderMenu() {
    menu.replaceChildren(
      ...lessons.map((l) =>
        h(
          "button",
          { type: "button", role: "menuitem", class: "menu-item", "data-testid": `lesson-item-${l.id}`, "aria-current": lesson?.id === l.id ? "true" : null, onclick: () => open(l.id) },
          text(l.title),
        ),
      ),
      ...(lesson ? [h("button", { type: "button", role: "menuitem", class: "menu-item close", "data-testid": "lesson-item-close", onclick: close }, t("lessons.close"))] : []),
    );
  }

  function toggleMenu(show = menu.hidden) {
    menu.hidden = !show;
    menuButton.setAttribute("aria-expanded", String(show));
    if (show) {
      renderMenu();
      menu.querySelector("button")?.focus();
    }
  }

  menuButton.addEventListener("click", () => toggleMenu());
  document.addEventListener("click", (event) => {
    if (!menu.hidden && !menu.contains(event.target) && !menuButton.contains(event.target)) toggleMenu(false);
  });

  // ------------------------------------------------------------------ open and close

  function open(id, { at = 0 } = {}) {
    toggleMenu(false);
    ctx.act(() => openNow(id, { at }));
  }

  /** Open a lesson now (not queued; main.js's init calls it from inside its own action). */
  async function openNow(id, { at = 0, keepNetwork = false } = {}) {
    const next = lessons.find((l) => l.id === id);
    if (!next) return;
    ctx.stopPlaying();
    stage.close();
    lesson = next;
    stepIndex = Math.min(at, lesson.steps.length - 1);
    ctx.ui.lesson = lesson.id;
    ctx.ui.ls = stepIndex;
    document.body.classList.add("in-lesson");
    document.body.classList.toggle("staged", isStaged(lesson));
    panel.hidden = false;
    document.getElementById("stage").hidden = !isStaged(lesson);
    if (isStaged(lesson)) {
      await stage.open(lesson, LESSON_SEEDS[lesson.id] || {});
    } else if (!keepNetwork) {
      const preset = lesson.presets[0];
      await ctx.loadPreset(preset, LESSON_SEEDS[lesson.id]?.[preset] !== undefined ? { seed: LESSON_SEEDS[lesson.id][preset] } : {});
    }
    widget = makeWidget(lesson.id);
    renderPanel();
    ctx.relayout();
    ctx.syncControls();
    ctx.syncPlay();
    writeHash();
    if (widget) await widget.update();
  }

  function close() {
    toggleMenu(false);
    ctx.stopPlaying();
    stage.close();
    lesson = null;
    widget = null;
    ctx.ui.lesson = "";
    ctx.ui.ls = 0;
    panel.hidden = true;
    panel.replaceChildren();
    document.getElementById("stage").hidden = true;
    document.body.classList.remove("in-lesson", "staged");
    ctx.highlight(null);
    ctx.relayout();
    ctx.syncControls();
    ctx.syncPlay();
    writeHash();
  }

  function writeHash() {
    // state.js writes the whole table; the next adopt() or this call keeps it in the URL
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    if (ctx.ui.lesson) {
      params.set("lesson", ctx.ui.lesson);
      if (ctx.ui.ls) params.set("ls", String(ctx.ui.ls));
      else params.delete("ls");
    } else {
      params.delete("lesson");
      params.delete("ls");
    }
    const hash = `#${params}`;
    if (hash !== window.location.hash) history.replaceState(null, "", hash);
  }

  function move(delta) {
    if (!lesson) return;
    const next = stepIndex + delta;
    if (next >= lesson.steps.length) {
      const after = lessons[lessons.indexOf(lesson) + 1];
      if (after) open(after.id);
      return;
    }
    if (next < 0) return;
    stepIndex = next;
    ctx.ui.ls = stepIndex;
    writeHash();
    renderPanel();
  }

  // ------------------------------------------------------------------ the panel

  /** Lesson text with {{key|words}} terms (hover: highlight the graph) and `code`. */
  function richText(source) {
    const nodes = [];
    let last = 0;
    for (const match of source.matchAll(TERM)) {
      if (match.index > last) nodes.push(source.slice(last, match.index));
      if (match[1]) {
        const key = match[1];
        const span = h("span", { class: "term", "data-term": key, tabindex: "0", "data-testid": "lesson-term" }, match[2]);
        const on = () => {
          ctx.highlight(key);
          stage.highlight(key);
        };
        const off = () => {
          ctx.highlight(null);
          stage.highlight(null);
        };
        span.addEventListener("mouseenter", on);
        span.addEventListener("focus", on);
        span.addEventListener("mouseleave", off);
        span.addEventListener("blur", off);
        nodes.push(span);
      } else nodes.push(h("code", {}, match[3]));
      last = match.index + match[0].length;
    }
    if (last < source.length) nodes.push(source.slice(last));
    return nodes;
  }

  function actionButton(action) {
    if (action === "step") {
      return h("button", { type: "button", class: "btn lesson-action", "data-testid": "lesson-action", onclick: () => ctx.step() }, t("lessons.doStep"));
    }
    if (action === "play") {
      return h("button", { type: "button", class: "btn lesson-action", "data-testid": "lesson-action", onclick: () => ctx.togglePlay() }, t("lessons.doPlay"));
    }
    if (action === "switch" && lesson.switch) {
      const switched = stage.switched();
      return h(
        "button",
        { type: "button", class: "btn lesson-action", "data-testid": "lesson-switch", "aria-pressed": String(switched), onclick: () => ctx.act(async () => { await stage.toggleSwitch(); renderPanel(); }) },
        switched ? t("lessons.switchBack") : t("lessons.switchTo"),
      );
    }
    return null;
  }

  function renderPanel() {
    if (!lesson) return;
    const steps = lesson.steps;
    const current = steps[stepIndex];
    const dots = h(
      "div",
      { class: "lesson-dots", role: "tablist", "aria-label": t("lessons.stepsAria") },
      ...steps.map((_, i) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "dot",
            "aria-selected": String(i === stepIndex),
            "aria-label": t("lessons.stepN", { n: i + 1, total: steps.length }),
            "data-testid": `lesson-dot-${i}`,
            onclick: () => move(i - stepIndex),
          },
          String(i + 1),
        ),
      ),
    );
    const isLastLesson = lessons.indexOf(lesson) === lessons.length - 1;
    const last = stepIndex === steps.length - 1;
    panel.replaceChildren(
      h(
        "div",
        { class: "card-head" },
        h("h2", { class: "lesson-kicker" }, t("lessons.kicker")),
        h("button", { type: "button", class: "btn mini", "data-testid": "lesson-close", "aria-label": t("lessons.close"), title: t("lessons.close"), onclick: close }, "×"),
      ),
      h("h1", { class: "lesson-title", "data-testid": "lesson-title" }, text(lesson.title)),
      dots,
      h("p", { class: "lesson-text", "data-testid": "lesson-text", "data-step": String(stepIndex) }, ...richText(text(current.text))),
      h("div", { class: "lesson-actions" }, actionButton(current.action)),
      ...(widget ? [widget.el] : []),
      h(
        "div",
        { class: "lesson-nav" },
        h("button", { type: "button", class: "btn", "data-testid": "lesson-prev", disabled: stepIndex === 0, onclick: () => move(-1) }, `← ${t("lessons.back")}`),
        h("span", { class: "lesson-count" }, t("lessons.stepN", { n: stepIndex + 1, total: steps.length })),
        h(
          "button",
          { type: "button", class: "btn primary", "data-testid": "lesson-next", disabled: last && isLastLesson, onclick: () => move(+1) },
          last ? (isLastLesson ? t("lessons.done") : `${t("lessons.nextLesson")} →`) : `${t("lessons.next")} →`,
        ),
      ),
    );
    applyI18n(panel);
  }

  // ------------------------------------------------------------------ widgets

  function makeWidget(id) {
    if (id === "one-step") return oneStepWidget();
    if (id === "softmax") return softmaxWidget();
    return null;
  }

  /** Lesson 2: the starting weights, and every number of the step, from the engine. */
  function oneStepWidget() {
    const el = h("div", { class: "lesson-widget", "data-testid": "one-step" });
    const inputs = [0, 1].map((l) =>
      h("input", { type: "number", step: "any", "data-testid": `lesson-w${l + 1}`, "aria-label": `w${l + 1}` }),
    );
    const typed = new Set(); // inputs the user has typed into: updates leave them alone until set
    inputs.forEach((input, l) => input.addEventListener("input", () => typed.add(l)));
    const setWeights = () => {
      const values = inputs.map((i) => Number(i.value));
      if (inputs.some((i) => i.value.trim() === "") || !values.every(Number.isFinite)) return ctx.toast(t("toast.badNumber"));
      typed.clear();
      ctx.act(async () => {
        if (ctx.network.step > 0) await ctx.loadPreset("article");
        const state = await api.setAllWeights(ctx.network.id, [[[values[0]]], [[values[1]]]]);
        await ctx.adopt(state);
      });
    };
    inputs.forEach((i) => i.addEventListener("keydown", (e) => e.key === "Enter" && setWeights()));
    const editor = h(
      "div",
      { class: "weights-editor" },
      h("label", {}, h("span", { class: "math" }, "w₁ ="), inputs[0]),
      h("label", {}, h("span", { class: "math" }, "w₂ ="), inputs[1]),
      h("button", { type: "button", class: "btn mini", "data-testid": "lesson-set-weights", onclick: setWeights, "data-i18n": "lessons.setWeights" }, t("lessons.setWeights")),
    );
    const numbers = h("div", { class: "numbers" });
    el.append(editor, numbers);
    let token = 0;

    async function update() {
      const net = ctx.network;
      if (!net || net.layers.join("-") !== "1-1-1") return;
      const mine = ++token;
      const stepped = net.step > 0 && ctx.lastStep && ctx.lastStep.step === net.step;
      const [now, e1, e2] = await Promise.all([
        api.forward(net.id, [[ARTICLE_X]], [[ARTICLE_D]]),
        api.explain(net.id, 0, 0, 0, { record: false }),
        api.explain(net.id, 1, 0, 0, { record: false }),
      ]);
      if (mine !== token) return;
      inputs.forEach((input, l) => {
        if (document.activeElement !== input && !typed.has(l)) input.value = String(net.weights[l][0][0]);
      });
      const s = ctx.lastStep;
      const before = stepped
        ? { h: s.forward.layers[0].a[0][0], y: s.forward.outputs[0][0], e: s.loss, w: [s.weights_before[0][0][0], s.weights_before[1][0][0]] }
        : { h: now.layers[0].a[0][0], y: now.outputs[0][0], e: now.loss, w: [net.weights[0][0][0], net.weights[1][0][0]] };
      const alpha = e1.learning_rate;
      const num = (testid, value, digits = 6) => h("span", { class: "num", "data-testid": testid, "data-value": String(value), title: String(value) }, fmt(value, digits));
      const row = (label, ...cells) => h("tr", {}, h("th", {}, label), h("td", {}, ...cells));
      const factors = (ex) => ex.factors.map((f, i) => [i ? " × " : "", h("span", { class: "factor-num", title: f.symbol }, fmt(f.values[0], 4))]);
      const after = [0, 1].map((l) => (stepped ? net.weights[l][0][0] : before.w[l] - alpha * (l ? e2 : e1).gradient));
      numbers.replaceChildren(
        h("h3", {}, stepped ? t("one.beforeStep", { n: s.step }) : t("one.now")),
        h(
          "table",
          { class: "lesson-table" },
          h(
            "tbody",
            {},
            row("h = g(w₁x)", num("lesson-h-before", before.h)),
            row("y = g(w₂h)", num("lesson-y-before", before.y)),
            row("E = −d ln y", num("lesson-e-before", before.e)),
          ),
        ),
        h("h3", {}, stepped ? t("one.gradients") : t("one.gradientsPreview")),
        h(
          "table",
          { class: "lesson-table chain" },
          h(
            "tbody",
            {},
            h("tr", {}, h("th", {}, "∂E/∂w₂"), h("td", {}, h("span", { class: "formula-text" }, "(−d/y) · y(1−y) · h"))),
            h("tr", {}, h("th", {}, ""), h("td", {}, ...factors(e2), " = ", num("lesson-grad-w2", e2.gradient))),
            h("tr", {}, h("th", {}, "∂E/∂w₁"), h("td", {}, h("span", { class: "formula-text" }, "(w₂ · (y−d)) · h(1−h) · x"))),
            h("tr", {}, h("th", {}, ""), h("td", {}, ...factors(e1), " = ", num("lesson-grad-w1", e1.gradient))),
          ),
        ),
        h("h3", {}, t("one.update", { alpha })),
        h(
          "table",
          { class: "lesson-table" },
          h(
            "tbody",
            {},
            row("w₁", fmt(before.w[0], 4), " − ", String(alpha), " × ", fmt(e1.gradient, 4), " = ", num("lesson-w1-after", after[0], 4)),
            row("w₂", fmt(before.w[1], 4), " − ", String(alpha), " × ", fmt(e2.gradient, 4), " = ", num("lesson-w2-after", after[1], 4)),
          ),
        ),
        h("h3", {}, t("one.after")),
        stepped
          ? h("table", { class: "lesson-table" }, h("tbody", {}, row("y = g(w₂ g(w₁x))", num("lesson-y-after", now.outputs[0][0])), row("E", num("lesson-e-after", now.loss))))
          : h("p", { class: "hint" }, t("one.pressStep")),
      );
      el.dataset.step = String(net.step);
    }
    return { el, update };
  }

  /** Lesson 4: p against one-hot d, E = -ln p_true from the engine as p_true moves. */
  function softmaxWidget() {
    const el = h("div", { class: "lesson-widget", "data-testid": "softmax-widget" });
    const slider = h("input", { type: "range", min: 1, max: P_SLIDER_MAX, value: P_DEFAULT, "data-testid": "lesson-p-slider", "aria-label": "p_true" });
    const readout = h("div", { class: "softmax-readout" });
    const plot = h("div", { class: "plot", "data-testid": "lesson-nlog-plot" });
    el.append(
      h("h3", {}, t("soft.slider")),
      h("div", { class: "slider-row" }, h("span", { class: "math" }, "p"), h("sub", {}, t("soft.true")), slider),
      readout,
      h("h3", {}, t("soft.curve")),
      plot,
    );
    let token = 0;
    async function update() {
      const mine = ++token;
      const p = Number(slider.value) / (P_SLIDER_MAX + 1);
      const z = [Math.log(p), Math.log((1 - p) / 2), Math.log((1 - p) / 2)];
      const result = await api.softmax(z, 0, { record: mine === 1 });
      if (mine !== token) return;
      const d = [1, 0, 0];
      const bar = (value, cls, testid) =>
        h("div", { class: "hbar-track" }, h("div", { class: `hbar ${cls}`, "data-testid": testid, "data-value": String(value), style: `width:${(value * 100).toFixed(2)}%` }));
      readout.replaceChildren(
        h(
          "table",
          { class: "softmax-bars" },
          h("thead", {}, h("tr", {}, h("th", {}, t("soft.class")), h("th", {}, "p"), h("th", {}, ""), h("th", {}, "d"))),
          h(
            "tbody",
            {},
            ...result.p.map((pj, j) =>
              h(
                "tr",
                {},
                h("th", {}, String(j + 1)),
                h("td", { class: "bar-cell" }, bar(pj, "p", `lesson-p-${j}`)),
                h("td", { class: "num" }, fmt(pj, 3)),
                h("td", { class: "bar-cell small" }, bar(d[j], "d", `lesson-d-${j}`)),
              ),
            ),
          ),
        ),
        h(
          "p",
          { class: "big-e" },
          h("span", { class: "math" }, "E = −ln p₁ = "),
          h("strong", { "data-testid": "lesson-softmax-e", "data-value": String(result.error), "data-p": String(result.p[0]), title: String(result.error) }, fmt(result.error, 4)),
        ),
      );
      const curve = [];
      for (let i = 1; i <= NLOG_POINTS; i++) {
        const x = i / NLOG_POINTS;
        curve.push([x, -Math.log(x)]);
      }
      drawFunctionPlot(plot, { series: [{ points: curve, cls: "g" }], xDomain: [0, 1], yDomain: [0, 5], marker: { x: result.p[0], y: result.error } });
    }
    slider.addEventListener("input", () => update().catch((e) => ctx.toast(ctx.errorText(e))));
    return { el, update };
  }

  ctx.onChange(() => {
    if (widget && lesson && !isStaged(lesson)) widget.update().catch((e) => console.warn(e));
  });

  return {
    /** Fetch the lessons and fill the menu. */
    async load() {
      lessons = await api.lessons();
      renderMenu();
    },
    /** Reopen the lesson named in the URL (keeping the network the URL names). */
    async restore({ fromUrl = false } = {}) {
      if (!ctx.ui.lesson) return;
      const found = lessons.find((l) => l.id === ctx.ui.lesson);
      if (!found) return;
      await openNow(found.id, { at: ctx.ui.ls, keepNetwork: fromUrl });
    },
    /** Follow a lesson named in a changed URL ("" closes the open one). */
    openFromHash(id, at) {
      if (!id) close();
      else open(id, { at });
    },
    toggleMenu,
    move,
    staged: () => Boolean(lesson) && isStaged(lesson),
    stage,
    /** Redraw every lesson text after a language switch. */
    relabel() {
      renderMenu();
      if (!lesson) return;
      const id = lesson.id;
      widget = makeWidget(id);
      renderPanel();
      if (widget) widget.update().catch((e) => console.warn(e));
      stage.relabel();
    },
    relayout() {
      stage.relayout();
    },
  };
}
