"""The lessons in Chromium: each opens from the menu, and its numbers are the engine's."""

import json
import math

import httpx
import pytest
from playwright.sync_api import Page, expect

from app import lessons as app_lessons

from .conftest import ROOT, wait_idle

LESSONS = [lesson["id"] for lesson in app_lessons.LESSONS]  # the server's own list
TABLES = ROOT / "static" / "i18n"

# Every visible text node of the page (not inside <script>/<style>), trimmed, with its parent.
VISIBLE_TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || ["SCRIPT", "STYLE"].includes(parent.tagName)) continue;
    if (parent.tagName === "OPTION") {
      // an identifier the API uses (sigmoid, xavier), or a select's hidden choices
      if (parent.value === text || !parent.selected) continue;
    }
    if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    out.push(text);
  }
  return out;
}"""


def value(page: Page, testid: str) -> float:
    """The full-precision number a lesson element carries in data-value."""
    return float(page.get_by_test_id(testid).get_attribute("data-value"))


def open_lesson(page: Page, lesson: str) -> None:
    """Open a lesson from the Lessons menu and wait until its panel shows."""
    page.get_by_test_id("lessons-button").click()
    page.get_by_test_id(f"lesson-item-{lesson}").click()
    expect(page.get_by_test_id("lesson-panel")).to_be_visible()
    page.wait_for_function(f"() => location.hash.includes('lesson={lesson}')")


def accuracies(page: Page) -> list[int]:
    """The right-answer counts of the stage's networks, left to right."""
    return page.eval_on_selector_all(
        "[data-testid^=stage-accuracy-]", "els => els.map(e => +(e.dataset.right || -1))"
    )


def test_both_tables_have_exactly_the_same_keys() -> None:
    en = json.loads((TABLES / "en.json").read_text(encoding="utf-8"))
    zh = json.loads((TABLES / "zh.json").read_text(encoding="utf-8"))
    assert set(en) == set(zh)
    assert all(zh[k].strip() for k in zh)


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_opens_from_the_menu_and_steps_through(
    app_page: Page, api: httpx.Client, lesson: str
) -> None:
    info = next(x for x in api.get("/api/lessons").json() if x["id"] == lesson)
    open_lesson(app_page, lesson)
    expect(app_page.get_by_test_id("lesson-title")).to_have_text(info["title"]["en"])
    for i in range(len(info["steps"])):
        expect(app_page.get_by_test_id("lesson-text")).to_have_attribute("data-step", str(i))
        if i < len(info["steps"]) - 1:
            wait_idle(app_page)  # a step's widget has its numbers (and its size)
            app_page.get_by_test_id("lesson-next").click()
    if len(info["presets"]) == 1:
        state = api.get(f"/api/networks/{app_page.get_attribute('#graph', 'data-network-id')}")
        assert state.json()["layers"] == {"xor": [2, 3, 1], "article": [1, 1, 1]}.get(
            info["presets"][0], state.json()["layers"]
        )
    else:
        expect(app_page.get_by_test_id("stage")).to_be_visible()


def test_a_term_highlights_its_part_of_the_graph(app_page: Page) -> None:
    open_lesson(app_page, "blocks")
    app_page.locator("[data-term=input]").hover()
    expect(app_page.locator("g.unit.hl")).to_have_count(2)
    assert app_page.locator("g.unit.hl[data-layer='0']").count() == 2
    app_page.get_by_test_id("lesson-next").click()
    app_page.get_by_test_id("lesson-next").click()
    app_page.locator("[data-term=weights]").hover()
    expect(app_page.locator("line.link.hl")).to_have_count(9)  # 2x3 + 3x1, biases not


def test_one_step_lesson_shows_the_articles_numbers(app_page: Page, api: httpx.Client) -> None:
    open_lesson(app_page, "one-step")
    net = app_page.get_attribute("#graph", "data-network-id")
    expect(app_page.get_by_test_id("lesson-w1")).to_have_value("-0.2")
    expect(app_page.get_by_test_id("lesson-w2")).to_have_value("5")
    expect(app_page.get_by_test_id("lesson-y-before")).to_be_visible()
    before = api.post(f"/api/networks/{net}/forward", json={}).json()
    assert value(app_page, "lesson-y-before") == before["outputs"][0][0]
    assert round(value(app_page, "lesson-y-before"), 6) == 0.644744
    assert value(app_page, "lesson-h-before") == before["layers"][0]["a"][0][0]
    # the gradients the step will use, before it is taken: the seed notes' numbers
    assert round(value(app_page, "lesson-grad-w1"), 6) == -1.864980
    assert round(value(app_page, "lesson-grad-w2"), 6) == -0.042348
    app_page.get_by_test_id("step").click()
    expect(app_page.get_by_test_id("lesson-y-after")).to_be_visible()
    explained = [
        api.get(f"/api/networks/{net}/explain", params={"layer": layer, "to": 0, "from": 0})
        for layer in (0, 1)
    ]
    assert value(app_page, "lesson-grad-w1") == explained[0].json()["gradient"]
    assert value(app_page, "lesson-grad-w2") == explained[1].json()["gradient"]
    assert value(app_page, "lesson-y-before") == before["outputs"][0][0]
    after = api.post(f"/api/networks/{net}/forward", json={}).json()
    assert value(app_page, "lesson-y-after") == after["outputs"][0][0]
    assert round(value(app_page, "lesson-y-after"), 6) == 0.993425
    state = api.get(f"/api/networks/{net}").json()
    assert value(app_page, "lesson-w1-after") == state["weights"][0][0][0]
    assert value(app_page, "lesson-w2-after") == state["weights"][1][0][0]


