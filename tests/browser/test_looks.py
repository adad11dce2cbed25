"""Issue 14's deeper looks on the page, clicked as a user clicks, checked against the API:
whose gradient (pulls), the loss around here (landscape), why it blew up, warning signs."""

import math

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_fields import refused_only
from .test_numbering import click_link
from .test_own_data import after_change, area_point, network_id, revision

POSITIVE, NEGATIVE = "#1c7ed6", "#e8590c"  # graph/colors.js
SHOTS = "/tmp/s4/shots"  # looked at by hand, not kept


def key_after(page: Page, card: str, old: str) -> str:
    """Wait until a look's card shows an answer other than `old`; its key."""
    page.wait_for_function(
        "([id, old]) => { const k = document.getElementById(id).dataset.key;"
        " return k && k !== old; }",
        arg=[card, old],
    )
    return page.locator(f"#{card}").get_attribute("data-key")


def shown_pulls(page: Page) -> list[float]:
    return [
        float(v)
        for v in page.get_by_test_id("pull-point").evaluate_all(
            "(cs) => cs.map((c) => c.dataset.value)"
        )
    ]


def test_pulls_follow_the_inspected_weight_and_a_drawn_point(app_page: Page, api: httpx.Client):
    page = app_page
    wait_idle(page)
    click_link(page, 0, 1, 0)
    key = key_after(page, "pulls-card", "")
    nid = network_id(page)
    got = api.get(f"/api/networks/{nid}/pulls", params={"layer": 0, "to": 0, "from": 1}).json()
    assert shown_pulls(page) == got["contributions"]
    gradient = float(page.get_by_test_id("pulls-gradient").get_attribute("data-value"))
    assert gradient == got["gradient"]
    mean = float(page.get_by_test_id("pulls-mean").get_attribute("data-value"))
    assert math.isclose(mean, sum(got["contributions"]) / len(got["contributions"]), rel_tol=1e-12)
    up = float(page.get_by_test_id("pulls-up").get_attribute("data-value"))
    down = float(page.get_by_test_id("pulls-down").get_attribute("data-value"))
    assert math.isclose(up + down, got["gradient"], rel_tol=1e-9, abs_tol=1e-15)
    page.get_by_test_id("pulls-card").screenshot(path=f"{SHOTS}/pulls.png")
    # on the decision-boundary plot too: each training point's colour is its pull's sign
    page.get_by_test_id("pulls-on-plot").check()
    expect(page.get_by_test_id("boundary")).to_have_attribute("data-pulls", key)
    fills = page.locator("#boundary .points circle.train").evaluate_all(
        "(cs) => cs.map((c) => c.getAttribute('fill'))"
    )
    assert fills == [POSITIVE if p >= 0 else NEGATIVE for p in got["contributions"]]
    page.get_by_test_id("boundary").screenshot(path=f"{SHOTS}/boundary-pulls.png")

    # drawing a point: the pulls come again, one more point, the API's numbers
    page.get_by_test_id("draw-c1").click()
    before = revision(page)
    page.mouse.click(*area_point(page, 0.5, 0.5))
    after_change(page, before)
    key_after(page, "pulls-card", key)
    got = api.get(f"/api/networks/{nid}/pulls", params={"layer": 0, "to": 0, "from": 1}).json()
    assert len(got["contributions"]) == 5
    expect(page.get_by_test_id("pull-point")).to_have_count(5)
    assert shown_pulls(page) == got["contributions"]
    fills = page.locator("#boundary .points circle.train").evaluate_all(
        "(cs) => cs.map((c) => c.getAttribute('fill'))"
    )
    assert fills == [POSITIVE if p >= 0 else NEGATIVE for p in got["contributions"]]
    # in Chinese: the card's words, the same numbers
    page.get_by_test_id("lang-zh").click()
    expect(page.locator("#pulls-card h2")).to_have_text("这是谁的梯度？")
    expect(page.get_by_test_id("pulls-card")).to_contain_text("全部样本上的 ∂E/∂w")
    assert (
        float(page.get_by_test_id("pulls-gradient").get_attribute("data-value")) == got["gradient"]
    )
    page.get_by_test_id("pulls-card").screenshot(path=f"{SHOTS}/pulls-zh.png")


