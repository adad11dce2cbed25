"""/embed on a shared server, framed by another site: the viewer's buttons train a copy."""

from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Page, Request, expect

from .conftest import running_server
from .test_embed import serving_lms
from .test_xor_honest import shot


@pytest.fixture(scope="module")
def lms() -> Iterator[str]:
    """The LMS as http://localhost:port: another *site* than 127.0.0.1, so the frame is
    cross-site (its SameSite=Lax owner cookie is neither sent nor stored)."""
    with serving_lms("localhost") as origin:
        yield origin


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory: pytest.TempPathFactory, lms: str) -> Iterator[str]:
    """A shared-mode server that lets the LMS frame /embed."""
    folder = tmp_path_factory.mktemp("embed-shared")
    with running_server(folder, shared=True, embed_origins=[lms]) as url:
        yield url


def state(url: str, nid: str) -> dict:
    """The network's state, read by an outsider (anyone may watch in shared mode)."""
    response = httpx.get(f"{url}/api/networks/{nid}", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def authors_network(url: str) -> str:
    """An XOR network of the page's author (their own client and token), stepped once, so
    the original has a step to undo; its id."""
    with httpx.Client(base_url=url, timeout=30) as author:
        made = author.post("/api/networks", json={"preset": "xor"})
        assert made.status_code == 201, made.text
        nid = made.json()["id"]
        assert author.post(f"/api/networks/{nid}/step", json={}).status_code == 200
    return nid


def test_a_framed_viewer_steps_a_copy_of_their_own(page: Page, lms: str, shared_url: str) -> None:
    nid = authors_network(shared_url)
    original = state(shared_url, nid)
    assert original["undo_available"]
    tokens: list[str | None] = []

    def seen(request: Request) -> None:
        if request.method == "POST" and request.url.endswith(("/step", "/undo")):
            tokens.append(request.headers.get("x-owner-token"))

    page.on("request", seen)
    embed = f"{shared_url}/embed?net={nid}&controls=undo,step,loss"
    page.goto(f"{lms}/course?{urlencode({'src': embed})}")
    frame = page.frame_locator("iframe")
    graph, note = frame.get_by_test_id("graph"), frame.get_by_test_id("embed-note")
    expect(graph).to_have_attribute("data-network-id", nid)
    expect(note).to_contain_text(f"“{original['name']}”, shared by this page’s author.")
    expect(note).to_contain_text("a copy of your own")
    expect(frame.get_by_test_id("undo")).to_be_disabled()  # nothing of the viewer's to undo

    frame.get_by_test_id("step").click()
    expect(note).to_contain_text(f"Your own copy of “{original['name']}”")
    expect(graph).not_to_have_attribute("data-network-id", nid)
    copy = graph.get_attribute("data-network-id")
    assert copy
    expect(graph).to_have_attribute("data-step", "2")  # the fork goes on from the author's step
    expect(frame.get_by_test_id("step-count")).to_have_text("2")
    frame.get_by_test_id("step").click()  # the same copy again, no second fork
    expect(graph).to_have_attribute("data-step", "3")
    expect(graph).to_have_attribute("data-network-id", copy)
    frame.get_by_test_id("undo").click()
    expect(graph).to_have_attribute("data-step", "2")
    frame.locator("body[data-idle=true]").wait_for(state="attached")
    page.locator("iframe").screenshot(path=shot("embed-shared.png"))

    mine = state(shared_url, copy)
    assert mine["step"] == 2 and mine["name"] == f"{original['name']} (fork)"
    now = state(shared_url, nid)
    assert now["step"] == 1 and now["revision"] == original["revision"]
    assert now["weights"] == original["weights"]
    # the copy's token came back in X-Owner-Token and rode with every call (no cookie needed)
    assert len(tokens) == 3 and tokens[0] and tokens.count(tokens[0]) == 3
    refused = httpx.post(
        f"{shared_url}/api/networks/{nid}/step",
        headers={"X-Owner-Token": tokens[0]},
        json={},
        timeout=30,
    )
    assert refused.status_code == 403  # the viewer's token may change their copy, not the original
