"""Issue 13's regularisation on the page: the penalty and its rate as a user sets them,
checked against the API's state, export and numbers (the loss, the penalty, the chain rule)."""

import math
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_fields import refused_only
from .test_gradcheck import network_verdict
from .test_own_data import after_change, network_id, revision, state


def fmt(v: float, digits: int = 4) -> str:
    """model/format.js's fmt for the numbers these tests meet (not tiny, not huge)."""
    return f"{v:.{digits}f}"


def set_penalty(page: Page, name: str, rate: str) -> None:
    """Choose the penalty and type its rate as a user does."""
    before = revision(page)
    page.get_by_test_id("regularization").select_option(name)
    after_change(page, before)
    before = revision(page)
    field = page.get_by_test_id("regularization-rate")
    field.fill(rate)
    field.press("Enter")
    after_change(page, before)


def step(page: Page) -> None:
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)


def test_the_penalty_controls_patch_the_network_and_say_the_penalty(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    config = api.get("/api/config").json()
    shown = (
        page.get_by_test_id("regularization")
        .locator("option")
        .evaluate_all("(os) => os.map((o) => o.value)")
    )
    assert shown == [p["name"] for p in config["penalties"]]
    expect(page.get_by_test_id("regularization")).to_have_value("none")
    first = state(api, page)
    set_penalty(page, "l2", "0.01")
    net = state(api, page)
    assert (net["regularization"], net["regularization_rate"]) == ("l2", 0.01)
    assert net["id"] == first["id"] and net["weights"] == first["weights"]  # a PATCH: kept
    exported = api.get(f"/api/networks/{net['id']}/export").json()
    assert (exported["regularization"], exported["regularization_rate"]) == ("l2", 0.01)
    expect(page.get_by_test_id("curl")).to_contain_text('"regularization_rate":0.01')

    # a step: the data loss and the penalty apart, each the server's
    step(page)
    last = api.get(f"/api/networks/{net['id']}/last-step").json()
    assert last["penalty"] > 0
    expect(page.get_by_test_id("loss-label")).to_have_text("Data loss")
    expect(page.get_by_test_id("loss-value")).to_have_text(fmt(last["loss"], 6))
    expect(page.get_by_test_id("loss-penalty")).to_have_text(f"+ penalty {fmt(last['penalty'])}")
    total = page.get_by_test_id("loss-penalty").get_attribute("title")
    assert str(last["loss"] + last["penalty"]) in total
    expect(page.get_by_test_id("loss-summary")).to_contain_text("the weight penalty is not in it")

    # undo goes back exactly, the penalty's step with it; its value is then not known
    after_one = state(api, page)["weights"]
    step(page)
    after_two = state(api, page)["weights"]
    before = revision(page)
    page.get_by_test_id("undo").click()
    after_change(page, before)
    assert state(api, page)["weights"] == after_one
    expect(page.get_by_test_id("loss-penalty")).to_have_text("+ penalty –")
    step(page)  # the same step again, penalty and all: the same bits
    assert state(api, page)["weights"] == after_two

    # persisted: the link (the network id) brings both back; Reset keeps them
    page.goto(page.url)
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    expect(page.get_by_test_id("regularization")).to_have_value("l2")
    expect(page.get_by_test_id("regularization-rate")).to_have_value("0.01")
    page.get_by_test_id("reset").click()
    page.wait_for_function(
        "(id) => document.querySelector('[data-testid=graph]').dataset.networkId !== id",
        arg=net["id"],
    )
    wait_idle(page)
    fresh = state(api, page)
    assert (fresh["regularization"], fresh["regularization_rate"]) == ("l2", 0.01)

    # none: the loss is plain again
    before = revision(page)
    page.get_by_test_id("regularization").select_option("none")
    after_change(page, before)
    step(page)
    expect(page.get_by_test_id("loss-label")).to_have_text("Loss")
    expect(page.get_by_test_id("loss-penalty")).to_be_hidden()


@pytest.mark.parametrize("typed", ["-1", "abc"])
def test_a_refused_rate_stays_in_its_field_and_changes_nothing(
    app_page: Page, api: httpx.Client, console: Console, typed: str
) -> None:
    page = app_page
    before = state(api, page)
    field = page.get_by_test_id("regularization-rate")
    field.fill(typed)
    field.press("Enter")
    error = page.get_by_test_id("regularization-rate-error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(field).to_have_attribute("aria-invalid", "true")
    wait_idle(page)
    assert field.input_value() == typed
    after = state(api, page)
    assert after["revision"] == before["revision"] and after["regularization_rate"] == 0
    field.fill("0.001")
    field.press("Enter")
    expect(error).to_be_hidden()
    wait_idle(page)
    assert state(api, page)["regularization_rate"] == 0.001
    refused_only(console)


def test_the_inspector_shows_the_penalty_term_beside_the_data_term(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    set_penalty(page, "l1", "0.05")
    step(page)
    link = {"layer": 0, "to": 2, "from": 1}
    page.locator("line.link[data-layer='0'][data-from='1'][data-to='2']").click()
    penalty = page.get_by_test_id("inspector-penalty")
    expect(penalty).to_be_visible()
    explained = api.get(f"/api/networks/{network_id(page)}/explain", params=link).json()
    assert explained["penalty_gradient"] != 0
    data = float(page.get_by_test_id("inspector-product").get_attribute("data-value"))
    assert float(penalty.get_attribute("data-value")) == explained["penalty_gradient"]
    assert math.isclose(data, sum(explained["products"]), rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(data + explained["penalty_gradient"], explained["gradient"], rel_tol=1e-12)
    assert (
        float(page.get_by_test_id("inspector-gradient").get_attribute("data-value"))
        == explained["gradient"]
    )
    # the formula, in MathML: the data term's factors + lambda sign(w), then the numbers
    formula = page.get_by_test_id("formula")
    expect(formula.locator("mi", has_text="λ")).to_have_count(1)
    expect(formula.locator("mi", has_text="sign")).to_have_count(1)
    numbers = (
        page.get_by_test_id("formula-numbers")
        .locator("mn")
        .evaluate_all("(ns) => ns.map((n) => n.textContent)")
    )
    assert numbers[-1] == fmt(explained["gradient"], 6)
    assert fmt(explained["penalty_gradient"], 6) in numbers
    # the page's gradient check differentiates the whole objective, the penalty in it
    page.get_by_test_id("gradcheck-run").click()
    expect(page.get_by_test_id("gradcheck-backprop")).to_be_visible()
    wait_idle(page)
    check = api.get(f"/api/networks/{network_id(page)}/gradient-check").json()
    shown = float(page.get_by_test_id("gradcheck-backprop").get_attribute("data-value"))
    assert shown == check["backprop"]["weights"][0][2][1]
    assert check["max_relative_error"] < 1e-5
    verdict = network_verdict(check["max_relative_error"])
    expect(page.get_by_test_id("gradcheck-network")).to_contain_text(verdict)
    # a bias carries no penalty: no penalty term
    page.locator("line.link[data-layer='0'][data-from='bias'][data-to='2']").first.click()
    expect(page.get_by_test_id("inspector-title")).to_contain_text("bias")
    expect(penalty).to_be_hidden()
    expect(page.get_by_test_id("formula-numbers")).to_have_count(0)


def test_the_penalty_controls_speak_chinese(app_page: Page) -> None:
    page = app_page
    set_penalty(page, "l2", "0.01")
    step(page)
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("loss-label")).to_have_text("数据损失")
    expect(page.get_by_test_id("loss-penalty")).to_contain_text("+ 惩罚 ")
    expect(page.locator("[data-i18n='arch.regularization']")).to_have_text("正则化")
    expect(page.get_by_test_id("regularization").locator("option[value=none]")).to_have_text("无")


def test_while_playing_the_penalty_is_the_last_trains(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    set_penalty(page, "l1", "0.01")
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 60"
    )
    # from /train's penalties while playing (the last step held is older)
    expect(page.get_by_test_id("loss-penalty")).to_have_text(re.compile(r"^\+ penalty 0\.\d{4}$"))
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "true")
    page.get_by_test_id("play").click()
    wait_idle(page)
    last = api.get(f"/api/networks/{network_id(page)}/last-step").json()
    expect(page.get_by_test_id("loss-penalty")).to_have_text(f"+ penalty {fmt(last['penalty'])}")
