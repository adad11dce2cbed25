"""A large network's graph for everyone: two fingers pinch and pan it on a phone (CDP touch
events) and a tap still opens a unit or a link; the zoom buttons and their reset; the arrow
keys reach the links painted on the canvas and Enter opens the chain rule."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect

from .axe import axe_violations
from .conftest import wait_idle
from .large_graph import inline_network, open_network
from .test_access_keyboard import FOCUSED_JS

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
TRANSFORM_JS = """() => [...document.querySelectorAll('#graph > svg, #graph > canvas')]
  .map((e) => e.style.transform)"""
MOVED_JS = "t => document.querySelector('#graph > svg').style.transform !== t"


@pytest.fixture
def phone(browser: Browser, server_url: str, api: httpx.Client) -> Iterator[Page]:
    """A 64-32-10 network (2,410 links) on a 390x844 touch screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    net = api.post("/api/networks", json={"preset": "digits", "seed": 1}).json()["id"]
    open_network(page, server_url, net)
    wait_idle(page)
    page.get_by_test_id("graph").scroll_into_view_if_needed()
    yield page
    context.close()
    assert errors == []


def touch(cdp: CDPSession, kind: str, points: list[tuple[float, float]]) -> None:
    """One CDP touch event with a finger at each point (none for touchEnd)."""
    fingers = [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": fingers})


def gesture(
    cdp: CDPSession, start: list[tuple[float, float]], end: list[tuple[float, float]]
) -> None:
    """Fingers put down at `start`, moved to `end` in steps, and lifted."""
    touch(cdp, "touchStart", start)
    for i in range(1, 9):
        f = i / 8
        touch(
            cdp,
            "touchMove",
            [(a + (c - a) * f, b + (d - b) * f) for (a, b), (c, d) in zip(start, end)],
        )
    touch(cdp, "touchEnd", [])


def zoom_of(page: Page) -> float:
    """The graph's zoom as it says it (data-zoom)."""
    return float(page.get_by_test_id("graph").get_attribute("data-zoom") or "nan")


# a point `f` of the way along a line, on the screen: the SVG's box has the graph's transform
ALONG_JS = """([key, f]) => {
  const line = document.querySelector(`line.link[data-key=${key}]`);
  const svg = line.ownerSVGElement, box = svg.getBoundingClientRect();
  const s = box.width / svg.viewBox.baseVal.width;
  const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((a) => +line.getAttribute(a));
  return [box.x + (x1 + (x2 - x1) * f) * s, box.y + (y1 + (y2 - y1) * f) * s];
}"""


def middle(page: Page, selector: str) -> tuple[float, float]:
    """The middle of the element's box on the screen (after the graph's transform)."""
    box = page.locator(selector).bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def on_screen(page: Page, x: float, y: float) -> bool:
    """Whether the point is inside the window."""
    return page.evaluate(
        "([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight", [x, y]
    )


def test_two_fingers_pinch_and_pan_a_large_graph_and_a_tap_still_opens(phone: Page) -> None:
    page = phone
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-zoom", "1")
    assert page.evaluate(TRANSFORM_JS) == [""]
    box = graph.bounding_box()
    assert box is not None
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    scroll = page.evaluate("scrollY")
    gesture(cdp, [(cx - 30, cy), (cx + 30, cy)], [(cx - 100, cy), (cx + 100, cy)])  # spread
    page.wait_for_function("() => +document.getElementById('graph').dataset.zoom > 2")
    assert abs(zoom_of(page) - 200 / 60) < 0.05  # the fingers' spread, 60 px -> 200 px
    assert page.evaluate("scrollY") == scroll  # the page itself did not scroll or zoom
    zoomed = page.evaluate(TRANSFORM_JS)[0]
    assert "scale(" in zoomed
    # one finger pans the zoomed graph
    gesture(cdp, [(cx, cy)], [(cx + 50, cy + 30)])
    page.wait_for_function(
        "t => document.querySelector('#graph > svg').style.transform !== t", arg=zoomed
    )
    assert abs(zoom_of(page) - 200 / 60) < 0.05
    assert page.evaluate("scrollY") == scroll
    expect(page.get_by_test_id("zoom-reset")).to_be_enabled()
    # a tap on a unit still shows its values, a tap on a link still opens its chain rule
    unit = middle(page, "g.unit[data-key=u1-15] circle")  # h16, in the middle column
    assert on_screen(page, *unit)
    page.touchscreen.tap(*unit)
    expect(page.get_by_test_id("tooltip")).to_contain_text("h₁₆")
    x, y = page.evaluate(ALONG_JS, ["w1-15-4", 0.15])  # h16 -> y5, near h16
    assert on_screen(page, x, y)
    key = page.evaluate("([x, y]) => document.elementFromPoint(x, y).dataset.key", [x, y])
    layer, source, target = key[1:].split("-")  # what the finger lands on, "w1-5-3" or another
    assert layer == "1"
    page.touchscreen.tap(x, y)
    inspector = page.get_by_test_id("inspector")
    expect(inspector).to_be_visible()
    name = f"h{int(source) + 1}".translate(SUB) + " → " + f"y{int(target) + 1}".translate(SUB)
    expect(inspector).to_contain_text(name)
    # and the reset shows the whole network again
    page.get_by_test_id("graph").scroll_into_view_if_needed()
    page.get_by_test_id("zoom-reset").tap()
    expect(graph).to_have_attribute("data-zoom", "1")
    assert page.evaluate(TRANSFORM_JS) == [""]
    expect(page.get_by_test_id("zoom-reset")).to_be_disabled()
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_zoom_buttons_move_the_svg_and_the_canvas_together(
    page: Page, server_url: str, api: httpx.Client
) -> None:
    small = api.post("/api/networks", json={"preset": "xor"}).json()["id"]
    open_network(page, server_url, small)
    expect(page.get_by_test_id("zoom-bar")).to_be_hidden()  # 2-3-1 needs no zoom buttons
    net = api.post("/api/networks", json=inline_network([784, 128, 10], rows=20)).json()["id"]
    open_network(page, server_url, net)
    wait_idle(page)
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-link-render", "canvas")
    expect(page.get_by_test_id("zoom-bar")).to_be_visible()
    page.get_by_test_id("dash-negative").focus()
    page.keyboard.press("Tab")  # past the disabled "−": "+", with a whole focus ring
    assert page.evaluate(FOCUSED_JS) == ["zoom-in", True]
    page.get_by_test_id("zoom-in").click()
    expect(graph).to_have_attribute("data-zoom", "1.5")
    page.get_by_test_id("zoom-in").click()
    expect(graph).to_have_attribute("data-zoom", "2.25")
    svg, canvas = page.evaluate(TRANSFORM_JS)
    assert svg == canvas and "scale(2.25)" in svg
    # a unit reached by keyboard is panned into view: h1, at the top, was outside the middle
    unit = "g.unit[data-key=u2-0] circle"  # y1, at the top right: outside the zoomed middle
    frame = graph.bounding_box()
    assert frame is not None
    inside = "([x, y, f]) => x >= f.x && x <= f.x + f.width && y >= f.y && y <= f.y + f.height"
    assert not page.evaluate(inside, [*middle(page, unit), frame])
    page.get_by_test_id("skip-to-graph").focus()
    page.keyboard.press("Enter")  # the graph's stop: y1 (h1, if its layer is circles)
    unit = "[data-testid=graph-svg] :focus"
    assert page.evaluate(TRANSFORM_JS)[0] != svg  # panned
    assert page.evaluate(inside, [*middle(page, unit), frame])
    assert page.evaluate(TRANSFORM_JS)[0] == page.evaluate(TRANSFORM_JS)[1]
    page.get_by_test_id("zoom-out").click()
    expect(graph).to_have_attribute("data-zoom", "1.5")
    page.get_by_test_id("zoom-reset").focus()
    page.keyboard.press("Enter")  # Fit by keyboard: it turns off, and hands its focus to "+"
    expect(graph).to_have_attribute("data-zoom", "1")
    assert page.evaluate(TRANSFORM_JS) == ["", ""]
    assert page.evaluate(FOCUSED_JS)[0] == "zoom-in"


def test_arrow_keys_reach_canvas_links_and_strip_units_and_enter_opens_the_chain_rule(
    browser: Browser, server_url: str, api: httpx.Client
) -> None:
    # 1280x700: the 128 hidden units are a strip too (under 3.5 px a unit), like the inputs
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    page = context.new_page()
    net = api.post("/api/networks", json=inline_network([784, 128, 10], rows=20)).json()["id"]
    open_network(page, server_url, net)
    wait_idle(page)
    expect(page.get_by_test_id("graph")).to_have_attribute("data-link-render", "canvas")
    expect(page.locator("[data-testid=unit-strip][data-layer='1']")).to_have_count(1)
    state = api.get(f"/api/networks/{net}").json()
    focused = "() => [document.activeElement.dataset.testid, document.activeElement.dataset.key]"
    tip = page.get_by_test_id("tooltip")
    page.get_by_test_id("skip-to-graph").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(focused) == ["unit", "u2-0"]  # the first circle: y1
    page.keyboard.press("ArrowLeft")  # y1's first incoming link, h1 -> y1, painted or not
    assert page.evaluate(focused) == ["link-cursor", "w1-0-0"]
    expect(tip).to_contain_text("h₁ → y₁")
    expect(tip.get_by_test_id("tip-weight")).to_have_text(str(state["weights"][1][0][0]))
    page.keyboard.press("ArrowLeft")  # its source, h1: a row of the hidden strip
    assert page.evaluate(focused) == ["unit-cursor", "u1-0"]
    expect(page.get_by_test_id("unit-cursor")).to_have_attribute("aria-label", "h₁, hidden 1")
    expect(tip).to_contain_text("h₁")
    page.keyboard.press("ArrowDown")  # h2
    assert page.evaluate(focused) == ["unit-cursor", "u1-1"]
    page.keyboard.press("ArrowLeft")  # h2's first incoming link, x1 -> h2
    assert page.evaluate(focused) == ["link-cursor", "w0-0-1"]
    page.keyboard.press("ArrowDown")  # along h2's incoming links
    assert page.evaluate(focused) == ["link-cursor", "w0-1-1"]
    expect(tip).to_contain_text("x₂ → h₂")
    expect(tip.get_by_test_id("tip-weight")).to_have_text(str(state["weights"][0][1][1]))
    cursor = page.get_by_test_id("link-cursor")
    expect(cursor).to_have_attribute("aria-label", "link x₂ → h₂")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    inspector = page.get_by_test_id("inspector")
    expect(inspector).to_be_visible()
    expect(inspector).to_contain_text("x₂ → h₂")
    page.get_by_test_id("lang-zh").click()  # the name follows the language, the stop stays
    expect(cursor).to_have_attribute("aria-label", "连线 x₂ → h₂")
    assert cursor.get_attribute("tabindex") == "0"
    assert axe_violations(page) == []  # the cursors, the zoom buttons, the canvas graph
    context.close()
