"""Latency a user feels (issue 15, 2.3): a click to the next painted frame, in headless Chromium.

Against a real `backprop-viz` subprocess and, in the same browser and run, TensorFlow
Playground's page built by its own `npm run build` (_playground_page.py):
  - Step on XOR: our page on the xor preset (2-3-1), a click on Step (data-testid="step")
    to the graph's data-revision changing (a MutationObserver), then to the frame that
    paints it: "painted" is the second requestAnimationFrame callback after the change
    (the first runs before that frame's paint), "rAF + task" a message posted from the
    first (runs right after that frame's paint). Against Playground's own Step button
    (#next-step-button, one epoch on its XOR, 2-3-1 tanh) to its #iter-number changing,
    timed the same way, in alternating rounds; each round's figure is the median of its
    clicks, the ratios ours / Playground (rAF + task, painted) per round, their medians;
  - on 784-128-10 (bench_scale.py's network: 100 rows of random inputs, softmax) a click
    on a painted link (bench_scale.py's hover, mouse down and up), from the pointerup to
    the inspector shown, its chain rule (inspector-gradient) in it, and painted; then
    (after: a few steps show the loss state above the graph, which then draws the 128 as a
    strip) Step, click to painted;
  - Play on 784-128-10: graph redraws (data-revision changes of #graph) and rAF frames
    per second, bench_browser.py's MEASURE.
Times are the page's own clock (performance.now()); Playwright's round trips are outside.

    .venv/bin/python benchmarks/bench_latency.py          # or: make bench
    .venv/bin/python benchmarks/bench_latency.py --quick  # fewer rounds and clicks
"""

import argparse
import statistics

from _common import machine, table, verdict
from bench_browser import MEASURE, VIEWPORT, beside_playground
from bench_scale import NETWORKS, UNIT_CENTRE, create_body

STEP_MS, CHAIN_MS, REDRAWS_PER_S = 50.0, 100.0, 20.0  # issue 15, 2.3
IDLE = "body[data-idle=true]"  # nothing queued or fetching: the page has settled
PLAYGROUND_XOR = "#dataset=xor&networkShape=3&activation=tanh&learningRate=0.03&batchSize=10"
PLAYGROUND_XOR += "&percTrainData=50&noise=0&regularizationRate=0&x=true&y=true&seed=0.1"
COMMAND = ".venv/bin/python benchmarks/bench_latency.py"

# Resolves with the page's clock at the first frame's paint (a task posted from its rAF)
# and at the next frame's rAF (that frame painted).
PAINTED = """
const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
  const times = {};
  const done = () => { if (times.paint !== undefined && times.next !== undefined) resolve(times); };
  const after = new MessageChannel();
  after.port1.onmessage = () => { times.paint = performance.now(); done(); };
  after.port2.postMessage(0);
  requestAnimationFrame(() => { times.next = performance.now(); done(); });
}));
"""

# Runs in the page: click `button`, wait for `watched` to change (its `attribute`, or its
# text), then for the frames that paint it; milliseconds from the click.
STEP = """
async ([button, watched, attribute]) => {
  const target = document.querySelector(watched);
  const options = attribute
    ? { attributes: true, attributeFilter: [attribute] }
    : { childList: true, characterData: true, subtree: true };
  const landed = new Promise((resolve) => {
    const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now()); });
    seen.observe(target, options);
  });
  performance.clearResourceTimings();
  const clicked = performance.now();
  document.querySelector(button).click();
  const changed = await landed;
  const { paint, next } = await painted();
  const step = performance.getEntriesByType("resource").find((e) => /\\/step(\\?|$)/.test(e.name));
  const render = performance.getEntriesByName("graph-render").at(-1);
  return {
    changed: changed - clicked, paint: paint - clicked, next: next - clicked,
    request: step ? step.responseEnd - clicked : NaN, render: render ? render.duration : NaN,
  };
}
"""

