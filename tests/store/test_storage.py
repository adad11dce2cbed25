"""The store: compact exact datasets, old rows migrated, history thinned within its budget."""

import json
import sqlite3

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.engine import Dataset
from app.main import create_app
from app.settings import Settings
from app.store import Database, history
from app.store.arrays import narrowest_dtype
from app.store.codec import (
    dataset_document,
    decode_batch,
    decode_dataset,
    encode_batch,
    encode_dataset,
)
from app.store.database import VERSION

from .helpers import one_network

LOCAL = "http://127.0.0.1"  # a Host the app answers to
# floats that a lossy text or float32 round trip would change
AWKWARD = [0.1, 1 / 3, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1e-300]


def awkward_dataset(rows: int = 7) -> Dataset:
    rng = np.random.default_rng(0)
    inputs = rng.standard_normal((rows, 3)) * 10.0 ** rng.integers(-300, 300, (rows, 3))
    inputs[: len(AWKWARD) // 3 + 1].flat[: len(AWKWARD)] = AWKWARD
    targets = rng.random((rows, 2))
    return Dataset("odd", inputs, targets, rng.random((2, 3)), rng.random((2, 2)), "about it")


def same_bits(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and a.astype("<f8").tobytes() == b.astype("<f8").tobytes()


def test_inline_dataset_round_trips_bit_for_bit():
    data = awkward_dataset()
    header, rows = encode_dataset(data, builtin=False)
    back = decode_dataset(header, rows)
    assert (back.name, back.description) == ("odd", "about it")
    for key in ("inputs", "targets", "test_inputs", "test_targets"):
        assert same_bits(getattr(back, key), getattr(data, key)), key
    assert back.inputs.flags.writeable and back.inputs.dtype == np.float64


def test_dataset_without_test_split_round_trips():
    data = Dataset("plain", np.arange(6.0).reshape(3, 2), np.ones((3, 1)))
    back = decode_dataset(*encode_dataset(data, builtin=False))
    assert back.test_inputs is None and back.test_targets is None
    assert same_bits(back.inputs, data.inputs) and same_bits(back.targets, data.targets)


def test_stored_rows_are_the_size_of_the_numbers():
    rng = np.random.default_rng(1)
    data = Dataset("big", rng.random((2000, 60)), rng.integers(0, 2, (2000, 2)).astype(float))
    header, rows = encode_dataset(data, builtin=False)
    assert len(rows) == 8 * data.inputs.size + data.targets.size  # 0/1 targets: a byte each
    assert len(header.encode()) < 300
    assert len(json.dumps(dataset_document(data))) > 2 * len(rows)  # what the old format took


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([0.0, 1.0], "|i1"),
        ([0.0, 255.0], "|u1"),
        ([-1.0, 200.0], "<i2"),
        ([70000.0], "<i4"),
        ([0.5, -0.0], "<f4"),  # -0.0 is not an integer: its sign would be lost
        ([2.0**40], "<f4"),
        ([0.1], "<f8"),
        ([1e300], "<f8"),
        ([5e-324], "<f8"),
    ],
)
def test_each_array_is_stored_in_the_narrowest_dtype_that_is_exact(values, dtype):
    array = np.array([values, values])
    assert narrowest_dtype(array) == dtype
    data = Dataset("d", array, array)
    back = decode_dataset(*encode_dataset(data, builtin=False))
    assert same_bits(back.inputs, array) and same_bits(back.targets, array)


def test_rows_that_disagree_with_their_header_are_refused():
    header, rows = encode_dataset(awkward_dataset(), builtin=False)
    with pytest.raises(ValueError):
        decode_dataset(header, rows + b"\0" * 8)


def test_built_in_is_stored_by_name_and_old_json_rows_still_decode():
    data = awkward_dataset()
    header, rows = encode_dataset(Dataset("xor", data.inputs, data.targets), builtin=True)
    assert json.loads(header) == {"builtin": "xor"} and rows is None
    old = decode_dataset(json.dumps(dataset_document(data)))  # the format earlier versions wrote
    for key in ("inputs", "targets", "test_inputs", "test_targets"):
        assert same_bits(getattr(old, key), getattr(data, key)), key


def test_last_batch_round_trips_and_old_json_batches_still_decode():
    data = awkward_dataset()
    header, rows = encode_batch((data.inputs, data.targets, 0.25))
    x, t, alpha = decode_batch(header, rows, learning_rate=0.1)
    assert same_bits(x, data.inputs) and same_bits(t, data.targets) and alpha == 0.25
    assert len(rows) == 8 * data.inputs.size + 8 * data.targets.size
    old = json.dumps({"inputs": data.inputs.tolist(), "targets": data.targets.tolist()})
    x, t, alpha = decode_batch(old, None, learning_rate=0.1)  # no rate: the network's
    assert same_bits(x, data.inputs) and same_bits(t, data.targets) and alpha == 0.1
    assert encode_batch(None) == (None, None) and decode_batch(None, None, 0.1) is None


