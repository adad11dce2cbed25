"""A fork's settings changed after it is made, in the compare view (a PATCH of the fork):
its learning rate, then training in lockstep; a refused value stays with its reason."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_compare import PANELS, ids, open_compare, step_all
from .test_fields import refused_only

SHOTS = "/tmp/s4/shots"  # looked at by hand, not kept


def history(api: httpx.Client, nid: str) -> list[float]:
    return api.get(f"/api/networks/{nid}/history").json()["losses"]


def test_a_forks_learning_rate_changed_in_the_compare_view_trains_on_in_lockstep(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    open_compare(page)
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
    expect(page.get_by_test_id("stage-rate-2-error")).to_contain_text("greater than 0")
    wait_idle(page)
    refused_only(console)
    assert api.get(f"/api/networks/{forks[2]}").json()["learning_rate"] == first["learning_rate"]

    # a new rate for the twin: the server has it, the title says it, the losses part
    rate.fill("2.5")
    page.get_by_test_id("stage-apply-2").click()
    expect(page.get_by_test_id("stage-title-2")).to_contain_text("= 2.5")
    expect(page.get_by_test_id("stage-rate-2-error")).to_have_count(0)
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


def add_twin(page: Page) -> None:
    """One more fork, with the first fork's rule and rate (SGD as it is)."""
    count = page.locator(PANELS).count()
    page.get_by_test_id("compare-optimizer").select_option("sgd")
    page.get_by_test_id("compare-add").click()
    expect(page.locator(PANELS)).to_have_count(count + 1)
    wait_idle(page)


def apply(page: Page, i: int) -> None:
    """Apply fork i's settings and wait until the page has the server's answer."""
    page.get_by_test_id(f"stage-apply-{i}").click()
    wait_idle(page)


def test_a_forks_rule_settings_penalty_and_output_are_set_in_the_compare_view(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    config = api.get("/api/config").json()
    open_compare(page)
    add_twin(page)
    add_twin(page)
    forks = ids(page)
    first = api.get(f"/api/networks/{forks[0]}").json()
    step_all(page, 2)

    # a refused momentum stays in its field, with the server's reason beside it
    page.get_by_test_id("stage-settings-2").locator("summary").click()
    momentum = page.get_by_test_id("stage-sgd-momentum-2")
    expect(page.get_by_test_id("stage-sgd-settings-2")).to_be_visible()
    expect(page.get_by_test_id("stage-adam-settings-2")).to_be_hidden()
    expect(momentum).to_have_attribute("placeholder", "0")  # the fork's own mu
    snapshot = api.get(f"/api/networks/{forks[2]}").json()
    momentum.fill("1.5")
    apply(page, 2)
    expect(page.get_by_test_id("stage-sgd-momentum-2-error")).to_contain_text("less than 1")
    expect(momentum).to_have_value("1.5")
    refused_only(console)
    assert api.get(f"/api/networks/{forks[2]}").json() == snapshot

    # momentum 0.9 with Nesterov on fork 2
    momentum.fill("0.9")
    page.get_by_test_id("stage-sgd-nesterov-2").check()
    apply(page, 2)
    expect(page.get_by_test_id("stage-sgd-momentum-2-error")).to_have_count(0)
    rate = first["learning_rate"]
    expect(page.get_by_test_id("stage-title-2")).to_have_text(
        f"SGD (μ = 0.9, Nesterov) · α = {rate}"
    )

    # L2 at 0.001 on fork 3
    page.get_by_test_id("stage-settings-3").locator("summary").click()
    page.get_by_test_id("stage-penalty-3").select_option("l2")
    page.get_by_test_id("stage-penalty-rate-3").fill("0.001")
    apply(page, 3)
    expect(page.get_by_test_id("stage-title-3")).to_have_text(f"SGD · α = {rate} · L2 λ = 0.001")

    # fork 1 (Adam): its betas, and an output activation offered only with the losses it allows
    page.get_by_test_id("stage-settings-1").locator("summary").click()
    output, loss = page.get_by_test_id("stage-output-1"), page.get_by_test_id("stage-lossname-1")
    output.select_option("tanh")
    allowed = [x["name"] for x in config["losses"] if "tanh" in x["output_activations"]]
    expect(loss.locator("option")).to_have_count(len(allowed))
    assert loss.locator("option").evaluate_all("os => os.map(o => o.value)") == allowed
    assert loss.input_value() in allowed
    page.get_by_test_id("stage-adam-betas-0-1").fill("0.8")
    page.get_by_test_id("stage-adam-betas-1-1").fill("0.99")
    apply(page, 1)
    expect(page.get_by_test_id("stage-title-1")).to_have_text(f"Adam (β = 0.8, 0.99) · α = {rate}")

    step_all(page, 4)
    states = [api.get(f"/api/networks/{f}").json() for f in forks]
    assert [s["step"] for s in states] == [first["step"] + 6] * 4
    assert states[2]["optimizer"] == {"name": "sgd", "momentum": 0.9, "nesterov": True}
    assert (states[3]["regularization"], states[3]["regularization_rate"]) == ("l2", 0.001)
    assert states[3]["optimizer"] == first["optimizer"]
    assert states[1]["optimizer"]["betas"] == [0.8, 0.99]
    assert (states[1]["output_activation"], states[1]["loss"]) == ("tanh", loss.input_value())
    assert states[0]["optimizer"] == first["optimizer"] and states[0]["regularization"] == "none"
    batches = [api.get(f"/api/networks/{f}/last-step").json()["inputs"] for f in forks]
    assert batches[0] == batches[2] == batches[3]  # still in lockstep on the same rows
    losses = [history(api, f) for f in forks]
    for k in (2, 3):
        assert losses[k][:2] == losses[0][:2] and losses[k][2:] != losses[0][2:]
        assert states[k]["last_loss"] != states[0]["last_loss"]
    page.get_by_test_id("stage").screenshot(path=f"{SHOTS}/compare-fork-settings.png")
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("stage-settings-2").locator("summary")).to_have_text("此分支的设置")
    expect(page.get_by_test_id("stage-title-2")).to_contain_text("μ = 0.9")
    page.get_by_test_id("stage").screenshot(path=f"{SHOTS}/compare-fork-settings-zh.png")
