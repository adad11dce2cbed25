"""The large graph's canvas is painted again only when what it paints changed."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .large_graph import canvas_pixels, inline_network, open_network

OUTPUT = "g.unit[data-layer='2'][data-unit='0']"


def paints(page: Page) -> int:
    return int(page.get_attribute("[data-testid=graph]", "data-link-paints"))


def test_another_example_restyles_the_units_without_painting_the_links_again(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    net = api.post("/api/networks", json=inline_network([784, 32, 10], rows=20)).json()["id"]
    open_network(page, server_url, net)
    wait_idle(page)
    before, pixels = paints(page), canvas_pixels(page)
    shown = page.get_attribute(OUTPUT, "data-activation")
    page.get_by_test_id("example-slider").fill("5")
    page.wait_for_function(
        "([sel, was]) => document.querySelector(sel).dataset.activation !== was",
        arg=[OUTPUT, shown],
    )
    wait_idle(page)
    assert paints(page) == before  # the same weights: the same links, not painted again
    assert canvas_pixels(page) == pixels
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    wait_idle(page)
    page.wait_for_function(
        "b => document.querySelector('.graph-canvas').toDataURL() !== b", arg=pixels
    )
    assert paints(page) > before  # new weights: painted
    assert console.errors == []
