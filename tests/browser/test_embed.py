"""/embed in Chromium: the graph with only the chosen controls, framed only where allowed."""

import contextlib
import html
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import running_server, wait_idle

CONTROLS = ["reset", "undo", "play", "step", "speed", "step-count", "loss-value", "lang-zh"]
SHOWN = {"play", "step", "step-count", "loss-value"}  # controls=step,play,loss


def new_network(url: str) -> str:
    """A fresh XOR network on the server at `url`; its id."""
    response = httpx.post(f"{url}/api/networks", json={"preset": "xor"}, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()["id"]


class LmsPage(BaseHTTPRequestHandler):
    """Another site (its own port, so its own origin): /course?src=URL frames URL."""

    def do_GET(self):
        """The course page (anything else, like /favicon.ico, is a 404)."""
        src = parse_qs(urlparse(self.path).query).get("src", [""])[0]
        if not src:
            self.send_error(404)
            return
        body = f'<iframe src="{html.escape(src)}" width="900" height="600"></iframe>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet."""


@contextlib.contextmanager
def serving_lms(host: str) -> Iterator[str]:
    """The LMS served from a thread; its origin, named by `host` (127.0.0.1 or localhost)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), LmsPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def lms() -> Iterator[str]:
    """The LMS's origin, served from a thread."""
    with serving_lms("127.0.0.1") as origin:
        yield origin


@pytest.fixture(scope="module")
def framing_server(tmp_path_factory: pytest.TempPathFactory, lms: str) -> Iterator[str]:
    """A server whose setting lets the LMS frame /embed."""
    with running_server(tmp_path_factory.mktemp("framing"), embed_origins=[lms]) as url:
        yield url


def open_course(page: Page, lms: str, url: str, nid: str) -> None:
    """The LMS's page framing the network's /embed (goto waits for the frame, refused or not)."""
    embed = f"{url}/embed?net={nid}&controls=step"
    page.goto(f"{lms}/course?{urlencode({'src': embed})}")


def test_embed_shows_the_graph_with_only_the_chosen_controls(
    page: Page, server_url: str, api: httpx.Client
) -> None:
    nid = new_network(server_url)
    page.goto(f"{server_url}/embed?net={nid}&controls=step,play,loss")
    page.wait_for_selector("body[data-ready=true]")
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-network-id", nid)
    expect(graph.get_by_role("img", name="y₁, output")).to_be_visible()
    for control in CONTROLS:
        shown = expect(page.get_by_test_id(control))
        shown.to_be_visible() if control in SHOWN else shown.to_be_hidden()
    for region in ("library", "lesson-panel", "inspector"):
        expect(page.get_by_test_id(region)).to_be_hidden()
    page.get_by_test_id("step").click()
    wait_idle(page)
    expect(graph).to_have_attribute("data-step", "1")
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    assert api.get(f"/api/networks/{nid}").json()["step"] == 1
    page.keyboard.press("s")  # the page's shortcuts are not the frame's: only its buttons act
    wait_idle(page)
    assert api.get(f"/api/networks/{nid}").json()["step"] == 1


def test_a_listed_site_may_frame_embed(page: Page, lms: str, framing_server: str) -> None:
    nid = new_network(framing_server)
    open_course(page, lms, framing_server, nid)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_test_id("graph")).to_have_attribute("data-network-id", nid)
    expect(frame.get_by_test_id("step")).to_be_visible()
    expect(frame.get_by_test_id("play")).to_be_hidden()


def test_by_default_no_site_may_frame_it(page: Page, lms: str, server_url: str) -> None:
    nid = new_network(server_url)
    open_course(page, lms, server_url, nid)
    (child,) = page.main_frame.child_frames
    assert child.url.startswith("chrome-error://"), child.url
    assert child.locator("[data-testid=graph]").count() == 0


def test_the_page_builds_the_embed_link(app_page: Page, server_url: str) -> None:
    page = app_page
    nid = page.get_attribute("[data-testid=graph]", "data-network-id")
    page.get_by_test_id("library-embed").locator("summary").click()
    link = page.get_by_test_id("embed-link")
    expect(link).to_have_value(f"{server_url}/embed?net={nid}&controls=reset,play,step")
    page.get_by_test_id("embed-reset").uncheck()
    page.get_by_test_id("embed-loss").check()
    chosen = f"{server_url}/embed?net={nid}&controls=play,step,loss"
    expect(link).to_have_value(chosen)
    code = page.get_by_test_id("embed-iframe")
    expect(code).to_have_value(re.compile(r'^<iframe src="[^"]+&amp;controls=play,step,loss"'))
    expect(page.get_by_test_id("embed-origins")).to_contain_text("BACKPROP_EMBED_ORIGINS")
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("library-embed").locator("summary")).to_have_text("嵌入网页")
    expect(page.locator("label", has=page.get_by_test_id("embed-step"))).to_have_text("单步")
    page.goto(chosen)
    page.wait_for_selector("body[data-ready=true]")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-network-id", nid)
    expect(page.get_by_test_id("reset")).to_be_hidden()
    expect(page.get_by_test_id("loss-value")).to_be_visible()
