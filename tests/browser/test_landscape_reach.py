"""The landscape card says from which step its path runs, and why when that is not step 0
(a network loaded from a file keeps no earlier path), in English and Chinese."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_looks import key_after
from .test_numbering import click_link
from .test_own_data import after_change, network_id, revision

Q = {"x_layer": 0, "x_to": 1, "x_from": 0, "y_layer": 1, "y_to": 0, "y_from": 1}


def pick_axes(page: Page, old_key: str) -> str:
    """w(x1 -> h2) on x, w(h2 -> y1) on y, as test_looks picks them; the card's new key."""
    click_link(page, 0, 0, 1)
    page.get_by_test_id("landscape-set-x").click()
    click_link(page, 1, 1, 0)
    page.get_by_test_id("landscape-set-y").click()
    return key_after(page, "landscape-card", old_key)


def step(page: Page) -> None:
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)


def test_the_path_reaches_step_0_or_says_where_it_starts_and_why(
    app_page: Page, server_url: str, api: httpx.Client
) -> None:
    page = app_page
    wait_idle(page)
    step(page)
    step(page)
    key = pick_axes(page, "")
    caption = page.get_by_test_id("landscape-caption")
    expect(caption).to_contain_text("3 steps from step 0 to now")
    expect(page.get_by_test_id("landscape-path-reach")).to_have_count(0)

    # a copy loaded from a file at step 32: its path starts there, and the card says so
    nid = network_id(page)
    api.post(f"/api/networks/{nid}/train", json={"steps": 30})
    copy = api.post("/api/networks/import", json=api.get(f"/api/networks/{nid}/export").json())
    page.evaluate(f"location.hash = '#net={copy.json()['id']}'")
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{copy.json()['id']}']")
    wait_idle(page)
    step(page)
    pick_axes(page, key)
    got = api.get(f"/api/networks/{copy.json()['id']}/landscape", params=Q).json()
    assert (got["path_from_step"], got["path_complete"], got["path_source"]) == (
        32,
        False,
        "trajectory",
    )
    reach = page.get_by_test_id("landscape-path-reach")
    expect(reach).to_have_attribute("data-from", "32")
    expect(reach).to_contain_text("only to step 32")
    expect(reach).to_contain_text("loaded from a file")
    expect(caption).to_contain_text("2 steps from step 32 to now")
    page.get_by_test_id("landscape-card").screenshot(path="/tmp/s4/shots/landscape-reach.png")
    page.get_by_test_id("lang-zh").click()
    expect(reach).to_contain_text("路径只能追溯到第 32 步")
