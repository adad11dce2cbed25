"""A large network trains with packed arrays (?arrays=binary) and shows exact numbers."""

import re

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .large_graph import (
    assert_hovered_weight,
    canvas_pixels,
    hover_link,
    inline_network,
    open_network,
)


def test_a_large_network_plays_with_packed_arrays_and_hovers_exact_weights(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    net = api.post("/api/networks", json=inline_network([784, 32, 10], rows=20)).json()["id"]
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/networks/" in r.url else None)
    open_network(page, server_url, net)
    wait_idle(page)
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    # Copy as curl: the call's JSON form (base64), which a terminal can show
    expect(page.get_by_test_id("curl")).to_contain_text("/step?lean=true&arrays=base64")
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 30"
    )
    page.get_by_test_id("play").click()
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    wait_idle(page)
    state = api.get(f"/api/networks/{net}").json()
    page.wait_for_selector(f"[data-testid=graph][data-step='{state['step']}']")
    assert any("/step?lean=true&arrays=binary" in u for u in asked)
    assert any("/train?arrays=binary" in u for u in asked)
    assert not any("/train" in u and "arrays=binary" not in u for u in asked)
    # the unpacked weights are the server's, to the last bit
    assert_hovered_weight(page, hover_link(page, 1, 3, 7, 0.1), state)
    key = hover_link(page, 1, 20, 2, 0.2)
    assert_hovered_weight(page, key, state)
    # the last step (fetched packed after Pause) gives the hovered link's exact gradient
    last = api.get(f"/api/networks/{net}/last-step").json()
    assert last["step"] == state["step"]
    expect(page.get_by_test_id("tip-gradient")).to_have_text(re.compile(r"^-?\d"), timeout=10_000)
    shown = float(page.get_by_test_id("tip-gradient").text_content())
    layer, source, to = map(int, re.fullmatch(r"w(\d+)-(\d+)-(\d+)", key).groups())
    assert shown == last["gradients"]["weights"][layer][to][source]
    # and the gradients view paints from it
    before = canvas_pixels(page)
    page.get_by_test_id("view-gradients").click()
    page.wait_for_function(
        "b => document.querySelector('.graph-canvas').toDataURL() !== b", arg=before
    )
    assert console.errors == []


def test_play_asks_for_what_the_server_trains_in_a_frame_budget(
    page: Page, server_url: str, api: httpx.Client
) -> None:
    net = api.post("/api/networks", json=inline_network([784, 32, 10], rows=20)).json()["id"]
    calls: list[tuple[int, float]] = []  # (steps asked, the answer's Server-Timing train ms)

    def answered(response) -> None:
        if "/train" in response.url and response.ok:
            timing = response.header_value("server-timing")
            steps = response.request.post_data_json["steps"]
            calls.append((steps, float(re.fullmatch(r"train;dur=([0-9.]+)", timing)[1])))

    page.on("response", answered)
    open_network(page, server_url, net)
    wait_idle(page)
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 200"
    )
    page.get_by_test_id("play").click()
    wait_idle(page)
    # trainer.js: each call asks for at most what the last trained in 30 ms (at least one)
    bounds = [max(1, int(30 * steps / ms)) for steps, ms in calls[:-1]]
    assert all(asked <= bound for (asked, _), bound in zip(calls[1:], bounds)), (calls, bounds)
    speed = int(page.get_by_test_id("speed").input_value())
    assert any(bound < 30 * speed for bound in bounds)  # the budget, not the pacer, decided
