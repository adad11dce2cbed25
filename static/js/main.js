// @ts-check
// The entry: load what the page needs from the server, mount the views on the store,
// bind the URL, and show the network the URL names (or a new one).

import * as api from "./core/api.js";
import { act, notify } from "./core/errors.js";
import { readHash, readUrl, writeHash } from "./core/hash.js";
import { loadI18n, t } from "./core/i18n.js";
import { store, updateUi } from "./core/store.js";
import { createLessons } from "./lessons/controller.js";
import { createOneStep } from "./lessons/one-step.js";
import { mountLessonPanel } from "./lessons/panel.js";
import { createSoftmaxWidget } from "./lessons/softmax.js";
import { mountStage } from "./lessons/stage-host.js";
import { createBuilder } from "./scenes/build.js";
import { onOwnCopy } from "./scenes/embed.js";
import { createMainScene } from "./scenes/main.js";
import { createStageScene } from "./scenes/stage.js";
import { mountAccess } from "./views/access.js";
import { mountArchitecture } from "./views/architecture.js";
import { mountDataViews } from "./views/data-views.js";
import { mountExamples } from "./views/examples.js";
import { mountConnection } from "./views/connection.js";
import { mountGradcheck } from "./views/gradcheck.js";
import { mountGraph } from "./views/graph-view.js";
import { mountHelp } from "./views/help.js";
import { mountInspector } from "./views/inspector.js";
import { bindKeys } from "./views/keys.js";
import { mountLegend } from "./views/legend.js";
import { mountLibrary } from "./views/library.js";
import { mountPage } from "./views/page.js";
import { mountPanels } from "./views/panels.js";
import { mountPhase } from "./views/phase.js";
import { mountTooltip } from "./views/tooltip.js";
import { mountTopbar } from "./views/topbar.js";
import { watch } from "./views/watch.js";

const main = createMainScene();
const stage = createStageScene();
const build = createBuilder(main);
const mainScene = onOwnCopy({ ...main, reset: () => build.recreate() });
/** The scene Step, Play, Reset, Undo and the keys act on. */
const scene = () => (store.get().stage ? stage : mainScene);
const lessons = createLessons({ main, stage });

/** The views, each on its own region of the page. */
function mountViews() {
  const oneStep = createOneStep(main);
  const softmax = createSoftmaxWidget();
  const widget = (s, lesson) =>
    lesson.id === "one-step" && s.network ? oneStep(s) : lesson.id === "softmax" ? softmax(s) : "";
  mountTopbar({ scene, main, build, lessons });
  mountArchitecture(build);
  mountDataViews(main);
  mountLibrary(main);
  mountConnection(main);
  mountGradcheck();
  mountExamples(main.refresh);
  mountGraph(main);
  mountLegend();
  mountPhase(main);
  mountPanels();
  mountInspector(main);
  mountTooltip();
  mountAccess();
  mountHelp();
  mountLessonPanel(lessons, { scene, widget });
  mountStage(stage);
  bindKeys({ scene, main: mainScene, lessons });
  mountPage();
}

/** The URL: the store writes it; a changed URL (a pasted link) is followed. */
function bindUrl() {
  watch(
    (s) => [s.ui],
    (s) => writeHash(s.ui),
  );
  window.addEventListener("hashchange", () => {
    const next = readHash(window.location.hash);
    const { ui, network } = store.get();
    if (next.lesson !== ui.lesson) lessons.openFromHash(next.lesson, next.ls);
    else if (next.net && network && next.net !== network.id) {
      updateUi(next);
      act(async () => main.adopt(await api.getNetwork(next.net)));
    } else {
      updateUi({ ...next, net: ui.net });
      main.refresh();
    }
  });
}

async function init() {
  store.update({ ui: readUrl() });
  await loadI18n();
  const [config, presets, datasets] = await Promise.all([api.config(), api.listPresets(), api.listDatasets()]);
  store.update({ config, presets, datasets });
  mountViews();
  bindUrl();
  await lessons.load();
  const { net } = store.get().ui;
  if (net) {
    try {
      await main.adopt(await api.getNetwork(net));
      await lessons.restore({ fromUrl: true });
      return;
    } catch (error) {
      if (error.status !== 404) throw error;
      notify(t("toast.notFound", { id: net }), "info");
    }
  }
  await main.createDefault();
  await lessons.restore();
}

document.body.dataset.ready = "loading";
act(async () => {
  await init();
  document.body.dataset.ready = "true";
});