# Runs in the page: arms window.benchInspector, which resolves after the next pointerup
# with the times (from it) to the inspector shown, its chain rule in it, and painted.
ARM_INSPECTOR = """
() => {
  const inspector = document.getElementById("inspector");
  window.benchInspector = new Promise((resolve) => {
    const t = {};
    const released = () => { t.released = performance.now(); performance.clearResourceTimings(); };
    addEventListener("pointerup", released, { capture: true, once: true });
    const seen = new MutationObserver(() => {
      if (t.released === undefined) return;
      if (t.visible === undefined && !inspector.hidden) t.visible = performance.now();
      if (!inspector.querySelector('[data-testid="inspector-gradient"]')) return;
      const shown = performance.now();
      seen.disconnect();
      painted().then(({ next }) => {
        const explain = performance.getEntriesByType("resource")
          .find((e) => e.name.includes("/explain"));
        resolve({
          visible: t.visible - t.released, shown: shown - t.released, next: next - t.released,
          request: explain ? explain.responseEnd - t.released : NaN,
        });
      });
    });
    seen.observe(inspector, { attributes: true, childList: true, subtree: true });
  });
}
"""
# each script's body starts with painted() defined (its first "{" opens the body)
STEP, ARM_INSPECTOR = (script.replace("{", "{" + PAINTED, 1) for script in (STEP, ARM_INSPECTOR))

# Runs in the page after MEASURE: each /train's time, and to its first byte (the server's part).
TRAINS = """
() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/train"))
  .map((e) => ({ duration: e.duration, wait: e.responseStart - e.requestStart }))
"""


def median_of(runs: list[dict], key: str) -> float:
    """The median of one figure over several runs."""
    return statistics.median(r[key] for r in runs)


def open_ours(page, base: str, nid: str) -> None:
    """Our page on network `nid`, drawn and settled."""
    page.goto(f"{base}/#net={nid}")
    page.wait_for_selector(f'#graph[data-network-id="{nid}"]', timeout=60_000)
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)


def click_ours(page, clicks: int) -> list[dict]:
    """`clicks` Steps on our page, each timed, settling between them."""
    runs = []
    for _ in range(clicks):
        runs.append(page.evaluate(STEP, ['[data-testid="step"]', "#graph", "data-revision"]))
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    return runs


def click_playground(page, clicks: int) -> list[dict]:
    """`clicks` Steps on Playground's page, each timed."""
    return [page.evaluate(STEP, ["#next-step-button", "#iter-number", None]) for _ in range(clicks)]


def xor_rounds(ours, peer, rounds: int, clicks: int) -> list[dict]:
    """Per round, each page's timed clicks (`peer` None: ours only); the order alternates."""
    sides = {"ours": (ours, click_ours)}
    if peer:
        sides["Playground"] = (peer, click_playground)
    for page, click in sides.values():  # warm up: first steps, compiled code
        page.bring_to_front()
        click(page, 3)
    results = []
    for r in range(rounds):
        order = list(sides) if r % 2 == 0 else list(reversed(sides))
        result = {}
        for name in order:
            page, click = sides[name]
            page.bring_to_front()
            result[name] = click(page, clicks)
        results.append(result)
    return results


def inspector_opens(page, layers: list[int], clicks: int) -> list[dict]:
    """Click painted links (bench_scale.py's hover) and time each to its chain rule."""
    hidden, out, runs = len(layers) - 2, len(layers) - 1, []
    for k in range(clicks):
        a = page.evaluate(UNIT_CENTRE, [hidden, k % layers[hidden]])
        b = page.evaluate(UNIT_CENTRE, [out, k % layers[out]])
        page.mouse.move(a[0] + (b[0] - a[0]) * 0.3, a[1] + (b[1] - a[1]) * 0.3)
        page.wait_for_selector("[data-testid=link-area][data-hovered]", state="attached")
        page.mouse.down()
        page.evaluate(ARM_INSPECTOR)
        page.mouse.up()
        runs.append(page.evaluate("() => window.benchInspector"))
        page.click("#inspector-close")
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    return runs


def playing(page, window_ms: int) -> dict:
    """Play on the open page for `window_ms` (after 1 s to settle): MEASURE's figures."""
    page.get_by_test_id("play").click()
    page.wait_for_timeout(1000)  # into the steady state, as bench_browser.py
    result = page.evaluate(MEASURE, window_ms)
    result["trains"] = page.evaluate(TRAINS)
    page.get_by_test_id("play").click()  # pause
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    return result


