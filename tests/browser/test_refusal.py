"""A setup that cannot learn: the server's reason beside the control, the better choice offered."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def test_cross_entropy_on_xor_shows_the_reason_and_offers_binary_cross_entropy(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    wait_idle(app_page)
    before = network_id(app_page)
    assert api.get(f"/api/networks/{before}").json()["loss"] == "binary_cross_entropy"
    app_page.select_option("#loss", "cross_entropy")
    wait_idle(app_page)
    # refused: the network is the same, the reason is the server's, beside the control
    body = {"preset": "xor", "loss": "cross_entropy"}
    server = api.post("/api/networks", json=body).json()["detail"][0]
    reason = app_page.get_by_test_id("refusal-reason")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text(server["msg"])
    expect(reason).to_contain_text("cross-entropy")
    assert network_id(app_page) == before
    # the refused choice stays in its select, marked invalid, as a refused field does
    expect(app_page.locator("#loss")).to_have_value("cross_entropy")
    expect(app_page.locator("#loss")).to_have_attribute("aria-invalid", "true")
    # binary cross-entropy's formula, typeset: E = −[d ln y + (1 − d) ln(1 − y)]
    why = app_page.get_by_test_id("refusal-why").locator("math").first
    expect(why).to_have_text("E=−[dlny+(1−d)ln(1−y)]")
    expect(app_page.get_by_test_id("toast")).to_be_hidden()
    # the better choice, named by the server's ctx.fix
    assert server["ctx"]["fix"] == {"loss": "binary_cross_entropy"}
    fix = app_page.get_by_test_id("refusal-fix")
    expect(fix).to_have_text("Use binary cross-entropy")
    app_page.screenshot(path="/tmp/refusal.png")
    fix.click()
    wait_idle(app_page)
    after = network_id(app_page)
    assert after != before
    assert api.get(f"/api/networks/{after}").json()["loss"] == "binary_cross_entropy"
    expect(app_page.get_by_test_id("choice-refusal")).to_be_hidden()
    expect(app_page.locator("#loss")).to_have_value("binary_cross_entropy")
    expect(app_page.locator("#loss")).not_to_have_attribute("aria-invalid", "true")
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()


def test_softmax_on_one_output_is_refused_beside_the_output_control(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    wait_idle(app_page)
    before = network_id(app_page)
    app_page.select_option("#output-activation", "softmax")
    wait_idle(app_page)
    reason = app_page.get_by_test_id("refusal-reason")
    expect(reason).to_contain_text("softmax on a single output unit is always 1")
    expect(app_page.locator("#output-activation")).to_have_attribute("aria-invalid", "true")
    expect(app_page.get_by_test_id("refusal-fix")).to_have_text(
        "Use sigmoid + binary cross-entropy"
    )
    assert network_id(app_page) == before
    app_page.locator("[data-lang=zh]").first.click()
    expect(app_page.get_by_test_id("refusal-fix")).to_have_text("改用sigmoid + 二元交叉熵")
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()
