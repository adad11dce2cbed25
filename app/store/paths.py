"""The path training took through two parameters, as far as undo's snapshots remember it."""

import sqlite3
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .networks import NetworkRecord


def parameter_path(
    conn: sqlite3.Connection, record: "NetworkRecord", i: int, j: int
) -> list[tuple[int, float, float]]:
    """(step, p_i, p_j) before every kept snapshot's step, oldest first (flat indices i, j)."""
    rows = conn.execute(
        "SELECT step, params FROM snapshots WHERE nid = ? AND step <= ? ORDER BY step",
        (record.nid, record.session.step),
    ).fetchall()
    path = []
    for row in rows:
        flat = np.frombuffer(row["params"], dtype="<f8")
        path.append((int(row["step"]) - 1, float(flat[i]), float(flat[j])))
    return path
