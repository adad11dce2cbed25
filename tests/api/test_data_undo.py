"""Undo takes back a change of the dataset or the features, exactly, within its limits."""

import sqlite3

import numpy as np
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.store.database import Database
from app.store.limits import usage

from .helpers import LOCAL, NETWORKS, XOR_INPUTS, bits, create, state

VOLATILE = ("revision", "updated_at", "undo_available", "has_last_step")


def drawn(*points: tuple[float, float, int]) -> dict:
    """XOR's four rows and these drawn points, as the page's draw mode PATCHes them."""
    rows = [(x, y, int(x) ^ int(y)) for x, y in XOR_INPUTS] + list(points)
    return {
        "name": "drawn",
        "inputs": [[x, y] for x, y, _ in rows],
        "targets": [[c] for *_, c in rows],
    }


def stored(settings: Settings, nid: str) -> tuple:
    """The network's dataset columns, cursor and built-in flag as SQLite holds them."""
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(
            "SELECT dataset, dataset_rows, cursor, json_extract(config, '$.builtin_dataset')"
            " FROM networks WHERE id = ?",
            (nid,),
        ).fetchone()


def steady(doc: dict) -> dict:
    """A NetworkState without what every write changes."""
    return {k: v for k, v in doc.items() if k not in VOLATILE}


def trained_xor(client) -> tuple[str, str]:
    """An XOR network two steps in (the cursor is off 0): (id, its URL)."""
    s = create(client, preset="xor", seed=1, batch_size=3)
    url = f"{NETWORKS}/{s['id']}"
    assert client.post(f"{url}/train", json={"steps": 2}).status_code == 200
    return s["id"], url


def test_undo_after_drawing_restores_the_rows_and_cursor_bit_for_bit(client, settings):
    nid, url = trained_xor(client)
    before, rows_before = state(client, nid), client.get(f"{url}/dataset").json()
    columns = stored(settings, nid)
    assert columns[2] == 4 and columns[3] == 1  # the cursor moved; xor is kept by name
    changed = client.patch(url, json={"dataset": drawn((0.25, 0.75, 1))}).json()
    assert (changed["dataset"]["size"], changed["undo_available"]) == (5, 3)
    assert stored(settings, nid)[2] == 0
    undone = client.post(f"{url}/undo")
    assert undone.status_code == 200, undone.text
    assert stored(settings, nid) == columns
    assert client.get(f"{url}/dataset").json() == rows_before
    assert steady(undone.json()) == steady(before)
    assert undone.json()["undo_available"] == before["undo_available"] == 2
    assert bits(undone.json()["weights"]) == bits(before["weights"])
    # then the two steps before the drawing, on the data they were taken on
    assert client.post(f"{url}/undo").json()["step"] == 1
    first = client.post(f"{url}/undo").json()
    fresh = create(client, preset="xor", seed=1, batch_size=3)
    assert (first["step"], bits(first["weights"])) == (0, bits(fresh["weights"]))
    assert stored(settings, nid)[2] == 0
    assert client.post(f"{url}/undo").status_code == 409


def test_undo_then_the_same_patch_and_steps_give_the_same_state(client):
    nid, url = trained_xor(client)
    body = {"dataset": drawn((0.5, 0.5, 1), (0.9, 0.1, 0))}
    first = client.patch(url, json=body).json()
    after = client.post(f"{url}/train", json={"steps": 5}).json()["network"]
    for left in (5, 4, 3, 2, 1):  # the steps, the drawing, then the two steps before it
        assert state(client, nid)["undo_available"] == left + 3
        assert client.post(f"{url}/undo").json()["undo_available"] == left + 2
    assert steady(client.post(f"{url}/undo").json())["dataset"]["size"] == 4
    again = client.patch(url, json=body).json()
    assert steady(again) == steady(first)
    replayed = client.post(f"{url}/train", json={"steps": 5}).json()["network"]
    assert steady(replayed) == steady(after)
    assert bits(replayed["weights"]) == bits(after["weights"])


def test_undo_walks_back_through_data_changes_features_and_regenerate(client, settings):
    s = create(client, layers=[3, 1], features=["x1", "x2", "x1_x2"], dataset="circle", seed=3)
    url = f"{NETWORKS}/{s['id']}"
    first = state(client, s["id"])
    kept = [(stored(settings, s["id"]), client.get(f"{url}/dataset").json(), first)]
    for body in (
        {"features": ["x1_squared", "x2_squared", "x1_x2"]},
        {"dataset": {"generate": "circle", "noise": 20, "data_seed": 7}},
        {"dataset": "xor"},
    ):
        assert client.patch(url, json=body).status_code == 200
        kept.append((stored(settings, s["id"]), client.get(f"{url}/dataset").json(), None))
    assert state(client, s["id"])["undo_available"] == 3
    for columns, rows, _ in reversed(kept[:-1]):
        assert client.post(f"{url}/undo").status_code == 200
        assert stored(settings, s["id"]) == columns
        assert client.get(f"{url}/dataset").json() == rows
    assert steady(state(client, s["id"])) == steady(kept[0][2])
    assert client.post(f"{url}/undo").status_code == 409


