"""Every number says which state it is of: a step's (before its update) or the weights' now."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_numbering import click_link, wait_step


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def bar_value(page: Page) -> float:
    """The output bar's value (y of the selected example)."""
    return float(page.get_by_test_id("bar-p").first.get_attribute("data-value"))


def test_loss_outputs_and_step_through_say_their_state(app_page: Page, api: httpx.Client) -> None:
    wait_idle(app_page)
    nid = network_id(app_page)
    expect(app_page.get_by_test_id("loss-state")).to_have_text("")
    expect(app_page.locator("#output-title")).to_contain_text("now, before any step")
    app_page.get_by_test_id("example-1").click()
    app_page.get_by_test_id("step-through").click()
    app_page.get_by_test_id("step").click()
    wait_step(app_page, 1)
    wait_idle(app_page)
    state = api.get(f"/api/networks/{nid}").json()
    last = api.get(f"/api/networks/{nid}/last-step").json()
    data = api.get(f"/api/networks/{nid}/dataset").json()
    # the header loss: step 1's batch, before its update, as the API says
    assert (
        float(app_page.get_by_test_id("loss-value").get_attribute("title").split(": ")[-1])
        == state["last_loss"]
        == last["loss"]
    )
    expect(app_page.get_by_test_id("loss-state")).to_have_text("step 1, before its update")
    # step-through shows the step's numbers (before the update); the output panel the weights now
    expect(app_page.get_by_test_id("phase-state")).to_have_text("step 1, before its update")
    expect(app_page.get_by_test_id("legend-state")).to_have_text("step 1, before its update")
    expect(app_page.locator("#output-title")).to_contain_text("example 2 · now, after step 1")
    now = api.post(
        f"/api/networks/{nid}/forward",
        json={"inputs": [data["inputs"][1]], "targets": [data["targets"][1]]},
    ).json()
    assert bar_value(app_page) == now["outputs"][0][0]
    row = last["inputs"].index(data["inputs"][1])
    assert last["forward"]["outputs"][row][0] != now["outputs"][0][0]  # the update changed it
    # out of step-through the graph's units are the weights now
    app_page.get_by_test_id("step-through").click()
    expect(app_page.get_by_test_id("legend-state")).to_have_text("now, after step 1")


def test_a_weight_edit_labels_the_loss_and_updates_the_outputs(
    app_page: Page, api: httpx.Client
) -> None:
    wait_idle(app_page)
    nid = network_id(app_page)
    app_page.get_by_test_id("step").click()
    wait_step(app_page, 1)
    wait_idle(app_page)
    loss = app_page.get_by_test_id("loss-value").inner_text()
    click_link(app_page, 1, 2, 0)
    editor = app_page.get_by_test_id("weight-input")
    editor.fill("3.5")
    editor.press("Enter")
    wait_idle(app_page)
    state = api.get(f"/api/networks/{nid}").json()
    assert state["weights"][1][0][2] == 3.5 and state["step"] == 1
    # the shown loss is still step 1's (the API's last_loss), and says the weights changed since
    expect(app_page.get_by_test_id("loss-value")).to_have_text(loss)
    assert f"{state['last_loss']:.6f}" == loss
    expect(app_page.get_by_test_id("loss-state")).to_have_text(
        "step 1, before its update; weights edited since"
    )
    # the outputs are of the edited weights, and say so
    expect(app_page.locator("#output-title")).to_contain_text(
        "now, after step 1; weights edited since"
    )
    data = api.get(f"/api/networks/{nid}/dataset").json()
    now = api.post(
        f"/api/networks/{nid}/forward",
        json={"inputs": [data["inputs"][0]], "targets": [data["targets"][0]]},
    ).json()
    assert bar_value(app_page) == now["outputs"][0][0]
    # a unit's tooltip says whose values it shows: example #1 with the weights now
    app_page.locator("g.unit[data-layer='1'][data-unit='0'] circle.unit-body").hover()
    tip = app_page.get_by_test_id("tooltip")
    expect(tip.get_by_test_id("tip-state")).to_have_text(
        "#1 · now, after step 1; weights edited since"
    )
    a = now["layers"][0]["a"][0][0]
    expect(tip.get_by_test_id("tip-out")).to_have_text(str(a))
    app_page.mouse.move(0, 0)
    # the next step's loss is of the edited weights again: the note goes
    app_page.get_by_test_id("step").click()
    wait_step(app_page, 2)
    expect(app_page.get_by_test_id("loss-state")).to_have_text("step 2, before its update")
    wait_idle(app_page)
    expect(app_page.get_by_test_id("inspector")).to_contain_text(
        "gradient of step 2, the last step"
    )
    app_page.screenshot(path="/tmp/states.png")
