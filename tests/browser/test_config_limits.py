"""The page takes its limits from GET /api/config: a server with smaller ones gets a page
that offers less (3 hidden layers) and plays in smaller calls (50 steps a /train)."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import VIEWPORT, running_server, wait_idle

MAX_HIDDEN = 3
MAX_TRAIN_STEPS = 50


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose limits are lower than the defaults."""
    folder: Path = tmp_path_factory.mktemp("small")
    with running_server(
        folder, max_hidden_layers=MAX_HIDDEN, max_train_steps=MAX_TRAIN_STEPS
    ) as url:
        yield url


@pytest.fixture
def small_page(browser: Browser, small_server: str) -> Iterator[Page]:
    """The page on the small server, failing on any console error."""
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(small_server + "/")
    page.wait_for_selector("body[data-ready=true]")
    yield page
    page.close()
    assert errors == []


def test_the_page_offers_no_more_hidden_layers_than_the_server_allows(small_page: Page) -> None:
    add = small_page.get_by_test_id("add-layer")
    for n in range(2, MAX_HIDDEN + 1):
        add.click()
        expect(small_page.get_by_test_id("hidden-count")).to_have_text(str(n))
    expect(add).to_be_disabled()
    expect(small_page.get_by_test_id("remove-layer")).to_be_enabled()


def test_play_never_asks_for_more_steps_than_the_server_allows(small_page: Page) -> None:
    asked: list[int] = []
    small_page.on(
        "request",
        lambda r: (
            asked.append(json.loads(r.post_data)["steps"]) if r.url.endswith("/train") else None
        ),
    )
    small_page.get_by_test_id("speed").select_option("500")
    small_page.get_by_test_id("play").click()
    small_page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 200"
    )
    small_page.get_by_test_id("play").click()
    wait_idle(small_page)
    assert asked, "no /train call"
    assert max(asked) == MAX_TRAIN_STEPS, asked