def test_opening_an_old_database_rewrites_its_json_datasets_exactly(tmp_path):
    path = tmp_path / "old.sqlite3"
    Database(path).close()
    data = awkward_dataset()
    with sqlite3.connect(path) as conn:  # make it look as the previous version left it
        conn.execute("ALTER TABLE networks DROP COLUMN dataset_rows")
        conn.execute("ALTER TABLE networks DROP COLUMN last_batch_rows")
        for table in ("networks", "snapshots"):  # version 3's optimizer columns
            conn.execute(f"ALTER TABLE {table} DROP COLUMN optimizer")
            conn.execute(f"ALTER TABLE {table} DROP COLUMN optimizer_state")
        conn.execute("ALTER TABLE snapshots DROP COLUMN penalty")  # version 4's
        conn.execute("PRAGMA user_version = 0")
        conn.execute(
            "INSERT INTO networks (id, name, config, learning_rate, batch_size, step, cursor,"
            " revision, params, dataset, created_at, updated_at)"
            " VALUES ('n', 'n', '{}', 0.1, 1, 0, 0, 0, x'', ?, 0, 0)",
            (json.dumps(dataset_document(data)),),
        )
    conn.close()
    db = Database(path)
    row = db.connection().execute("SELECT dataset, dataset_rows FROM networks").fetchone()
    back = decode_dataset(row["dataset"], row["dataset_rows"])
    assert row["dataset_rows"] is not None and "inputs" not in json.loads(row["dataset"])
    for key in ("inputs", "targets", "test_inputs", "test_targets"):
        assert same_bits(getattr(back, key), getattr(data, key)), key
    assert db.connection().execute("PRAGMA user_version").fetchone()[0] == VERSION == 6
    for table, added in (("networks", set()), ("snapshots", {"penalty"})):
        columns = {r["name"] for r in db.connection().execute(f"PRAGMA table_info({table})")}
        assert {"optimizer", "optimizer_state", *added} <= columns
    db.close()


def history_db(tmp_path, steps: range) -> Database:
    db = one_network(tmp_path / "h.sqlite3")
    with db.transaction() as conn:
        history.append(
            conn, 1, history.encode(steps[0], [1 / s for s in steps], [None] * len(steps))
        )
    return db


def kept_steps(db: Database) -> list[int]:
    with db.snapshot() as conn:
        return [r[0] for r in history.rows(conn, 1)]


def test_history_within_budget_is_untouched(tmp_path):
    db = history_db(tmp_path, range(1, 101))
    with db.transaction() as conn:
        history.thin(conn, 1, 100)
    assert kept_steps(db) == list(range(1, 101))
    db.close()


def test_history_past_budget_keeps_newest_half_and_thins_older_evenly(tmp_path):
    db = history_db(tmp_path, range(1, 1001))
    with db.transaction() as conn:
        history.thin(conn, 1, 100)
    kept = kept_steps(db)
    assert len(kept) <= 100
    assert kept[-50:] == list(range(951, 1001))  # the newest 50 steps, every one
    older = kept[:-50]
    gaps = {b - a for a, b in zip(older, older[1:])}
    assert len(gaps) == 1 and older[0] <= min(gaps)  # evenly spaced, from the start
    db.close()


def test_repeated_thinning_stays_bounded_and_even(tmp_path):
    db = history_db(tmp_path, range(1, 101))
    for end in range(101, 5001, 77):
        with db.transaction() as conn:
            history.append(conn, 1, history.encode(end, [0.5] * 77, [None] * 77))
            history.thin(conn, 1, 100)
        kept = kept_steps(db)
        assert len(kept) <= 100 and kept == sorted(kept)
        assert kept[-50:] == list(range(end + 27, end + 77))
        gaps = {b - a for a, b in zip(kept[:-50], kept[1:-50])}
        assert len(gaps) == 1 and kept[0] in gaps  # every k-th step, k a power of two
        (k,) = gaps
        assert k & (k - 1) == 0
    db.close()


def test_a_network_made_by_the_previous_version_loads_trains_and_exports(tmp_path):
    settings = Settings(db_path=tmp_path / "app.sqlite3")
    dataset = {
        "inputs": [[0.1, 0.2], [1 / 3, -0.0], [1e-300, 5.0]],
        "targets": [[0.0], [1.0], [1.0]],
        "test_inputs": [[0.7, 0.9]],
        "test_targets": [[1.0]],
    }
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        nid = client.post("/api/networks", json={"layers": [2, 3, 1], "dataset": dataset})
        nid = nid.json()["id"]
        assert client.post(f"/api/networks/{nid}/train", json={"steps": 5}).status_code == 200
        before = client.get(f"/api/networks/{nid}/export").json()
        last_step = client.get(f"/api/networks/{nid}/last-step").json()
    conn = sqlite3.connect(settings.db_path)  # rewrite the row as the previous version stored it
    header, rows, batch, batch_rows, rate = conn.execute(
        "SELECT dataset, dataset_rows, last_batch, last_batch_rows, learning_rate FROM networks"
    ).fetchone()
    old = json.dumps(dataset_document(decode_dataset(header, rows)))
    x, t, alpha = decode_batch(batch, batch_rows, rate)
    old_batch = json.dumps({"inputs": x.tolist(), "targets": t.tolist(), "learning_rate": alpha})
    conn.execute("UPDATE networks SET dataset = ?, last_batch = ?", (old, old_batch))
    conn.execute("ALTER TABLE networks DROP COLUMN dataset_rows")
    conn.execute("ALTER TABLE networks DROP COLUMN last_batch_rows")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        conn = sqlite3.connect(settings.db_path)  # opening the database rewrote the row
        migrated = "SELECT dataset_rows IS NOT NULL, last_batch_rows IS NOT NULL FROM networks"
        assert conn.execute(migrated).fetchone() == (1, 1)
        conn.close()
        assert client.get(f"/api/networks/{nid}/export").json() == before
        assert client.get(f"/api/networks/{nid}/last-step").json() == last_step
        assert client.get(f"/api/networks/{nid}/dataset").json()["inputs"] == dataset["inputs"]
        assert client.post(f"/api/networks/{nid}/train", json={"steps": 5}).status_code == 200
        assert client.get(f"/api/networks/{nid}/history").json()["steps"][-1] == 10
