// @ts-check
// The Lessons menu and the guided panel: title, step dots, the step's text (terms light up
// the graph), its action button, the lesson's widget and the navigation.

import { getText } from "./text.js";
import { t } from "../core/i18n.js";
import { store } from "../core/store.js";
import { $, html, nothing, render, watch } from "../views/watch.js";
import { isStaged, openLesson } from "./controller.js";
import { parseRichText, richText } from "./rich-text.js";

/** @param {any} s @param {string} action @param {import("./controller.js").Lessons} lessons @param {{scene: () => any}} deps */
function actionButton(s, action, lessons, { scene }) {
  const button = (testid, label, fn, pressed) =>
    html`<button
      type="button"
      class="btn lesson-action"
      data-testid=${testid}
      aria-pressed=${pressed ?? nothing}
      @click=${fn}
    >
      ${label}
    </button>`;
  if (action === "step") return button("lesson-action", t("lessons.doStep"), () => scene().step());
  if (action === "play") return button("lesson-action", t("lessons.doPlay"), () => scene().togglePlay());
  if (action === "switch" && openLesson(s)?.switch) {
    const on = Boolean(s.stage?.switched);
    return button(
      "lesson-switch",
      on ? t("lessons.switchBack") : t("lessons.switchTo"),
      () => lessons.toggleSwitch(),
      String(on),
    );
  }
  return nothing;
}

/** @param {any} s @param {any} lesson @param {import("./controller.js").Lessons} lessons @param {any} deps */
function panel(s, lesson, lessons, deps) {
  const at = s.ui.ls;
  const steps = lesson.steps;
  const lastLesson = s.lessons.indexOf(lesson) === s.lessons.length - 1;
  const last = at === steps.length - 1;
  return html`<div class="card-head">
      <h2 class="lesson-kicker">${t("lessons.kicker")}</h2>
      <button
        type="button"
        class="btn mini"
        data-testid="lesson-close"
        aria-label=${t("lessons.close")}
        title=${t("lessons.close")}
        @click=${lessons.close}
      >
        ×
      </button>
    </div>
    <h1 class="lesson-title" data-testid="lesson-title">${getText(s, lesson.title)}</h1>
    <div class="lesson-dots" role="tablist" aria-label=${t("lessons.stepsAria")}>
      ${steps.map(
        (_, i) =>
          html`<button
            type="button"
            role="tab"
            class="dot"
            aria-selected=${String(i === at)}
            aria-label=${t("lessons.stepN", { n: i + 1, total: steps.length })}
            data-testid=${`lesson-dot-${i}`}
            @click=${() => lessons.move(i - at)}
          >
            ${i + 1}
          </button>`,
      )}
    </div>
    <p class="lesson-text" data-testid="lesson-text" data-step=${String(at)}>
      ${richText(parseRichText(getText(s, steps[at].text)))}
    </p>
    <div class="lesson-actions">${actionButton(s, steps[at].action, lessons, deps)}</div>
    ${deps.widget(s, lesson)}
    <div class="lesson-nav">
      <button
        type="button"
        class="btn"
        data-testid="lesson-prev"
        ?disabled=${at === 0}
        @click=${() => lessons.move(-1)}
      >
        ← ${t("lessons.back")}
      </button>
      <span class="lesson-count">${t("lessons.stepN", { n: at + 1, total: steps.length })}</span>
      <button
        type="button"
        class="btn primary"
        data-testid="lesson-next"
        ?disabled=${last && lastLesson}
        @click=${() => lessons.move(+1)}
      >
        ${last ? (lastLesson ? t("lessons.done") : `${t("lessons.nextLesson")} →`) : `${t("lessons.next")} →`}
      </button>
    </div>`;
}

/**
 * The menu, the panel and the page's lesson mode (body classes, the stage column).
 * @param {import("./controller.js").Lessons} lessons
 * @param {{scene: () => any, widget: (s: any, lesson: any) => unknown}} deps
 */
export function mountLessonPanel(lessons, deps) {
  const menu = $("lesson-menu");
  const button = $("lessons-button");
  button.addEventListener("click", () => lessons.toggleMenu());
  document.addEventListener("click", (event) => {
    const target = /** @type {Node} */ (event.target);
    if (store.get().menuOpen && !menu.contains(target) && !button.contains(target)) lessons.toggleMenu(false);
  });
  watch(
    (s) => [s.menuOpen, s.lessons, s.ui.lesson, s.lang],
    (s) => {
      menu.hidden = !s.menuOpen;
      button.setAttribute("aria-expanded", String(s.menuOpen));
      const open = openLesson(s);
      const item = (testid, label, fn, current) =>
        html`<button
          type="button"
          role="menuitem"
          class=${fn === lessons.close ? "menu-item close" : "menu-item"}
          data-testid=${testid}
          aria-current=${current ? "true" : nothing}
          @click=${fn}
        >
          ${label}
        </button>`;
      render(
        [
          ...s.lessons.map((l) =>
            item(`lesson-item-${l.id}`, getText(s, l.title), () => lessons.open(l.id), open?.id === l.id),
          ),
          open ? item("lesson-item-close", t("lessons.close"), lessons.close, false) : nothing,
        ],
        menu,
      );
      if (s.menuOpen) /** @type {HTMLElement | null} */ (menu.querySelector("button"))?.focus();
    },
  );
  watch(
    (s) => [s.ui.lesson, s.lessons, s.ui.cmp],
    (s) => {
      const lesson = openLesson(s);
      const comparing = !lesson && Boolean(s.ui.cmp); // a compare view of the user's forks
      document.body.classList.toggle("in-lesson", Boolean(lesson));
      document.body.classList.toggle("staged", isStaged(lesson) || comparing);
      document.body.classList.toggle("comparing", comparing);
      $("lesson-panel").hidden = !lesson;
      $("stage").hidden = !isStaged(lesson) && !comparing;
      store.update((now) => ({ layout: now.layout + 1 }));
    },
  );
  watch(
    (s) => [s.ui.lesson, s.ui.ls, s.lessons, s.stage?.switched, s.widget, s.network, s.lang],
    (s) => {
      const lesson = openLesson(s);
      render(lesson ? panel(s, lesson, lessons, deps) : nothing, $("lesson-panel"));
    },
  );
}
