"""Exercises a teacher wrote (beside the built-in ones in app/exercises.py), kept in SQLite."""

import json
import re
import sqlite3
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS authored_exercises (
    number INTEGER PRIMARY KEY AUTOINCREMENT,  -- its id is 'class-<number>'
    value TEXT NOT NULL,           -- JSON: title, preset or network (an export), checks
    created_at REAL NOT NULL
)
"""
PREFIX = "class-"  # never a built-in exercise's id
MAX_NUMBER = re.compile(r"[1-9][0-9]{0,17}")  # within SQLite's 64-bit integers


def install(conn: sqlite3.Connection) -> None:
    """Create the table if it is missing (idempotent)."""
    conn.execute(SCHEMA)


def _exercise(row: sqlite3.Row) -> dict:
    return {"id": f"{PREFIX}{row['number']}", **json.loads(row["value"])}


def add(conn: sqlite3.Connection, value: dict) -> dict:
    """Store an exercise; it, with its new id."""
    cursor = conn.execute(
        "INSERT INTO authored_exercises (value, created_at) VALUES (?, ?)",
        (json.dumps(value), time.time()),
    )
    return get(conn, f"{PREFIX}{cursor.lastrowid}")


def get(conn: sqlite3.Connection, exercise_id: str) -> dict | None:
    """One authored exercise (with its network's export, if any), or None."""
    number = exercise_id.removeprefix(PREFIX)
    if not exercise_id.startswith(PREFIX) or not MAX_NUMBER.fullmatch(number):
        return None
    row = conn.execute(
        "SELECT number, value FROM authored_exercises WHERE number = ?", (int(number),)
    ).fetchone()
    return None if row is None else _exercise(row)


def remove(conn: sqlite3.Connection, exercise_id: str) -> bool:
    """Delete an authored exercise; whether there was one (its number is never used again)."""
    if get(conn, exercise_id) is None:
        return False
    number = int(exercise_id.removeprefix(PREFIX))
    conn.execute("DELETE FROM authored_exercises WHERE number = ?", (number,))
    return True


def every(conn: sqlite3.Connection) -> list[dict]:
    """Every authored exercise, oldest first."""
    rows = conn.execute("SELECT number, value FROM authored_exercises ORDER BY number")
    return [_exercise(row) for row in rows.fetchall()]
