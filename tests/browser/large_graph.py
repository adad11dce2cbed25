"""Helpers for browser tests of large networks: inline datasets, opening, canvas hovering."""

import random
import re

from playwright.sync_api import Page, expect


def api_value(state: dict, layer: int, source: str, to: int) -> float:
    """The API's weight (or bias, when source is 'bias') for one link address."""
    if source == "bias":
        return state["biases"][layer][to]
    return state["weights"][layer][to][int(source)]


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
