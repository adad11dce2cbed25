"""The optimizer's settings on the page: their fields are GET /api/config's, each edit is a
PATCH, and a refused value stays in its field with the server's reason beside it."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_fields import refused_only
from .test_own_data import after_change, revision, state


def pick(page: Page, name: str) -> None:
    before = revision(page)
    page.get_by_test_id("optimizer").select_option(name)
    after_change(page, before)


def type_in(page: Page, testid: str, text: str) -> None:
    before = revision(page)
    field = page.get_by_test_id(testid)
    field.fill(text)
    field.press("Enter")
    after_change(page, before)


def fields(page: Page) -> list[str]:
    return (
        page.get_by_test_id("optimizer-settings")
        .locator("input")
        .evaluate_all("(xs) => xs.map((x) => x.dataset.testid)")
    )


def test_each_rules_fields_are_the_configs_and_an_edit_patches(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    rules = {o["name"]: o for o in api.get("/api/config").json()["optimizers"]}
    expected = {
        name: [
            f"opt-{s['name']}-{i}" if isinstance(s["default"], list) else f"opt-{s['name']}"
            for s in rule["settings"]
            for i in range(len(s["default"]) if isinstance(s["default"], list) else 1)
        ]
        for name, rule in rules.items()
    }
    assert fields(page) == expected["sgd"] == ["opt-momentum", "opt-nesterov"]
    expect(page.get_by_test_id("opt-momentum")).to_have_value("0")
    momentum = {s["name"]: s for s in rules["sgd"]["settings"]}["momentum"]
    low, high = momentum["minimum"], momentum["maximum"]
    shut = ")" if momentum["exclusive_maximum"] else "]"
    title = page.get_by_test_id("opt-momentum").get_attribute("title")
    assert f"in [{low:g}, {high:g}{shut}" in title

    type_in(page, "opt-momentum", "0.9")
    before = revision(page)
    page.get_by_test_id("opt-nesterov").check()
    after_change(page, before)
    expect(page.get_by_test_id("curl")).to_contain_text('"nesterov":true')
    assert state(api, page)["optimizer"] == {"name": "sgd", "momentum": 0.9, "nesterov": True}

    pick(page, "adam")
    assert fields(page) == expected["adam"] == ["opt-betas-0", "opt-betas-1", "opt-eps"]
    expect(page.get_by_test_id("opt-betas-1")).to_have_value("0.999")
    type_in(page, "opt-betas-0", "0.8")
    type_in(page, "opt-eps", "1e-6")
    assert state(api, page)["optimizer"] == {"name": "adam", "betas": [0.8, 0.999], "eps": 1e-6}
    pick(page, "rmsprop")
    assert fields(page) == expected["rmsprop"]
    type_in(page, "opt-alpha", "0.5")
    assert state(api, page)["optimizer"] == {"name": "rmsprop", "alpha": 0.5, "eps": 1e-8}


def test_a_refused_setting_stays_with_the_servers_reason(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    page = app_page
    before = state(api, page)
    field = page.get_by_test_id("opt-momentum")
    field.fill("1.5")
    field.press("Enter")
    error = page.get_by_test_id("opt-momentum-error")
    expect(error).to_contain_text("less than 1")
    expect(field).to_have_value("1.5")
    expect(field).to_have_attribute("aria-invalid", "true")
    # Nesterov with no momentum: torch's rule, the server's words; the box shows the
    # network's value again (a click, not check(): the refusal unticks it)
    nesterov = page.get_by_test_id("opt-nesterov")
    nesterov.click()
    expect(page.get_by_test_id("opt-nesterov-error")).to_contain_text("momentum above 0")
    expect(nesterov).not_to_be_checked()
    expect(nesterov).to_have_attribute("aria-invalid", "true")
    wait_idle(page)
    refused_only(console)
    after = state(api, page)
    assert after["optimizer"] == before["optimizer"] and after["revision"] == before["revision"]
    # a good value clears the reason
    type_in(page, "opt-momentum", "0.5")
    expect(error).to_have_count(0)
    expect(page.get_by_test_id("opt-momentum")).to_have_value("0.5")


def test_the_settings_speak_chinese(app_page: Page) -> None:
    page = app_page
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("optimizer-settings")).to_contain_text("动量")
    assert "取值范围" in page.get_by_test_id("opt-momentum").get_attribute("title")
