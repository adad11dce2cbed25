"""Browser tests: a real uvicorn server on a free port with a temp database, and Chromium."""

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 800}
SERVER_START_SECONDS = 90  # a bound for a hung start; a loaded machine imports the app in ~20 s
# Started with `python -c` so the app is built exactly as create_app(Settings(db_path=...)),
# with any other settings given as JSON.
SERVER_CODE = """
import json
import sys
from pathlib import Path
import uvicorn
from app.main import create_app
from app.settings import Settings
app = create_app(Settings(db_path=Path(sys.argv[1]), **json.loads(sys.argv[3])))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Chromium from the system, headless, without background traffic."""
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Every page at 1280x800, the smallest size the UI is designed for."""
    return {**browser_context_args, "viewport": VIEWPORT}


@contextmanager
def running_server(folder: Path, **settings: object) -> Iterator[str]:
    """A live uvicorn server (subprocess, SQLite database in `folder`); yields its URL."""
    port = free_port()
    log = (folder / "server.log").open("wb")  # a file, not a pipe: a full pipe would block it
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SERVER_CODE,
            str(folder / "t.sqlite3"),
            str(port),
            json.dumps(settings),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            output = (folder / "server.log").read_text(errors="replace")
            raise RuntimeError(f"the server did not start:\n{output}")
        time.sleep(0.1)  # polling the health check until it answers
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a live server with the default settings."""
    with running_server(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(server_url: str) -> str:
    """The live server, for page.goto("/") (this also replaces pytest-base-url's fixture,
    whose instance-method form pytest now warns about)."""
    return server_url


@pytest.fixture(scope="session")
def api(server_url: str) -> Iterator[httpx.Client]:
    """An HTTP client for the REST API."""
    with httpx.Client(base_url=server_url, timeout=30) as client:
        yield client


@dataclass
class Console:
    """Console errors and uncaught page errors seen during a test."""

    errors: list[str] = field(default_factory=list)


@pytest.fixture
def console(page: Page) -> Console:
    """Collects console 'error' messages and pageerror events of `page`."""
    seen = Console()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(f"pageerror: {e}"))
    return seen


def wait_idle(page: Page) -> None:
    """Wait until the page has nothing queued, fetching or playing (body[data-idle=true])."""
    page.wait_for_selector("body[data-idle=true]", state="attached")


@pytest.fixture
def app_page(page: Page, server_url: str, console: Console) -> Iterator[Page]:
    """The visualizer loaded with a fresh default network; fails on any console error."""
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("[data-testid=graph][data-network-id]")
    yield page
    assert console.errors == []
