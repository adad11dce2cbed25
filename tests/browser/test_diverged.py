"""After divergence the page says so in a panel, shows no stale values, and offers the way back."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_numbering import wait_step
from .test_xor_honest import shot


def diverge(page: Page) -> str:
    """Six bumps at α = 1000, played until the server refuses: the network's id."""
    page.select_option("#preset", "multi-gauss")
    wait_idle(page)
    page.fill("#seed", "1")
    page.press("#seed", "Enter")
    wait_idle(page)
    page.fill("#learning-rate", "1000")
    page.press("#learning-rate", "Enter")
    wait_idle(page)
    # before: values are shown
    expect(page.get_by_test_id("output-panel").locator("rect.bar")).not_to_have_count(0)
    page.get_by_test_id("play").click()
    expect(page.get_by_test_id("diverged-panel")).to_be_visible(timeout=30000)
    wait_idle(page)
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def expect_panel_as_the_server_says(page: Page, api: httpx.Client, nid: str) -> None:
    """The panel shows exactly when the weights shown cannot be run forward (422)."""
    status = api.post(f"/api/networks/{nid}/forward", json={"split": "train"}).status_code
    panel = expect(page.get_by_test_id("diverged-panel"))
    if status == 422:
        panel.to_be_visible()
    else:
        assert status == 200
        panel.to_be_hidden()
        expect(page.get_by_test_id("output-panel").locator("rect.bar")).not_to_have_count(0)


def test_divergence_shows_a_panel_and_no_stale_values(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    nid = diverge(app_page)
    state = api.get(f"/api/networks/{nid}").json()
    refused = api.post(f"/api/networks/{nid}/step", json={})
    assert refused.status_code == 409
    panel = app_page.get_by_test_id("diverged-panel")
    # what happened, in the server's words and with its numbers
    expect(panel).to_contain_text("Training diverged")
    expect(panel).to_contain_text(f"At step {state['step']} with α = 1000")
    expect(panel).to_contain_text(f"{state['last_loss']:.2e}")  # fmt's toExponential(2)
    # the server's own words: the refused step's, or the refused forward pass's
    train = api.post(f"/api/networks/{nid}/train", json={"steps": 1}).json()["detail"]
    run = api.post(f"/api/networks/{nid}/forward", json={"split": "train"})
    words = [train] + ([run.json()["detail"][0]["msg"]] if run.status_code == 422 else [])
    reason = app_page.get_by_test_id("diverged-reason").inner_text()
    assert any(w in reason for w in words), (reason, words)
    assert app_page.locator("body").get_attribute("data-idle") == "true"
    # no value of the weights shown: no output bars, no boundary, no unit values
    expect(app_page.get_by_test_id("output-panel").locator("rect.bar")).to_have_count(0)
    expect(app_page.locator("#boundary-card")).to_be_hidden()
    expect(app_page.locator("#accuracy")).to_have_text("")
    expect(app_page.locator("#output-title")).to_contain_text("no values: the network diverged")
    expect(app_page.get_by_test_id("legend-state")).to_have_text("no values: the network diverged")
    computed = app_page.eval_on_selector_all(
        "[data-testid=graph] g.unit:not([data-layer='0']) text.unit-value",
        "els => els.map(e => e.textContent)",
    )
    assert computed and set(computed) == {""}  # the inputs are data; nothing else is shown
    app_page.screenshot(path=shot("diverged.png"))
    # the way back: a lower α (the server has a tenth of it), then Undo (one step back); the
    # panel stays exactly while the server still cannot run the weights shown
    app_page.get_by_test_id("diverged-lower").click()
    wait_idle(app_page)
    assert api.get(f"/api/networks/{nid}").json()["learning_rate"] == 100
    expect_panel_as_the_server_says(app_page, api, nid)
    app_page.get_by_test_id("undo").click()
    wait_step(app_page, state["step"] - 1)
    wait_idle(app_page)
    assert api.get(f"/api/networks/{nid}").json()["step"] == state["step"] - 1
    expect_panel_as_the_server_says(app_page, api, nid)
    # Reset: new starting weights, the panel goes and the values come back
    app_page.get_by_test_id("reset").click()
    wait_idle(app_page)
    expect(app_page.get_by_test_id("diverged-panel")).to_be_hidden()
    expect(app_page.get_by_test_id("output-panel").locator("rect.bar")).not_to_have_count(0)
    assert all("status of 409" in e or "status of 422" in e for e in console.errors)
    console.errors.clear()
