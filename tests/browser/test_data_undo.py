"""Undo takes back drawn points: the top bar's Undo, as a user clicks it, against the API."""

import httpx
import pytest
from playwright.sync_api import Page, expect

from .test_own_data import after_change, area_point, revision, rows, state

POINTS = "#boundary .points circle"


def circles_at(page: Page, x: float, y: float) -> int:
    """How many plotted points have their centre within 3 px of (x, y)."""
    return page.locator(POINTS).evaluate_all(
        """(circles, [x, y]) => circles.filter((c) => {
            const b = c.getBoundingClientRect();
            return Math.hypot(b.x + b.width / 2 - x, b.y + b.height / 2 - y) < 3;
        }).length""",
        [x, y],
    )


def click_and_wait(page: Page, target) -> None:
    """Click (a locator, or a point of the page) and wait for the change it makes."""
    before = revision(page)
    if isinstance(target, tuple):
        page.mouse.click(*target)
    else:
        target.click()
    after_change(page, before)


def test_draw_two_points_and_undo_both(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    undo = page.get_by_test_id("undo")
    original, start = rows(api, page), state(api, page)
    assert start["undo_available"] == 0
    expect(undo).to_be_disabled()
    click_and_wait(page, page.get_by_test_id("step"))  # a step on the original data
    expect(page.get_by_test_id("step-count")).to_have_text("1")

    page.get_by_test_id("draw-c1").click()
    first = area_point(page, 0.5, 0.5)
    click_and_wait(page, first)
    page.get_by_test_id("draw-c0").click()
    second = area_point(page, 0.3, 0.7)
    click_and_wait(page, second)
    drawn = rows(api, page)
    assert len(drawn["inputs"]) == 6 and drawn["targets"][4:] == [[1.0], [0.0]]
    assert state(api, page)["undo_available"] == 3
    expect(undo).to_be_enabled()
    expect(page.locator(POINTS)).to_have_count(6)
    assert circles_at(page, *first) == 1 and circles_at(page, *second) == 1

    click_and_wait(page, undo)  # the second point goes
    one = rows(api, page)
    assert one["inputs"] == drawn["inputs"][:5] and one["targets"] == drawn["targets"][:5]
    expect(page.locator(POINTS)).to_have_count(5)
    assert circles_at(page, *second) == 0 and circles_at(page, *first) == 1
    expect(undo).to_be_enabled()

    click_and_wait(page, undo)  # and the first: the network's data as it was
    assert rows(api, page) == original
    now = state(api, page)
    assert (now["step"], now["undo_available"], now["dataset"]["name"]) == (1, 1, "xor")
    expect(page.locator(POINTS)).to_have_count(len(original["inputs"]))
    assert circles_at(page, *first) == 0

    click_and_wait(page, undo)  # then the step taken before the drawing
    expect(page.get_by_test_id("step-count")).to_have_text("0")
    assert state(api, page)["weights"] == start["weights"]
    expect(undo).to_be_disabled()

    # the next drawing starts from the rows undo brought back
    click_and_wait(page, area_point(page, 0.3, 0.7))
    again = rows(api, page)
    assert again["inputs"][:4] == original["inputs"] and len(again["inputs"]) == 5
    assert again["inputs"][4] == pytest.approx(drawn["inputs"][5], abs=0.02)
    expect(undo).to_be_enabled()
