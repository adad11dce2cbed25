"""The compare view: forks of the user's network (POST fork) trained in lockstep on the same
batches, their loss curves on one scale, boundaries side by side, the gap between their
weights; every number checked against the API. Lesson 6 compares forks the same way."""

import json
import math

import httpx
import numpy as np
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_fields import refused_only
from .test_lessons import open_lesson
from .test_own_data import after_change, network_id, revision

PANELS = "[data-testid^=stage-panel-]"


def open_compare(page: Page) -> None:
    """Open the compare view from the top bar: the network and one fork, idle."""
    page.get_by_test_id("compare").click()
    expect(page.locator(PANELS)).to_have_count(2)
    wait_idle(page)


def ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(PANELS, "els => els.map(e => e.dataset.networkId)")


def stage_steps(page: Page) -> list[int]:
    return [int(x) for x in page.locator("[data-testid=stage-step]").all_text_contents()]


def step_all(page: Page, times: int) -> None:
    """Click Step as a user does, each time waiting until every panel shows the next step."""
    for _ in range(times):
        before = stage_steps(page)
        page.get_by_test_id("step").click()
        page.wait_for_function(
            "(b) => [...document.querySelectorAll('[data-testid=stage-step]')]"
            ".every((e, i) => +e.textContent === b[i] + 1)",
            arg=before,
        )
        wait_idle(page)


def flat(state: dict) -> np.ndarray:
    parts = [np.ravel(w) for w in state["weights"]] + [np.ravel(b) for b in state["biases"]]
    return np.concatenate(parts)


def test_compare_trains_forks_in_lockstep_and_shows_the_apis_numbers(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)
    source = api.get(f"/api/networks/{network_id(page)}").json()
    open_compare(page)
    # a second fork with a typed rate and another rule
    page.get_by_test_id("compare-rate").fill("0.3")
    page.get_by_test_id("compare-optimizer").select_option("rmsprop")
    page.get_by_test_id("compare-add").click()
    expect(page.locator(PANELS)).to_have_count(3)
    wait_idle(page)
    forks = ids(page)
    assert source["id"] not in forks and len(set(forks)) == 3
    assert f"cmp={source['id']}.{'.'.join(forks)}" in page.url
    states = [api.get(f"/api/networks/{f}").json() for f in forks]
    for s in states:  # a fork starts where its source stands
        assert s["weights"] == source["weights"] and s["step"] == source["step"]
    assert states[1]["optimizer"]["name"] != source["optimizer"]["name"]
    assert (states[2]["optimizer"]["name"], states[2]["learning_rate"]) == ("rmsprop", 0.3)
    expect(page.get_by_test_id("stage-title-2")).to_have_text("RMSprop · α = 0.3")

    step_all(page, 3)
    states = [api.get(f"/api/networks/{f}").json() for f in forks]
    assert [s["step"] for s in states] == [source["step"] + 3] * 3
    # lockstep on the same batches: each fork's last step read the same rows
    batches = [api.get(f"/api/networks/{f}/last-step").json()["inputs"] for f in forks]
    assert batches[0] == batches[1] == batches[2]
    # each curve is its fork's GET history, all on one scale
    tops = set()
    for i, f in enumerate(forks):
        curve = page.get_by_test_id(f"stage-loss-{i}")
        history = api.get(f"/api/networks/{f}/history").json()
        assert json.loads(curve.get_attribute("data-losses")) == history["losses"]
        tops.add(curve.get_attribute("data-y-max"))
        assert page.get_by_test_id(f"stage-boundary-{i}").locator("svg").count() == 1
    assert len(tops) == 1
    # the weights' gap from the first fork
    for i in (1, 2):
        gap = page.get_by_test_id(f"stage-gap-{i}")
        d = flat(states[i]) - flat(states[0])
        assert math.isclose(float(gap.get_attribute("data-norm")), np.linalg.norm(d), rel_tol=1e-12)
        assert float(gap.get_attribute("data-max")) == np.max(np.abs(d))
    # the source did not train
    assert api.get(f"/api/networks/{source['id']}").json()["step"] == source["step"]

    # the link brings the same forks back; remove one; close
    page.goto(page.url)
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator(PANELS)).to_have_count(3)
    assert ids(page) == forks
    page.get_by_test_id("stage-remove-1").click()
    expect(page.locator(PANELS)).to_have_count(2)
    assert ids(page) == [forks[0], forks[2]]
    page.get_by_test_id("compare-close").click()
    expect(page.get_by_test_id("stage")).to_be_hidden()
    assert "cmp=" not in page.url
    assert network_id(page) == source["id"]
    # a pasted link is followed: its forks, then none
    page.evaluate(f"location.hash = '#net={source['id']}&cmp={source['id']}.{forks[0]}.{forks[1]}'")
    expect(page.locator(PANELS)).to_have_count(2)
    assert ids(page) == forks[:2]
    wait_idle(page)
    page.evaluate(f"location.hash = '#net={source['id']}'")
    expect(page.get_by_test_id("stage")).to_be_hidden()


