"""The top bar keeps one row at 1280 px with a seven-digit step count (and still wraps when
narrower), screenshots in tmp_path."""

from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle

STEP = 1_234_567


def open_network(page: Page, server_url: str, network_id: str) -> None:
    """Show the network with this id and wait until the page is idle."""
    page.goto(f"{server_url}/#net={network_id}")
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{network_id}']")
    wait_idle(page)


def rows_of(page: Page) -> tuple[float, int]:
    """The top bar's height, and how many rows its visible items take (by their tops)."""
    return page.evaluate(
        """() => {
            const bar = document.querySelector('header.topbar');
            const items = [...bar.querySelectorAll(':scope > *, .topbar-end > *')]
                .filter((e) => e.getClientRects().length && !e.classList.contains('topbar-end'));
            const centres = items
                .map((e) => e.getBoundingClientRect())
                .map((b) => b.top + b.height / 2)
                .sort((a, b) => a - b);
            const rows = centres.filter((c, i) => i === 0 || c - centres[i - 1] > 10).length;
            return [bar.getBoundingClientRect().height, rows];
        }"""
    )


def trained(api: httpx.Client, step: int) -> str:
    """An XOR network whose last step is step `step` (its loss and state show): its id."""
    fresh = api.post("/api/networks", json={"preset": "xor", "seed": 5}).json()
    exported = api.get(f"/api/networks/{fresh['id']}/export").json()
    imported = api.post("/api/networks/import", json={**exported, "step": step - 1})
    assert imported.status_code == 201, imported.text
    nid = imported.json()["id"]
    assert api.post(f"/api/networks/{nid}/step", json={}).json()["network"]["step"] == step
    return nid


def test_a_seven_digit_step_keeps_one_row_at_1280(
    page: Page, server_url: str, api: httpx.Client, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_network(page, server_url, trained(api, 1))
    one_row, rows = rows_of(page)
    assert rows == 1

    far = trained(api, STEP)
    open_network(page, server_url, far)
    expect(page.get_by_test_id("step-count")).to_have_text("1234567")
    expect(page.get_by_test_id("loss-state")).to_contain_text("1234567")
    page.screenshot(path=str(tmp_path / "topbar-1280.png"))
    assert tuple(rows_of(page)) == (one_row, 1)
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("loss-state")).to_contain_text("第 1234567 步")
    page.screenshot(path=str(tmp_path / "topbar-1280-zh.png"))
    assert tuple(rows_of(page)) == (one_row, 1)
    page.get_by_test_id("lang-en").click()

    # narrower, the bar still wraps onto more rows rather than overflow the window
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_function("() => document.querySelector('header.topbar').clientWidth <= 1024")
    page.screenshot(path=str(tmp_path / "topbar-1024.png"))
    height, rows = rows_of(page)
    assert rows >= 2 and height > one_row
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
