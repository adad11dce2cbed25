"""The visualizer in Chromium against a live server: every check compares with the REST API."""

import json
import math
import random
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle

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


def api_value(state: dict, layer: int, source: str, to: int) -> float:
    """The API's weight (or bias, when source is 'bias') for one link address."""
    if source == "bias":
        return state["biases"][layer][to]
    return state["weights"][layer][to][int(source)]


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


def inline_network(layers: list[int], rows: int, seed: int = 1) -> dict:
    """A create body with an inline dataset: random inputs (2 decimals) and one-hot targets."""
    rng = random.Random(seed)
    n_in, n_out = layers[0], layers[-1]
    inputs = [[round(rng.random(), 2) for _ in range(n_in)] for _ in range(rows)]
    targets = [[1.0 if j == r % n_out else 0.0 for j in range(n_out)] for r in range(rows)]
    return {
        "layers": layers,
        "hidden_activation": "tanh",
        "output_activation": "softmax",
        "loss": "cross_entropy",
        "learning_rate": 0.1,
        "batch_size": 10,
        "seed": seed,
        "dataset": {"name": "inline", "inputs": inputs, "targets": targets},
    }


def open_network(page: Page, server_url: str, net: str) -> None:
    """Open the page on network `net` and wait until it is drawn."""
    page.goto(f"{server_url}/#net={net}")
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{net}']")


def canvas_pixels(page: Page) -> str:
    """The link canvas as a PNG data URL."""
    return page.eval_on_selector("[data-testid=graph-canvas]", "c => c.toDataURL()")


def hover_link(page: Page, layer: int, source: int, target: int, along: float) -> str:
    """Hover the canvas on the line from unit `source` of `layer` to unit `target` of the
    next layer (`along` of the way), and return the key of the link the graph found there."""
    centre = "e => [+e.getAttribute('cx'), +e.getAttribute('cy')]"
    x1, y1 = page.eval_on_selector(
        f"g.unit[data-layer='{layer}'][data-unit='{source}'] circle", centre
    )
    x2, y2 = page.eval_on_selector(
        f"g.unit[data-layer='{layer + 1}'][data-unit='{target}'] circle", centre
    )
    box = page.get_by_test_id("graph-svg").bounding_box()
    page.mouse.move(box["x"] + x1 + (x2 - x1) * along, box["y"] + y1 + (y2 - y1) * along)
    area = page.get_by_test_id("link-area")
    expect(area).to_have_attribute("data-hovered", re.compile(r"^w\d+-(b|\d+)-\d+$"))
    return area.get_attribute("data-hovered")


def assert_hovered_weight(page: Page, key: str, state: dict) -> None:
    """The tooltip of the hovered canvas link shows the API's value for it, exactly."""
    layer, source, to = re.fullmatch(r"w(\d+)-(b|\d+)-(\d+)", key).groups()
    expected = api_value(state, int(layer), "bias" if source == "b" else source, int(to))
    expect(page.get_by_test_id("tooltip")).to_be_visible()
    assert float(page.get_by_test_id("tip-weight").text_content()) == expected


