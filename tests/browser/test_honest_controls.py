"""Controls that say what is true (issue 12 item 7), in Chromium, checked against the API."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle

GRAPH = "[data-testid=graph]"


def shown_id(page: Page) -> str:
    """The id of the network the page shows."""
    return page.get_attribute(GRAPH, "data-network-id")


def wait_new_network(page: Page, old: str) -> None:
    """Wait until the page shows another network than `old`, and is idle."""
    page.wait_for_function(f"() => document.querySelector('{GRAPH}').dataset.networkId !== '{old}'")
    wait_idle(page)


def test_the_preset_label_follows_the_network(app_page: Page) -> None:
    preset = app_page.get_by_test_id("preset")
    expect(preset).to_have_value("xor")
    first = shown_id(app_page)
    app_page.get_by_test_id("reset").click()  # new weights, the same network: still xor
    wait_new_network(app_page, first)
    expect(preset).to_have_value("xor")
    before = shown_id(app_page)
    preset.select_option("circle")
    wait_new_network(app_page, before)
    expect(preset).to_have_value("circle")
    before = shown_id(app_page)
    app_page.get_by_test_id("dataset").select_option("spiral")
    wait_new_network(app_page, before)
    expect(preset).to_have_value("")  # a circle network on spiral data is neither preset


def test_undo_while_playing_stops_and_goes_back_one_step_exactly(
    app_page: Page, api: httpx.Client
) -> None:
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function("() => +document.getElementById('step-count').textContent > 20")
    undo = app_page.get_by_test_id("undo")
    expect(undo).to_be_enabled()
    undo.click()
    wait_idle(app_page)
    expect(app_page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    state = api.get(f"/api/networks/{shown_id(app_page)}").json()
    expect(app_page.get_by_test_id("step-count")).to_have_text(str(state["step"]))
    history = api.get(f"/api/networks/{shown_id(app_page)}/history").json()
    assert history["steps"][-1] == state["step"]  # the undone step left the history too


def test_a_network_deleted_on_the_server_disables_the_controls(
    app_page: Page, api: httpx.Client
) -> None:
    gone = shown_id(app_page)
    wait_idle(app_page)  # no background request of the fresh network is on its way (a 404)
    assert api.delete(f"/api/networks/{gone}").status_code == 204
    for control in ("step", "play", "undo", "learning-rate", "batch-size"):
        expect(app_page.get_by_test_id(control)).to_be_disabled()
    toast = app_page.get_by_test_id("toast")
    expect(toast).to_contain_text("deleted on the server")
    app_page.locator("body").press("s")  # the key for Step: says so again, no 404
    wait_idle(app_page)
    expect(toast).not_to_contain_text("404")
    app_page.get_by_test_id("reset").click()
    wait_new_network(app_page, gone)
    expect(app_page.get_by_test_id("step")).to_be_enabled()
    assert api.get(f"/api/networks/{shown_id(app_page)}").status_code == 200


def test_step_through_off_gives_the_graph_its_size_back(app_page: Page) -> None:
    height = (
        "() => document.querySelector('[data-testid=graph-svg]').getBoundingClientRect().height"
    )
    app_page.get_by_test_id("step").click()
    wait_idle(app_page)
    full = app_page.evaluate(height)
    app_page.get_by_test_id("step-through").click()
    app_page.wait_for_function(f"() => ({height})() < {full}")
    app_page.get_by_test_id("step-through").click()
    app_page.wait_for_function(f"() => ({height})() === {full}")


CONTRAST = """p => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const style = getComputedStyle(p);
  return [ratio(style.stroke, style.fill), ratio(style.stroke, "rgb(255, 255, 255)")];
}"""


def test_learned_points_stand_out_from_a_boundary_of_their_colour(app_page: Page) -> None:
    points = app_page.locator("[data-testid=boundary] circle.point.train")
    expect(points.first).to_be_attached()
    # a learned point sits on a region of its own colour (at most as deep as its fill) or
    # on the undecided white: its ring stands out from both
    for i in range(points.count()):
        against_fill, against_white = points.nth(i).evaluate(CONTRAST)
        assert against_fill >= 3 and against_white >= 3


BOXES = """() => {
  const box = (e) => {
    const { x, y, width, height } = e.getBBox();
    return { x, y, width, height };
  };
  const units = [...document.querySelectorAll("[data-testid=graph-svg] g.unit")].map((g) => ({
    circle: box(g.querySelector("circle")),
    texts: [...g.querySelectorAll("text")].filter((t) => t.textContent).map(box),
  }));
  const titles = [...document.querySelectorAll(".column-title")].map((t) => ({ texts: [box(t)] }));
  return units.concat(titles);
}"""


def overlap(a: dict, b: dict) -> bool:
    """Whether two boxes (x, y, width, height) overlap."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_six_hidden_layers_at_1280_px_do_not_overlap(app_page: Page, api: httpx.Client) -> None:
    for n in range(2, 7):
        app_page.get_by_test_id("add-layer").click()
        expect(app_page.get_by_test_id("hidden-count")).to_have_text(str(n))
        wait_idle(app_page)
    assert len(api.get(f"/api/networks/{shown_id(app_page)}").json()["layers"]) == 8
    parts = app_page.evaluate(BOXES)
    texts = [t for p in parts for t in p["texts"]]
    circles = [p["circle"] for p in parts if "circle" in p]
    assert len(texts) >= 8 + 2 + 18 + 1  # every title and every unit's label is drawn
    for i, a in enumerate(texts):
        assert not any(overlap(a, b) for b in texts[i + 1 :]), a
        assert not any(overlap(a, c) for c in circles), a


def test_play_step_and_reset_are_hidden_where_they_do_nothing(app_page: Page) -> None:
    transport = app_page.locator(".transport")
    for lesson, shown in (("activations", False), ("xor", True)):
        app_page.get_by_test_id("lessons-button").click()
        app_page.get_by_test_id(f"lesson-item-{lesson}").click()
        app_page.wait_for_function(f"() => location.hash.includes('lesson={lesson}')")
        wait_idle(app_page)
        if shown:
            expect(app_page.get_by_test_id("play")).to_be_visible()
        else:
            expect(transport).to_be_hidden()
