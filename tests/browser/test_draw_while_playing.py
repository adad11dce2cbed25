"""Issue 13, item 1: a point drawn while Play runs becomes the network's data at once, and
training goes on, on the new data, without stopping (checked against the API)."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_own_data import area_point, network_id, rows, state


def shown_step(page: Page) -> int:
    return int(page.get_by_test_id("step-count").inner_text())


def test_a_point_drawn_while_playing_joins_the_training(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    first = network_id(page)
    page.get_by_test_id("draw-c1").click()
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 40"
    )
    with page.expect_response(lambda r: r.request.method == "PATCH") as patched:
        page.mouse.click(*area_point(page, 0.5, 0.5))
        expect(page.locator("#boundary .points circle")).to_have_count(5)  # shown at once
    assert patched.value.ok
    drawn_at = state(api, page)
    assert drawn_at["dataset"]["size"] == 5
    page.wait_for_function(
        "(n) => +document.querySelector('[data-testid=step-count]').textContent > n",
        arg=drawn_at["step"] + 100,
    )
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "true")  # still playing
    page.get_by_test_id("play").click()
    wait_idle(page)
    after = state(api, page)
    assert after["id"] == first and after["dataset"]["name"] == "drawn"
    assert after["dataset"]["size"] == 5 and after["step"] > drawn_at["step"] + 100
    assert rows(api, page)["targets"][-1] == [1.0]
    assert shown_step(page) == after["step"]
