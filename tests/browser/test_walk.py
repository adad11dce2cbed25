"""Step-through plays itself (issue 12, item 12): the phases advance at the chosen pace, Pause
stops them, the links animate the numbers' flow (standing still under reduced motion), and
every number a phase shows is the API's (/last-step, /explain, the network)."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_math import shot

# Each phase as the page showed it, recorded the moment data-phase changes (a microtask after
# the store's update has drawn the phase's numbers and the graph).
RECORD_JS = """() => {
  window.__seen = [];
  const box = document.querySelector("[data-testid=phase]");
  const take = () => {
    const detail = document.querySelector("[data-testid=phase-detail]");
    window.__seen.push({
      phase: box.dataset.phase,
      kind: box.dataset.kind,
      step: Number(document.querySelector("[data-testid=graph]").dataset.step),
      rows: [...detail.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.querySelectorAll("td.num")].map((td) => Number(td.title))),
      changes: [...detail.querySelectorAll("[data-testid=phase-change]")].map((tr) =>
        ({layer: +tr.dataset.layer, to: +tr.dataset.to, from: +tr.dataset.from})),
      loss: detail.querySelector("[data-testid=phase-loss]")?.title ?? null,
      flow: [...document.querySelectorAll("line.link.flow")].map((l) =>
        ({layer: +l.dataset.layer, back: l.classList.contains("flow-back"),
          animation: getComputedStyle(l).animationName})),
    });
  };
  take();
  new MutationObserver(take).observe(box, {attributes: true, attributeFilter: ["data-phase"]});
}"""


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def start_stepping(page: Page) -> None:
    """Step-through on, one step taken (phase 0 shown), the recorder installed."""
    page.keyboard.press("t")
    page.keyboard.press("s")
    expect(page.get_by_test_id("phase")).to_have_attribute("data-phase", "0")
    wait_idle(page)
    page.evaluate(RECORD_JS)


def batch_row(api: httpx.Client, nid: str, step: dict) -> int:
    """The batch row of example #1 (the page's default example)."""
    x = api.get(f"/api/networks/{nid}/dataset").json()["inputs"][0]
    return step["inputs"].index(x)


def check_phase(seen: dict, step: dict, r: int, api: httpx.Client, nid: str) -> None:
    """The numbers a phase showed are the step's (and the flowing links are the phase's)."""
    kind, phase = seen["kind"], int(seen["phase"])
    depth = len(step["forward"]["layers"])
    if kind == "forward":  # phases 0..depth-1: into unit layer phase+1, over weight layer phase
        fw = step["forward"]["layers"][phase]
        assert seen["rows"] == [fw["z"][r], fw["a"][r]]
        assert {(f["layer"], f["back"]) for f in seen["flow"]} == {(phase, False)}
    elif kind == "loss":
        assert seen["rows"] == [step["forward"]["outputs"][r], step["targets"][r]]
        assert float(seen["loss"]) == step["loss"]
        assert seen["flow"] == []
    elif kind == "backward":  # from the output (weight layer depth-1) back to weight layer 0
        layer = 2 * depth - phase
        assert seen["rows"] == [step["grad_activations"][layer][r], step["deltas"][layer][r]]
        assert {(f["layer"], f["back"]) for f in seen["flow"]} == {(layer, True)}
    else:
        assert seen["changes"], "the update shows the largest changes"
        after = api.get(f"/api/networks/{nid}").json()["weights"]
        for c, (before, now) in zip(seen["changes"], seen["rows"], strict=True):
            q = {"layer": c["layer"], "to": c["to"], "from": c["from"]}
            explained = api.get(f"/api/networks/{nid}/explain", params=q).json()
            assert (
                before
                == explained["weight"]
                == step["weights_before"][c["layer"]][c["to"]][c["from"]]
            )
            assert now == after[c["layer"]][c["to"]][c["from"]]
            assert abs(before + explained["update"] - now) < 1e-12


def test_step_through_plays_itself_and_pauses(app_page: Page, api: httpx.Client) -> None:
    page, nid = app_page, network_id(app_page)
    start_stepping(page)
    step1 = api.get(f"/api/networks/{nid}/last-step").json()
    page.get_by_test_id("phase-pace").select_option("700")
    play = page.get_by_test_id("phase-play")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    # it walks on by itself: the rest of step 1's phases, then a new step from its forward pass
    page.wait_for_function(
        "() => window.__seen.some((s) => s.step === 2 && s.phase === '1')",
        timeout=60000,
        polling=100,  # not on animation frames: the page may not be painting
    )
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    wait_idle(page)
    shot(page, "step-through-plays")
    seen = page.evaluate("window.__seen")
    first = [s for s in seen if s["step"] == 1]
    assert [s["kind"] for s in first] == [
        "forward",
        "forward",
        "loss",
        "backward",
        "backward",
        "update",
    ]
    assert [s["phase"] for s in first] == [str(i) for i in range(6)]
    for s in first[:-1]:  # the update phase is checked against step 2's explain below
        check_phase(s, step1, batch_row(api, nid, step1), api, nid)
    assert first[0]["flow"][0]["animation"] == "link-flow"
    # paused: three paces later it still shows the same phase of the same step
    shown = page.get_by_test_id("phase").get_attribute("data-phase")
    count = len(page.evaluate("window.__seen"))
    page.wait_for_function(
        "(t) => performance.now() > t", arg=page.evaluate("performance.now()") + 2100, polling=100
    )
    assert len(page.evaluate("window.__seen")) == count
    expect(page.get_by_test_id("phase")).to_have_attribute("data-phase", shown)
    expect(page.get_by_test_id("step-count")).to_have_text("2")
    step2 = api.get(f"/api/networks/{nid}/last-step").json()
    for s in [s for s in seen if s["step"] == 2]:
        check_phase(s, step2, batch_row(api, nid, step2), api, nid)


def test_update_phase_numbers_are_the_apis(app_page: Page, api: httpx.Client) -> None:
    page, nid = app_page, network_id(app_page)
    start_stepping(page)
    step = api.get(f"/api/networks/{nid}/last-step").json()
    for _ in range(5):
        page.get_by_test_id("phase-next").click()
    expect(page.get_by_test_id("phase")).to_have_attribute("data-kind", "update")
    seen = page.evaluate("window.__seen")[-1]
    check_phase(seen, step, batch_row(api, nid, step), api, nid)


def test_reduced_motion_walks_in_still_steps(app_page: Page) -> None:
    page = app_page
    page.emulate_media(reduced_motion="reduce")
    start_stepping(page)
    flow = page.evaluate("window.__seen")[0]["flow"]
    assert flow and all(f["animation"] == "none" for f in flow)  # marked, but not moving
    page.get_by_test_id("phase-pace").select_option("700")
    page.evaluate("document.activeElement.blur()")  # keys act when no field has focus
    page.keyboard.press("p")
    expect(page.get_by_test_id("phase")).to_have_attribute("data-phase", "2", timeout=15000)
    page.keyboard.press("p")
    expect(page.get_by_test_id("phase-play")).to_have_attribute("aria-pressed", "false")
    assert [s["phase"] for s in page.evaluate("window.__seen")][:3] == ["0", "1", "2"]
