"""The page at phone, tablet and desktop sizes: no horizontal scrolling, the graph and the key
controls on screen and working, in the main view and in a lesson (screenshots in tmp_path)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import wait_idle
from .test_lessons import open_lesson

SIZES = [(390, 844), (768, 1024), (1024, 768), (1280, 800), (1920, 1080)]
KEY_CONTROLS = ["step", "play", "reset", "lang-en", "lang-zh", "help", "theme", "lessons-button"]


@pytest.fixture
def sized(browser: Browser, server_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at the viewport request.param = (width, height)."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("[data-testid=graph][data-network-id]")
    wait_idle(page)
    yield page
    context.close()
    assert errors == []


def no_horizontal_scroll(page: Page) -> None:
    """The document is no wider than the window."""
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= inner


def reachable(page: Page, testid: str) -> None:
    """The control is visible, inside the window's width once scrolled to, and takes a click."""
    control = page.get_by_test_id(testid)
    control.scroll_into_view_if_needed()
    expect(control).to_be_visible()
    box = control.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    control.click(trial=True)  # nothing covers it


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_size_fits_and_works(sized: Page, tmp_path: Path) -> None:
    page = sized
    no_horizontal_scroll(page)
    for testid in KEY_CONTROLS:
        reachable(page, testid)
    svg = page.get_by_test_id("graph-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box is not None and box["width"] >= 300 and box["height"] >= 300
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.screenshot(path=tmp_path / "main.png", full_page=True)
    # the controls work at this size
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    page.get_by_test_id("help").click()
    expect(page.get_by_test_id("help-overlay")).to_be_visible()
    page.get_by_test_id("help-overlay").locator("#help-close").click()
    page.get_by_test_id("lang-zh").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    no_horizontal_scroll(page)
    page.get_by_test_id("lang-en").click()
    # a lesson: its panel and its graph on the page, nothing wider than the window
    open_lesson(page, "blocks")
    wait_idle(page)
    no_horizontal_scroll(page)
    for testid in ["lesson-panel", "graph-svg"]:
        reachable(page, testid)
    open_lesson(page, "xor")  # the staged lesson: two networks side by side, or stacked
    wait_idle(page)
    no_horizontal_scroll(page)
    reachable(page, "stage")
    page.screenshot(path=tmp_path / "lesson-xor.png", full_page=True)
