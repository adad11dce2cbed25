"""The WAL's checkpoints, made by a thread of their own instead of a committing request."""

import sqlite3
import threading
from pathlib import Path

PAUSE_S = 0.25  # at most one checkpoint this often: a few MB each while 784-128-10 plays


class Checkpointer:
    """Copies committed WAL frames into the database file and fsyncs it (PRAGMA
    wal_checkpoint(PASSIVE): writers and readers go on meanwhile), in a background thread
    woken by commits: a request no longer waits 40-60 ms for the disk every few play calls."""

    def __init__(self, path: Path, busy_timeout_ms: int):
        self._path, self._timeout = path, busy_timeout_ms / 1000
        self._due = threading.Event()  # something was committed since the last checkpoint
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        """A transaction was committed: its frames are to be checkpointed."""
        self._due.set()

    def _run(self) -> None:
        """Checkpoint once a commit was made, then rest PAUSE_S; until close()."""
        conn = sqlite3.connect(self._path, timeout=self._timeout, isolation_level=None)
        try:
            while not self._closing.is_set():
                self._due.wait()
                self._due.clear()
                if self._closing.is_set():
                    break
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.OperationalError:  # another process's checkpoint: the next commit
                    self._due.set()  # tries again
                self._closing.wait(PAUSE_S)
        finally:
            conn.close()

    def close(self) -> None:
        """Stop the thread (a checkpoint under way finishes first)."""
        self._closing.set()
        self._due.set()
        self._thread.join()
