"""The API docs link and a server that stops answering, in Chromium."""

import re

import httpx
from playwright.sync_api import Page, Route, expect

from .conftest import Console, wait_idle


def test_the_page_links_to_the_api_docs_and_back(app_page: Page) -> None:
    app_page.get_by_test_id("api-docs").click()
    app_page.wait_for_url("**/docs")
    expect(app_page.locator("#swagger-ui .opblock").first).to_be_visible()
    app_page.get_by_test_id("back-to-app").click()
    app_page.wait_for_selector("body[data-ready=true]")
    expect(app_page.get_by_test_id("graph")).to_have_attribute("data-network-id", re.compile(".+"))


def test_an_unreachable_server_is_said_and_the_page_reconnects_by_itself(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    def unreachable(route: Route) -> None:
        route.abort("connectionrefused")

    app_page.route("**/api/**", unreachable)
    app_page.route("**/healthz", unreachable)
    app_page.get_by_test_id("step").click()
    banner = app_page.get_by_test_id("offline")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("does not answer")
    expect(app_page.get_by_test_id("toast")).not_to_contain_text("Failed to fetch")
    net = app_page.get_attribute("[data-testid=graph]", "data-network-id")
    # meanwhile the network moves on elsewhere; back online, the page shows what the server has
    api.post(f"/api/networks/{net}/train", json={"steps": 3})
    app_page.unroute("**/api/**")
    app_page.unroute("**/healthz")
    expect(banner).to_be_hidden(timeout=10_000)
    expect(app_page.get_by_test_id("toast")).to_contain_text("answers again")
    expect(app_page.get_by_test_id("step-count")).to_have_text("3")
    app_page.get_by_test_id("step").click()
    expect(app_page.get_by_test_id("step-count")).to_have_text("4")
    wait_idle(app_page)
    assert api.get(f"/api/networks/{net}").json()["step"] == 4
    # Chromium logs each refused request itself; nothing else went wrong
    assert all("ERR_CONNECTION_REFUSED" in e for e in console.errors), console.errors
    console.errors.clear()
