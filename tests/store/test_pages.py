"""The database file's pages: 16 KiB in a new file, an older file's own size kept."""

import sqlite3

from app.store import Database
from app.store.database import PAGE_SIZE, WAL_BYTES


def pragmas(db: Database) -> tuple[int, int]:
    conn = db.connection()
    return (
        conn.execute("PRAGMA page_size").fetchone()[0],
        conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0],
    )


def test_a_new_file_has_16_kib_pages_and_a_commit_checkpoints_only_a_large_wal(tmp_path):
    db = Database(tmp_path / "new.sqlite3")
    assert pragmas(db) == (PAGE_SIZE, WAL_BYTES // PAGE_SIZE) == (16_384, 4096)
    db.close()


def test_a_file_with_4_kib_pages_keeps_them_and_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA page_size=4096")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE kept (n INTEGER)")
        conn.execute("INSERT INTO kept VALUES (7)")
    conn.close()
    db = Database(path)
    assert pragmas(db) == (4096, WAL_BYTES // 4096)
    assert [tuple(r) for r in db.connection().execute("SELECT n FROM kept")] == [(7,)]
    db.close()
