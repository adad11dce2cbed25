"""The XOR lesson says what happens: the perceptron ends undecided at 0.5, E = ln 2, its line."""

import base64
import math
import os

import httpx
import numpy as np
from playwright.sync_api import Page, expect

from .conftest import ROOT, wait_idle
from .test_lessons import open_lesson


def shot(name: str) -> str:
    """Where a screenshot goes: docs/screenshots with BACKPROP_SCREENSHOTS=1, else /tmp."""
    folder = (
        ROOT / "docs" / "screenshots" if os.environ.get("BACKPROP_SCREENSHOTS") == "1" else None
    )
    return str(folder / name) if folder else f"/tmp/{name}"


def panel_network(page: Page, i: int) -> str:
    return page.get_by_test_id(f"stage-panel-{i}").get_attribute("data-network-id")


def test_the_perceptron_ends_undecided_with_its_line_drawn(
    app_page: Page, api: httpx.Client
) -> None:
    open_lesson(app_page, "xor")
    first = app_page.get_by_test_id("lesson-panel").inner_text()
    assert "Both learn XOR" not in first and "only one of them can learn it" in first
    app_page.get_by_test_id("lesson-dot-1").click()
    expect(app_page.get_by_test_id("lesson-panel").locator("math", has_text="0.6931")).to_have_text(
        "E=ln2=0.6931"  # typeset: E = ln 2 = 0.6931
    )
    app_page.wait_for_function("() => document.querySelectorAll('[data-right]').length >= 2")
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function(
        "() => document.querySelector('[data-testid=stage-accuracy-0]').dataset.undecided === '4'",
        timeout=30000,
    )
    app_page.get_by_test_id("play").click()
    wait_idle(app_page)
    label = app_page.get_by_test_id("stage-accuracy-0")
    expect(label).to_have_text("0 of 4 right, 4 undecided")
    # the same numbers from the API: every output 0.5 within the tolerance, E = ln 2
    pid = panel_network(app_page, 0)
    r = api.post(f"/api/networks/{pid}/forward", json={"split": "train"}).json()
    assert r["accuracy"]["correct"] == 0 and r["accuracy"]["undecided"] == 4
    assert math.isclose(r["loss"], math.log(2), rel_tol=1e-9)
    shown = app_page.get_by_test_id("stage-outputs-0").get_attribute("data-values")
    assert [float(v) for v in shown.strip("[]").split(",")] == [o[0] for o in r["outputs"]]
    outputs = app_page.get_by_test_id("stage-outputs-0")
    expect(outputs).to_contain_text("0.5000 0.5000 0.5000 0.5000")
    # the line is drawn where the server's decision map changes sign, for both networks
    for i in (0, 1):
        nid = panel_network(app_page, i)
        grid = api.get(f"/api/networks/{nid}/grid", params={"resolution": 30}).json()
        z = np.frombuffer(base64.b64decode(grid["decision"]), dtype="<f4")
        line = app_page.get_by_test_id(f"stage-boundary-{i}").get_by_test_id("boundary-line")
        crosses = bool((z > 0).any() and (z < 0).any())
        assert crosses  # both have a line: the perceptron's straight, the other bent
        assert int(line.get_attribute("data-segments")) > 0
        expect(app_page.get_by_test_id(f"stage-line-note-{i}")).to_have_text(
            "black line: where y crosses 0.5"
        )
    hidden = api.post(
        f"/api/networks/{panel_network(app_page, 1)}/forward", json={"split": "train"}
    ).json()
    assert hidden["accuracy"]["correct"] == 4 and hidden["accuracy"]["undecided"] == 0
    expect(app_page.get_by_test_id("stage-accuracy-1")).to_have_text("4 of 4 right")
    app_page.screenshot(path=shot("xor-undecided.png"))


def test_the_chinese_lesson_says_undecided(app_page: Page) -> None:
    open_lesson(app_page, "xor")
    app_page.locator("[data-lang=zh]").first.click()
    app_page.get_by_test_id("lesson-dot-1").click()
    expect(app_page.get_by_test_id("lesson-panel").locator("math", has_text="0.6931")).to_have_text(
        "E=ln2=0.6931"  # typeset: E = ln 2 = 0.6931
    )
    app_page.get_by_test_id("play").click()
    app_page.wait_for_function(
        "() => document.querySelector('[data-testid=stage-accuracy-0]').dataset.undecided === '4'",
        timeout=30000,
    )
    app_page.get_by_test_id("play").click()
    wait_idle(app_page)
    expect(app_page.get_by_test_id("stage-accuracy-0")).to_have_text("答对 0/4，4 个未定")


def test_the_main_page_counts_undecided_and_draws_the_line(
    page: Page, server_url: str, api: httpx.Client
) -> None:
    made = api.post("/api/networks", json={"preset": "perceptron-xor", "seed": 2}).json()
    assert api.post(f"/api/networks/{made['id']}/train", json={"steps": 3000}).status_code == 200
    page.goto(f"{server_url}/#net={made['id']}")
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{made['id']}']")
    wait_idle(page)
    acc = api.post(f"/api/networks/{made['id']}/forward", json={"split": "train"}).json()
    assert acc["accuracy"]["undecided"] == 4
    expect(page.locator("#accuracy")).to_have_text("train 0/4 (4 undecided) · now, after step 3000")
    line = page.locator("#boundary").get_by_test_id("boundary-line")
    assert int(line.get_attribute("data-segments")) > 0
