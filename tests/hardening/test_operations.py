"""Operations: request logs, health and readiness, graceful shutdown, retention."""

import json
import logging
import signal
import sqlite3
import threading
import time

import httpx
import pytest


def request_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "backprop.requests"]


def test_one_json_log_line_per_request(client, new_network, caplog):
    nid = new_network(client)["id"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="backprop.requests"):
        client.post(f"/api/networks/{nid}/step", json={})
        client.get("/healthz")
        client.get("/api/networks/nope")
        client.post("/api/networks", content=b"x" * 1_000_001)
        client.post(f"/api/networks/{nid}/train", json={"steps": 0})
    lines = request_lines(caplog)
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", f"/api/networks/{nid}/step", 200),
        ("GET", "/healthz", 200),
        ("GET", "/api/networks/nope", 404),
        ("POST", "/api/networks", 413),
        ("POST", f"/api/networks/{nid}/train", 422),
    ]
    # ids are at least 8 characters, so "nope" is not taken for one
    assert [line["network_id"] for line in lines] == [nid, None, None, None, nid]
    for line in lines:
        assert set(line) >= {"method", "path", "status", "ms", "network_id"}
        assert isinstance(line["ms"], int | float) and 0 <= line["ms"] < 60_000


def test_log_lines_carry_no_bodies_or_tokens(client, caplog):
    token = client.post("/api/networks", json={}).headers["X-Owner-Token"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="backprop.requests"):
        client.post("/api/networks", json={"name": "secret-name"}, headers={"X-Owner-Token": token})
    (line,) = [r.getMessage() for r in caplog.records if r.name == "backprop.requests"]
    assert "secret" not in line and token not in line


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


@pytest.mark.parametrize("damage", ["corrupt", "directory"])
def test_readyz_is_503_when_the_database_is_unusable(client, settings, damage):
    db = client.app.state.db
    assert client.get("/readyz").status_code == 200
    db.close()  # drop open connections so the next request opens the damaged file
    for suffix in ("-wal", "-shm"):
        settings.db_path.with_name(settings.db_path.name + suffix).unlink(missing_ok=True)
    if damage == "corrupt":
        settings.db_path.write_bytes(b"this is not a database " * 1000)
    else:
        settings.db_path.unlink()
        settings.db_path.mkdir()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"detail": "database unavailable"}
    assert "Traceback" not in response.text
    assert client.get("/healthz").status_code == 200  # alive, just not ready


def test_retention_deletes_networks_idle_too_long(make_client, new_network, settings):
    client = make_client()
    old = [new_network(client)["id"] for _ in range(3)]
    fresh = new_network(client)["id"]
    day = 86400
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute(
            "UPDATE networks SET updated_at = updated_at - ? WHERE id IN (?, ?, ?)",
            (10 * day, *old),
        )
        conn.execute("UPDATE networks SET updated_at = updated_at - ? WHERE id = ?", (day, fresh))
    conn.close()
    client.__exit__(None, None, None)

    restarted = make_client(retention_days=7)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        listed = {n["id"] for n in restarted.get("/api/networks").json()}
        if not listed & set(old):
            break
        time.sleep(0.05)
    assert listed == {fresh}
    for nid in old:
        assert restarted.get(f"/api/networks/{nid}").status_code == 404
    with sqlite3.connect(settings.db_path) as conn:  # history and snapshots went too
        assert conn.execute("SELECT count(*) FROM networks").fetchone() == (1,)
        orphans = conn.execute(
            "SELECT count(*) FROM history_runs WHERE nid NOT IN (SELECT nid FROM networks)"
        ).fetchone()
        assert orphans == (0,)
    conn.close()


def test_retention_off_by_default_keeps_everything(make_client, new_network, settings):
    client = make_client()
    nid = new_network(client)["id"]
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("UPDATE networks SET updated_at = 0")
    conn.close()
    client.__exit__(None, None, None)
    again = make_client()
    time.sleep(0.2)
    assert again.get(f"/api/networks/{nid}").status_code == 200


def test_sigterm_lets_a_running_train_finish_and_commit(serve):
    """SIGTERM during a train of a few hundred ms: the train answers 200 and is kept."""
    env = {"BACKPROP_MAX_WORK": str(10**13), "BACKPROP_MAX_TRAIN_STEPS": "1000000"}
    server = serve(env=env)
    with server.client() as http:
        body = {"layers": [2, 64, 64, 1], "dataset": "spiral", "batch_size": 32, "seed": 1}
        nid = http.post("/api/networks", json=body).json()["id"]
        steps, elapsed = 50, 0.0
        while elapsed < 0.1:
            steps *= 2
            started = time.perf_counter()
            assert http.post(f"/api/networks/{nid}/train", json={"steps": steps}).status_code == 200
            elapsed = time.perf_counter() - started
        steps = int(steps * 0.6 / elapsed)  # about 600 ms
        before = http.get(f"/api/networks/{nid}").json()["step"]

    outcome: dict = {}

    def train() -> None:
        try:
            with server.client() as own:
                outcome["response"] = own.post(f"/api/networks/{nid}/train", json={"steps": steps})
        except httpx.HTTPError as exc:  # reported by the assertions below
            outcome["error"] = repr(exc)

    trainer = threading.Thread(target=train, daemon=True)
    trainer.start()
    time.sleep(0.15)
    server.signal(signal.SIGTERM)
    trainer.join(timeout=30)
    assert not trainer.is_alive()
    # uvicorn re-raises the signal after its graceful shutdown, so -SIGTERM is a clean exit
    assert server.wait(timeout=30) in (0, -signal.SIGTERM), server.output()
    assert "Finished server process" in server.output()
    assert "error" not in outcome, (outcome, server.output())
    response = outcome["response"]
    assert response.status_code == 200, response.text
    assert response.json()["step"] == before + steps

    restarted = serve(env=env, db=server.db)
    with restarted.client() as http:
        state = http.get(f"/api/networks/{nid}").json()
        assert state["step"] == before + steps
        assert state["weights"] == response.json()["network"]["weights"]
