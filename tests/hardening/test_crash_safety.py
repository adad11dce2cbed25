"""Crash safety: kill -9 the server in the middle of a long train, restart, lose nothing."""

import contextlib
import signal
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest

from app.store import history as runs

UNDO_DEPTH = 20
ENV = {
    "BACKPROP_MAX_WORK": str(10**13),
    "BACKPROP_MAX_TRAIN_STEPS": "1000000",
    "BACKPROP_UNDO_DEPTH": str(UNDO_DEPTH),
}
PRESETS = ["xor", "perceptron-xor", "article", "softmax", "circle", "spiral"]


def check_consistent(db: Path, undone: bool = False) -> dict[str, int]:
    """Every network's step, history and undo snapshots agree; {id: step}.

    Snapshots reach back at least UNDO_DEPTH steps from `step` (fewer after an undo).
    """
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        steps = {}
        for nid, id_, step, params in conn.execute("SELECT nid, id, step, params FROM networks"):
            history = [r[0] for r in runs.rows(conn, nid)]
            assert sorted(history) == list(range(1, step + 1)), id_
            kept = [
                (s, len(p))
                for s, p in conn.execute(
                    "SELECT step, params FROM snapshots WHERE nid = ? ORDER BY step", (nid,)
                )
            ]
            # undo can reach back from `step`: snapshots (a train call keeps a checkpoint at
            # its first step and one before its last; undo replays the ones in between)
            if step:
                assert kept and kept[-1][0] <= step, id_
                assert undone or kept[0][0] <= max(1, step - UNDO_DEPTH + 1), id_
            assert all(size == len(params) for _, size in kept), id_
            steps[id_] = step
        return steps
    finally:
        conn.close()


@pytest.mark.parametrize("run", [1, 2])
def test_kill_9_during_a_long_train_loses_nothing_committed(serve, tmp_path, run):
    db = tmp_path / "crash.sqlite3"
    server = serve(env=ENV, db=db)
    with server.client() as http:
        # networks made (and some stepped) before the crash
        kept = {}
        for k, preset in enumerate(PRESETS):
            nid = http.post("/api/networks", json={"preset": preset, "seed": k}).json()["id"]
            for _ in range(k):
                assert http.post(f"/api/networks/{nid}/step", json={}).status_code == 200
            kept[nid] = None
        http.post(f"/api/networks/{next(iter(kept))}/train", json={"steps": 30})
        kept = {nid: http.get(f"/api/networks/{nid}").json() for nid in kept}
        histories = {nid: http.get(f"/api/networks/{nid}/history").json() for nid in kept}

        # a network stepped steadily while the crash happens, and one in a long train
        body = {"layers": [2, 64, 64, 1], "dataset": "spiral", "batch_size": 32, "seed": 5}
        busy = http.post("/api/networks", json={"preset": "xor", "seed": 9}).json()["id"]
        long = http.post("/api/networks", json=body).json()["id"]
        steps, elapsed = 50, 0.0
        while elapsed < 0.2:
            steps *= 2
            started = time.perf_counter()
            assert (
                http.post(f"/api/networks/{long}/train", json={"steps": steps}).status_code == 200
            )
            elapsed = time.perf_counter() - started
        long_steps = int(steps * 4.0 / elapsed)  # about 4 s
        long_before = http.get(f"/api/networks/{long}").json()["step"]

    acknowledged, stop = [], threading.Event()

    def step_busy() -> None:
        with server.client(timeout=10) as own:
            while not stop.is_set():
                try:
                    response = own.post(f"/api/networks/{busy}/step", json={})
                except httpx.HTTPError:
                    return
                if response.status_code == 200:
                    acknowledged.append(response.json()["network"]["step"])

    def train_long() -> None:
        with server.client(timeout=30) as own, contextlib.suppress(httpx.HTTPError):
            own.post(f"/api/networks/{long}/train", json={"steps": long_steps})  # killed

    threads = [threading.Thread(target=f, daemon=True) for f in (step_busy, train_long)]
    for thread in threads:
        thread.start()
    time.sleep(1.0 + 0.3 * run)
    server.signal(signal.SIGKILL)
    server.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()
    assert acknowledged, server.output()

    steps_now = check_consistent(db)
    assert steps_now[long] in (long_before, long_before + long_steps)
    assert acknowledged[-1] <= steps_now[busy] <= acknowledged[-1] + 1  # one may be unanswered

    restarted = serve(env=ENV, db=db)
    with restarted.client() as http:
        listed = {n["id"] for n in http.get("/api/networks").json()}
        assert listed == {*kept, busy, long}
        for nid, state in kept.items():
            assert http.get(f"/api/networks/{nid}").json() == state  # bit-identical floats
            assert http.get(f"/api/networks/{nid}/history").json() == histories[nid]

        # the busy network's parameters are those of exactly `step` steps from its start
        state = http.get(f"/api/networks/{busy}").json()
        twin = http.post("/api/networks", json={"preset": "xor", "seed": 9}).json()["id"]
        if state["step"]:
            http.post(f"/api/networks/{twin}/train", json={"steps": state["step"]})
        replayed = http.get(f"/api/networks/{twin}").json()
        assert replayed["step"] == state["step"]
        flat = [w for layer in state["weights"] for row in layer for w in row]
        twin_flat = [w for layer in replayed["weights"] for row in layer for w in row]
        assert flat == pytest.approx(twin_flat, rel=1e-9, abs=1e-12)

        for nid in [*kept, busy, long]:
            step = http.get(f"/api/networks/{nid}").json()["step"]
            stepped = http.post(f"/api/networks/{nid}/step", json={})
            assert stepped.status_code == 200, stepped.text
            assert stepped.json()["network"]["step"] == step + 1
            undone = http.post(f"/api/networks/{nid}/undo")
            assert undone.status_code == 200 and undone.json()["step"] == step
    check_consistent(db, undone=True)
