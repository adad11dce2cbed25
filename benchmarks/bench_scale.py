"""Scale: networks from 2-3-1 to 784-128-10 step, train and draw.

Against a real `backprop-viz` subprocess, each network is created with an inline dataset
of random inputs in [0, 1] and one-hot targets over 10 classes (softmax, cross-entropy,
batch 10; 300 rows of 64 inputs, 100 rows of 784 inputs rounded to 2 decimals so the body
stays under the 1 MB limit), or for one output unit 0/1 targets (sigmoid, binary
cross-entropy; 2-3-1 and 2-8-8-8-1 on 200 rows). Through the API it times POST /step,
POST /train {"steps": 25} and GET the network's state (every weight as JSON). In
headless Chromium it opens the page on the network and times the graph redraw after a
step: from the /step response's end (Resource Timing) to the graph's data-step attribute
changing (a MutationObserver), the time the page spends turning a step's response into
the new drawing; then to the end of the next frame (requestAnimationFrame, then a
message), which adds the browser's style, layout and paint of it; and graph.render()
alone (its "graph-render" performance measure). Between clicks it waits until the page
is idle (body[data-idle=true]: nothing queued or fetching).
Networks above 3,000 links draw their links on a canvas (the graph's data-link-render);
for those it also times a click on a painted link to its chain rule in the inspector.

    .venv/bin/python benchmarks/bench_scale.py          # or: make bench
    .venv/bin/python benchmarks/bench_scale.py --quick
"""

import argparse
import statistics
import time

import httpx
import numpy as np
from _common import machine, median_seconds, running_server, table, verdicts
from bench_browser import ARGS, CHROMIUM, VIEWPORT
from playwright.sync_api import sync_playwright

NETWORKS = {
    "2-3-1": ([2, 3, 1], 200, 3),
    "2-8-8-8-1": ([2, 8, 8, 8, 1], 200, 3),
    "64-32-10": ([64, 32, 10], 300, 3),
    "784-128-10": ([784, 128, 10], 100, 2),
}
REDRAW_TARGET_MS = 50.0
INSPECTOR_TARGET_MS = 100.0  # issue 15, 2.3: the chain-rule inspector of 784-128-10
# Runs in the page: a unit's centre on the screen, its circle's or its row of a strip's.
UNIT_CENTRE = """
([layer, unit]) => {
  const at = `[data-layer='${layer}']`;
  const circle = document.querySelector(`g.unit${at}[data-unit='${unit}'] circle`);
  const strip = document.querySelector(`[data-testid=unit-strip]${at} rect.strip-hit`);
  const r = (circle ?? strip).getBoundingClientRect();
  const rows = circle ? 1 : +strip.parentNode.dataset.units;
  const y = r.y + ((circle ? 0 : unit) + 0.5) * (r.height / rows);
  return [r.x + r.width / 2, y];
}
"""
COMMAND = ".venv/bin/python benchmarks/bench_scale.py"

# Runs in the page: click Step, then time from the /step response to the redrawn graph.
STEP_REDRAW = r"""
async () => {
  const graph = document.getElementById("graph");
  const before = graph.dataset.step;
  performance.clearResourceTimings();
  const clicked = performance.now();
  const drawn = new Promise((resolve) => {
    const seen = new MutationObserver(() => {
      if (graph.dataset.step !== before) { seen.disconnect(); resolve(performance.now()); }
    });
    seen.observe(graph, { attributes: true, attributeFilter: ["data-step"] });
  });
  document.querySelector('[data-testid="step"]').click();
  const done = await drawn;
  const painted = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const after = new MessageChannel(); // runs after this frame's style, layout and paint
      after.port1.onmessage = () => resolve(performance.now());
      after.port2.postMessage(0);
    }),
  );
  const step = performance.getEntriesByType("resource").find((e) => /\/step(\?|$)/.test(e.name));
  const responded = step ? step.responseEnd : clicked;
  const render = performance.getEntriesByName("graph-render").at(-1);
  return {
    total: done - clicked,
    request: responded - clicked,
    redraw: done - responded,
    painted: painted - responded,
    render: render ? render.duration : NaN,
  };
}
"""


