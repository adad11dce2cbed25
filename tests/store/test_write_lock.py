"""Writers wait for each other: threads on the process's lock, processes by BEGIN IMMEDIATE."""

import sqlite3
import threading

import pytest

from app.store import database

from .helpers import one_network


def test_begin_immediate_waits_for_another_connection_then_writes(tmp_path, monkeypatch):
    db = one_network(tmp_path / "w.sqlite3")
    retried = threading.Event()
    sleep = database.time.sleep
    monkeypatch.setattr(database.time, "sleep", lambda s: (retried.set(), sleep(s)))
    other = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # as another worker process holding the write lock
    other.execute("UPDATE networks SET step = 1")
    done = threading.Event()

    def writer():
        with db.transaction() as conn:  # waits: the other holds the lock
            step = conn.execute("SELECT step FROM networks").fetchone()[0]
            conn.execute("UPDATE networks SET step = ?", (step + 1,))
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert retried.wait(30)  # refused while the other writes, and trying again
    other.execute("COMMIT")
    thread.join(30)
    assert done.is_set()
    assert db.connection().execute("SELECT step FROM networks").fetchone()[0] == 2  # 1, then +1
    other.close()
    db.close()


def test_a_lock_held_past_the_busy_timeout_is_an_error(tmp_path, monkeypatch):
    db = one_network(tmp_path / "w.sqlite3")
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    with pytest.raises(sqlite3.OperationalError, match="locked"), db.transaction():
        pass
    other.execute("ROLLBACK")
    with db.transaction() as conn:  # the connection is usable again, its timeout restored
        conn.execute("UPDATE networks SET step = 5")
        (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    assert timeout == 50
    other.close()
    db.close()


def test_threads_of_one_process_lose_no_update(tmp_path):
    db = one_network(tmp_path / "w.sqlite3")

    def add(times):
        for _ in range(times):
            with db.transaction() as conn:
                (step,) = conn.execute("SELECT step FROM networks").fetchone()
                conn.execute("UPDATE networks SET step = ?", (step + 1,))

    threads = [threading.Thread(target=add, args=(50,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.connection().execute("SELECT step FROM networks").fetchone()[0] == 400
    db.close()
