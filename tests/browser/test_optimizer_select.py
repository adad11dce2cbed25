"""The optimizer select in Chromium: its options come from GET /api/config, a pick PATCHes."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle

GRAPH = "[data-testid=graph]"


def shown(page: Page, api: httpx.Client) -> dict:
    """The NetworkState of the network the page shows, from the API."""
    return api.get(f"/api/networks/{page.get_attribute(GRAPH, 'data-network-id')}").json()


def test_picking_an_optimizer_patches_the_network_and_training_uses_it(
    app_page: Page, api: httpx.Client
) -> None:
    select = app_page.get_by_test_id("optimizer")
    names = [o["name"] for o in api.get("/api/config").json()["optimizers"]]
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert values == names
    expect(select).to_have_value("sgd")
    before = shown(app_page, api)
    select.select_option("adam")
    wait_idle(app_page)
    after = shown(app_page, api)
    assert after["id"] == before["id"] and after["weights"] == before["weights"]
    assert after["optimizer"] == {"name": "adam", "betas": [0.9, 0.999], "eps": 1e-8}
    app_page.get_by_test_id("step").click()
    wait_idle(app_page)
    stepped = shown(app_page, api)
    assert stepped["optimizer_state"]["step"] == 1
    assert set(stepped["optimizer_state"]["slots"]) == {"exp_avg", "exp_avg_sq"}
    # a new architecture keeps the chosen optimizer
    app_page.get_by_test_id("add-layer").click()
    wait_idle(app_page)
    rebuilt = shown(app_page, api)
    assert rebuilt["id"] != before["id"] and rebuilt["optimizer"]["name"] == "adam"
    expect(select).to_have_value("adam")


def test_the_optimizer_select_speaks_chinese(app_page: Page) -> None:
    app_page.get_by_test_id("lang-zh").click()
    expect(app_page.locator("#optimizer option[value=sgd]")).to_have_text("随机梯度下降 SGD")
    expect(app_page.locator("[data-i18n='arch.optimizer']")).to_have_text("优化器")
    app_page.locator("#optimizer").screenshot(path="/tmp/optimizer-select.png")
    app_page.get_by_test_id("lang-en").click()
