"""The loss history as runs keeps exactly the steps the one-row-a-step rule kept."""

import random

import numpy as np
import pytest

from app.store import history
from app.store.database import Database

from .helpers import one_network


class Model:
    """The rule as it was written for one row a step: a dict of step -> (loss, test)."""

    def __init__(self):
        self.rows: dict[int, tuple[float, float | None]] = {}

    def append(self, first, losses, tests):
        self.truncate(first)
        for i, (loss, test) in enumerate(zip(losses, tests)):
            self.rows[first + i] = (loss, test)

    def truncate(self, step):
        self.rows = {s: v for s, v in self.rows.items() if s < step}

    def thin(self, max_rows):
        if len(self.rows) <= max_rows:
            return
        full = max(max_rows // 2, 1)
        boundary = max(self.rows) - full + 1
        span, room = boundary - min(self.rows), max(max_rows - full, 1)
        k = 1
        while -(-span // k) > room:
            k *= 2
        self.rows = {s: v for s, v in self.rows.items() if s >= boundary or s % k == 0}

    def listed(self, since=0):
        return [(s, *self.rows[s]) for s in sorted(self.rows) if s > since]


@pytest.fixture
def db(tmp_path):
    database = one_network(tmp_path / "h.sqlite3")
    yield database
    database.close()


def losses_for(first, n, rng):
    losses = [rng.random() / (first + i) for i in range(n)]
    tests = [rng.random() if (first + i) % 25 == 0 else None for i in range(n)]
    return losses, tests


@pytest.mark.parametrize("seed", range(6))
def test_appends_undos_and_thinning_keep_what_the_row_rule_kept(db, seed):
    rng, model, step = random.Random(seed), Model(), 0
    max_rows = rng.choice([16, 100, 250])
    for _ in range(300):
        if step and rng.random() < 0.15:  # undo one or a few steps
            step = max(0, step - rng.choice([1, 1, 3]))
            with db.transaction() as conn:
                history.truncate(conn, 1, step + 1)
            model.truncate(step + 1)
        else:
            n = rng.choice([1, 1, 2, 10, 25, 77, 400])
            losses, tests = losses_for(step + 1, n, rng)
            with db.transaction() as conn:
                history.append(conn, 1, history.encode(step + 1, losses, tests))
                history.thin(conn, 1, max_rows)
            model.append(step + 1, losses, tests)
            model.thin(max_rows)
            step += n
        with db.snapshot() as conn:
            assert history.rows(conn, 1) == model.listed()
            assert history.count(conn, 1) == len(model.rows) <= max_rows
            since = rng.randrange(0, step + 2)
            assert history.rows(conn, 1, since) == model.listed(since)
            probe = rng.randrange(0, step + 2)
            expected = model.rows.get(probe, (None,))[0]
            assert history.loss_at(conn, 1, probe) == expected
    with db.snapshot() as conn:  # a row a run, not a row a step
        (runs,) = conn.execute("SELECT count(*) FROM history_runs WHERE nid = 1").fetchone()
    assert runs <= max(8, len(model.rows) // 4)


def test_losses_keep_every_bit_and_none_stays_none(db):
    losses = [1 / 3, 5e-324, 1.7976931348623157e308, 0.1 + 0.2]
    tests = [None, 2 / 3, None, 0.0]
    with db.transaction() as conn:
        history.append(conn, 1, history.encode(1, losses, tests))
    with db.snapshot() as conn:
        got = history.rows(conn, 1)
    assert got == [(1 + i, loss, test) for i, (loss, test) in enumerate(zip(losses, tests))]
    assert [np.float64(r[1]).tobytes() for r in got] == [np.float64(v).tobytes() for v in losses]


def test_one_train_call_writes_one_row(db):
    with db.transaction() as conn:
        history.append(conn, 1, history.encode(1, [0.5] * 1000, [None] * 1000))
        history.append(conn, 1, history.encode(1001, [0.25] * 1000, [None] * 1000))
        (runs,) = conn.execute("SELECT count(*) FROM history_runs").fetchone()
    assert runs == 2


def test_rows_from_the_row_table_become_runs(db):
    rows = [(s, 1 / s, None if s % 3 else 0.5) for s in [*range(1, 40), *range(40, 200, 8), 201]]
    with db.transaction() as conn:
        history.from_rows(conn, 1, rows)
    with db.snapshot() as conn:
        assert history.rows(conn, 1) == rows
        (runs,) = conn.execute("SELECT count(*) FROM history_runs").fetchone()
    assert runs <= 4


def test_a_version_5_database_keeps_its_history(tmp_path, db):
    rows = [(s, 1 / s, 0.5 if s % 10 == 0 else None) for s in range(1, 301)]
    conn = db.connection()
    conn.executescript(
        "CREATE TABLE history (nid INTEGER NOT NULL, step INTEGER NOT NULL, loss REAL NOT NULL,"
        " test_loss REAL, PRIMARY KEY (nid, step)) WITHOUT ROWID; PRAGMA user_version = 5;"
    )
    conn.executemany("INSERT INTO history VALUES (1, ?, ?, ?)", rows)
    conn.commit()
    db.close()
    reopened = Database(tmp_path / "h.sqlite3")
    with reopened.snapshot() as conn:
        assert history.rows(conn, 1) == rows
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE name = 'history'").fetchone() is None
        )
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    reopened.close()


def test_a_run_without_test_losses_stores_none(db):
    with db.transaction() as conn:
        history.append(conn, 1, history.encode(1, [0.5] * 40, [None] * 40))
        extending = history.encode(41, [0.25] * 30, [None] * 29 + [0.75])  # the short run
        history.append(conn, 1, extending)
        history.append(conn, 1, history.encode(71, [0.1] * 100, [None] * 100))
    with db.snapshot() as conn:
        columns = conn.execute("SELECT first, test_losses FROM history_runs ORDER BY first")
        firsts, blobs = zip(*columns.fetchall())
        assert history.rows(conn, 1)[69] == (70, 0.25, 0.75)
    assert firsts == (1, 71)
    assert blobs[0] is not None and blobs[1] is None
