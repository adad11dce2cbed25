"""Visible training: play mode on the spiral preset (2-8-8-8-1) in headless Chromium.

Starts a real `backprop-viz` subprocess, creates the spiral preset (POST /api/networks
{"preset": "spiral"}), opens /#net=<id>&speed=<steps per frame> (the UI's hash contract,
static/js/state.js), clicks Play (data-testid="play") and, for a few seconds, counts in the
page:
  - frames: requestAnimationFrame callbacks per second (how often the page can redraw);
  - graph redraws: changes of the graph's data-revision attribute per second;
  - training: the step counter's (data-testid="step-count") rise, and the server's step;
    epochs = steps * 10 / 240 (240 training points, batch 10);
  - where the time goes: the page's /train and /step requests (Resource Timing) and its
    long main-thread tasks (over 50 ms).
Then clicks Pause. Runs at the UI's smallest, default and largest "Steps / frame" choices
(1, 20, 100; speed s is nominally 60 s steps a second, whatever the frame rate) and, to
show what bounds play mode, at a larger one set through the hash.

    .venv/bin/python benchmarks/bench_browser.py          # or: make bench
    .venv/bin/python benchmarks/bench_browser.py --quick  # 2 s windows
"""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import _playground_page
import httpx
from _common import machine, running_server, table, verdict, with_frames
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
TRAIN_POINTS, BATCH = 240, 10  # the spiral dataset
EPOCHS_TARGET, FPS_TARGET = 200.0, 30.0
SPEEDS = (
    1,
    20,
    100,
    400,
)  # steps per frame: the UI's smallest, default and largest, one set in the hash
FRAMES_PER_SECOND = 60  # "steps / frame" is per 1/60 s: speed s is 60 s steps a second
PACE_BAND = (
    0.9,
    1.1,
)  # below the server's limit, a speed trains within this share of its nominal rate
COMMAND = ".venv/bin/python benchmarks/bench_browser.py"

# Runs in the page: counts rAF frames, graph redraws and steps for `ms` milliseconds.
MEASURE = """
async (ms) => {
  const counter = document.querySelector('[data-testid="step-count"]');
  const graph = document.getElementById("graph");
  let redraws = 0, longTasks = 0, longMs = 0;
  const mutations = new MutationObserver((records) => {
    redraws += records.filter((r) => r.attributeName === "data-revision").length;
  });
  mutations.observe(graph, { attributes: true, attributeFilter: ["data-revision"] });
  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { longTasks += 1; longMs += e.duration; }
  });
  try { tasks.observe({ type: "longtask" }); } catch (e) { /* not supported */ }
  performance.clearResourceTimings();
  const steps0 = Number(counter.textContent);
  const t0 = performance.now();
  const frames = await countFrames(ms, t0);
  const seconds = (performance.now() - t0) / 1000;
  mutations.disconnect();
  tasks.disconnect();
  const requests = performance.getEntriesByType("resource");
  const timing = (part) => {
    const hits = requests.filter((e) => e.name.includes(part));
    const total = hits.reduce((sum, e) => sum + e.duration, 0);
    return { count: hits.length, ms: hits.length ? total / hits.length : 0 };
  };
  return {
    seconds, frames, redraws, longTasks, longMs,
    steps: Number(counter.textContent) - steps0,
    train: timing("/train"), step: timing("/step"), grid: timing("/grid"),
  };
}
"""

# Runs in the page: rAF frames per second while idle, as a baseline.
IDLE_FPS = """
async (ms) => {
  const t0 = performance.now();
  const frames = await countFrames(ms, t0);
  return frames / ((performance.now() - t0) / 1000);
}
"""
MEASURE, IDLE_FPS = with_frames(MEASURE), with_frames(IDLE_FPS)


def play(page, base: str, client: httpx.Client, speed: int, window_ms: int) -> dict:
    """Play mode on a fresh spiral network at `speed` steps per frame; the page's figures."""
    nid = client.post("/api/networks", json={"preset": "spiral"}).json()["id"]
    page.goto(f"{base}/#net={nid}&speed={speed}")
    page.wait_for_selector(f'#graph[data-network-id="{nid}"]', timeout=30_000)
    idle = page.evaluate(IDLE_FPS, 1000)
    before = client.get(f"/api/networks/{nid}").json()["step"]
    page.get_by_test_id("play").click()
    page.wait_for_timeout(1000)  # into the steady state
    server_start = client.get(f"/api/networks/{nid}").json()["step"]
    result = page.evaluate(MEASURE, window_ms)
    server_end = client.get(f"/api/networks/{nid}").json()["step"]
    page.get_by_test_id("play").click()  # pause
    page.wait_for_function(
        "() => document.querySelector('[data-testid=play]').getAttribute('aria-pressed') "
        "=== 'false'"
    )
    result.update(idle=idle, before=before, server_steps=server_end - server_start)
    return result


