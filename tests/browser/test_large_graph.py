"""Large networks in Chromium: links on a canvas (top-k), hovered and clicked by geometry."""

import json

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console
from .large_graph import (
    api_value,
    assert_hovered_weight,
    canvas_pixels,
    hover_link,
    inline_network,
    open_network,
)
from .test_ui import wait_for_step


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
