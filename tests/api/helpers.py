"""Shared helpers for the REST API tests: requests, engine cross-checks, real servers."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import uvicorn

from app.engine import Network

ROOT = Path(__file__).resolve().parents[2]
NETWORKS = "/api/networks"
XOR_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]  # the truth table's rows, in order
# the settings a create takes and a state reports
SETTINGS = (
    "layers",
    "hidden_activation",
    "output_activation",
    "loss",
    "learning_rate",
    "batch_size",
    "use_bias",
)
LOCAL = "http://127.0.0.1"  # a TestClient's base URL: a Host the server answers to


def create(client, expect: int = 201, **body) -> dict:
    """POST /api/networks and return the new NetworkState."""
    response = client.post(NETWORKS, json=body)
    assert response.status_code == expect, response.text
    return response.json()


def state(client, network_id: str) -> dict:
    """GET the network's NetworkState."""
    response = client.get(f"{NETWORKS}/{network_id}")
    assert response.status_code == 200, response.text
    return response.json()


def step(client, network_id: str, **body) -> dict:
    """POST one step and return the StepResult."""
    response = client.post(f"{NETWORKS}/{network_id}/step", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def post_raw(client, url: str, text: str, method: str = "POST"):
    """Send JSON text as it is (NaN, Infinity, 1e400: things json.dumps refuses to write)."""
    return client.request(
        method, url, content=text.encode(), headers={"content-type": "application/json"}
    )


def assert_names(response, field: str | int, anywhere: bool = False) -> None:
    """A 422 whose first error (or any error, for union bodies) has `field` in its loc."""
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail, detail
    locs = [e["loc"] for e in detail] if anywhere else [detail[0]["loc"]]
    assert any(field in loc for loc in locs), (field, detail)


def engine_network(s: dict) -> Network:
    """The engine's Network with exactly the parameters (and penalty) of a NetworkState."""
    return Network(
        s["layers"],
        s["hidden_activation"],
        s["output_activation"],
        s["loss"],
        s["use_bias"],
        [np.array(w, dtype=float) for w in s["weights"]],
        [np.array(b, dtype=float) for b in s["biases"]],
        regularization=s.get("regularization", "none"),
        regularization_rate=s.get("regularization_rate", 0.0),
    )


def bits(params: list) -> list[bytes]:
    """Every array of a parameter list as raw float64 bytes: equal means equal to the bit."""
    return [np.array(p, dtype="<f8").tobytes() for p in params]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base_url: str, timeout: float = 20.0, proc: subprocess.Popen | None = None):
    """Poll /healthz until it answers 200, or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/healthz", timeout=1.0).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError(f"{base_url} did not become healthy in {timeout} s")


@contextlib.contextmanager
def serve_in_thread(app) -> Iterator[str]:
    """A real uvicorn server for `app` in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
        http="h11",
        loop="asyncio",
        lifespan="on",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 90  # a bound for a hung start, not a wait
        while not server.started:
            assert thread.is_alive(), "uvicorn stopped during startup"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        assert not thread.is_alive(), "uvicorn did not stop"


@contextlib.contextmanager
def serve_cli(db_path: Path, workers: int, log_path: Path) -> Iterator[str]:
    """`python -m app.cli --workers N` in a subprocess; always terminated at the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.cli",
                "--workers",
                str(workers),
                "--port",
                str(port),
                "--db",
                str(db_path),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_healthy(base_url, proc=proc)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, dict]]:
    """(event name, parsed data) from the lines of a text/event-stream."""
    name, data = None, []
    for line in lines:
        if line == "":
            if name is not None:
                yield name, json.loads("\n".join(data) or "{}")
            name, data = None, []
        elif line.startswith("event:"):
            name = line[len("event:") :].strip()
        elif line.startswith("data:"):
            data.append(line[len("data:") :].strip())


def refused(client, s: dict, response, field, status: int = 422, anywhere: bool = False):
    """The request was refused naming `field`, and the network is exactly as it was."""
    if status == 422:
        assert_names(response, field, anywhere)
    else:
        assert response.status_code == status, response.text
    assert state(client, s["id"]) == s
    history = client.get(f"{NETWORKS}/{s['id']}/history").json()
    assert history["steps"] == list(range(1, s["step"] + 1))