def test_a_large_network_paints_its_links_on_a_canvas(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    state = api.post(
        "/api/networks", json={"layers": [2, 256, 64, 1], "dataset": "circle", "seed": 1}
    ).json()
    open_network(page, server_url, state["id"])
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-link-render", "canvas")
    expect(page.locator("line.link")).to_have_count(0)
    # 256 units are one strip of pixels; the 64 and the output keep a circle each
    expect(page.locator("[data-testid=unit-strip][data-layer='1']")).to_have_attribute(
        "data-units", "256"
    )
    expect(page.locator("g.unit[data-layer='2']")).to_have_count(64)
    before = canvas_pixels(page)
    page.get_by_test_id("step").click()
    wait_for_step(page, 1)
    state = api.get(f"/api/networks/{state['id']}").json()
    page.wait_for_function(
        "b => document.querySelector('.graph-canvas').toDataURL() !== b", arg=before
    )
    # the 256 x 64 links show the strongest into each unit, and say so
    expect(page.get_by_test_id("link-note")).to_have_text(
        "strongest 33 of 257 links into each unit"
    )
    # hovering a painted link finds it by geometry and shows its exact weight
    key = hover_link(page, 2, 5, 0, 0.3)
    assert key == "w2-5-0"
    assert_hovered_weight(page, key, state)
    # a click opens the chain rule for it
    page.mouse.down()
    page.mouse.up()
    expect(page.get_by_test_id("inspector")).to_be_visible()
    expect(page.get_by_test_id("inspector-gradient")).to_be_visible()
    assert console.errors == []


def test_a_784_128_10_network_steps_and_redraws_its_canvas(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    body = inline_network([784, 128, 10], rows=20)
    assert len(json.dumps(body)) < 1_000_000  # the server's body limit
    created = api.post("/api/networks", json=body)
    assert created.status_code == 201, created.text
    net = created.json()["id"]
    open_network(page, server_url, net)
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-link-render", "canvas")
    expect(page.locator("line.link")).to_have_count(0)
    painted = int(graph.get_attribute("data-links-painted"))
    assert 0 < painted <= 3000
    # the 784 inputs are one strip coloured by the example's inputs
    strip = page.locator("[data-testid=unit-strip][data-layer='0']")
    expect(strip).to_have_attribute("data-units", "784")
    expect(strip).to_have_attribute("data-known", "true")
    expect(page.locator("g.unit[data-layer='2']")).to_have_count(10)
    before = canvas_pixels(page)
    page.get_by_test_id("step").click()
    wait_for_step(page, 1)
    page.wait_for_function(
        "b => document.querySelector('.graph-canvas').toDataURL() !== b", arg=before
    )
    # the other views repaint the same canvas: gradients, then updates, then weights again
    for view in ("gradients", "updates", "weights"):
        shown = canvas_pixels(page)
        page.get_by_test_id(f"view-{view}").click()
        page.wait_for_function(
            "b => document.querySelector('.graph-canvas').toDataURL() !== b", arg=shown
        )
    state = api.get(f"/api/networks/{net}").json()
    assert_hovered_weight(page, hover_link(page, 1, 3, 7, 0.1), state)
    # an input's row of the strip is hovered by its position
    box = page.get_by_test_id("graph-svg").bounding_box()
    top = float(strip.locator("rect.strip-hit").get_attribute("y"))
    x = float(strip.locator("rect.strip-hit").get_attribute("x")) + 6
    page.mouse.move(box["x"] + x, box["y"] + top + 0.5)
    expect(page.get_by_test_id("tooltip")).to_contain_text("x₁")
    # the note under the links is translated
    note = page.get_by_test_id("link-note")
    expect(note).to_have_text("strongest 13 of 785 links into each unit")
    page.get_by_test_id("lang-zh").click()
    expect(note).to_have_text("每个单元只画最强的 13 / 785 条连接")
    assert console.errors == []


def test_a_64_32_10_network_keeps_one_svg_line_per_link(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    net = api.post("/api/networks", json=inline_network([64, 32, 10], rows=30)).json()["id"]
    open_network(page, server_url, net)
    expect(page.get_by_test_id("graph")).to_have_attribute("data-link-render", "svg")
    expect(page.get_by_test_id("graph-canvas")).to_have_count(0)
    page.get_by_test_id("step").click()
    wait_for_step(page, 1)
    state = api.get(f"/api/networks/{net}").json()
    # every parameter is drawn; this many lines carry no data-weight (the tooltip has it)
    expect(page.locator("line.link")).to_have_count(64 * 32 + 32 + 32 * 10 + 10)
    expect(page.locator("line.link[data-weight]")).to_have_count(0)
    for layer, source, to in ((0, 5, 7), (1, 31, 9), (1, "bias", 2)):
        line = page.locator(
            f"line.link[data-layer='{layer}'][data-from='{source}'][data-to='{to}']"
        )
        line.dispatch_event("mouseenter")  # this line's own hover (thin lines cross a pointer)
        expect(page.get_by_test_id("tooltip")).to_be_visible()
        shown = float(page.get_by_test_id("tip-weight").text_content())
        assert shown == api_value(state, layer, str(source), to)
    expect(page.locator("g.unit")).to_have_count(64 + 32 + 10)
    assert console.errors == []


def test_no_console_errors_across_the_main_actions(app_page: Page, console: Console) -> None:
    app_page.get_by_test_id("step").click()
    wait_for_step(app_page, 1)
    for view in ("gradients", "updates", "weights"):
        app_page.get_by_test_id(f"view-{view}").click()
    app_page.locator("line.link").first.hover(force=True)
    app_page.locator("g.unit[data-layer='1']").first.hover()
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
