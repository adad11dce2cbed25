"""Typed fields in Chromium: a refused value stays with the server's reason; units are typed."""

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle

GRAPH = "[data-testid=graph]"


def shown(page: Page, api: httpx.Client) -> dict:
    """The NetworkState of the network the page shows, from the API."""
    return api.get(f"/api/networks/{page.get_attribute(GRAPH, 'data-network-id')}").json()


def type_in(page: Page, testid: str, text: str) -> None:
    """Type a value into a field and press Enter, as a user does; wait for the page."""
    field = page.get_by_test_id(testid)
    field.fill(text)
    field.press("Enter")
    wait_idle(page)


def refused_only(console: Console) -> None:
    """Every console error was Chromium logging a refused (422) request; forget them."""
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("learning-rate", "-1", "greater than 0"),
        ("learning-rate", "1,5", "with a point"),
        ("learning-rate", "1e20", "less than or equal to 1000"),
        ("learning-rate", "fast", "not a number"),
        ("batch-size", "2.5", "whole number"),
        ("batch-size", "1e20", "whole number"),
        ("batch-size", "5", "4 training examples"),
    ],
)
def test_a_refused_value_stays_in_its_field_with_the_reason(
    app_page: Page, api: httpx.Client, console: Console, field: str, text: str, reason: str
) -> None:
    before = shown(app_page, api)
    type_in(app_page, field, text)
    expect(app_page.get_by_test_id(f"{field}-error")).to_contain_text(reason)
    expect(app_page.get_by_test_id(field)).to_have_value(text)
    expect(app_page.get_by_test_id(field)).to_have_attribute("aria-invalid", "true")
    expect(app_page.get_by_test_id("toast")).to_be_hidden()
    after = shown(app_page, api)
    assert (after["revision"], after["learning_rate"], after["batch_size"]) == (
        before["revision"],
        before["learning_rate"],
        before["batch_size"],
    )
    # a step does not put the old value back over what the user typed
    app_page.get_by_test_id("step").click()
    wait_idle(app_page)
    expect(app_page.get_by_test_id(field)).to_have_value(text)
    refused_only(console)


def test_an_accepted_value_clears_the_reason_and_shows_what_the_field_holds(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    type_in(app_page, "learning-rate", "-1")
    expect(app_page.get_by_test_id("learning-rate-error")).to_be_visible()
    type_in(app_page, "learning-rate", "0.0001")
    expect(app_page.get_by_test_id("learning-rate-error")).to_be_hidden()
    assert shown(app_page, api)["learning_rate"] == 0.0001
    field = app_page.get_by_test_id("learning-rate")
    expect(field).to_have_value("0.0001")
    # the whole text fits in the field: nothing is cut off
    assert field.evaluate("e => e.scrollWidth <= e.clientWidth")
    type_in(app_page, "batch-size", "2")
    assert shown(app_page, api)["batch_size"] == 2
    expect(app_page.get_by_test_id("batch-size")).to_have_value("2")
    refused_only(console)


def test_a_refused_seed_keeps_the_network_and_a_good_one_makes_it(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    before = shown(app_page, api)
    type_in(app_page, "seed", "2.5")
    expect(app_page.get_by_test_id("seed-error")).to_contain_text("whole number")
    expect(app_page.get_by_test_id("seed")).to_have_value("2.5")
    assert shown(app_page, api)["id"] == before["id"]
    type_in(app_page, "seed", "42")
    expect(app_page.get_by_test_id("seed-error")).to_be_hidden()
    assert shown(app_page, api)["seed"] == 42
    refused_only(console)


def test_units_are_typed_within_the_servers_limits(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    most = api.get("/api/config").json()["limits"]["max_units"]
    units = app_page.get_by_test_id("units-1")
    label = f"units of hidden 1 (1 to {most}); type a number and press Enter"
    expect(units).to_have_attribute("aria-label", label)
    before = shown(app_page, api)
    type_in(app_page, "units-1", str(most + 1))
    expect(app_page.get_by_test_id("units-1-error")).to_contain_text(str(most))
    expect(units).to_have_value(str(most + 1))
    assert shown(app_page, api)["id"] == before["id"]
    type_in(app_page, "units-1", str(most))
    expect(app_page.get_by_test_id("units-1-error")).to_have_count(0)
    state = shown(app_page, api)
    assert state["id"] != before["id"] and state["layers"] == [2, most, 1]
    expect(units).to_have_value(str(most))
    expect(app_page.get_by_test_id("graph")).to_have_attribute("data-network-id", state["id"])
    refused_only(console)
