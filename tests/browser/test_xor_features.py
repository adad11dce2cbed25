"""Issue 13, item 4: a perceptron (no hidden layer) on the features x1, x2, x1x2 learns XOR,
set up and trained from the page as a user does; the API's outputs then say it learnt."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_own_data import network_id, state

STEPS = 3000  # the README's example: 3,000 steps at learning rate 1


def new_network(page: Page, before: str) -> None:
    page.wait_for_function(
        "(id) => document.querySelector('[data-testid=graph]').dataset.networkId !== id",
        arg=before,
    )
    wait_idle(page)


def test_a_features_perceptron_learns_xor_from_the_page(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    assert state(api, page)["dataset"]["name"] == "xor"
    # no hidden layer: the perceptron x1, x2 -> y cannot learn XOR ...
    first = network_id(page)
    page.get_by_test_id("remove-layer").click()
    new_network(page, first)
    expect(page.get_by_test_id("hidden-count")).to_have_text("0")
    # ... with the feature x1 x2 as a third input it can
    plain = network_id(page)
    page.get_by_test_id("feature-x1_x2").check()
    new_network(page, plain)
    net = state(api, page)
    assert net["layers"] == [3, 1] and net["features"] == ["x1", "x2", "x1_x2"]
    assert net["output_activation"] == "sigmoid" and net["loss"] == "binary_cross_entropy"
    rate = page.get_by_test_id("learning-rate")
    rate.fill("1")
    rate.press("Enter")
    page.wait_for_function(
        f"() => +document.querySelector('[data-testid=graph]').dataset.revision > {net['revision']}"
    )
    wait_idle(page)
    assert state(api, page)["learning_rate"] == 1

    page.get_by_test_id("speed").select_option("500")
    page.get_by_test_id("play").click()
    page.wait_for_function(
        f"() => +document.querySelector('[data-testid=step-count]').textContent >= {STEPS}",
        timeout=120_000,
    )
    page.get_by_test_id("play").click()
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    wait_idle(page)

    trained = state(api, page)
    assert trained["step"] >= STEPS and trained["layers"] == [3, 1]
    forward = api.post(f"/api/networks/{trained['id']}/forward", json={}).json()
    assert forward["accuracy"]["correct"] == 4 and forward["accuracy"]["total"] == 4
    for (y,), (d,) in zip(forward["outputs"], forward["targets"], strict=True):
        assert abs(y - d) < 0.1, (y, d)  # each output close to its target, not just on its side
    expect(page.get_by_test_id("accuracy")).to_contain_text("4/4")


def test_the_xor_lesson_names_features_as_the_other_way_out(api: httpx.Client) -> None:
    xor = next(lesson for lesson in api.get("/api/lessons").json() if lesson["id"] == "xor")
    said = [step["text"]["en"] for step in xor["steps"]]
    assert any("features" in text and "perceptron" in text for text in said)
    assert any("特征" in step["text"]["zh"] for step in xor["steps"])