def peer_rows(peer: dict | None, built: str, ours: list) -> str:
    """Playground's page beside ours at 100 steps/frame, from this run; or why it is missing."""
    if peer is None:
        return f"Playground's page: not measured ({built})"
    fps, epochs = peer["frames"] / peer["seconds"], peer["epochs"] / peer["seconds"]
    mine = next(row for row in ours if row[0].startswith("100 "))
    header = ["page (spiral, 2-8-8-8-1)", "fps playing", "epochs/s"]
    body = [
        ["Playground (one epoch a frame), " + built, fps, epochs],
        ["ours, 100 steps/frame", mine[2], mine[-1]],
        ["ours / Playground", mine[2] / fps, mine[-1] / epochs],
    ]
    return table(header, body)


@contextmanager
def beside_playground(timeout: float = 60) -> Iterator[tuple]:
    """(server, API client, headless Chromium, Playground's page URL or None, how it was
    built): our server and Playground's own build, served side by side for one run."""
    dist, built = _playground_page.build_page()
    with (
        running_server() as server,
        httpx.Client(base_url=server.url, timeout=timeout) as client,
        sync_playwright() as pw,
        _playground_page.serving(dist) if dist else nullcontext() as playground,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield server, client, browser, playground, built
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 s measuring windows")
    args = parser.parse_args()
    window_ms = 2000 if args.quick else 5000

    print(machine())
    rows, checks, detail, peer = [], [], [], None
    with beside_playground() as (server, client, browser, playground, built):
        page = browser.new_page(viewport=VIEWPORT)
        for speed in SPEEDS:
            r = play(page, server.url, client, speed, window_ms)
            fps = r["frames"] / r["seconds"]
            redraws = r["redraws"] / r["seconds"]
            steps = r["steps"] / r["seconds"]
            epochs = steps * BATCH / TRAIN_POINTS
            how = "hash only" if speed == SPEEDS[-1] else "UI choice"
            nominal = speed * FRAMES_PER_SECOND
            share = steps / nominal
            row = [f"{speed} ({how})", r["idle"], fps, redraws, steps, nominal, share, epochs]
            rows.append(row)
            if speed < 100:  # below what the server trains in a frame: the pace is the speed's
                checks.append(
                    [f"{speed} steps/frame: share of nominal, at least", share, PACE_BAND[0]]
                )
                checks.append(
                    [
                        f"{speed} steps/frame: share of nominal, at most",
                        share,
                        PACE_BAND[1],
                        False,
                    ]
                )
            if speed == 100:
                checks.append(["epochs/s while playing", epochs, EPOCHS_TARGET])
                checks.append(["page frames/s while playing", fps, FPS_TARGET])
            detail.append(
                [
                    speed,
                    r["train"]["count"] / r["seconds"],
                    r["train"]["ms"],
                    r["step"]["ms"],
                    r["grid"]["ms"],
                    r["longTasks"],
                    r["longMs"],
                    r["server_steps"] / r["seconds"],
                ]
            )
        if playground:
            peer = _playground_page.play(page, playground, window_ms)

    print(f"\nPlay mode, spiral preset (2-8-8-8-1, 240 points, batch 10), {window_ms / 1000:g} s")
    print("windows, Chromium headless 1280x800:\n")
    header = ["steps/frame", "idle fps", "fps playing", "graph redraws/s", "steps/s"]
    header += ["nominal steps/s", "share", "epochs/s"]
    print(table(header, rows))
    print()
    header = ["steps/frame", "/train per s", "/train ms", "/step ms", "/grid ms"]
    header += ["long tasks", "long-task ms", "server steps/s"]
    print(table(header, detail))
    print("(request times as the page sees them, Resource Timing; long tasks: main thread >50 ms)")
    print()
    print(peer_rows(peer, built, rows))
    print()
    print(
        table(
            ["target (epochs and fps at 100 steps/frame)", "figure", "bound", "verdict"],
            [
                [what, value, bound, verdict(value, bound, *higher)]
                for what, value, bound, *higher in checks
            ],
        )
    )
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
