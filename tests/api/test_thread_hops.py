"""A request hops to the thread pool once, for its endpoint's own work: its dependencies and a
small body are handled on the event loop, and only a large body is decoded in a thread."""

import fastapi.dependencies.utils
import fastapi.routing
import pytest
from starlette import concurrency

import app.api.routing

from .helpers import NETWORKS, create

HOPPERS = (fastapi.dependencies.utils, fastapi.routing, app.api.routing)


@pytest.fixture
def hops(monkeypatch) -> list[str]:
    """The functions each request ran in the thread pool, in order."""
    ran: list[str] = []

    async def counted(func, *args, **kwargs):
        ran.append(getattr(func, "__name__", repr(func)))
        return await concurrency.run_in_threadpool(func, *args, **kwargs)

    for module in HOPPERS:
        monkeypatch.setattr(module, "run_in_threadpool", counted)
    return ran


def test_a_step_and_a_read_hop_once(client, hops):
    nid = create(client, preset="xor")["id"]
    hops.clear()
    assert client.post(f"{NETWORKS}/{nid}/step", json={}).status_code == 200
    assert hops == ["_run_sync_endpoint"]  # settings, database, lock check, body: on the loop
    hops.clear()
    assert client.get(f"{NETWORKS}/{nid}?arrays=binary").status_code == 200
    assert hops == ["_run_sync_endpoint"]


def test_a_large_body_is_decoded_in_a_thread(client, hops):
    nid = create(client, preset="xor")["id"]
    rows = [[0.125, 0.5]] * 1500  # about 20 KB of JSON: past what is decoded on the loop
    hops.clear()
    answer = client.post(f"{NETWORKS}/{nid}/forward", json={"inputs": rows})
    assert answer.status_code == 200, answer.text
    assert hops == ["decode", "_run_sync_endpoint"]
    hops.clear()
    small = client.post(f"{NETWORKS}/{nid}/forward", json={"inputs": rows[:10]})
    assert small.json()["outputs"] == answer.json()["outputs"][:10]
    assert hops == ["_run_sync_endpoint"]
