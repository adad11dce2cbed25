"""The inspector's gradient check in Chromium: the numbers are the API's, for one weight and all."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle


def value(page: Page, testid: str) -> float:
    """The full-precision number a cell carries."""
    return float(page.get_by_test_id(testid).get_attribute("data-value"))


def network_verdict(worst: float) -> str:
    """What the page says of the whole network's worst relative error (gradcheck.js: under
    1e-7 backprop agrees; to 1e-4, close). Random weights give either."""
    return "backprop agrees" if worst < 1e-7 else "close, within what float rounding"


def test_gradient_check_of_the_clicked_weight_and_the_whole_network(
    app_page: Page, api: httpx.Client
) -> None:
    app_page.get_by_test_id("step").click()
    wait_idle(app_page)
    app_page.locator("line.link[data-layer='1'][data-from='2'][data-to='0']").click()
    expect(app_page.get_by_test_id("inspector-gradient")).to_be_visible()
    app_page.get_by_test_id("gradcheck-run").click()
    expect(app_page.get_by_test_id("gradcheck-backprop")).to_be_visible()
    wait_idle(app_page)
    net = app_page.get_attribute("[data-testid=graph]", "data-network-id")
    check = api.get(f"/api/networks/{net}/gradient-check").json()  # changes nothing: same batch
    assert value(app_page, "gradcheck-backprop") == check["backprop"]["weights"][1][0][2]
    assert value(app_page, "gradcheck-numeric") == check["numeric"]["weights"][1][0][2]
    assert value(app_page, "gradcheck-relative") == check["relative"]["weights"][1][0][2]
    assert value(app_page, "gradcheck-network") == check["max_relative_error"]
    assert check["max_relative_error"] < 1e-5
    verdict = network_verdict(check["max_relative_error"])
    expect(app_page.get_by_test_id("gradcheck-network")).to_contain_text(verdict)
    expect(app_page.get_by_test_id("curl")).to_contain_text("/gradient-check")

    # another weight reads the same check; a step makes it stale until it is run again
    first = app_page.get_by_test_id("gradcheck-backprop").get_attribute("data-value")
    app_page.locator("line.link[data-layer='0'][data-from='1'][data-to='2']").click()
    expect(app_page.get_by_test_id("gradcheck-backprop")).not_to_have_attribute("data-value", first)
    assert value(app_page, "gradcheck-backprop") == check["backprop"]["weights"][0][2][1]
    app_page.get_by_test_id("step").click()
    wait_idle(app_page)
    expect(app_page.get_by_test_id("gradcheck-backprop")).to_have_count(0)
    expect(app_page.get_by_test_id("gradcheck-run")).to_have_text("Check gradients")