def test_a_step_after_a_data_change_is_undone_first(client):
    nid, url = trained_xor(client)
    client.patch(url, json={"dataset": drawn((0.3, 0.3, 0))})
    stepped = client.post(f"{url}/step", json={})
    assert stepped.json()["network"]["undo_available"] == 4
    back = client.post(f"{url}/undo").json()
    assert (back["step"], back["dataset"]["size"], back["undo_available"]) == (2, 5, 3)
    back = client.post(f"{url}/undo").json()
    assert (back["step"], back["dataset"]["size"], back["undo_available"]) == (2, 4, 2)
    back = client.post(f"{url}/undo").json()
    assert (back["step"], back["dataset"]["size"], back["undo_available"]) == (1, 4, 1)


def test_data_changes_past_the_depth_or_bytes_are_not_kept(make_client):
    client = make_client(undo_data_depth=3)
    nid, url = trained_xor(client)
    for k in range(5):
        client.patch(url, json={"dataset": drawn(*[(0.1 * j, 0.5, 1) for j in range(k + 1)])})
    assert state(client, nid)["undo_available"] == 3
    for size in (8, 7, 6):
        assert client.post(f"{url}/undo").json()["dataset"]["size"] == size
    # the older versions went, and with them the steps taken on the first data
    assert client.post(f"{url}/undo").status_code == 409


def test_data_versions_are_kept_within_undo_bytes(make_client, tmp_path):
    # a version of 5 to 7 rows takes 230 to 310 bytes (a JSON header, compact rows):
    # the newest two fit in 650, not three
    client = make_client(undo_bytes=650, undo_depth=1)
    s = create(client, dataset=drawn((0.0, 0.5, 1)), seed=1)
    url = f"{NETWORKS}/{s['id']}"
    for k in range(1, 4):
        client.patch(url, json={"dataset": drawn(*[(0.1, 0.1 * j, 0) for j in range(k + 1)])})
    assert state(client, s["id"])["undo_available"] == 2
    with sqlite3.connect(tmp_path / "t.sqlite3") as conn:
        sizes = conn.execute(
            "SELECT length(dataset) + length(dataset_rows) FROM data_undo ORDER BY seq"
        ).fetchall()
    assert len(sizes) == 2 and sum(n for (n,) in sizes) <= 650


def test_a_train_past_the_undo_depth_drops_the_data_version(make_client):
    client = make_client(undo_depth=3)
    nid, url = trained_xor(client)
    client.patch(url, json={"dataset": drawn((0.3, 0.3, 0))})
    client.post(f"{url}/train", json={"steps": 2})
    # two steps, the data change, then the one step before it undo's depth of 3 keeps
    assert state(client, nid)["undo_available"] == 4
    client.post(f"{url}/train", json={"steps": 4})
    left = state(client, nid)["undo_available"]
    assert left < 6  # the steps undo keeps; the change is out of reach and not stored
    for _ in range(left):
        assert client.post(f"{url}/undo").json()["dataset"]["size"] == 5
    assert client.post(f"{url}/undo").status_code == 409


def test_a_new_optimizer_clears_the_data_versions_too(client):
    nid, url = trained_xor(client)
    client.patch(url, json={"dataset": drawn((0.3, 0.3, 0))})
    changed = client.patch(url, json={"optimizer": {"name": "adam"}}).json()
    assert changed["undo_available"] == 0
    assert client.post(f"{url}/undo").status_code == 409


def test_data_versions_count_against_the_owners_bytes(client, settings):
    nid, url = trained_xor(client)
    client.patch(url, json={"dataset": drawn((0.3, 0.3, 0))})
    client.patch(url, json={"dataset": drawn((0.3, 0.3, 0), (0.6, 0.6, 1))})
    db = Database(settings.db_path)
    with db.transaction() as conn:
        (owner,) = conn.execute("SELECT owner FROM networks WHERE id = ?", (nid,)).fetchone()
        (kept,) = conn.execute(
            "SELECT sum(length(CAST(dataset AS BLOB)) + coalesce(length(dataset_rows), 0))"
            " FROM data_undo"
        ).fetchone()
        with_versions = usage(conn, owner).bytes
        conn.execute("DELETE FROM data_undo")
        assert with_versions - usage(conn, owner).bytes == kept > 0
        conn.execute("ROLLBACK")
        conn.execute("BEGIN")
    db.close()