def test_one_step_lesson_weights_are_editable(app_page: Page, api: httpx.Client) -> None:
    open_lesson(app_page, "one-step")
    expect(app_page.get_by_test_id("lesson-y-before")).to_be_visible()
    app_page.get_by_test_id("lesson-w1").fill("0.1")
    app_page.get_by_test_id("lesson-w2").fill("0.1")
    app_page.get_by_test_id("lesson-set-weights").click()
    expect(app_page.get_by_test_id("curl")).to_contain_text("/weights")
    app_page.wait_for_function(
        "() => Math.abs(+document.querySelector('[data-testid=lesson-y-before]')"
        ".dataset.value - 0.5183) < 1e-4"
    )
    net = app_page.get_attribute("#graph", "data-network-id")
    assert api.get(f"/api/networks/{net}").json()["weights"] == [[[0.1]], [[0.1]]]
    assert round(value(app_page, "lesson-grad-w1"), 4) == -0.0947


def test_xor_lesson_perceptron_stays_below_four_hidden_net_reaches_four(app_page: Page) -> None:
    open_lesson(app_page, "xor")
    expect(app_page.get_by_test_id("stage-panel-1")).to_be_visible()
    app_page.wait_for_function("() => document.querySelectorAll('[data-right]').length >= 2")
    app_page.get_by_test_id("play").click()
    # every redraw until the hidden net gets 4 of 4: the perceptron never gets more than 3
    # (each accuracy says the step it is of: data-step)
    seen = app_page.wait_for_function(
        """() => {
          const els = [0, 1].map((i) =>
            document.querySelector(`[data-testid=stage-accuracy-${i}]`));
          const look = els.map((e) => [+(e.dataset.right || -1), +e.dataset.step]);
          window.seenRight = [...(window.seenRight || []), look];
          return (look[1][0] === 4 || look[0][0] > 3) && window.seenRight;
        }""",
        polling="raf",
        timeout=20000,
    ).json_value()
    app_page.get_by_test_id("play").click()
    assert all(perceptron[0] <= 3 for perceptron, _ in seen), seen
    (_, (right, step)) = seen[-1]
    assert right == 4, seen
    assert step <= 600  # "within a few hundred steps", at the step the 4 of 4 was seen
    assert accuracies(app_page)[0] <= 3


def test_xor_lesson_and_switch_lets_the_perceptron_reach_four(app_page: Page) -> None:
    open_lesson(app_page, "xor")
    app_page.get_by_test_id("lesson-dot-3").click()
    app_page.get_by_test_id("lesson-switch").click()
    expect(app_page.get_by_test_id("stage-panel-0")).to_have_attribute(
        "data-preset", "perceptron-and"
    )
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function(
        "() => document.querySelector('[data-testid=stage-accuracy-0]').dataset.right === '4'"
    )
    app_page.get_by_test_id("play").click()
    expect(app_page.get_by_test_id("lesson-switch")).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("p_true", [0.9, 0.5, 0.01])
def test_softmax_slider_moves_e_as_minus_ln_p(
    app_page: Page, api: httpx.Client, p_true: float
) -> None:
    open_lesson(app_page, "softmax")
    app_page.get_by_test_id("lesson-p-slider").fill(str(round(p_true * 100)))
    e = app_page.get_by_test_id("lesson-softmax-e")
    # the bars appear once the first answer is in: wait for the element before reading it
    app_page.wait_for_function(
        f"() => {{ const p = document.querySelector('[data-testid=lesson-p-0]');"
        f" return p !== null && Math.abs(+p.dataset.value - {p_true}) < 1e-9; }}"
    )
    p = float(e.get_attribute("data-p"))
    assert math.isclose(p, p_true, rel_tol=1e-9)
    assert math.isclose(float(e.get_attribute("data-value")), -math.log(p), rel_tol=1e-12)
    z = [math.log(p_true), math.log((1 - p_true) / 2), math.log((1 - p_true) / 2)]
    engine = api.get("/api/softmax", params={"z": z, "target": 0}).json()
    assert float(e.get_attribute("data-value")) == engine["error"]