def create_body(layers: list[int], rows: int, decimals: int) -> dict:
    """A network on random inputs with one-hot targets."""
    rng = np.random.default_rng(0)
    x = np.round(rng.uniform(0.0, 1.0, size=(rows, layers[0])), decimals)
    classes = max(layers[-1], 2)
    picked = rng.integers(0, classes, size=rows)
    t = np.eye(classes)[picked] if layers[-1] > 1 else picked[:, None].astype(float)
    single = layers[-1] == 1  # softmax needs several units: sigmoid and 0/1 targets
    return {
        "layers": layers,
        "hidden_activation": "tanh",
        "output_activation": "sigmoid" if single else "softmax",
        "loss": "binary_cross_entropy" if single else "cross_entropy",
        "learning_rate": 0.1,
        "batch_size": 10,
        "seed": 1,
        "dataset": {"name": "random", "inputs": x.tolist(), "targets": t.tolist()},
    }


def api_times(client: httpx.Client, nid: str, repeats: int) -> dict[str, float]:
    """Median milliseconds of step, train 25 and get state."""

    def call(method: str, path: str, body: dict | None = None):
        def run() -> None:
            client.request(method, f"/api/networks/{nid}{path}", json=body).raise_for_status()

        return median_seconds(run, repeats, warm_up=2) * 1000

    return {
        "POST /step": call("POST", "/step", {}),
        "POST /train 25": call("POST", "/train", {"steps": 25}),
        "GET state": call("GET", ""),
    }


def redraws(page, base: str, nid: str, repeats: int) -> dict[str, float]:
    """Median (total, request, redraw) milliseconds of clicking Step in the page."""
    page.goto(f"{base}/#net={nid}")
    page.wait_for_selector(f'#graph[data-network-id="{nid}"]', timeout=60_000)
    idle = "body[data-idle=true]"  # nothing queued or fetching: the page has settled
    page.wait_for_selector(idle, state="attached", timeout=60_000)
    runs = []
    for _ in range(repeats):
        runs.append(page.evaluate(STEP_REDRAW))
        page.wait_for_selector(idle, state="attached", timeout=60_000)
    keys = ("total", "request", "redraw", "painted", "render")
    return {key: statistics.median(r[key] for r in runs) for key in keys}


def inspector_opens(page, layers: list[int], repeats: int) -> float:
    """Median ms from releasing the mouse on a painted link to its chain rule in the page
    (the driver's clock: Playwright's round trip is inside it)."""
    hidden, out, idle, times = len(layers) - 2, len(layers) - 1, "body[data-idle=true]", []
    for k in range(repeats):
        a = page.evaluate(UNIT_CENTRE, [hidden, k % layers[hidden]])
        b = page.evaluate(UNIT_CENTRE, [out, k % layers[out]])
        page.mouse.move(a[0] + (b[0] - a[0]) * 0.3, a[1] + (b[1] - a[1]) * 0.3)
        page.wait_for_selector("[data-testid=link-area][data-hovered]", state="attached")
        page.mouse.down()
        start = time.perf_counter()
        page.mouse.up()
        page.wait_for_selector("[data-testid=inspector-gradient]", state="attached")
        times.append((time.perf_counter() - start) * 1000)
        page.click("#inspector-close")
        page.wait_for_selector(idle, state="attached", timeout=60_000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeats, clicks = (5, 3) if args.quick else (21, 9)

    print(machine())
    rows, checks = [], []
    with (
        running_server() as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            for name, (layers, n_rows, decimals) in NETWORKS.items():
                body = create_body(layers, n_rows, decimals)
                created = client.post("/api/networks", json=body)
                created.raise_for_status()
                nid = created.json()["id"]
                size = len(client.get(f"/api/networks/{nid}").content)
                for what, ms in api_times(client, nid, repeats).items():
                    rows.append([name, f"API {what}", ms])
                rows[-1][1] += f" ({size / 1e6:.2f} MB)"
                drawn = redraws(page, server.url, nid, clicks)
                rows.append([name, "page: click Step to redrawn graph", drawn["total"]])
                links = page.get_attribute("#graph", "data-link-render")
                rows.append(
                    [name, f"page: /step response to redrawn graph ({links})", drawn["redraw"]]
                )
                rows.append([name, "page: /step response to next painted frame", drawn["painted"]])
                rows.append([name, "page: graph.render() alone", drawn["render"]])
                checks.append([f"{name} graph redraw ms", drawn["redraw"], REDRAW_TARGET_MS])
                checks.append([f"{name} to painted frame ms", drawn["painted"], REDRAW_TARGET_MS])
                if links == "canvas":
                    opened = inspector_opens(page, layers, clicks)
                    rows.append([name, "page: click a link to its chain rule shown", opened])
                    checks.append([f"{name} inspector opens ms", opened, INSPECTOR_TARGET_MS])
        finally:
            browser.close()
    print(table(["network", "what", "ms (median)"], rows))
    print()
    print(verdicts(["target", "ms", "ceiling"], checks, higher_is_better=False))
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
