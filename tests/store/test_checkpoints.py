"""The WAL is checkpointed by the Database's own thread, not by the committing request."""

import os
import time

from app.store import Database
from app.store.database import WAL_BYTES

ROW = 2_000_000  # bytes: far below WAL_BYTES, so no commit checkpoints it itself


def file_size_reaches(path, size: int, seconds: float = 60) -> bool:
    """Whether the file holds `size` bytes within `seconds` (polling its size)."""
    deadline = time.monotonic() + seconds
    while os.path.getsize(path) < size:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def test_a_commit_reaches_the_database_file_by_the_background_checkpoint(tmp_path):
    path = tmp_path / "wal.sqlite3"
    db = Database(path)
    assert ROW < WAL_BYTES // 8
    with db.transaction() as conn:
        conn.execute("CREATE TABLE blobs (b BLOB)")
    with db.transaction() as conn:
        conn.execute("INSERT INTO blobs VALUES (?)", (os.urandom(ROW),))
    assert file_size_reaches(path, ROW)  # copied out of the WAL into the file
    with db.snapshot() as conn:
        assert conn.execute("SELECT length(b) FROM blobs").fetchone()[0] == ROW
    db.close()


def test_close_stops_the_checkpoint_thread_and_keeps_what_was_committed(tmp_path):
    path = tmp_path / "closed.sqlite3"
    db = Database(path)
    with db.transaction() as conn:
        conn.execute("CREATE TABLE kept (n INTEGER)")
        conn.execute("INSERT INTO kept VALUES (42)")
    db.close()
    assert not db._checkpointer._thread.is_alive()
    again = Database(path)
    assert again.connection().execute("SELECT n FROM kept").fetchone()[0] == 42
    again.close()
