"""A lesson stage network that diverges gets the main view's diverged panel (issue 12, item 3):
what happened, no stale values, and the ways back (Undo, a lower α), in both languages."""

import re

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_lessons import open_lesson
from .test_math import shot


def test_a_diverged_stage_network_says_so_and_gets_back(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    open_lesson(page, "gradient-descent")
    expect(page.get_by_test_id("stage-panel-2")).to_be_visible()
    wait_idle(page)
    nid = page.get_by_test_id("stage-panel-2").get_attribute("data-network-id")
    # a linear output on squared error at α = 1000 overflows within a few steps
    bad = {"output_activation": "linear", "loss": "mse", "learning_rate": 1000}
    assert api.patch(f"/api/networks/{nid}", json=bad).status_code == 200
    page.get_by_test_id("play").click()
    box = page.get_by_test_id("stage-diverged-2")
    expect(box).to_be_visible(timeout=30000)
    page.get_by_test_id("play").click()  # pause: the other two would train on
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    wait_idle(page)
    state = api.get(f"/api/networks/{nid}").json()
    # the panel says what happened, at which step, α and loss, in the server's words
    expect(box).to_contain_text("Training diverged")
    expect(box).to_contain_text(f"At step {state['step']} with α = 1000")
    expect(page.get_by_test_id("stage-diverged-reason-2")).to_contain_text("The server refused")
    assert api.post(f"/api/networks/{nid}/forward", json={"split": "train"}).status_code in (
        200,
        422,
    )
    # no stale values: no outputs, no accuracy, no boundary for that network
    panel = page.get_by_test_id("stage-panel-2")
    expect(panel.get_by_test_id("stage-outputs-2")).to_have_count(0)
    expect(page.get_by_test_id("stage-accuracy-2")).to_have_text("")
    expect(page.get_by_test_id("stage-boundary-2").locator("*")).to_have_count(0)
    # the others are untouched
    expect(page.get_by_test_id("stage-diverged-0")).to_have_count(0)
    shot(page, "stage-diverged")
    page.get_by_test_id("lang-zh").click()
    expect(box).to_contain_text("训练发散")
    # the server's reason, by its kind, in Chinese: a refused step or an overflowing forward pass
    expect(page.get_by_test_id("stage-diverged-reason-2")).to_contain_text(
        re.compile("发散了|溢出")
    )
    page.get_by_test_id("lang-en").click()
    # Undo: a step back each time, until the weights run forward again; then the values are back
    for undos in range(1, 11):
        page.get_by_test_id("stage-diverged-undo-2").click()
        wait_idle(page)
        back = api.get(f"/api/networks/{nid}").json()
        assert back["step"] == state["step"] - undos
        if api.post(f"/api/networks/{nid}/forward", json={"split": "train"}).status_code == 200:
            break
        expect(box).to_be_visible()  # still no values to show
    expect(box).to_have_count(0)
    expect(page.get_by_test_id("stage-panel-2").get_by_test_id("stage-step")).to_have_text(
        str(back["step"])
    )
    expect(page.get_by_test_id("stage-boundary-2").locator("image")).not_to_have_count(0)
    # diverge again, then lower α: a tenth of it, from the server
    page.get_by_test_id("step").click()
    wait_idle(page)
    page.get_by_test_id("step").click()
    expect(box).to_be_visible()
    page.get_by_test_id("stage-diverged-lower-2").click()
    wait_idle(page)
    assert api.get(f"/api/networks/{nid}").json()["learning_rate"] == 100
    if api.post(f"/api/networks/{nid}/forward", json={"split": "train"}).status_code == 200:
        expect(box).to_have_count(0)
    else:  # the weights it stopped at still overflow: the panel stays, with the new α
        expect(box).to_contain_text("with α = 100")
    # the refused calls are the browser's only console errors
    assert all("status of 409" in e or "status of 422" in e for e in console.errors)
    console.errors.clear()