def test_lesson_six_compares_forks_of_one_network(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    open_lesson(page, "gradient-descent")
    expect(page.locator(PANELS)).to_have_count(3)
    wait_idle(page)
    states = [api.get(f"/api/networks/{f}").json() for f in ids(page)]
    assert [s["learning_rate"] for s in states] == [0.05, 1.0, 10.0]
    assert states[0]["weights"] == states[1]["weights"] == states[2]["weights"]
    step_all(page, 2)
    for i, s in enumerate(states):
        history = api.get(f"/api/networks/{s['id']}/history").json()
        shown = json.loads(page.get_by_test_id(f"stage-loss-{i}").get_attribute("data-losses"))
        assert shown == history["losses"] and len(shown) == 2
    expect(page.get_by_test_id("stage-gap-2")).to_contain_text("‖θ − θ₁‖")


def test_momentum_and_adam_lesson_races_three_rules(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    open_lesson(page, "momentum-adam")
    expect(page.locator(PANELS)).to_have_count(3)
    wait_idle(page)
    titles = page.locator("[data-testid^=stage-title-]").all_text_contents()
    assert titles == ["SGD · α = 0.05", "SGD (μ = 0.9) · α = 0.05", "Adam · α = 0.05"]
    forks = ids(page)
    rules = [api.get(f"/api/networks/{f}").json()["optimizer"] for f in forks]
    assert rules[1] == {"name": "sgd", "momentum": 0.9, "nesterov": False}
    assert rules[2]["name"] == "adam"
    step_all(page, 2)
    for i, f in enumerate(forks):
        history = api.get(f"/api/networks/{f}/history").json()
        shown = json.loads(page.get_by_test_id(f"stage-loss-{i}").get_attribute("data-losses"))
        assert shown == history["losses"]
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("lesson-panel")).to_contain_text("动量与 Adam")


def test_a_forks_rule_settings_and_a_refusal_with_the_servers_reason(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    open_compare(page)
    error = page.get_by_test_id("compare-add-error")
    page.get_by_test_id("compare-rate").fill("-1")
    page.get_by_test_id("compare-add").click()
    expect(error).to_contain_text("greater than 0")
    expect(page.get_by_test_id("compare-rate")).to_have_value("-1")
    page.get_by_test_id("compare-rate").fill("0.1")
    # the rule's fields are the config's: SGD's momentum and Nesterov, Adam's betas and eps
    page.get_by_test_id("compare-optimizer").select_option("adam")
    expect(page.get_by_test_id("compare-opt-betas-1")).to_have_attribute("placeholder", "0.999")
    page.get_by_test_id("compare-optimizer").select_option("sgd")
    page.get_by_test_id("compare-opt-momentum").fill("2")
    page.get_by_test_id("compare-add").click()
    expect(error).to_contain_text("less than 1")
    wait_idle(page)
    refused_only(console)
    expect(page.locator(PANELS)).to_have_count(2)
    page.get_by_test_id("compare-opt-momentum").fill("0.9")
    page.get_by_test_id("compare-opt-nesterov").check()
    page.get_by_test_id("compare-add").click()
    expect(page.locator(PANELS)).to_have_count(3)
    expect(error).to_have_count(0)
    wait_idle(page)
    made = api.get(f"/api/networks/{ids(page)[2]}").json()
    assert made["learning_rate"] == 0.1
    assert made["optimizer"] == {"name": "sgd", "momentum": 0.9, "nesterov": True}
    expect(page.get_by_test_id("stage-title-2")).to_have_text("SGD (μ = 0.9, Nesterov) · α = 0.1")
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("compare-add")).to_have_text("添加分支")
    expect(page.get_by_test_id("compare-bar")).to_contain_text("3 个分支")
