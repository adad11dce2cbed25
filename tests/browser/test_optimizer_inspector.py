"""A weight's optimizer state on the page: the hover tooltip shows it now, and the inspector
writes the rule's update with its numbers, each equal to GET explain's (and GET state's)."""

import httpx
import pytest
from playwright.sync_api import Page, expect

from .test_optimizer_settings import pick, type_in
from .test_own_data import after_change, network_id, revision, state

LINK = {"layer": 0, "to": 2, "from": 1}
LINE = "line.link[data-layer='0'][data-from='1'][data-to='2']"
SLOTS = {
    "adam": ["exp_avg", "exp_avg_sq"],
    "rmsprop": ["square_avg"],
    "nesterov": ["momentum_buffer"],
}


def choose(page: Page, rule: str) -> None:
    """Set the rule up as a user does: the select, and for Nesterov its two fields."""
    if rule != "nesterov":
        return pick(page, rule)
    type_in(page, "opt-momentum", "0.9")
    before = revision(page)
    page.get_by_test_id("opt-nesterov").check()
    after_change(page, before)


def step(page: Page) -> None:
    before = revision(page)
    page.get_by_test_id("step").click()
    after_change(page, before)


@pytest.mark.parametrize("rule", list(SLOTS))
def test_hover_and_inspector_show_the_optimizers_state_and_update(
    app_page: Page, api: httpx.Client, rule: str
) -> None:
    page = app_page
    choose(page, rule)
    for _ in range(3):
        step(page)
    now = state(api, page)
    assert now["optimizer_state"]["step"] == 3
    page.locator(LINE).hover(force=True)  # the pointer lands on its hit line, as a user's does
    tip = page.get_by_test_id("tooltip")
    expect(tip.get_by_test_id("tip-opt-step")).to_have_text("3")
    for slot in SLOTS[rule]:
        held = now["optimizer_state"]["slots"][slot]["weights"][0][2][1]
        assert float(tip.get_by_test_id(f"tip-opt-{slot}").text_content()) == held  # JS's digits

    page.locator(LINE).click()
    box = page.get_by_test_id("inspector-optimizer")
    expect(box).to_be_visible()
    e = api.get(f"/api/networks/{network_id(page)}/explain", params=LINK).json()
    assert e["kind"] == "last_step" and e["optimizer_state_after"]["step"] == 3
    for slot in SLOTS[rule]:
        shown = box.get_by_test_id(f"opt-slot-{slot}")
        assert float(shown.get_attribute("data-before")) == e["optimizer_state"]["slots"][slot]
        assert float(shown.get_attribute("data-after")) == e["optimizer_state_after"]["slots"][slot]
        assert (
            e["optimizer_state_after"]["slots"][slot]
            == now["optimizer_state"]["slots"][slot]["weights"][0][2][1]
        )
    assert float(box.get_by_test_id("opt-update").get_attribute("data-value")) == e["update"]
    # the rule's lines, each with its numbers: the exact ones in the titles of their <mn>
    lines = box.get_by_test_id("optimizer-numbers")
    expect(lines).to_have_count(len(SLOTS[rule]) + 1)  # each state, then the update
    numbers = "(ns) => ns.map((n) => +n.getAttribute('title'))"
    titles = lines.locator("mn[title]").evaluate_all(numbers)
    assert e["gradient"] in titles and e["learning_rate"] in titles and e["update"] in titles
    for slot in SLOTS[rule]:
        assert e["optimizer_state"]["slots"][slot] in titles
        assert e["optimizer_state_after"]["slots"][slot] in titles
    if rule == "adam":
        assert 3 in titles and 0.9 in titles and 0.999 in titles  # t and the betas
        expect(box.get_by_test_id("optimizer-formula").nth(2).locator("msqrt")).to_have_count(2)


def test_the_optimizer_part_speaks_chinese(app_page: Page) -> None:
    page = app_page
    pick(page, "adam")
    step(page)
    page.get_by_test_id("lang-zh").click()
    page.locator(LINE).click()
    expect(page.get_by_test_id("inspector-optimizer")).to_contain_text("一阶矩 m")
