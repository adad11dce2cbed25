"""The teacher's view for everyone: dark colours from the system or the switch (remembered),
and axe-core finds no serious or critical violation in both languages and colour schemes."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .axe import axe_violations
from .conftest import VIEWPORT
from .test_teacher_page import TOKEN, class_server, new_student

__all__ = ["class_server"]  # the fixture, used by name
BACKGROUND_JS = "() => getComputedStyle(document.body).backgroundColor"
DARK = "rgb(22, 24, 28)"
LIGHT = "rgb(255, 255, 255)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_the_teacher_view(
    browser: Browser, class_server: str, scheme: str, tmp_path: Path
) -> None:
    for name in ["Ann", "王小明"]:
        new_student(class_server, name)[1].close()
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{class_server}/teacher#token={TOKEN}")
    expect(page.get_by_test_id("class-grid")).to_have_attribute("data-loaded", "true")
    expect(page.locator("html")).to_have_attribute("data-theme", scheme)  # follows the system
    assert page.evaluate(BACKGROUND_JS) == (DARK if scheme == "dark" else LIGHT)
    found = {}
    for lang in ["en", "zh"]:
        page.get_by_test_id(f"lang-{lang}").click()
        found[lang] = axe_violations(page)
    page.screenshot(path=tmp_path / f"teacher-{scheme}.png", full_page=True)
    context.close()
    bad = [f"{lang}: {line}" for lang, lines in found.items() for line in lines]
    assert bad == [], "\n".join(bad)


def test_the_teacher_views_switch_flips_the_scheme_and_is_remembered(
    browser: Browser, class_server: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    page = context.new_page()
    page.goto(f"{class_server}/teacher#token={TOKEN}")
    theme = page.get_by_test_id("theme")
    expect(theme).to_have_attribute("aria-pressed", "false")
    theme.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(theme).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(BACKGROUND_JS) == DARK
    assert axe_violations(page) == []
    page.reload()  # remembered, over the system's light
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.get_by_test_id("lang-zh").click()
    expect(theme).to_have_attribute("aria-label", "深色模式")
    context.close()
