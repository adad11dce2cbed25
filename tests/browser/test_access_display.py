"""Display choices (dark mode, dashed negatives, reduced motion) and the page in words (the
live region after a step, the loss chart's summary, the network as a table)."""

import base64
import json
import math
import re
import struct

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import VIEWPORT, wait_idle
from .test_js_units import run
from .test_lessons import open_lesson

NEGATIVE_LINKS = "line.link.negative"


def dash_of(page: Page, selector: str) -> str:
    """The computed stroke-dasharray of the first element matching selector."""
    return page.eval_on_selector(selector, "e => getComputedStyle(e).strokeDasharray")


def test_the_theme_follows_the_system_until_switched_and_is_remembered(
    browser: Browser, server_url: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
    page = context.new_page()
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "dark")
    expect(page.get_by_test_id("theme")).to_have_attribute("aria-pressed", "true")
    page.get_by_test_id("theme").click()
    expect(html).to_have_attribute("data-theme", "light")
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    expect(html).to_have_attribute("data-theme", "light")  # the choice beats the system's
    page.emulate_media(color_scheme="light")
    page.get_by_test_id("theme").click()
    expect(html).to_have_attribute("data-theme", "dark")
    context.close()


def test_negative_links_are_dashed_and_the_switch_is_remembered(app_page: Page) -> None:
    page = app_page
    wait_idle(page)
    negative = page.locator(NEGATIVE_LINKS)
    expect(negative.first).to_be_attached()
    for shown in negative.evaluate_all("els => els.map(e => Number(e.dataset.shown))"):
        assert shown < 0
    assert dash_of(page, NEGATIVE_LINKS) not in ("", "none")
    assert dash_of(page, "line.link:not(.negative):not(.unknown)") == "none"
    page.get_by_test_id("dash-negative").uncheck()
    assert dash_of(page, NEGATIVE_LINKS) == "none"
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    expect(page.get_by_test_id("dash-negative")).not_to_be_checked()
    assert dash_of(page, NEGATIVE_LINKS) == "none"
    page.get_by_test_id("dash-negative").check()


def test_reduced_motion_turns_transitions_off(browser: Browser, server_url: str) -> None:
    for motion, moves in [("no-preference", True), ("reduce", False)]:
        context = browser.new_context(viewport=VIEWPORT, reduced_motion=motion)
        page = context.new_page()
        page.goto(server_url + "/")
        page.wait_for_selector("body[data-ready=true]")
        duration = page.eval_on_selector(
            "[data-testid=step]", "e => parseFloat(getComputedStyle(e).transitionDuration)"
        )
        assert (duration > 0) is moves
        # step-through's numbers flowing along the links: moving dashes, or still ones
        page.get_by_test_id("step").click()
        page.wait_for_selector("body[data-idle=true]", state="attached")
        page.get_by_test_id("step-through").click()  # its first phase: forward into hidden 1
        flow = page.locator("line.link.flow").first
        expect(flow).to_be_attached()
        name = flow.evaluate("e => getComputedStyle(e).animationName")
        assert (name == "link-flow") is moves, name
        context.close()


def test_each_step_is_said_and_the_network_is_a_table(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    wait_idle(page)
    live = page.get_by_test_id("live")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(page.get_by_test_id("loss-summary")).to_have_text("No steps yet.")
    page.get_by_test_id("step").click()
    expect(live).to_have_text(re.compile(r"^Step 1: loss \d\.\d{4}; largest gradient \S+ → \S+$"))
    page.get_by_test_id("step").click()
    expect(live).to_contain_text("Step 2: loss")
    expect(live).to_contain_text(re.compile(r"(down|up) \d\.\d{4}"))
    expect(page.get_by_test_id("loss-summary")).to_contain_text("2 steps: loss from")
    page.get_by_test_id("lang-zh").click()
    page.get_by_test_id("step").click()
    expect(live).to_contain_text("第 3 步")
    page.get_by_test_id("lang-en").click()
    wait_idle(page)
    net = api.get(f"/api/networks/{page.get_by_test_id('graph').get_attribute('data-network-id')}")
    weights = net.json()["weights"]
    page.get_by_test_id("graph-table").locator("summary").click()
    tables = page.get_by_test_id("graph-table-layer")
    expect(tables).to_have_count(len(weights))
    first_row = tables.first.locator("tbody tr").first.locator("td")
    expected = [f"{w:.4f}" for w in weights[0][0]]
    assert first_row.all_inner_texts()[: len(expected)] == expected


def test_each_step_of_the_lesson_stage_is_said(app_page: Page) -> None:
    page = app_page
    open_lesson(page, "xor")  # two networks side by side under one Step
    expect(page.get_by_test_id("stage-panel-1")).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('[data-right]').length >= 2")
    wait_idle(page)
    live = page.get_by_test_id("live")
    names = page.locator(".stage-title").all_text_contents()
    page.get_by_test_id("step").click()
    net = r"{}: loss \d\.\d{{4}}, \d of 4 right"
    said = re.compile("^Step 1: " + "; ".join(net.format(re.escape(n)) for n in names) + "$")
    expect(live).to_have_text(said)
    page.get_by_test_id("step").click()
    expect(live).to_contain_text("Step 2: ")
    expect(live).to_contain_text(re.compile(r"(down|up) \d\.\d{4}"))
    losses = page.locator(".stage-stats strong:not([data-testid])").all_inner_texts()
    for loss in losses:  # the numbers the panels show
        expect(live).to_contain_text(f"loss {loss}")
    page.get_by_test_id("lang-zh").click()
    page.get_by_test_id("step").click()
    expect(live).to_contain_text("第 3 步")
    expect(live).to_contain_text("损失")


def test_the_decision_boundary_is_said_in_numbers(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    wait_idle(page)
    net = page.get_by_test_id("graph").get_attribute("data-network-id")
    grid = api.get(f"/api/networks/{net}/grid", params={"resolution": 40}).json()  # the page's
    z = struct.unpack(f"<{40 * 40}f", base64.b64decode(grid["decision"]))
    share = [sum(v < 0 for v in z) / len(z), sum(v >= 0 for v in z) / len(z)]
    zeros, ones = (math.floor(100 * f + 0.5) for f in share)  # JavaScript's Math.round
    summary = page.get_by_test_id("boundary-summary")
    expect(summary).to_have_text(
        f"Over this plane the network answers class 0 on {zeros} %, class 1 on {ones} %."
    )
    page.get_by_test_id("lang-zh").click()
    expect(summary).to_contain_text(f"类别 1 占 {ones}%")


@pytest.mark.parametrize(
    ("gradients", "largest"),
    [
        ({"weights": [[[0.1, -0.5]], [[0.2]]], "biases": [[0.3], [0.0]]}, [0, 1, 0]),
        ({"weights": [[[0.1]]], "biases": [[-0.9]]}, [0, None, 0]),
        (None, None),
    ],
)
def test_largest_gradient_and_loss_summary(app_page: Page, gradients, largest) -> None:
    out = run(
        app_page,
        f"""
        const {{ largestGradient, lossSummary }} = await m("model/summary.js");
        const big = largestGradient({json.dumps(gradients)});
        return {{ big: big && [big.layer, big.from, big.to],
                  sum: lossSummary({{ steps: [1, 2, 3], losses: [0.7, 0.2, 0.4] }}),
                  none: lossSummary({{ steps: [], losses: [] }}) }};
        """,
    )
    assert out["big"] == largest
    assert out["sum"] == {"first": 0.7, "last": 0.4, "min": 0.2, "at": 2}
    assert out["none"] is None
