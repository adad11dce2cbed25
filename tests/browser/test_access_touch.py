"""Touch (Playwright's touch emulation on a tablet-sized page): a tap on a unit shows what
hover shows, a tap on a link opens its chain rule."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import wait_idle


@pytest.fixture
def touch_page(browser: Browser, server_url: str) -> Iterator[Page]:
    """The page in a touch context at 768x1024, with no mouse."""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
    page = context.new_page()
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("[data-testid=graph][data-network-id]")
    wait_idle(page)
    yield page
    context.close()


def test_a_tap_shows_a_units_values_and_opens_a_links_chain_rule(touch_page: Page) -> None:
    page = touch_page
    assert page.evaluate("matchMedia('(any-pointer: coarse)').matches")
    page.get_by_test_id("step").tap()
    wait_idle(page)
    page.locator("g.unit[data-key=u1-0] circle").tap()
    tip = page.get_by_test_id("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("h₁")
    expect(tip.get_by_test_id("tip-out")).not_to_have_text("–")
    box = page.locator("line.link[data-key=w1-2-0]").bounding_box()  # h3 -> y1
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # its middle
    expect(page.get_by_test_id("inspector")).to_be_visible()
    expect(page.get_by_test_id("inspector")).to_contain_text("h₃ → y₁")
    expect(page.get_by_test_id("weight-input")).to_be_visible()
