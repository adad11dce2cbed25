"""A fork's settings changed after it is made, in the compare view (a PATCH of the fork):
its learning rate, then training in lockstep; a refused value stays with its reason."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_compare import PANELS, ids, step_all
from .test_fields import refused_only

SHOTS = "/tmp/s4/shots"  # looked at by hand, not kept


def history(api: httpx.Client, nid: str) -> list[float]:
    return api.get(f"/api/networks/{nid}/history").json()["losses"]


def test_a_forks_learning_rate_changed_in_the_compare_view_trains_on_in_lockstep(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    page.get_by_test_id("compare").click()
    expect(page.locator(PANELS)).to_have_count(2)
    wait_idle(page)
    page.get_by_test_id("compare-optimizer").select_option("sgd")  # a twin of the first fork
    page.get_by_test_id("compare-add").click()
    expect(page.locator(PANELS)).to_have_count(3)
    wait_idle(page)
    forks = ids(page)
    first, twin = (api.get(f"/api/networks/{f}").json() for f in (forks[0], forks[2]))
    rule_and_rate = ("optimizer", "learning_rate")
    assert [twin[k] for k in rule_and_rate] == [first[k] for k in rule_and_rate]
    step_all(page, 2)
    assert history(api, forks[2]) == history(api, forks[0])  # the same settings: the same bits

    # a refused rate changes nothing and says why beside the fields
    page.get_by_test_id("stage-settings-2").locator("summary").click()
    rate = page.get_by_test_id("stage-rate-2")
    expect(rate).to_have_attribute("placeholder", str(first["learning_rate"]))
    rate.fill("-1")
    page.get_by_test_id("stage-apply-2").click()
    expect(page.get_by_test_id("stage-settings-error-2")).to_contain_text("greater than 0")
    wait_idle(page)
    refused_only(console)
    assert api.get(f"/api/networks/{forks[2]}").json()["learning_rate"] == first["learning_rate"]

    # a new rate for the twin: the server has it, the title says it, the losses part
    rate.fill("2.5")
    page.get_by_test_id("stage-apply-2").click()
    expect(page.get_by_test_id("stage-title-2")).to_contain_text("= 2.5")
    expect(page.get_by_test_id("stage-settings-error-2")).to_have_count(0)
    wait_idle(page)
    assert api.get(f"/api/networks/{forks[2]}").json()["learning_rate"] == 2.5
    step_all(page, 4)
    states = [api.get(f"/api/networks/{f}").json() for f in forks]
    assert [s["step"] for s in states] == [first["step"] + 6] * 3
    assert states[2]["learning_rate"] == 2.5
    assert states[0]["learning_rate"] == first["learning_rate"]
    batches = [api.get(f"/api/networks/{f}/last-step").json()["inputs"] for f in forks]
    assert batches[0] == batches[2]  # still in lockstep on the same rows
    twin_losses, first_losses = history(api, forks[2]), history(api, forks[0])
    assert twin_losses[:3] == first_losses[:3] and twin_losses[3:] != first_losses[3:]
    assert states[2]["last_loss"] != states[0]["last_loss"]

    # its rule and hidden activation change the same way (another rule starts afresh)
    page.get_by_test_id("stage-optimizer-2").select_option("adam")
    page.get_by_test_id("stage-activation-2").select_option("relu")
    page.get_by_test_id("stage-apply-2").click()
    expect(page.get_by_test_id("stage-title-2")).to_contain_text("Adam")
    wait_idle(page)
    changed = api.get(f"/api/networks/{forks[2]}").json()
    assert (changed["optimizer"]["name"], changed["hidden_activation"]) == ("adam", "relu")
    assert changed["weights"] == states[2]["weights"]  # the parameters stay
    page.get_by_test_id("stage").screenshot(path=f"{SHOTS}/compare-settings.png")
