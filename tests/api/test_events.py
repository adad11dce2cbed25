"""Server-Sent Events over a real server: the state at connect, after a step, on delete."""

import queue
import threading
import time

import httpx

from app.main import create_app
from app.settings import Settings

from .helpers import NETWORKS, serve_cli, serve_in_thread, sse_events


def follow(base_url: str, network_id: str, query: str = "") -> tuple[queue.Queue, threading.Thread]:
    """Read the network's event stream in a thread; events arrive on the queue."""
    events: queue.Queue = queue.Queue()

    def read() -> None:
        try:
            timeout = httpx.Timeout(10.0, read=20.0)
            with (
                httpx.Client(base_url=base_url, timeout=timeout) as http,
                http.stream("GET", f"{NETWORKS}/{network_id}/events{query}") as response,
            ):
                events.put(("status", response.status_code, response.headers))
                for name, data in sse_events(response.iter_lines()):
                    events.put((name, data, None))
        except Exception as exc:  # handed to the test
            events.put(("error", exc, None))
        finally:
            events.put(("closed", None, None))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return events, thread


def next_event(events: queue.Queue, within: float) -> tuple:
    name, data, extra = events.get(timeout=within)
    assert name != "error", data
    return name, data, extra


def watch_step_and_delete(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        nid = http.post(NETWORKS, json={"seed": 1}).json()["id"]
        events, thread = follow(base_url, nid)
        name, status, headers = next_event(events, 10)
        assert (name, status) == ("status", 200)
        assert headers["content-type"].startswith("text/event-stream")
        name, first, _ = next_event(events, 10)
        assert name == "state" and first["id"] == nid and first["step"] == 0

        assert http.post(f"{NETWORKS}/{nid}/step", json={}).status_code == 200
        started = time.monotonic()
        name, after, _ = next_event(events, 2)
        assert time.monotonic() - started < 2
        assert name == "state" and after["step"] == 1
        assert after == http.get(f"{NETWORKS}/{nid}").json()

        patched = http.patch(f"{NETWORKS}/{nid}", json={"name": "renamed"}).json()
        name, renamed, _ = next_event(events, 2)
        assert name == "state" and renamed == patched

        assert http.delete(f"{NETWORKS}/{nid}").status_code == 204
        name, _, _ = next_event(events, 2)
        assert name == "deleted"
        assert next_event(events, 5)[0] == "closed"  # the server ends the stream
        thread.join(timeout=5)
        assert not thread.is_alive()


def test_events_on_a_server_thread(tmp_path):
    settings = Settings(db_path=tmp_path / "t.sqlite3", event_poll_seconds=0.05)
    with serve_in_thread(create_app(settings)) as base_url:
        watch_step_and_delete(base_url)


def test_events_across_worker_processes(tmp_path):
    with serve_cli(tmp_path / "t.sqlite3", 2, tmp_path / "server.log") as base_url:
        watch_step_and_delete(base_url)


def test_events_of_an_unknown_network_is_404(client):
    response = client.get(f"{NETWORKS}/nobody/events")
    assert response.status_code == 404
    assert response.json() == {"detail": "network not found"}


def test_light_events_carry_only_the_revision_and_step(tmp_path):
    settings = Settings(db_path=tmp_path / "t.sqlite3", event_poll_seconds=0.05)
    with (
        serve_in_thread(create_app(settings)) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as http,
    ):
        nid = http.post(NETWORKS, json={"seed": 1}).json()["id"]
        events, thread = follow(base_url, nid, "?light=true")
        assert next_event(events, 10)[:2] == ("status", 200)
        name, first, _ = next_event(events, 10)
        assert name == "revision" and first == {"id": nid, "revision": 0, "step": 0}
        stepped = http.post(f"{NETWORKS}/{nid}/train", json={"steps": 3}).json()["network"]
        name, after, _ = next_event(events, 2)
        assert name == "revision"
        assert after == {"id": nid, "revision": stepped["revision"], "step": 3}
        assert http.delete(f"{NETWORKS}/{nid}").status_code == 204
        assert next_event(events, 2)[0] == "deleted"
        thread.join(timeout=5)
