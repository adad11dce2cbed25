"""Issue 13's page: the digits pad, input features, data generation and the regression
plot, checked against the API's state and numbers; and the pure modules behind them."""

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import wait_idle
from .test_js_units import run
from .test_own_data import after_change, area_point, network_id, rows, state


def choose_preset(page: Page, name: str) -> None:
    first = network_id(page)
    page.get_by_test_id("preset").select_option(name)
    page.wait_for_function(
        "(first) => document.querySelector('[data-testid=graph]').dataset.networkId !== first",
        arg=first,
    )
    wait_idle(page)


def set_range(page: Page, testid: str, value: int) -> None:
    """Move a slider to `value` as a user's drag ends (input, then change)."""
    page.get_by_test_id(testid).evaluate(
        """(el, v) => { el.value = String(v);
            el.dispatchEvent(new Event("input", { bubbles: true }));
            el.dispatchEvent(new Event("change", { bubbles: true })); }""",
        value,
    )


def test_the_digits_pad_runs_the_network_on_a_drawing(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    choose_preset(page, "digits")
    net = state(api, page)
    assert net["layers"] == [64, 32, 10] and net["dataset"]["image"] == [8, 8]
    # the 64 input units are laid out as the 8x8 image: 8 columns of 8
    xs = page.locator("g.unit[data-layer='0'] circle").evaluate_all(
        "(cs) => cs.map((c) => +c.getAttribute('cx'))"
    )
    assert len(xs) == 64 and len({round(x, 3) for x in xs}) == 8

    grid = page.get_by_test_id("pad-grid")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    cell = box["width"] / 8
    page.mouse.move(box["x"] + 3.5 * cell, box["y"] + 0.5 * cell)
    page.mouse.down()
    for row in range(1, 8):  # a "1": one column, top to bottom
        page.mouse.move(box["x"] + 3.5 * cell, box["y"] + (row + 0.5) * cell)
    page.mouse.up()
    expect(page.get_by_test_id("pad-probs")).to_be_visible()
    wait_idle(page)
    hex_image = page.url.split("pad=")[1].split("&")[0]
    assert len(hex_image) == 64
    image = [int(d, 16) / 15 for d in hex_image]
    assert (
        image[3] == 1 and image[8 * 7 + 3] == 1 and image[2] == 8 / 15 and image[0] == 0
    )  # half ink, to a hex digit
    forward = api.post(f"/api/networks/{net['id']}/forward", json={"inputs": [image]}).json()
    probs = [
        float(li.get_attribute("data-p"))
        for li in page.get_by_test_id("pad-probs").locator("li").all()
    ]
    assert probs == pytest.approx(forward["outputs"][0], abs=1e-12)
    best = max(range(10), key=lambda k: probs[k])
    expect(page.get_by_test_id("pad-probs")).to_have_attribute("data-best", str(best))
    # every unit of the graph shows the drawing's forward pass, the input units its pixels
    for layer, values in ((0, image), (1, forward["layers"][0]["a"][0]), (2, probs)):
        shown = page.locator(f"g.unit[data-layer='{layer}']").evaluate_all(
            "(gs) => gs.map((g) => +g.dataset.activation)"
        )
        assert shown == pytest.approx(values, abs=1e-12), layer

    page.get_by_test_id("pad-off").click()
    wait_idle(page)
    assert "pad=" not in page.url
    expect(page.locator("#output-title")).to_contain_text("example 1")


def test_feature_toggles_make_input_units_with_their_own_heat_maps(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    config = api.get("/api/config").json()
    expect(page.locator("[data-testid^=feature-]")).to_have_count(len(config["features"]))
    expect(page.get_by_test_id("feature-x1")).to_be_checked()
    first = network_id(page)
    page.get_by_test_id("feature-x1_x2").check()
    page.wait_for_function(
        "(first) => document.querySelector('[data-testid=graph]').dataset.networkId !== first",
        arg=first,
    )
    wait_idle(page)
    net = state(api, page)
    assert net["features"] == ["x1", "x2", "x1_x2"] and net["layers"][0] == 3
    assert net["layers"][1:] == [3, 1] and net["dataset"]["name"] == "xor"
    # each input unit has its own heat map over the plane: x1 x2 differs from x1 and x2
    hrefs = page.locator("g.unit[data-layer='0'] image.unit-heatmap").evaluate_all(
        "(ims) => ims.map((im) => im.getAttribute('href'))"
    )
    assert len(hrefs) == 3 and all(hrefs) and len(set(hrefs)) == 3
    # the shown example's input units are its features, as the server computes them
    forward = api.post(f"/api/networks/{net['id']}/forward", json={"inputs": [[1, 1]]}).json()
    assert forward["inputs"] == [[1, 1, 1]]
    page.get_by_test_id("example-3").click()
    wait_idle(page)
    shown = page.locator("g.unit[data-layer='0']").evaluate_all(
        "(gs) => gs.map((g) => +g.dataset.activation)"
    )
    assert shown == [1, 1, 1]

    page.get_by_test_id("feature-x1_x2").uncheck()
    page.wait_for_function(
        "(id) => document.querySelector('[data-testid=graph]').dataset.networkId !== id",
        arg=net["id"],
    )
    wait_idle(page)
    assert state(api, page)["features"] is None and state(api, page)["layers"][0] == 2


def test_generation_controls_patch_the_data_and_keep_the_weights(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    choose_preset(page, "circle")
    net = state(api, page)
    limits = api.get("/api/config").json()["limits"]
    slider = page.get_by_test_id("gen-noise")
    assert [slider.get_attribute("min"), slider.get_attribute("max")] == [
        str(v) for v in limits["noise"]
    ]
    set_range(page, "gen-noise", 25)
    after_change(page, net["revision"])
    after = state(api, page)
    assert after["dataset"]["generation"]["noise"] == 25
    assert after["weights"] == net["weights"] and after["id"] == net["id"]
    set_range(page, "gen-train_percent", 50)
    after_change(page, after["revision"])
    after = state(api, page)
    assert (after["dataset"]["size"], after["dataset"]["test_size"]) == (150, 150)
    points = page.get_by_test_id("gen-points")
    points.fill("120")
    points.blur()
    after_change(page, after["revision"])
    after = state(api, page)
    assert after["dataset"]["size"] + after["dataset"]["test_size"] == 120
    expect(page.locator("#boundary .points circle")).to_have_count(120)
    before_rows = rows(api, page)
    page.get_by_test_id("regenerate").click()
    after_change(page, after["revision"])
    regenerated = state(api, page)
    assert (
        regenerated["dataset"]["generation"]["data_seed"]
        != after["dataset"]["generation"]["data_seed"]
    )
    assert rows(api, page)["inputs"] != before_rows["inputs"]
    assert regenerated["weights"] == net["weights"]


def test_a_regression_shows_a_value_map_with_its_scale(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    choose_preset(page, "plane")
    scale = page.get_by_test_id("value-scale")
    expect(scale).to_be_visible()
    expect(page.get_by_test_id("boundary-title")).to_have_text("Output value")
    expect(page.get_by_test_id("draw-value-input")).to_be_visible()
    half = float(scale.get_attribute("data-half"))
    data = rows(api, page)
    assert half >= max(abs(t[0]) for t in data["targets"])
    ticks = scale.locator("text").evaluate_all("(ts) => ts.map((t) => +t.dataset.value)")
    assert ticks == pytest.approx([-half, 0, half])
    image = page.locator("#boundary image.boundary-image")
    plain = image.get_attribute("href")
    page.get_by_test_id("discretize").check()
    assert "disc=1" in page.url
    expect(image).not_to_have_attribute("href", plain)
    # a drawn point of the typed value joins the data
    page.get_by_test_id("draw-value-input").fill("0.75")
    page.get_by_test_id("draw-value-input").blur()
    assert "val=0.75" in page.url
    page.get_by_test_id("draw-value").click()
    before = state(api, page)
    page.mouse.click(*area_point(page, 0.5, 0.5))
    after_change(page, before["revision"])
    drawn = rows(api, page)
    assert drawn["targets"][-1] == [0.75]
    assert len(drawn["inputs"]) + len(drawn["test_inputs"] or []) == 301


def test_drawn_rows_and_the_pad_codec(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const d = await m("model/drawn.js");
        const p = await m("model/pad.js");
        const c = await m("model/csv.js");
        const rows = { inputs: [[0, 0], [1, 1]], targets: [[0], [1]], test_inputs: null,
                       test_targets: null };
        const added = d.addPoints(rows, [[0.5, 0.5]], d.classTarget(rows, 1, 1, 0.5), true);
        const near = { x: 0.5, y: 0.5, rx: 0.1, ry: 0.1 };
        return {
          added, erased: d.erasePoints(added, near), flipped: d.flipPoint(added, near),
          missed: d.flipPoint(added, { x: 3, y: 3, rx: 0.1, ry: 0.1 }).moved,
          onehot: d.classTarget(rows, 2, 3, 0.5),
          body: d.drawnDataset(rows),
          hex: p.padHex([0, 1, 0.5, 2]), values: p.padValues("0f", 2), blank: p.padValues("", 3),
          brushed: p.brush([0, 0, 0, 0, 0, 0, 0, 0, 0], [3, 3], 1, 1),
          header: c.csvHeader('\\n "a b", "c,d" ,"e""f"\\n1,2,3'),
        };
        """,
    )
    assert out["added"]["test_inputs"] == [[0.5, 0.5]] and out["added"]["test_targets"] == [[1]]
    assert out["erased"]["test_inputs"] is None and out["erased"]["inputs"] == [[0, 0], [1, 1]]
    assert out["flipped"]["moved"] and out["flipped"]["rows"]["inputs"][-1] == [0.5, 0.5]
    assert out["missed"] is False
    assert out["onehot"] == [0, 0, 1]
    assert out["body"]["name"] == "drawn" and out["body"]["test_inputs"] is None
    assert out["hex"] == "0f8f" and out["values"] == [0, 1] and out["blank"] == [0, 0, 0]
    assert out["brushed"] == [0, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 0]
    assert out["header"] == ["a b", "c,d", 'e"f']


def test_a_finger_draws_on_the_pad_and_on_the_plot(
    browser: Browser, server_url: str, api: httpx.Client
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    page = context.new_page()
    digits = api.post("/api/networks", json={"preset": "digits", "seed": 1}).json()
    page.goto(f"{server_url}/#net={digits['id']}")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    grid = page.get_by_test_id("pad-grid")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.1)
    expect(page.get_by_test_id("pad-probs")).to_be_visible()
    assert "pad=f8" in page.url  # the top-left cell inked, its right neighbour half
    xor = api.post("/api/networks", json={"preset": "xor"}).json()
    page.goto(f"{server_url}/#net={xor['id']}&draw=c0")
    page.wait_for_selector("#boundary-card:not([hidden])")
    wait_idle(page)
    page.get_by_test_id("draw-area").scroll_into_view_if_needed()
    area = page.get_by_test_id("draw-area").bounding_box()
    page.touchscreen.tap(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    after_change(page, xor["revision"])
    assert api.get(f"/api/networks/{xor['id']}").json()["dataset"]["size"] == 5
    context.close()