def test_landscape_of_two_picked_weights_with_path_and_arrow(
    app_page: Page, api: httpx.Client, console: Console
):
    page = app_page
    wait_idle(page)
    for _ in range(3):
        before = revision(page)
        page.get_by_test_id("step").click()
        after_change(page, before)
    click_link(page, 0, 0, 1)
    page.get_by_test_id("landscape-set-x").click()
    click_link(page, 1, 1, 0)
    page.get_by_test_id("landscape-set-y").click()
    key = key_after(page, "landscape-card", "")
    nid = network_id(page)
    q = {"x_layer": 0, "x_to": 1, "x_from": 0, "y_layer": 1, "y_to": 0, "y_from": 1}
    got = api.get(f"/api/networks/{nid}/landscape", params=q).json()
    assert float(page.get_by_test_id("landscape-loss").get_attribute("data-value")) == got["loss"]
    arrow = page.get_by_test_id("landscape-arrow")
    assert float(arrow.get_attribute("data-dx")) == got["next_change"][0]
    assert float(arrow.get_attribute("data-dy")) == got["next_change"][1]
    path = page.get_by_test_id("landscape-path")
    assert int(path.get_attribute("data-points")) == len(got["path"]) == 4
    page.get_by_test_id("landscape-card").screenshot(path=f"{SHOTS}/landscape.png")

    # a step moves along the arrow: the path gains a point, the new centre is where it led
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)
    key_after(page, "landscape-card", key)
    expect(path).to_have_attribute("data-points", "5")
    now = api.get(f"/api/networks/{nid}").json()
    assert math.isclose(
        now["weights"][0][1][0],
        got["x"]["value"] + got["next_change"][0],
        rel_tol=1e-12,
        abs_tol=1e-15,
    )
    # the fields' bounds are the server's (GET /api/config), none written in the page
    limits = api.get("/api/config").json()["limits"]
    for field, name in (("radius", "landscape_radius"), ("resolution", "landscape_resolution")):
        box = page.get_by_test_id(f"landscape-{field}")
        assert [float(box.get_attribute("min")), float(box.get_attribute("max"))] == limits[name]
    # fewer points along each axis: the grid the server sends
    key = page.locator("#landscape-card").get_attribute("data-key")
    page.get_by_test_id("landscape-resolution").fill("7")
    page.get_by_test_id("landscape-resolution").press("Enter")
    key_after(page, "landscape-card", key)
    coarse = api.get(f"/api/networks/{nid}/landscape", params=q | {"resolution": 7}).json()
    assert len(coarse["xs"]) == 7
    assert (
        float(page.get_by_test_id("landscape-loss").get_attribute("data-value")) == coarse["loss"]
    )
    # a bad radius is the server's refusal, named, and nothing changes
    page.get_by_test_id("landscape-radius").fill("-1")
    page.get_by_test_id("landscape-radius").press("Enter")
    expect(page.get_by_test_id("landscape-error")).to_contain_text("radius")
    refused_only(console)


