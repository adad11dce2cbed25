"""Issue 13's digits pad eraser: its toggle, the right mouse button and a finger clear the
cells a stroke passes, and the network reads the erased drawing (checked against the API)."""

import httpx
import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect

from .conftest import wait_idle
from .test_own_data import state
from .test_playground_controls import choose_preset


def touch(cdp: CDPSession, kind: str, points: list[tuple[float, float]]) -> None:
    """One CDP touch event, a finger at each point (none for touchEnd)."""
    fingers = [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": fingers})


def pad_image(page: Page) -> list[float]:
    """The pad's drawing as the URL holds it (one hex digit a pixel)."""
    return [int(d, 16) / 15 for d in page.url.split("pad=")[1].split("&")[0]]


def cell(page: Page, row: int, col: int) -> tuple[float, float]:
    box = page.get_by_test_id("pad-grid").bounding_box()
    return box["x"] + (col + 0.5) * box["width"] / 8, box["y"] + (row + 0.5) * box["height"] / 8


def stroke(page: Page, cells: list[tuple[int, int]], button: str = "left") -> None:
    page.mouse.move(*cell(page, *cells[0]))
    page.mouse.down(button=button)
    for rc in cells[1:]:
        page.mouse.move(*cell(page, *rc))
    page.mouse.up(button=button)
    wait_idle(page)


def probabilities(page: Page) -> list[float]:
    items = page.get_by_test_id("pad-probs").locator("li")
    return [float(p) for p in items.evaluate_all("(ls) => ls.map((l) => l.dataset.p)")]


def test_the_eraser_toggle_and_the_right_button_erase_cells(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    choose_preset(page, "digits")
    page.get_by_test_id("pad-grid").scroll_into_view_if_needed()
    expect(page.get_by_test_id("pad-pen")).to_have_attribute("aria-checked", "true")
    stroke(page, [(row, 3) for row in range(8)])  # a "1"
    drawn = pad_image(page)
    assert all(drawn[8 * row + 3] == 1 for row in range(8))

    page.get_by_test_id("pad-eraser").click()
    expect(page.get_by_test_id("pad-eraser")).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("pad-grid")).to_have_attribute("data-tool", "eraser")
    stroke(page, [(4, col) for col in range(8)])  # across the middle row
    erased = pad_image(page)
    assert erased[8 * 4 : 8 * 5] == [0] * 8
    assert erased[: 8 * 4] == drawn[: 8 * 4] and erased[8 * 5 :] == drawn[8 * 5 :]
    net = state(api, page)
    forward = api.post(f"/api/networks/{net['id']}/forward", json={"inputs": [erased]}).json()
    expect(page.get_by_test_id("pad-probs")).to_be_visible()
    assert probabilities(page) == pytest.approx(forward["outputs"][0], abs=1e-12)

    # back to the pen: the left button inks, the right one erases
    page.get_by_test_id("pad-pen").click()
    expect(page.get_by_test_id("pad-grid")).to_have_attribute("data-tool", "pen")
    stroke(page, [(1, 3), (2, 3)], button="right")
    after = pad_image(page)
    assert after[8 + 3] == 0 and after[16 + 3] == 0 and after[3] == 1
    stroke(page, [(4, 3)])
    assert pad_image(page)[8 * 4 + 3] == 1


def test_a_finger_erases_with_the_eraser(
    browser: Browser, server_url: str, api: httpx.Client
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    page = context.new_page()
    digits = api.post("/api/networks", json={"preset": "digits", "seed": 1}).json()
    inked = "f" * 64
    page.goto(f"{server_url}/#net={digits['id']}&pad={inked}")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    page.get_by_test_id("pad-grid").scroll_into_view_if_needed()
    page.get_by_test_id("pad-eraser").tap()
    expect(page.get_by_test_id("pad-grid")).to_have_attribute("data-tool", "eraser")
    cdp = context.new_cdp_session(page)
    touch(cdp, "touchStart", [cell(page, 0, 0)])
    for col in range(1, 8):
        touch(cdp, "touchMove", [cell(page, 0, col)])
    touch(cdp, "touchEnd", [])
    wait_idle(page)
    image = pad_image(page)
    assert image[:8] == [0] * 8 and image[8:] == [1] * 56
    forward = api.post(f"/api/networks/{digits['id']}/forward", json={"inputs": [image]}).json()
    assert probabilities(page) == pytest.approx(forward["outputs"][0], abs=1e-12)
    context.close()
