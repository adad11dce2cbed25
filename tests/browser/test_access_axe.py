"""axe-core on every view of the page (main, inspector, help, each lesson), in both languages
and both colour schemes: no serious or critical violation."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe import axe_violations
from .conftest import VIEWPORT, wait_idle
from .test_lessons import LESSONS, open_lesson


@pytest.fixture
def schemed(browser: Browser, server_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page whose system colour scheme is request.param ("light" or "dark")."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=request.param)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    yield page
    context.close()
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("schemed", ["light", "dark"], indirect=True)
def test_no_serious_violation_on_any_view(
    schemed: Page, lang: str, request: pytest.FixtureRequest
) -> None:
    page = schemed
    scheme = request.node.callspec.params["schemed"]
    expect(page.locator("html")).to_have_attribute("data-theme", scheme)  # follows the system
    page.get_by_test_id(f"lang-{lang}").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if lang == "zh" else "en")
    found: dict[str, list[str]] = {}
    page.get_by_test_id("step").click()
    wait_idle(page)
    found["main"] = axe_violations(page)
    page.locator("line.link[data-layer='1'][data-from='2'][data-to='0']").click()
    expect(page.get_by_test_id("inspector")).to_be_visible()
    wait_idle(page)
    found["inspector"] = axe_violations(page)
    page.get_by_test_id("graph-table").locator("summary").click()
    found["graph table"] = axe_violations(page)
    page.get_by_test_id("help").click()
    expect(page.get_by_test_id("help-overlay")).to_be_visible()
    found["help"] = axe_violations(page)
    page.keyboard.press("Escape")
    for lesson in LESSONS:
        open_lesson(page, lesson)
        wait_idle(page)
        found[f"lesson {lesson}"] = axe_violations(page)
    bad = [f"{view}: {line}" for view, lines in found.items() for line in lines]
    assert bad == [], "\n".join(bad)
