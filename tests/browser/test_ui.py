"""The visualizer in Chromium against a live server: every check compares with the REST API."""

import math

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .large_graph import api_value

LINKS_JS = """els => els.map(e => ({
  layer: +e.dataset.layer, from: e.dataset.from, to: +e.dataset.to, weight: e.dataset.weight
}))"""


def network_id(page: Page) -> str:
    """The id of the network the page shows."""
    return page.get_attribute("[data-testid=graph]", "data-network-id")


def wait_for_step(page: Page, step: int) -> None:
    """Wait until the page shows `step` (the graph and the step counter)."""
    expect(page.get_by_test_id("step-count")).to_have_text(str(step))
    page.wait_for_selector(f"[data-testid=graph][data-step='{step}']")


def links(page: Page) -> list[dict]:
    """Every drawn link with its address and data-weight."""
    return page.eval_on_selector_all("line.link", LINKS_JS)


def assert_links_match(page: Page, state: dict) -> None:
    """Every link's data-weight is exactly the API's value, and every parameter is drawn."""
    drawn = links(page)
    n_weights = sum(len(w) * len(w[0]) for w in state["weights"])
    n_biases = sum(len(b) for b in state["biases"]) if state["use_bias"] else 0
    assert len(drawn) == n_weights + n_biases
    for link in drawn:
        expected = api_value(state, link["layer"], link["from"], link["to"])
        assert float(link["weight"]) == expected, link


def test_first_load_creates_the_default_network(app_page: Page, api: httpx.Client) -> None:
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert state["layers"] == [2, 3, 1]
    assert state["dataset"]["name"] == "xor"
    assert f"net={state['id']}" in app_page.url
    assert_links_match(app_page, state)
    units = app_page.locator("g.unit")
    expect(units).to_have_count(6)
    # the selected example's activations fill the units: the inputs of XOR example 1 are 0, 0
    app_page.wait_for_selector("g.unit[data-layer='2'][data-activation]:not([data-activation=''])")
    assert app_page.get_attribute("g.unit[data-layer='0'][data-unit='0']", "data-activation") == "0"
    expect(app_page.get_by_test_id("bias-unit")).to_have_count(2)


def test_step_updates_the_count_and_every_weight(app_page: Page, api: httpx.Client) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert state["step"] == 1
    assert_links_match(app_page, state)
    loss = app_page.get_by_test_id("loss-value").text_content()
    assert float(loss) == pytest.approx(state["last_loss"], abs=1e-6)


