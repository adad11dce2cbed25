"""Predictions of one step (predict, then reveal): stored before the step, marked after it."""

import sqlite3
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS predictions (
    pid INTEGER PRIMARY KEY,
    network TEXT NOT NULL,         -- networks.id
    step INTEGER NOT NULL,         -- the network step when predicted (it is of step + 1)
    layer INTEGER NOT NULL,
    unit INTEGER NOT NULL,         -- `to`
    source INTEGER,                -- `from` (NULL: the bias)
    quantity TEXT NOT NULL,        -- 'gradient' (dE/dw) or 'weight' (the new w)
    sign INTEGER,                  -- -1, 0 or 1 (NULL: not predicted)
    value TEXT,                    -- as typed, such as 1/4 (NULL: not predicted)
    tolerance REAL NOT NULL,
    exercise TEXT,
    position INTEGER,              -- the check's place in the exercise
    truth REAL,                    -- set once revealed
    sign_ok INTEGER,
    value_ok INTEGER,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS predictions_network ON predictions (network, pid);
"""
COLUMNS = (
    "pid, network, step, layer, unit, source, quantity, sign, value, tolerance, exercise,"
    " position, truth, sign_ok, value_ok, created_at"
)


def install(conn: sqlite3.Connection) -> None:
    """Create the predictions table if it is missing (idempotent)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def add(conn: sqlite3.Connection, row: dict) -> dict:
    """Store a prediction (keys as the columns, without pid, truth and marks); it, stored."""
    keys = [k for k in COLUMNS.replace(" ", "").split(",") if k in row]
    cursor = conn.execute(
        f"INSERT INTO predictions ({', '.join(keys)}, created_at) VALUES"
        f" ({', '.join('?' * len(keys))}, ?)",
        [row[k] for k in keys] + [time.time()],
    )
    return get(conn, row["network"], cursor.lastrowid)


def get(conn: sqlite3.Connection, network: str, pid: int) -> dict | None:
    """One prediction of a network, or None."""
    row = conn.execute(
        f"SELECT {COLUMNS} FROM predictions WHERE network = ? AND pid = ?", (network, pid)
    ).fetchone()
    return None if row is None else dict(row)


def of_network(conn: sqlite3.Connection, network: str) -> list[dict]:
    """Every prediction of a network, oldest first."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM predictions WHERE network = ? ORDER BY pid", (network,)
    ).fetchall()
    return [dict(r) for r in rows]


def mark(conn: sqlite3.Connection, pid: int, truth: float, sign_ok, value_ok) -> None:
    """Store the true number and the marks of a prediction (once)."""
    conn.execute(
        "UPDATE predictions SET truth = ?, sign_ok = ?, value_ok = ? WHERE pid = ?",
        (truth, sign_ok, value_ok, pid),
    )


def score(conn: sqlite3.Connection, network: str) -> dict:
    """{right, total, checks}: parts marked right of all parts marked, and predictions revealed."""
    row = conn.execute(
        "SELECT COALESCE(SUM(COALESCE(sign_ok, 0) + COALESCE(value_ok, 0)), 0),"
        " COALESCE(SUM((sign_ok IS NOT NULL) + (value_ok IS NOT NULL)), 0), COUNT(*)"
        " FROM predictions WHERE network = ? AND truth IS NOT NULL",
        (network,),
    ).fetchone()
    return {"right": row[0], "total": row[1], "checks": row[2]}
