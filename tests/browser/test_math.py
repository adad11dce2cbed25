"""Equations typeset everywhere (issue 12, item 13): every lesson step and every step-through
phase, in English and Chinese, shows its formulas as MathML and no ASCII formula is left."""

import os
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import ROOT, wait_idle
from .test_lessons import open_lesson

# What an ASCII formula looks like in prose: an assignment, an arrow, a derivative, a power,
# a subscript, a product star, a Greek name or a function call (g(z), ln(y)).
ASCII_FORMULA = re.compile(
    r"\b[a-zA-Z]\w?\s*=\s*[-\w(]|<-|->|\bd[A-Z]/d|\^|\b[a-z]+_\w|\s\*\s|\balpha\b|\b[a-z]{1,4}\(|\$"
)

# The text of `selector` outside its <math> elements, and the <math> elements' count.
OUTSIDE_MATH_JS = """(selector) => {
  const root = document.querySelector(selector);
  const copy = root.cloneNode(true);
  const count = copy.querySelectorAll("math").length;
  copy.querySelectorAll("math, code").forEach((m) => m.remove());
  return {text: copy.textContent, count};
}"""


def outside_math(page: Page, selector: str) -> dict:
    return page.evaluate(OUTSIDE_MATH_JS, selector)


def shot(page: Page, name: str) -> None:
    """A screenshot for the README when BACKPROP_SCREENSHOTS=1."""
    if os.environ.get("BACKPROP_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / "screenshots" / f"{name}.png"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_lesson_step_shows_mathml_and_no_ascii_formula(
    app_page: Page, api: httpx.Client, lang: str
) -> None:
    if lang == "zh":
        app_page.get_by_test_id("lang-zh").click()
    for lesson in api.get("/api/lessons").json():
        open_lesson(app_page, lesson["id"])
        for i, step in enumerate(lesson["steps"]):
            text = app_page.get_by_test_id("lesson-text")
            expect(text).to_have_attribute("data-step", str(i))
            seen = outside_math(app_page, "[data-testid=lesson-text]")
            assert not ASCII_FORMULA.search(seen["text"]), (lesson["id"], i, seen["text"])
            assert seen["count"] == step["text"][lang].count("$") // 2, (lesson["id"], i)
            if lesson["id"] == "one-step" and i == 2:
                # the article's chain rule: fractions, subscripts, the numbers as in the text
                formula = text.locator("math").nth(0)
                expect(formula.locator("mfrac")).to_have_count(2)  # dE/dw2 and d/y
                expect(formula).to_contain_text("-0.0423".replace("-", "−"))
                shot(app_page, f"math-lesson-{lang}")
            if i < len(lesson["steps"]) - 1:
                wait_idle(app_page)
                app_page.get_by_test_id("lesson-next").click()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_phase_text_is_typeset(app_page: Page, lang: str) -> None:
    if lang == "zh":
        app_page.get_by_test_id("lang-zh").click()
    app_page.keyboard.press("t")
    app_page.keyboard.press("s")
    phase = app_page.get_by_test_id("phase")
    for i in range(6):  # 2-3-1: forward, forward, loss, backward, backward, update
        expect(phase).to_have_attribute("data-phase", str(i))
        wait_idle(app_page)
        for where in ("[data-testid=phase-detail] p:not(.hint)", "[data-testid=phase-label]"):
            seen = outside_math(app_page, where)
            assert not ASCII_FORMULA.search(seen["text"]), (i, where, seen["text"])
        assert outside_math(app_page, "[data-testid=phase-detail]")["count"] >= 1, i
        if i == 5:
            expect(app_page.get_by_test_id("phase-label").locator("math")).to_have_count(1)
            shot(app_page, f"math-phase-{lang}")
        else:
            app_page.get_by_test_id("phase-next").click()


def test_the_notation_parses_into_mathml(app_page: Page) -> None:
    # the parser's tree for the article's formulas (no DOM: model/math.js)
    tree = app_page.evaluate(
        """async () => {
          const m = await import("/static/js/model/math.js");
          return [m.parseMath("∂E/∂w_2 = (-d/y) · y(1-y) · h"),
                  m.parseMath("e^{z_j}/{sum_k e^{z_k}}"),
                  m.parseMath("w1 <- w1 - alpha g'(z)"), m.splitMath("a $x_1$ b")];
        }"""
    )
    first = tree[0]["items"][0]
    assert first["t"] == "frac"
    assert first["den"]["items"][1] == {
        "t": "sub",
        "base": {"t": "mi", "v": "w"},
        "script": {"t": "mn", "v": "2"},
    }
    softmax = tree[1]["items"][0]
    assert softmax["t"] == "frac" and softmax["den"]["items"][0]["t"] == "under"
    ops = [n["v"] for n in tree[2]["items"] if n["t"] == "mo"]
    assert ops == ["←", "−", "′"]
    assert tree[2]["items"][0]["t"] == "sub" and tree[2]["items"][4] == {"t": "mi", "v": "α"}
    assert [p["kind"] for p in tree[3]] == ["text", "math", "text"]