def print_xor(results: list[dict], clicks: int, built: str) -> dict[str, float]:
    """The XOR rounds' table; the median ratios ours / Playground ({} without Playground)."""
    print(f"\nStep on XOR, click to painted frame, ms (median of {clicks} clicks a round,")
    print("rounds alternating; painted = 2nd rAF after the change, rAF + task = just after")
    measured = "Playground" in results[0]
    print(f"the paint). Playground: {built if measured else f'not measured ({built})'}\n")
    keys, sides = ("changed", "paint", "next"), ["ours"] + ["Playground"] * measured
    header = ["round", "ours: /step response"]
    header += [f"{side}: {what}" for side in sides for what in ("change", "rAF + task", "painted")]
    header += ["ours / Playground: rAF + task", "ours / Playground: painted"][: 2 * measured]
    rows = []
    for r, result in enumerate(results, 1):
        row = [r, median_of(result["ours"], "request")]
        row += [median_of(result[side], key) for side in sides for key in keys]
        rows.append(row + ([row[3] / row[6], row[4] / row[7]] if measured else []))
    print(table(header, rows))
    if not measured:
        print("\nno ratio")
        return {}
    last = {"rAF + task": -2, "painted": -1}
    medians = {k: statistics.median(row[i] for row in rows) for k, i in last.items()}
    shown = ", ".join(f"{v:.2f} ({k})" for k, v in medians.items())
    print(f"\nmedian ratio ours / Playground: {shown}")
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and clicks")
    args = parser.parse_args()
    rounds, clicks, big_clicks, window_ms = (3, 4, 5, 2000) if args.quick else (7, 10, 15, 5000)

    print(machine())
    with beside_playground() as (server, client, browser, playground, built):
        ours = browser.new_page(viewport=VIEWPORT)
        xor = client.post("/api/networks", json={"preset": "xor"}).json()["id"]
        open_ours(ours, server.url, xor)
        peer = browser.new_page(viewport=VIEWPORT) if playground else None
        if peer:
            peer.goto(f"{playground}/index.html{PLAYGROUND_XOR}")
            peer.wait_for_selector("#next-step-button", state="attached")
        xor_results = xor_rounds(ours, peer, rounds, clicks)
        ours.close()
        if peer:
            peer.close()
        layers, n_rows, decimals = NETWORKS["784-128-10"]
        created = client.post("/api/networks", json=create_body(layers, n_rows, decimals))
        big = created.raise_for_status().json()["id"]
        ours = browser.new_page(viewport=VIEWPORT)  # a fresh page, as a user opening it
        open_ours(ours, server.url, big)
        click_ours(ours, 2)  # warm up
        inspected = inspector_opens(ours, layers, big_clicks)
        big_steps = click_ours(ours, big_clicks)
        played = playing(ours, window_ms)

    pairs = print_xor(xor_results, clicks, built).items()
    step_ms, opened_ms = median_of(big_steps, "next"), median_of(inspected, "next")
    redraws = played["redraws"] / played["seconds"]
    print(f"\n784-128-10 ({n_rows} rows), ms (median of {big_clicks} clicks):\n")
    body = [
        ["Step: click to /step response", median_of(big_steps, "request")],
        ["Step: click to graph changed", median_of(big_steps, "changed")],
        ["Step: graph.render() alone (its performance measure)", median_of(big_steps, "render")],
        ["Step: click to rAF + task", median_of(big_steps, "paint")],
        ["Step: click to painted", step_ms],
        ["link: pointerup to inspector shown", median_of(inspected, "visible")],
        ["link: pointerup to its chain rule", median_of(inspected, "shown")],
        ["link: pointerup to chain rule painted", opened_ms],
        ["link: pointerup to GET /explain response", median_of(inspected, "request")],
    ]
    print(table(["what", "ms"], body))
    print(f"\nPlay on 784-128-10, {window_ms / 1000:g} s window:\n")
    header = ["rAF fps", "graph redraws/s", "steps/s", "/train per s", "/train ms (median)"]
    header += ["of it to first byte", "long tasks"]
    per_s = [played[k] / played["seconds"] for k in ("frames", "redraws", "steps")]
    trains = played["trains"] or [{"duration": float("nan"), "wait": float("nan")}]
    train = [played["train"]["count"] / played["seconds"]]
    train += [median_of(trains, "duration"), median_of(trains, "wait")]
    print(table(header, [[*per_s, *train, played["longTasks"]]]))

    checks = [[f"XOR Step {k}, ours / Playground, at most", v, 1.0, False] for k, v in pairs]
    checks += [
        ["784-128-10 Step click to painted, ms, at most", step_ms, STEP_MS, False],
        ["784-128-10 link to chain rule painted, ms, at most", opened_ms, CHAIN_MS, False],
        ["784-128-10 playing: graph redraws/s, at least", redraws, REDRAWS_PER_S, True],
    ]
    rows = [[w, v, b, verdict(v, b, higher)] for w, v, b, higher in checks]
    print("\n" + table(["target", "figure", "bound", "verdict"], rows))
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
