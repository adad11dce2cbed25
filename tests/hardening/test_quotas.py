"""Quotas in shared mode, compact datasets and bounded history: storage cannot grow without end."""

import json
import random
import sqlite3
import threading
from pathlib import Path

NETWORKS = "/api/networks"


def token_of(response) -> dict:
    """Headers that act as the client a create response handed its owner token to."""
    assert response.status_code == 201, response.text
    return {"X-Owner-Token": response.headers["X-Owner-Token"]}


def inline(rows: int, columns: int = 2, seed: int = 0) -> dict:
    """A create body on `rows` random inline rows of `columns` inputs and one 0/1 target."""
    rng = random.Random(seed)
    inputs = [[rng.uniform(-1, 1) for _ in range(columns)] for _ in range(rows)]
    targets = [[float(rng.random() < 0.5)] for _ in range(rows)]
    return {"layers": [columns, 3, 1], "dataset": {"inputs": inputs, "targets": targets}}


def stored(db: Path, sql: str, *args) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def test_networks_per_client_are_capped_and_a_refusal_changes_nothing(make_client, settings):
    client = make_client(shared=True, max_networks_per_owner=3)
    alice = token_of(client.post(NETWORKS, json={"preset": "xor"}))
    client.cookies.clear()
    for _ in range(2):
        assert client.post(NETWORKS, json={"preset": "xor"}, headers=alice).status_code == 201
    refused = client.post(NETWORKS, json={"preset": "xor"}, headers=alice)
    assert refused.status_code == 429
    assert "at most 3 networks" in refused.json()["detail"]
    assert "BACKPROP_MAX_NETWORKS_PER_OWNER" in refused.json()["detail"]
    first = client.get(NETWORKS, headers=alice).json()[0]["id"]
    export = client.get(f"{NETWORKS}/{first}/export").json()
    assert client.post(f"{NETWORKS}/import", json=export, headers=alice).status_code == 429
    assert len(client.get(NETWORKS, headers=alice).json()) == 3
    assert stored(settings.db_path, "SELECT count(*) FROM networks") == (3,)
    client.cookies.clear()
    assert client.post(NETWORKS, json={"preset": "xor"}).status_code == 201  # another client
    assert client.delete(f"{NETWORKS}/{first}", headers=alice).status_code == 204
    assert client.post(NETWORKS, json={"preset": "xor"}, headers=alice).status_code == 201


def test_local_mode_has_no_per_client_quota(make_client):
    client = make_client(max_networks_per_owner=1, max_owner_bytes=1, max_db_bytes=1)
    for _ in range(3):
        assert client.post(NETWORKS, json={"preset": "xor"}).status_code == 201


def test_stored_bytes_per_client_are_capped(make_client, settings):
    client = make_client(shared=True, max_owner_bytes=30_000)
    body = inline(1000)  # 2,000 float64 inputs and 1,000 0/1 targets: 17,000 bytes stored
    alice = token_of(client.post(NETWORKS, json=body))
    refused = client.post(NETWORKS, json=body, headers=alice)
    assert refused.status_code == 429
    detail = refused.json()["detail"]
    assert "over the 30000 allowed" in detail and "BACKPROP_MAX_OWNER_BYTES" in detail
    assert stored(settings.db_path, "SELECT count(*) FROM networks") == (1,)
    small = client.post(NETWORKS, json={"preset": "xor"}, headers=alice)
    assert small.status_code == 201  # a built-in dataset is stored by name: it still fits


def test_undo_copies_count_against_the_bytes_quota(make_client):
    client = make_client(shared=True, max_owner_bytes=200_000)
    body = {"layers": [2, 64, 64, 1], "dataset": "xor"}  # 4,417 parameters: 35 kB a copy
    created = client.post(NETWORKS, json=body)
    alice, nid = token_of(created), created.json()["id"]
    assert client.post(NETWORKS, json={"preset": "xor"}, headers=alice).status_code == 201
    for _ in range(6):  # each single step keeps a copy of the parameters for undo
        assert client.post(f"{NETWORKS}/{nid}/step", json={}, headers=alice).status_code == 200
    refused = client.post(NETWORKS, json={"preset": "xor"}, headers=alice)
    assert refused.status_code == 429 and "BACKPROP_MAX_OWNER_BYTES" in refused.json()["detail"]


