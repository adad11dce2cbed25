"""SQLite: one transaction per request, shared safely by threads and worker processes."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import history
from .checkpointer import Checkpointer
from .codec import decode_batch, decode_dataset, encode_batch, encode_dataset
from .trajectory import MAX_PARAMETERS

SCHEMA = """
CREATE TABLE IF NOT EXISTS networks (
    nid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    owner TEXT,
    name TEXT NOT NULL,
    config TEXT NOT NULL,          -- JSON: layers, activations, loss, use_bias, init, seed
    learning_rate REAL NOT NULL,
    batch_size INTEGER NOT NULL,
    step INTEGER NOT NULL,
    cursor INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    params BLOB NOT NULL,          -- float64 weights then biases
    dataset TEXT NOT NULL,         -- JSON: a built-in's name, or a header (name, shapes)
    last_loss REAL,
    last_batch TEXT,               -- JSON: the last step's array shapes and learning rate
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    dataset_rows BLOB,             -- an inline dataset's numbers (arrays.py), version 1 on
    last_batch_rows BLOB,          -- the last step's inputs and targets, version 2 on
    optimizer TEXT,                -- JSON: name, settings, step count (version 3 on)
    optimizer_state BLOB           -- its state's float64 rows (none for plain SGD)
);
CREATE INDEX IF NOT EXISTS networks_by_owner ON networks(owner);
CREATE TABLE IF NOT EXISTS snapshots (
    nid INTEGER NOT NULL REFERENCES networks(nid) ON DELETE CASCADE,
    step INTEGER NOT NULL,         -- the parameters from before this step was applied
    params BLOB NOT NULL,
    cursor INTEGER NOT NULL,
    learning_rate REAL,            -- a checkpoint: the train call from here can be replayed
    batch_size INTEGER,
    optimizer TEXT,                -- as in networks: the optimizer before this step
    optimizer_state BLOB,
    penalty TEXT,                  -- a checkpoint's JSON [regularization, rate] (version 4 on)
    PRIMARY KEY (nid, step)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS data_undo (
    nid INTEGER NOT NULL REFERENCES networks(nid) ON DELETE CASCADE,
    seq INTEGER NOT NULL,          -- the order of the network's data changes
    step INTEGER NOT NULL,         -- the network's step when its data changed
    cursor INTEGER NOT NULL,       -- and its data as it was: as in networks
    builtin INTEGER NOT NULL,
    dataset TEXT NOT NULL,
    dataset_rows BLOB,
    PRIMARY KEY (nid, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS trajectory (  -- trajectory.py: the path training took, thinned
    nid INTEGER NOT NULL REFERENCES networks(nid) ON DELETE CASCADE,
    step INTEGER NOT NULL,         -- the parameters after this many steps
    params BLOB NOT NULL,
    PRIMARY KEY (nid, step)
);
"""


VERSION = 6  # PRAGMA user_version once migrate() has run
BINARY_COLUMNS = ("dataset_rows", "last_batch_rows")
ADDED_COLUMNS = {  # versions 3 (the optimizer) and 4 (a checkpoint's penalty)
    "networks": ("optimizer TEXT", "optimizer_state BLOB"),
    "snapshots": ("optimizer TEXT", "optimizer_state BLOB", "penalty TEXT"),
}


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a database made by an earlier version up to this one (idempotent, in a transaction).

    Inline datasets (version 1) and last batches (version 2) are stored as compact binary
    (arrays.py) instead of JSON text; older rows are rewritten once, exactly. Version 3
    adds the optimizer's columns (older rows: plain SGD, which keeps no state), version 4 a
    checkpoint's penalty (older ones: none), version 5 the trajectory, begun from undo's
    snapshots (the path as far back as it was remembered), version 6 the loss history as
    runs (history.py) instead of a row a step.
    """
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version >= VERSION:
        return
    columns = {row["name"] for row in conn.execute("PRAGMA table_info(networks)")}
    for column in BINARY_COLUMNS:
        if column not in columns:
            conn.execute(f"ALTER TABLE networks ADD COLUMN {column} BLOB")
    for table, added in ADDED_COLUMNS.items():
        present = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column in added:
            if column.split()[0] not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    for row in conn.execute(
        "SELECT nid, dataset FROM networks"
        " WHERE dataset_rows IS NULL AND json_extract(dataset, '$.inputs') IS NOT NULL"
    ).fetchall():
        header, rows = encode_dataset(decode_dataset(row["dataset"]), builtin=False)
        conn.execute(
            "UPDATE networks SET dataset = ?, dataset_rows = ? WHERE nid = ?",
            (header, rows, row["nid"]),
        )
    for row in conn.execute(
        "SELECT nid, learning_rate, last_batch FROM networks"
        " WHERE last_batch_rows IS NULL AND json_extract(last_batch, '$.inputs') IS NOT NULL"
    ).fetchall():
        batch = decode_batch(row["last_batch"], None, row["learning_rate"])
        conn.execute(
            "UPDATE networks SET last_batch = ?, last_batch_rows = ? WHERE nid = ?",
            (*encode_batch(batch), row["nid"]),
        )
    if version < 5:
        conn.execute(
            "INSERT OR IGNORE INTO trajectory (nid, step, params) SELECT nid, step - 1, params"
            " FROM snapshots WHERE length(params) <= ?",
            (8 * MAX_PARAMETERS,),
        )
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'history'").fetchone():
        for (nid,) in conn.execute("SELECT DISTINCT nid FROM history").fetchall():
            rows = conn.execute(
                "SELECT step, loss, test_loss FROM history WHERE nid = ? ORDER BY step", (nid,)
            ).fetchall()
            history.from_rows(conn, nid, [tuple(r) for r in rows])
        conn.execute("DROP TABLE history")
    conn.execute(f"PRAGMA user_version = {VERSION}")


PAGE_SIZE = 16_384  # bytes, a new database file's (64 KiB: small commits write 2x the bytes)
# the WAL's size at which a commit checkpoints it itself: only when checkpointer.py's thread
# has fallen that far behind
WAL_BYTES = 64 * 1024 * 1024
BUSY_TIMEOUT_MS = 60_000  # how long a statement waits for a lock before it fails
WRITE_RETRY = (0.0001, 0.002)  # seconds: BEGIN IMMEDIATE's first retry, its longest


def begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, retried every 0.1-2 ms while another process writes (up to the
    busy timeout).

    SQLite's own busy handler sleeps 1, 2, 5, 10 ... 100 ms between tries, so with two
    workers writing a waiter slept far longer than the other held the lock (p90 45-55 ms
    against holds of 1.5 ms, in benchmarks/class.py); here the wait follows the lock.
    """
    delay, longest = WRITE_RETRY
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    conn.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(2 * delay, longest)
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class Database:
    """A SQLite file in WAL mode with one connection per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writing = threading.RLock()  # this process's writers queue here, not in SQLite
        self.connection().executescript(SCHEMA + history.SCHEMA)
        self._checkpointer = Checkpointer(self.path, BUSY_TIMEOUT_MS)
        with self.transaction() as conn:
            migrate(conn)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            # a new file's pages are 16 KiB (an existing file keeps its own): a 784-128-10
            # snapshot row of 814 KB is 50 pages, not 200, to write, free and read back
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode=WAL")
            (page,) = conn.execute("PRAGMA page_size").fetchone()
            # checkpoints (copy the WAL into the file, fsync) are the Checkpointer's
            conn.execute(f"PRAGMA wal_autocheckpoint={WAL_BYTES // page}")
            # WAL + NORMAL: a committed transaction survives the process being killed (it is
            # in the OS's page cache); only a power cut can lose the last few commits
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.row_factory = sqlite3.Row  # the store reads columns by name
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE): serialised across threads and processes.

        The threads of one process queue on a lock, woken the moment it is free; only one of
        them at a time waits for another process's writer (begin_immediate).
        """
        conn = self.connection()
        with self._writing:
            begin_immediate(conn)
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        self._checkpointer.committed()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent view of the database."""
        conn = self.connection()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        """Stop the checkpoints; close every connection this object opened."""
        self._checkpointer.close()
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
