"""Screenshots of drawing on the boundary plot and of the digits pad, at 1280x800.

To docs/screenshots/ when BACKPROP_SCREENSHOTS=1 (the README's images), otherwise to a temp
folder; each must come with no console error and the state it shows.
"""

from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from .conftest import wait_idle
from .test_numbering import click_link
from .test_screenshots import shots_dir, trained  # noqa: F401 (a fixture)

SEVEN = "0ffffff0000008f000000f800000f800000f8000000f000000f8000000f00000"


def open_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    return page, errors


def test_screenshot_drawing(
    browser: Browser,
    server_url: str,
    api: httpx.Client,
    shots_dir: Path,  # noqa: F811
) -> None:
    state = trained(api, {"preset": "circle", "seed": 1}, 200)
    page, errors = open_page(browser, f"{server_url}/#net={state['id']}&draw=c1")
    page.wait_for_selector("#boundary-card:not([hidden])")
    page.locator("#boundary-card").scroll_into_view_if_needed()
    box = page.get_by_test_id("draw-area").bounding_box()
    page.mouse.move(box["x"] + 0.08 * box["width"], box["y"] + 0.1 * box["height"])
    page.mouse.down()
    for k in range(1, 13):
        page.mouse.move(
            box["x"] + (0.08 + 0.02 * k) * box["width"], box["y"] + (0.1 + 0.02 * k) * box["height"]
        )
    page.mouse.up()
    page.wait_for_function("() => +document.querySelector('#graph').dataset.revision > 1")
    wait_idle(page)
    drawn = api.get(f"/api/networks/{state['id']}").json()
    assert drawn["dataset"]["name"] == "drawn" and drawn["dataset"]["size"] > 240
    api.post(f"/api/networks/{state['id']}/train", json={"steps": 300})
    expect(page.get_by_test_id("step-count")).to_have_text(str(drawn["step"] + 300))
    wait_idle(page)
    page.screenshot(path=shots_dir / "drawing.png")
    assert errors == []


def test_screenshot_digits_pad(
    browser: Browser,
    server_url: str,
    api: httpx.Client,
    shots_dir: Path,  # noqa: F811
) -> None:
    state = trained(api, {"preset": "digits", "seed": 1}, 1000)
    page, errors = open_page(browser, f"{server_url}/#net={state['id']}&pad={SEVEN}")
    expect(page.get_by_test_id("pad-probs")).to_have_attribute("data-best", "7")
    page.get_by_test_id("pad-card").scroll_into_view_if_needed()
    page.screenshot(path=shots_dir / "digits-pad.png")
    assert errors == []


def test_screenshot_regularization(
    browser: Browser,
    server_url: str,
    api: httpx.Client,
    shots_dir: Path,  # noqa: F811
) -> None:
    body = {"preset": "spiral", "seed": 1, "regularization": "l2", "regularization_rate": 0.003}
    state = trained(api, body, 500)
    page, errors = open_page(browser, f"{server_url}/#net={state['id']}")
    expect(page.get_by_test_id("regularization")).to_have_value("l2")
    expect(page.get_by_test_id("loss-penalty")).to_contain_text("+ penalty 0.")
    click_link(page, 1, 0, 3)  # where few other links cross it: the middle depends on the size
    expect(page.get_by_test_id("inspector-penalty")).to_be_visible()
    wait_idle(page)
    page.get_by_test_id("regularization").scroll_into_view_if_needed()
    page.mouse.move(640, 790)  # off the link: its tooltip goes
    expect(page.get_by_test_id("tooltip")).to_be_hidden()
    page.screenshot(path=shots_dir / "regularization.png")
    assert errors == []