def test_a_full_database_refuses_new_networks_from_anyone(make_client, settings):
    make_client()  # the schema alone takes one page per table and index
    (empty,) = stored(
        settings.db_path, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"
    )
    client = make_client(shared=True, max_db_bytes=empty + 300_000)
    created = 0
    for seed in range(40):
        client.cookies.clear()  # a new client each time: the per-client quota does not help
        response = client.post(NETWORKS, json=inline(2000, seed=seed))
        if response.status_code == 507:
            break
        assert response.status_code == 201, response.text
        created += 1
    assert response.status_code == 507 and "BACKPROP_MAX_DB_BYTES" in response.json()["detail"]
    assert 5 <= created < 10  # about 300 KB past the schema, of 34 KB datasets
    assert stored(settings.db_path, "SELECT count(*) FROM networks") == (created,)


def test_quota_responses_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (NETWORKS, f"{NETWORKS}/import"):
        assert {"429", "507"} <= set(paths[path]["post"]["responses"])


def test_a_1_mb_inline_dataset_is_stored_as_its_float64_bytes(make_client, settings):
    client = make_client(max_body_bytes=2_000_000)
    body = inline(800, columns=60)
    size = len(json.dumps(body))
    assert 0.9e6 < size < 1.1e6
    nid = client.post(NETWORKS, json=body).json()["id"]
    numbers = 800 * 61
    (header, rows) = stored(
        settings.db_path,
        "SELECT length(CAST(dataset AS BLOB)), length(dataset_rows) FROM networks WHERE id = ?",
        nid,
    )
    assert rows == 8 * 800 * 60 + 800  # float64 inputs, 0/1 targets a byte each
    assert header + rows < 1.1 * 8 * numbers
    back = client.get(f"{NETWORKS}/{nid}/dataset").json()
    assert back["inputs"] == body["dataset"]["inputs"]  # every bit: JSON floats round-trip
    assert back["targets"] == body["dataset"]["targets"]


def test_history_is_thinned_to_its_budget_and_keeps_the_curve(make_client, tmp_path):
    thin = make_client(max_history_rows=100)
    full = make_client(db_path=tmp_path / "full.sqlite3")
    ids = []
    for client in (thin, full):
        nid = client.post(NETWORKS, json={"preset": "xor", "seed": 5}).json()["id"]
        for _ in range(20):
            assert client.post(f"{NETWORKS}/{nid}/train", json={"steps": 50}).status_code == 200
        ids.append(nid)
    kept = thin.get(f"{NETWORKS}/{ids[0]}/history").json()
    every = full.get(f"{NETWORKS}/{ids[1]}/history").json()
    assert len(every["steps"]) == 1000 and len(kept["steps"]) <= 100
    assert kept["steps"] == sorted(kept["steps"])
    assert kept["steps"][-50:] == every["steps"][-50:]  # the newest steps, every one
    assert kept["steps"][0] <= 32  # and the curve still starts at the start
    losses = dict(zip(every["steps"], every["losses"]))
    assert all(losses[s] == loss for s, loss in zip(kept["steps"], kept["losses"]))
    assert thin.post(f"{NETWORKS}/{ids[0]}/undo").status_code == 200
    assert thin.get(f"{NETWORKS}/{ids[0]}/history").json()["steps"][-1] == 999


def test_concurrent_creates_on_a_real_server_stop_exactly_at_the_quota(serve):
    env = {"BACKPROP_SHARED": "1", "BACKPROP_MAX_NETWORKS_PER_OWNER": "4"}
    server = serve(env=env, args=("--workers", "2"))
    with server.client() as http:
        alice = token_of(http.post(NETWORKS, json={"preset": "xor"}))
    statuses: list[int] = []

    def create() -> None:
        with server.client() as http:
            statuses.append(http.post(NETWORKS, json=inline(200), headers=alice).status_code)

    threads = [threading.Thread(target=create) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] * 3 + [429] * 9
    with server.client() as http:
        assert len(http.get(NETWORKS, headers=alice).json()) == 4