def test_activation_plots_show_the_engines_values(app_page: Page, api: httpx.Client) -> None:
    open_lesson(app_page, "activations")
    curves = {c["name"]: c for c in api.get("/api/activations").json()}
    for index in (10, 60, 95):
        app_page.get_by_test_id("act-z").fill(str(index))
        expect(app_page.get_by_test_id("act-z-value")).to_contain_text(
            f"{curves['sigmoid']['z'][index]:.2f}"
        )
        for name, curve in curves.items():
            assert value(app_page, f"act-g-{name}") == curve["g"][index]
            assert value(app_page, f"act-dg-{name}") == curve["dg"][index]
        g = curves["sigmoid"]["g"][index]
        assert math.isclose(value(app_page, "act-check-sigmoid"), g * (1 - g), rel_tol=1e-12)
        assert math.isclose(value(app_page, "act-dg-sigmoid"), g * (1 - g), rel_tol=1e-12)
    # softmax of an edited vector
    app_page.get_by_test_id("softmax-z-0").fill("0")
    app_page.get_by_test_id("softmax-z-0").press("Enter")
    expect(app_page.get_by_test_id("curl")).to_contain_text("z=0&z=1&z=0.1")
    engine = api.get("/api/softmax", params={"z": [0, 1, 0.1]}).json()
    app_page.wait_for_function(
        f"() => +document.querySelector('[data-testid=softmax-p-1]').dataset.value === "
        f"{engine['p'][1]!r}"
    )
    assert [value(app_page, f"softmax-p-{j}") for j in range(3)] == engine["p"]


def test_gradient_descent_lesson_draws_three_loss_curves(app_page: Page) -> None:
    open_lesson(app_page, "gradient-descent")
    expect(app_page.locator("[data-testid^=stage-panel-]")).to_have_count(3)
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function(
        "() => [0, 1, 2].every(i => +(document.querySelector(`[data-testid=stage-loss-${i}]`)"
        ".dataset.points || 0) > 100)"
    )
    app_page.get_by_test_id("play").click()
    titles = app_page.locator("[data-testid^=stage-title-]").all_text_contents()
    assert titles == ["SGD · α = 0.05", "SGD · α = 1", "SGD · α = 10"]  # forks of one network
    expect(app_page.locator("[data-testid^=stage-loss-] path.curve.train")).to_have_count(3)


def test_chinese_switch_leaves_no_english_string_visible(app_page: Page, api: httpx.Client) -> None:
    en = json.loads((TABLES / "en.json").read_text(encoding="utf-8"))
    zh = json.loads((TABLES / "zh.json").read_text(encoding="utf-8"))
    english = {v for k, v in en.items() if "{" not in v and v != zh[k]}

    def check(where: str) -> None:
        texts = app_page.evaluate(VISIBLE_TEXTS_JS)
        parts = {p.strip() for t in texts for p in [t, *t.split(" · ")]}
        left = sorted({p for p in parts if p in english})
        assert left == [], f"{where}: {left}"
        assert any("\u4e00" <= ch <= "\u9fff" for t in texts for ch in t), where

    app_page.get_by_test_id("step").click()
    app_page.get_by_test_id("lang-zh").click()
    expect(app_page.get_by_test_id("play")).to_contain_text("播放")
    check("main page")
    app_page.keyboard.press("?")
    check("help")
    app_page.keyboard.press("Escape")
    app_page.get_by_test_id("step-through").click()
    app_page.keyboard.press("s")
    expect(app_page.get_by_test_id("phase")).to_have_attribute("data-phase", "0")
    check("step-through")
    app_page.get_by_test_id("step-through").click()
    app_page.locator("line.link[data-layer='1'][data-from='0'][data-to='0']").click(force=True)
    expect(app_page.get_by_test_id("inspector-gradient")).to_be_visible()
    check("inspector")
    titles = {x["id"]: x["title"]["zh"] for x in api.get("/api/lessons").json()}
    for lesson in LESSONS:
        open_lesson(app_page, lesson)
        expect(app_page.get_by_test_id("lesson-title")).to_have_text(titles[lesson])
        wait_idle(app_page)
        check(lesson)
    # remembered across a reload
    app_page.reload()
    app_page.wait_for_selector("body[data-ready=true]")
    expect(app_page.get_by_test_id("lang-zh")).to_have_attribute("aria-checked", "true")
    expect(app_page.get_by_test_id("lesson-title")).to_have_text(titles[LESSONS[-1]])
