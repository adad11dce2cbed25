"""A server busy with a class (503): Play waits its Retry-After and goes on, in Chromium."""

import json
import re

import httpx
from playwright.sync_api import Page, Route, expect

from .conftest import Console, wait_idle
from .test_js_units import run


def test_the_trainer_waits_out_a_503_and_stops_on_other_errors(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { createTrainer, busyWaitMs } = await m("model/trainer.js");
        const { ApiError } = await m("core/api.js");
        async function play(errors, onBusy) {
          const seen = { calls: 0, trained: 0, waits: [], busy: [], errors: [] };
          let done;
          const finished = new Promise((resolve) => (done = resolve));
          const trainer = createTrainer({
            speed: () => 1,
            maxSteps: () => 100,
            train: async () => {
              seen.calls++;
              const error = errors.shift();
              if (error) throw error;
              return ++seen.trained < 5;
            },
            onError: (e) => seen.errors.push(e.status),
            onState: (running) => running || done(),
            onBusy: onBusy ? (b) => seen.busy.push(b) : undefined,
            wait: async (ms) => { seen.waits.push(ms); },
          });
          trainer.start();
          await finished;
          return seen;
        }
        const busy = (after) => Object.assign(new ApiError(503, "busy"), { retryAfter: after });
        return {
          waited: await play([busy(2), busy(0)], true),
          other: await play([new ApiError(500, "boom")], true),
          unhandled: await play([busy(1)], false),
          clamp: [busyWaitMs(busy(0)), busyWaitMs(busy(3)), busyWaitMs(busy(600)), busyWaitMs({})],
        };
        """,
    )
    waited = out["waited"]
    assert waited["errors"] == [] and waited["calls"] == 7  # two refused, then five trained
    assert [w for w in waited["waits"] if w >= 1000] == [2000, 1000]  # each Retry-After
    assert waited["busy"] == [True, False]  # said once, cleared by the next call through
    assert out["other"]["errors"] == [500] and out["other"]["calls"] == 1
    assert out["unhandled"]["errors"] == [503]  # a caller without onBusy still hears of it
    assert out["clamp"] == [1000, 3000, 10000, 1000]


def test_play_on_a_busy_server_says_so_and_goes_on(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    refused: list[int] = []

    def busy_twice(route: Route) -> None:
        if len(refused) < 2:
            refused.append(json.loads(route.request.post_data)["steps"])
            detail = {"detail": "the server is busy with other large requests; try again"}
            route.fulfill(
                status=503,
                headers={"Retry-After": "1", "Content-Type": "application/json"},
                body=json.dumps(detail),
            )
        else:
            route.continue_()

    app_page.route(re.compile(r".*/api/networks/[^/]+/train(\?.*)?$"), busy_twice)
    app_page.get_by_test_id("play").click()
    banner = app_page.get_by_test_id("offline")
    expect(banner).to_have_attribute("data-reason", "busy")
    expect(banner).to_contain_text("busy")
    expect(app_page.get_by_test_id("play")).to_have_attribute("aria-pressed", "true")
    app_page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 40"
    )
    expect(banner).to_be_hidden()
    app_page.get_by_test_id("play").click()
    wait_idle(app_page)
    assert len(refused) == 2
    net = app_page.get_attribute("[data-testid=graph]", "data-network-id")
    shown = int(app_page.get_by_test_id("step-count").text_content())
    assert api.get(f"/api/networks/{net}").json()["step"] == shown > 40
    expect(app_page.get_by_test_id("toast")).not_to_contain_text("busy")
    # Chromium logs each 503 itself; nothing else went wrong
    assert all("503" in e for e in console.errors), console.errors
    console.errors.clear()