def test_data_undo_survives_a_restart(tmp_path):
    settings = Settings(db_path=tmp_path / "t.sqlite3")
    with TestClient(create_app(settings), base_url=LOCAL) as first:
        nid, url = trained_xor(first)
        rows = first.get(f"{url}/dataset").json()
        first.patch(url, json={"dataset": drawn((0.3, 0.3, 0))})
        first.patch(url, json={"dataset": drawn((0.3, 0.3, 0), (0.7, 0.2, 1))})
    with TestClient(create_app(settings), base_url=LOCAL) as second:
        assert state(second, nid)["undo_available"] == 4
        assert second.post(f"{url}/undo").json()["dataset"]["size"] == 5
        assert second.post(f"{url}/undo").json()["undo_available"] == 2
        assert second.get(f"{url}/dataset").json() == rows
        assert second.get(f"{url}/export").json()["cursor"] == 4


def rows_of(seed: int, n: int = 100) -> dict:
    """n random points of two classes, inline."""
    rng = np.random.default_rng(seed)
    return {
        "inputs": rng.uniform(-1, 1, (n, 2)).tolist(),
        "targets": rng.integers(0, 2, (n, 1)).astype(float).tolist(),
    }


def test_a_data_change_whose_kept_versions_pass_the_quota_is_refused(make_client, tmp_path):
    client = make_client(shared=True)
    made = client.post(NETWORKS, json={"layers": [2, 3, 1], "dataset": rows_of(1)})
    owner = {"X-Owner-Token": made.headers["X-Owner-Token"]}
    url = f"{NETWORKS}/{made.json()['id']}"
    assert client.patch(url, json={"dataset": rows_of(2)}, headers=owner).status_code == 200
    db = Database(tmp_path / "t.sqlite3")
    with db.snapshot() as conn:
        (token,) = conn.execute("SELECT owner FROM networks").fetchone()
        used = usage(conn, token).bytes
    db.close()
    # the next version is as big as this one: within the quota only if kept data were free
    tight = make_client(shared=True, max_owner_bytes=used + 100)
    before = tight.get(url).json()
    refused = tight.patch(url, json={"dataset": rows_of(3)}, headers=owner)
    assert refused.status_code == 429, refused.text
    assert tight.get(url).json() == before and before["undo_available"] == 1


def test_a_divergence_right_after_a_data_change_offers_no_steps_back(client):
    far = {"inputs": [[10.0, -20.0], [30.0, 5.0], [-8.0, 12.0]], "targets": [[1.0]] * 3}
    linear = {"hidden_activation": "linear", "output_activation": "linear", "loss": "mse"}
    s = create(client, layers=[2, 3, 1], **linear, seed=1, learning_rate=0.5, dataset=far)
    url = f"{NETWORKS}/{s['id']}"
    assert client.post(f"{url}/train", json={"steps": 200}).json()["stopped_early"] is True
    changed = client.patch(url, json={"dataset": {**far, "inputs": far["inputs"][::-1]}})
    assert changed.json()["undo_available"] > 1  # the change, then the steps before it
    why = client.post(f"{url}/step", json={}).json()["diagnosis"]
    assert (why["undo_available"], why["lower_after_undo"]) == (0, False)
    assert client.post(f"{url}/undo").status_code == 200
    assert client.get(f"{url}/dataset").json()["inputs"] == far["inputs"]


def test_steps_on_two_datasets_undo_each_on_its_own_data_bit_for_bit(client):
    """Checkpoint replays never cross a data change: each step undoes to its twin's state."""
    body = {"preset": "xor", "seed": 4, "batch_size": 3}
    bulk, twin = (create(client, **body)["id"] for _ in range(2))
    other = {"dataset": drawn((0.2, 0.9, 1), (0.8, 0.3, 0))}
    states = [state(client, twin)]
    for n, target in ((20, bulk), (12, bulk)):
        client.post(f"{NETWORKS}/{target}/train", json={"steps": n})
        for _ in range(n):
            states.append(
                client.post(f"{NETWORKS}/{twin}/train", json={"steps": 1}).json()["network"]
            )
        if n == 20:
            for nid in (bulk, twin):
                assert client.patch(f"{NETWORKS}/{nid}", json=other).status_code == 200
    url = f"{NETWORKS}/{bulk}"
    assert state(client, bulk)["undo_available"] == 33
    for k in range(31, -1, -1):
        if k == 19:  # at step 20, the drawing goes first
            assert client.post(f"{url}/undo").json()["dataset"]["size"] == 4
        undone = client.post(f"{url}/undo").json()
        assert (undone["step"], undone["dataset"]["size"]) == (k, 6 if k >= 20 else 4)
        assert bits(undone["weights"]) == bits(states[k]["weights"]), k
        assert bits(undone["biases"]) == bits(states[k]["biases"]), k
    assert client.post(f"{url}/undo").status_code == 409
