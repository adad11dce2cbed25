"""Many clients stepping one network at once: every step counts once, none is lost."""

import threading

import httpx

from app.main import create_app
from app.settings import Settings

from .helpers import NETWORKS, serve_cli, serve_in_thread

THREADS, STEPS = 8, 10


def hammer(base_url: str, network_id: str) -> list[int]:
    """THREADS clients each take STEPS steps; the status codes of every call."""
    codes: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with httpx.Client(base_url=base_url, timeout=60) as http:
                for _ in range(STEPS):
                    code = http.post(f"{NETWORKS}/{network_id}/step", json={}).status_code
                    with lock:
                        codes.append(code)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a client hung"
    assert not errors, errors
    return codes


def check_no_step_lost(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        created = http.post(NETWORKS, json={"preset": "circle", "seed": 1})
        assert created.status_code == 201
        nid = created.json()["id"]
        codes = hammer(base_url, nid)
        assert codes == [200] * (THREADS * STEPS)
        final = http.get(f"{NETWORKS}/{nid}").json()
        assert final["step"] == THREADS * STEPS == codes.count(200)
        assert final["revision"] == THREADS * STEPS
        history = http.get(f"{NETWORKS}/{nid}/history").json()
        assert history["steps"] == list(range(1, THREADS * STEPS + 1))
        # every step started from the one before: undo walks back one at a time
        undone = http.post(f"{NETWORKS}/{nid}/undo").json()
        assert undone["step"] == THREADS * STEPS - 1


def test_threads_on_one_server(tmp_path):
    with serve_in_thread(create_app(Settings(db_path=tmp_path / "t.sqlite3"))) as base_url:
        check_no_step_lost(base_url)


def test_two_worker_processes(tmp_path):
    with serve_cli(tmp_path / "t.sqlite3", 2, tmp_path / "server.log") as base_url:
        check_no_step_lost(base_url)
