"""The trajectory: one row per request's end, thinned to span step 0 to now within ROWS."""

import sqlite3

from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.store import Database
from app.store.trajectory import ROWS, record_point

from .helpers import one_network

LOCAL = "http://127.0.0.1"  # a Host the app answers to


def steps(db: Database) -> list[int]:
    rows = db.connection().execute("SELECT step FROM trajectory WHERE nid = 1 ORDER BY step")
    return [r["step"] for r in rows]


def test_rows_stay_within_the_budget_spanning_step_0_to_now_at_a_doubling_stride(tmp_path):
    db = one_network(tmp_path / "t.sqlite3")
    for k in range(5000):
        with db.transaction() as conn:
            record_point(conn, 1, k, k.to_bytes(8, "little"), 10)
        kept = steps(db)
        assert len(kept) <= ROWS and kept[0] == 0 and kept[-1] == k
    gaps = [b - a for a, b in zip(kept, kept[1:])]
    assert gaps == sorted(gaps, reverse=True)  # older rows are thinned as much or more
    assert all(g & (g - 1) == 0 for g in gaps if gaps.count(g) > 1)  # even runs of 2^k
    assert gaps[0] == 32 and gaps.count(32) > ROWS // 4  # 5000 steps: most 2^5 apart
    row = db.connection().execute("SELECT params FROM trajectory WHERE step = 4992").fetchone()
    assert row["params"] == (4992).to_bytes(8, "little")
    db.close()


def test_a_row_drops_the_ones_after_it_and_a_large_network_keeps_none(tmp_path):
    db = one_network(tmp_path / "t.sqlite3")
    with db.transaction() as conn:
        for k in range(10):
            record_point(conn, 1, k, b"a", 10)
        record_point(conn, 1, 4, b"b", 10)  # undone to 4, or a new branch from it
        record_point(conn, 1, 11, b"c", 5000)  # past MAX_PARAMETERS: nothing stored
    assert steps(db) == [0, 1, 2, 3, 4]
    db.close()


def test_opening_a_version_4_database_begins_the_trajectory_from_undos_snapshots(tmp_path):
    settings = Settings(db_path=tmp_path / "old.sqlite3")
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        made = client.post("/api/networks", json={"seed": 1}).json()
        for _ in range(12):
            client.post(f"/api/networks/{made['id']}/step", json={})
    with sqlite3.connect(settings.db_path) as conn:  # as version 4 left it
        snapshots = conn.execute("SELECT step - 1, params FROM snapshots ORDER BY step").fetchall()
        conn.execute("DELETE FROM trajectory")
        conn.execute("PRAGMA user_version = 4")
    conn.close()
    db = Database(settings.db_path)
    got = db.connection().execute("SELECT step, params FROM trajectory ORDER BY step").fetchall()
    assert [tuple(r) for r in got] == snapshots and len(snapshots) == 12
    db.close()
