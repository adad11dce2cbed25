"""Fixtures for the hardening tests: fresh in-process apps and real server processes."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90.0  # seconds for a server process to answer /healthz (a bound for a hung start)
LOCAL = "http://127.0.0.1"  # a TestClient's base URL: a Host the server answers to


def free_port() -> int:
    """A port nothing listens on now (bind port 0 and let the OS choose)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `python -m app.cli` subprocess on a free port, configured by BACKPROP_* variables."""

    def __init__(self, db: Path, log: Path, env: dict[str, str], args: tuple[str, ...] = ()):
        self.db, self.log, self.env, self.args = db, log, env, args
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Server":
        """Start the process and wait until /healthz answers."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")}
        env.update(self.env)
        cmd = [sys.executable, "-m", "app.cli", "--port", str(self.port), "--db", str(self.db)]
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [*cmd, *self.args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {START_TIMEOUT} s:\n{self.output()}")

    def client(self, **kwargs) -> httpx.Client:
        """An HTTP client for this server (every call times out)."""
        return httpx.Client(base_url=self.url, timeout=kwargs.pop("timeout", 60.0), **kwargs)

    def signal(self, sig: int) -> None:
        """Send a signal to the server process."""
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        """Wait for the process to exit; its return code."""
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers; always reaps the process."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def output(self) -> str:
        """What the server printed so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start real servers: serve(env={...}, db=path); every one is stopped at teardown."""
    started: list[Server] = []

    def start(
        env: dict[str, str] | None = None, db: Path | None = None, args: tuple[str, ...] = ()
    ) -> Server:
        log = tmp_path / f"server-{len(started)}.log"
        server = Server(db or tmp_path / "backprop.sqlite3", log, env or {}, args)
        started.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Local-mode settings with a database in the test's temporary directory."""
    return Settings(db_path=tmp_path / "backprop.sqlite3")


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """make_client(**settings) -> a TestClient on a fresh app; closed at teardown."""
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:
        overrides.setdefault("db_path", tmp_path / "backprop.sqlite3")
        client = TestClient(create_app(Settings(**overrides)), base_url=LOCAL)
        client.__enter__()
        clients.append(client)
        return client

    try:
        yield make
    finally:
        for client in reversed(clients):
            client.__exit__(None, None, None)


@pytest.fixture
def client(make_client) -> TestClient:
    """A TestClient on a fresh local-mode app."""
    return make_client()


@pytest.fixture
def new_network() -> Callable[..., dict]:
    """new_network(client, **body) -> the created network's state (asserting 201)."""

    def create(client, headers: dict | None = None, **body) -> dict:
        response = client.post("/api/networks", json=body or {"preset": "xor"}, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    return create