def test_diverged_panel_says_why_and_its_rate_works(page: Page, server_url: str, api: httpx.Client):
    body = {
        "layers": [2, 3, 1],
        "hidden_activation": "linear",
        "output_activation": "linear",
        "loss": "mse",
        "seed": 1,
        "learning_rate": 0.5,
        "dataset": {"inputs": [[10.0, -20.0], [30.0, 5.0], [-8.0, 12.0]], "targets": [[1.0]] * 3},
    }
    nid = api.post("/api/networks", json=body).json()["id"]
    assert api.post(f"/api/networks/{nid}/train", json={"steps": 200}).json()["stopped_early"]
    page.goto(f"{server_url}/#net={nid}")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    page.get_by_test_id("step").click()
    panel = page.get_by_test_id("diverged-panel")
    expect(panel.get_by_test_id("why")).to_be_visible()
    why = api.post(f"/api/networks/{nid}/step", json={}).json()["diagnosis"]  # refused: no change
    worst = panel.get_by_test_id("why-worst")
    assert worst.get_attribute("data-layer") == str(why["worst"][0]["layer"])
    assert worst.get_attribute("data-to") == str(why["worst"][0]["to"])
    lower = panel.get_by_test_id("why-lower")
    assert float(lower.get_attribute("data-rate")) == why["lower_learning_rate"]["learning_rate"]
    expect(page.get_by_test_id("toast")).to_be_hidden()  # a panel, not a toast
    panel.screenshot(path=f"{SHOTS}/diverged.png")
    steps = api.get(f"/api/networks/{nid}").json()["step"]
    panel.get_by_test_id("why-apply").click()
    expect(panel).to_be_hidden()
    wait_idle(page)
    now = api.get(f"/api/networks/{nid}").json()
    assert now["learning_rate"] == why["lower_learning_rate"]["learning_rate"]
    assert now["step"] == steps - why["lower_learning_rate"]["undo_steps"]  # undone first
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)
    after = api.get(f"/api/networks/{nid}").json()
    assert after["step"] == now["step"] + 1
    plan = why["lower_learning_rate"]
    assert math.isclose(after["last_loss"], plan["loss_before"], rel_tol=1e-12)
    expect(panel).to_be_hidden()  # the step at the rate it worked out did not diverge


def test_health_flags_a_dead_unit_on_the_graph(page: Page, server_url: str, api: httpx.Client):
    body = {"preset": "xor", "hidden_activation": "relu", "seed": 3}
    made = api.post("/api/networks", json=body).json()
    biases = [[0.0] * len(made["biases"][0]), [0.0]]
    biases[0][1] = -100.0
    nid = api.post("/api/networks", json=body | {"biases": biases}).json()["id"]
    page.goto(f"{server_url}/#net={nid}")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("g.unit[data-layer='1'][data-unit='1']")).to_have_class("unit flag-dead")
    got = api.get(f"/api/networks/{nid}/health").json()
    dead = {(u["layer"] + 1, u["unit"]) for u in got["units"] if u["kind"] == "dead"}
    assert (1, 1) in dead  # the unit whose bias is -100, and any other the data never lights
    marked = page.locator("g.unit").evaluate_all(
        "(gs) => gs.filter((g) => g.classList.contains('flag-dead'))"
        ".map((g) => [+g.dataset.layer, +g.dataset.unit])"
    )
    assert {tuple(m) for m in marked} == dead
    layers = page.get_by_test_id("health-layer")
    expect(layers).to_have_count(len(got["layers"]))
    for k, layer in enumerate(got["layers"]):
        assert float(layers.nth(k).get_attribute("data-value")) == layer["gradient_norm"]
    page.get_by_test_id("graph").screenshot(path=f"{SHOTS}/health-graph.png")
    page.get_by_test_id("health-strip").screenshot(path=f"{SHOTS}/health-strip.png")


def test_health_strip_holds_its_place_and_says_its_step_while_playing(app_page: Page):
    page = app_page
    wait_idle(page)
    strip, graph = page.get_by_test_id("health-strip"), page.get_by_test_id("graph")
    expect(strip).to_be_visible()
    top, speed = graph.bounding_box()["y"], page.get_by_test_id("speed").bounding_box()["x"]
    shown = strip.get_by_test_id("health-layer").first.get_attribute("data-value")
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 100"
    )
    said = strip.get_by_test_id("health-step")
    expect(said).to_have_text("before any step")  # what it shows is step 0's
    expect(said).to_have_attribute("title", "shown as of this step; refreshed on Pause")
    assert strip.get_by_test_id("health-layer").first.get_attribute("data-value") == shown
    assert page.locator("g.unit[class*=flag-]").count() == 0  # no step-0 flags on a later graph
    assert graph.bounding_box()["y"] == top  # the graph did not move
    assert page.get_by_test_id("speed").bounding_box()["x"] == speed  # nor what follows Pause
    page.get_by_test_id("play").click()
    wait_idle(page)
    step = int(page.get_by_test_id("step-count").text_content())
    expect(said).to_have_count(0)  # paused, it is of the graph's step
    expect(strip.get_by_test_id("health-layer").first).not_to_have_attribute("data-value", shown)
    assert graph.bounding_box()["y"] == top
    assert step > 100
