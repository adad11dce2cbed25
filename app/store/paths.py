"""The path training took through two parameters: the trajectory's points and undo's."""

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from app.engine import Snapshot

from .codec import decode_optimizer, flat_parameters
from .snapshots import floor_at
from .trajectory import points_before, tracked

if TYPE_CHECKING:
    from .networks import NetworkRecord


@dataclass
class ParameterPath:
    """(step, p_i, p_j) at every remembered step before now, oldest first."""

    points: list[tuple[int, float, float]]
    tracked: bool  # the network keeps a trajectory; else only undo's snapshots are known


def parameter_path(
    conn: sqlite3.Connection, record: "NetworkRecord", i: int, j: int
) -> ParameterPath:
    """The two parameters (flat indices i, j) at every remembered step before the current."""
    path = []
    for row in points_before(conn, record.nid, record.session.step):
        flat = np.frombuffer(row["params"], dtype="<f8")
        path.append((int(row["step"]), float(flat[i]), float(flat[j])))
    return ParameterPath(path, tracked(record.session.network.parameter_count()))


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
    opt = decode_optimizer(row["optimizer"], row["optimizer_state"], net.layout.size)
    params = flat_parameters(row["params"], net.layout.size)
    return Snapshot(row["step"], params, row["cursor"], optimizer=opt)
