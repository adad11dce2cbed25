"""The class in shared mode: the teacher's locks and push, and the students' display names."""

import hashlib
import json
import sqlite3
import time

from . import authored, networks, predictions
from .networks import NetworkRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS class_state (
    name TEXT PRIMARY KEY,         -- 'locks' or 'push'
    value TEXT NOT NULL,           -- JSON
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS students (
    owner TEXT PRIMARY KEY,        -- the owner token, as networks.owner
    display_name TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""
NO_LOCKS = {"actions": [], "fixed": []}


def install(conn: sqlite3.Connection) -> None:
    """Create the class tables (and the predictions' and authored exercises') if they are
    missing (idempotent)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    predictions.install(conn)
    authored.install(conn)


def _get(conn: sqlite3.Connection, name: str) -> dict | None:
    row = conn.execute(
        "SELECT value, updated_at FROM class_state WHERE name = ?", (name,)
    ).fetchone()
    return None if row is None else {**json.loads(row["value"]), "updated_at": row["updated_at"]}


def _put(conn: sqlite3.Connection, name: str, value: dict) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO class_state (name, value, updated_at) VALUES (?, ?, ?)",
        (name, json.dumps(value), time.time()),
    )


def locks(conn: sqlite3.Connection) -> dict:
    """{"actions": [...], "fixed": [...]} the teacher locked (none at first)."""
    found = _get(conn, "locks")
    return {"actions": found["actions"], "fixed": found["fixed"]} if found else dict(NO_LOCKS)


def set_locks(conn: sqlite3.Connection, actions: list[str], fixed: list[str]) -> None:
    """Replace the class's locks."""
    _put(conn, "locks", {"actions": actions, "fixed": fixed})


def pushed(conn: sqlite3.Connection) -> dict | None:
    """The teacher's latest push with its `number` and `updated_at`, or None."""
    return _get(conn, "push")


def push(conn: sqlite3.Connection, value: dict) -> dict:
    """Store a push as the latest, numbered one past the previous; it, as pushed() gives it."""
    previous = pushed(conn)
    _put(conn, "push", {**value, "number": (previous or {}).get("number", 0) + 1})
    return pushed(conn)


def withdraw_exercise(conn: sqlite3.Connection, exercise_id: str) -> None:
    """If the latest push is this exercise, a newer push withdraws it (nothing to take)."""
    latest = pushed(conn)
    if latest is not None and latest.get("exercise") == exercise_id:
        push(conn, {"kind": "withdrawn", "exercise": exercise_id, "take": None})


def set_display_name(conn: sqlite3.Connection, owner: str, name: str) -> None:
    """The name a student chose, shown in the teacher's view."""
    conn.execute(
        "INSERT OR REPLACE INTO students (owner, display_name, updated_at) VALUES (?, ?, ?)",
        (owner, name, time.time()),
    )


def display_name(conn: sqlite3.Connection, owner: str) -> str | None:
    """The student's chosen name, or None."""
    row = conn.execute("SELECT display_name FROM students WHERE owner = ?", (owner,)).fetchone()
    return None if row is None else row["display_name"]


def digest(conn: sqlite3.Connection) -> str:
    """A short fingerprint of the class: it changes whenever a student's network, name or
    predictions do."""
    rows = conn.execute(
        "SELECT n.id, n.revision, n.updated_at FROM networks n WHERE n.owner IS NOT NULL"
        " UNION ALL SELECT owner, 0, updated_at FROM students"
        " UNION ALL SELECT network, pid, truth FROM predictions ORDER BY 1, 2, 3"
    ).fetchall()
    return hashlib.sha256(json.dumps([tuple(r) for r in rows]).encode()).hexdigest()[:16]


def students_networks(conn: sqlite3.Connection) -> list[tuple[NetworkRecord, str | None]]:
    """Every network a client owns, oldest first, with its owner's display name."""
    rows = conn.execute(
        "SELECT n.id, s.display_name FROM networks n LEFT JOIN students s ON s.owner = n.owner"
        " WHERE n.owner IS NOT NULL ORDER BY n.created_at, n.nid"
    ).fetchall()
    return [(networks.load(conn, row["id"]), row["display_name"]) for row in rows]
