"""Predict, then reveal on the page: an exercise's checks, marked against the API's numbers."""

import re

from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_xor_honest import shot


def shown_number(page: Page, testid: str) -> float:
    """The number after '=' in a test id's text."""
    text = page.get_by_test_id(testid).inner_text()
    return float(text.split("=")[-1].strip().replace("−", "-"))


def predict(page: Page, sign: str, value: str) -> None:
    wait_idle(page)
    page.get_by_test_id("predict-sign").select_option(sign)
    page.get_by_test_id("predict-value").fill(value)
    page.get_by_test_id("predict-step").click()
    expect(page.get_by_test_id("predict-result")).to_be_visible()
    wait_idle(page)


def test_an_exercise_predicts_reveals_and_scores(app_page: Page, api):
    page = app_page
    wait_idle(page)
    before = page.get_by_test_id("graph").get_attribute("data-network-id")
    page.get_by_test_id("predict-exercise").select_option("article-step")
    expect(page.get_by_test_id("graph")).not_to_have_attribute("data-network-id", before or "")
    wait_idle(page)
    net_id = page.get_by_test_id("graph").get_attribute("data-network-id")
    expect(page.get_by_test_id("predict-progress")).to_have_text("Check 1 of 3")
    expect(page.get_by_test_id("predict-asked")).to_contain_text("∂E/∂w")
    expect(page.get_by_test_id("predict-target")).to_have_text("the weight w from h₁ to y₁")

    predict(page, "-", "-1/25")  # dE/dw2 = (y - d) h = -0.04236
    explained = api.get(f"/api/networks/{net_id}/explain?layer=1&to=0&from=0").json()
    assert explained["kind"] == "last_step" and explained["step"] == 1
    assert abs(shown_number(page, "predict-truth") - explained["gradient"]) < 1e-6
    marks = page.get_by_test_id("predict-mark")
    expect(marks).to_have_text([re.compile("^✓ your sign -"), re.compile("^✓ your value -1/25")])
    expect(page.get_by_test_id("predict-score")).to_have_text(
        "Score: 2 of 2 right (1 predictions revealed)"
    )
    expect(page.get_by_test_id("step-count")).to_have_text("1")

    expect(page.get_by_test_id("predict-progress")).to_have_text("Check 2 of 3")
    predict(page, "+", "5")  # w2 after step 2: 5.04 or so, not 5 within 0.005
    weights = api.get(f"/api/networks/{net_id}").json()["weights"]
    assert abs(shown_number(page, "predict-truth") - weights[1][0][0]) < 1e-6
    expect(marks).to_have_text([re.compile("^✓ your sign"), re.compile("^✗ your value 5 ")])
    page.get_by_test_id("predict-why").first.click()
    page.get_by_test_id("predict-card").screenshot(path=shot("predict-card.png"))

    listed = api.get(f"/api/networks/{net_id}/predictions").json()
    right, total = listed["score"]["right"], listed["score"]["total"]
    assert (right, total) == (3, 4)
    expect(page.get_by_test_id("predict-score")).to_have_text(
        f"Score: {right} of {total} right (2 predictions revealed)"
    )
    assert [p["value"] for p in listed["predictions"]] == ["-1/25", "5"]
