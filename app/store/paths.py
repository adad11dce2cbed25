"""The path training took through two parameters, as far as undo's snapshots remember it."""

import sqlite3
from typing import TYPE_CHECKING

import numpy as np

from app.engine import Snapshot

from .codec import decode_optimizer, unpack_parameters
from .snapshots import floor_at

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


def oldest_kept(conn: sqlite3.Connection, record: "NetworkRecord") -> Snapshot | None:
    """The oldest snapshot undo can reach by steps alone: the parameters before its step, and
    its cursor."""
    row = conn.execute(
        "SELECT step, params, cursor, optimizer, optimizer_state FROM snapshots"
        " WHERE nid = ? AND step <= ? AND step >= ? ORDER BY step LIMIT 1",
        (record.nid, record.session.step, floor_at(conn, record.nid, record.session.step)),
    ).fetchone()
    if row is None:
        return None
    net = record.session.network
    weights, biases = unpack_parameters(row["params"], net.layers)
    opt = decode_optimizer(row["optimizer"], row["optimizer_state"], net.layout.size)
    return Snapshot(row["step"], weights, biases, row["cursor"], optimizer=opt)