def test_play_then_pause_trains_and_changes_the_loss(app_page: Page, api: httpx.Client) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    first_loss = app_page.get_by_test_id("loss-value").text_content()
    app_page.get_by_test_id("play").click()
    expect(app_page.get_by_test_id("play")).to_have_attribute("aria-pressed", "true")
    app_page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 40"
    )
    app_page.get_by_test_id("play").click()
    expect(app_page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    wait_idle(app_page)  # the call in flight came back, and the page fetched the state after it
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    wait_for_step(app_page, state["step"])
    assert state["step"] > 40
    assert app_page.get_by_test_id("loss-value").text_content() != first_loss
    assert float(app_page.get_by_test_id("loss-value").text_content()) == pytest.approx(
        state["last_loss"], abs=1e-6
    )
    assert_links_match(app_page, state)
    # the loss curve got a point per step
    history = api.get(f"/api/networks/{state['id']}/history").json()
    expect(app_page.get_by_test_id("loss-chart")).to_have_attribute(
        "data-points", str(len(history["steps"]))
    )


def test_editing_a_weight_in_the_inspector_changes_it_in_the_api(
    app_page: Page, api: httpx.Client
) -> None:
    link = app_page.locator("line.link[data-layer='1'][data-from='2'][data-to='0']")
    link.click()
    editor = app_page.get_by_test_id("weight-input")
    expect(editor).to_be_visible()
    editor.fill("0.123456789012345")
    editor.press("Enter")
    expect(link).to_have_attribute("data-weight", "0.123456789012345")
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert state["weights"][1][0][2] == 0.123456789012345
    expect(app_page.get_by_test_id("curl")).to_contain_text("/weights")


def test_chain_rule_product_equals_the_gradient(app_page: Page, api: httpx.Client) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    app_page.locator("line.link[data-layer='0'][data-from='1'][data-to='2']").click()
    gradient = app_page.get_by_test_id("inspector-gradient")
    expect(gradient).to_be_visible()
    explained = api.get(
        f"/api/networks/{network_id(app_page)}/explain", params={"layer": 0, "to": 2, "from": 1}
    ).json()
    assert float(gradient.get_attribute("data-value")) == explained["gradient"]
    product = float(app_page.get_by_test_id("inspector-product").get_attribute("data-value"))
    assert math.isclose(product, explained["gradient"], rel_tol=1e-12, abs_tol=1e-15)
    # the gradient drawn on the link (from the step response) is the same number
    on_link = app_page.get_by_test_id("inspector-link-gradient").get_attribute("data-value")
    assert float(on_link) == explained["gradient"]
    # the editor starts from the weight as it is now (after the step)
    editor = app_page.get_by_test_id("weight-input").input_value()
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert float(editor) == state["weights"][0][2][1]
    # every factor is shown, and the formula is typeset
    expect(app_page.locator(".factors tbody tr")).to_have_count(len(explained["factors"]) + 1)
    expect(app_page.get_by_test_id("formula")).to_be_visible()


def test_a_step_made_through_the_api_shows_up_live(app_page: Page, api: httpx.Client) -> None:
    net = network_id(app_page)
    app_page.wait_for_selector(f"[data-testid=graph][data-following='{net}']")  # events connected
    response = api.post(f"/api/networks/{net}/step", json={})
    assert response.status_code == 200
    expect(app_page.get_by_test_id("step-count")).to_have_text("1", timeout=2000)
    state = api.get(f"/api/networks/{net}").json()
    app_page.wait_for_selector(f"[data-testid=graph][data-revision='{state['revision']}']")
    assert_links_match(app_page, state)
    # the update of a step made elsewhere is still shown exactly on the links
    app_page.get_by_test_id("view-updates").click()
    first = app_page.locator("line.link[data-layer='0'][data-from='0'][data-to='0']")
    shown = float(first.get_attribute("data-shown"))
    before = response.json()["weights_before"][0][0][0]
    assert shown == state["weights"][0][0][0] - before


def test_undo_restores_the_exact_weights(app_page: Page, api: httpx.Client) -> None:
    net = network_id(app_page)
    before = api.get(f"/api/networks/{net}").json()
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    app_page.keyboard.press("s")
    wait_for_step(app_page, 2)
    app_page.get_by_test_id("undo").click()
    wait_for_step(app_page, 1)
    app_page.keyboard.press("z")
    wait_for_step(app_page, 0)
    after = api.get(f"/api/networks/{net}").json()
    assert after["weights"] == before["weights"]
    assert after["biases"] == before["biases"]
    assert_links_match(app_page, after)
    expect(app_page.get_by_test_id("undo")).to_be_disabled()


def test_step_through_phases_advance_with_the_keys(app_page: Page, api: httpx.Client) -> None:
    phase = app_page.get_by_test_id("phase")
    app_page.keyboard.press("t")
    expect(phase).to_be_visible()
    app_page.keyboard.press("s")
    wait_for_step(app_page, 1)
    # 2-3-1: forward to hidden, forward to output, loss, backward output, backward hidden, update
    expected = ["forward", "forward", "loss", "backward", "backward", "update"]
    seen = []
    for i, kind in enumerate(expected):
        expect(phase).to_have_attribute("data-phase", str(i))
        expect(phase).to_have_attribute("data-kind", kind)
        seen.append(kind)
        if i == 0:
            # the output's values are not revealed yet, the hidden ones are
            output = app_page.locator("g.unit[data-layer='2']")
            expect(output).to_have_attribute("data-activation", "")
            hidden = app_page.get_attribute(
                "g.unit[data-layer='1'][data-unit='0']", "data-activation"
            )
            assert hidden != ""
        if kind == "loss":
            step = api.get(f"/api/networks/{network_id(app_page)}/history").json()
            shown = app_page.get_by_test_id("phase-loss").get_attribute("title")
            assert float(shown) == step["losses"][0]
        if i < len(expected) - 1:
            app_page.keyboard.press("ArrowRight")
    assert seen == expected
    app_page.keyboard.press("ArrowLeft")
    expect(phase).to_have_attribute("data-kind", "backward")
    expect(app_page.get_by_test_id("step-count")).to_have_text("1")  # no new step
    # the page keeps the mode in its URL
    assert "st=1" in app_page.url


def test_view_state_round_trips_through_the_url(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    state = api.post("/api/networks", json={"preset": "xor"}).json()
    api.post(f"/api/networks/{state['id']}/step", json={})
    page.goto(f"{server_url}/#net={state['id']}&view=gradients&ex=2&bias=0")
    page.wait_for_selector("body[data-ready=true]")
    assert network_id(page) == state["id"]
    expect(page.get_by_test_id("view-gradients")).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("example-2")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("bias-unit")).to_have_count(0)
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    page.keyboard.press("b")
    expect(page.get_by_test_id("bias-unit")).to_have_count(2)
    assert "bias=0" not in page.url
    assert console.errors == []


def test_architecture_controls_create_a_new_network(app_page: Page, api: httpx.Client) -> None:
    first = network_id(app_page)
    app_page.get_by_test_id("add-unit-1").click()
    app_page.wait_for_function(
        f"() => document.querySelector('[data-testid=graph]').dataset.networkId !== '{first}'"
    )
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert state["layers"] == [2, 4, 1]
    app_page.get_by_test_id("add-layer").click()
    expect(app_page.get_by_test_id("hidden-count")).to_have_text("2")
    state = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert state["layers"] == [2, 4, 4, 1]
    assert_links_match(app_page, state)
    revision = state["revision"]
    app_page.get_by_test_id("learning-rate").fill("0.25")
    app_page.get_by_test_id("learning-rate").press("Enter")
    app_page.wait_for_function(
        f"() => +document.querySelector('[data-testid=graph]').dataset.revision > {revision}"
    )
    expect(app_page.get_by_test_id("curl")).to_contain_text("PATCH")
    same = network_id(app_page)
    assert same == state["id"]
    assert api.get(f"/api/networks/{same}").json()["learning_rate"] == 0.25


def test_hover_shows_full_precision_numbers(app_page: Page, api: httpx.Client) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    wait_idle(app_page)  # the selected example's forward values are fetched after the step
    net = network_id(app_page)
    state = api.get(f"/api/networks/{net}").json()
    link = app_page.locator("line.link[data-layer='1'][data-from='1'][data-to='0']")
    # a small weight draws a hairline; its wider invisible hover line (same link, same
    # handlers) may be what lies under the pointer, so no hit test on the hairline itself
    link.hover(force=True)
    tooltip = app_page.get_by_test_id("tooltip")
    expect(tooltip).to_be_visible()
    assert float(app_page.get_by_test_id("tip-weight").text_content()) == state["weights"][1][0][1]
    assert app_page.get_by_test_id("tip-gradient").text_content() != "–"
    # a unit: in (z) and out (a) of the selected example (XOR example 1: inputs 0, 0)
    forward = api.post(
        f"/api/networks/{net}/forward", json={"inputs": [[0, 0]], "targets": [[0]]}
    ).json()
    app_page.locator("g.unit[data-layer='1'][data-unit='2'] circle").hover()
    expect(app_page.get_by_test_id("tip-in")).to_be_visible()
    shown = {k: float(app_page.get_by_test_id(f"tip-{k}").text_content()) for k in ("in", "out")}
    assert shown["in"] == forward["layers"][0]["z"][0][2]
    assert shown["out"] == forward["layers"][0]["a"][0][2]
    assert float(app_page.get_by_test_id("tip-bias").text_content()) == state["biases"][0][2]
    assert app_page.get_by_test_id("tip-delta").text_content() not in ("", "–")


def test_reset_makes_new_weights_and_keeps_a_typed_seed(app_page: Page, api: httpx.Client) -> None:
    first = api.get(f"/api/networks/{network_id(app_page)}").json()

    def reset() -> dict:
        old = network_id(app_page)
        app_page.get_by_test_id("reset").click()
        app_page.wait_for_function(
            f"() => document.querySelector('[data-testid=graph]').dataset.networkId !== '{old}'"
        )
        return api.get(f"/api/networks/{network_id(app_page)}").json()

    second = reset()
    assert second["layers"] == first["layers"]
    assert second["hidden_activation"] == first["hidden_activation"]
    assert second["weights"] != first["weights"]
    app_page.get_by_test_id("seed").fill("42")
    app_page.get_by_test_id("seed").press("Enter")
    app_page.wait_for_function(
        f"() => document.querySelector('[data-testid=graph]').dataset.networkId !== "
        f"'{second['id']}'"
    )
    seeded = api.get(f"/api/networks/{network_id(app_page)}").json()
    assert seeded["seed"] == 42
    again = reset()
    assert again["seed"] == 42
    assert again["weights"] == seeded["weights"]
    assert_links_match(app_page, again)


def test_copy_as_curl_shows_the_last_action(app_page: Page) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    curl = app_page.get_by_test_id("curl").text_content()
    assert curl.startswith("curl -X POST ")
    assert f"/api/networks/{network_id(app_page)}/step" in curl


def test_keys_list_and_help_overlay(app_page: Page) -> None:
    expect(app_page.get_by_test_id("key-list")).to_contain_text("play / pause")
    app_page.keyboard.press("?")
    expect(app_page.get_by_test_id("help-overlay")).to_be_visible()
    app_page.keyboard.press("Escape")
    expect(app_page.get_by_test_id("help-overlay")).to_be_hidden()


def test_no_console_errors_across_the_main_actions(app_page: Page, console: Console) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    for view in ("gradients", "updates", "weights"):
        app_page.get_by_test_id(f"view-{view}").click()
    app_page.locator("line.link").first.hover(force=True)
    app_page.locator("g.unit[data-layer='1'] circle").first.hover()  # not the label's gap
    app_page.get_by_test_id("example-3").click()
    app_page.get_by_test_id("dataset").select_option("circle")
    app_page.wait_for_selector("#boundary-card:not([hidden])")
    steps = int(app_page.get_by_test_id("step-count").text_content())
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function(
        f"() => +document.querySelector('[data-testid=step-count]').textContent > {steps + 20}"
    )
    app_page.get_by_test_id("play").click()
    wait_idle(app_page)
    assert console.errors == []
