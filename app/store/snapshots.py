"""Undo's snapshots: the parameters, optimizer state and cursor from before a step."""

import json
import sqlite3
from typing import TYPE_CHECKING

from app.engine import Snapshot, Steps
from app.engine.session import CHECKPOINT_EVERY

from . import history
from .codec import decode_optimizer, encode_optimizer, flat_bytes, flat_parameters
from .data_undo import change_before, data_versions

if TYPE_CHECKING:
    from .networks import NetworkRecord


REPLAYED_FROM = 16_384  # parameters (128 KB rows): from here a replayable step keeps no row


def kept_snapshots(steps: Steps) -> list[Snapshot]:
    """The steps' snapshots, but for a large network not the plain ones that a checkpoint of
    theirs replays in fewer than CHECKPOINT_EVERY steps (a play call's last step)."""
    marks = [snap.step for snap in steps.snapshots if snap.learning_rate is not None]
    return [
        snap
        for snap in steps.snapshots
        if snap.learning_rate is not None
        or snap.params.size < REPLAYED_FROM
        or not any(0 < snap.step - mark < CHECKPOINT_EVERY for mark in marks)
    ]


def snapshot_rows(steps: Steps) -> list[tuple]:
    """The kept snapshots as rows' values after the nid, encoded before the transaction."""
    return [
        (
            snap.step,
            flat_bytes(snap.params),
            snap.cursor,
            snap.learning_rate,
            snap.batch_size,
            *encode_optimizer(snap.optimizer),
            None if snap.penalty is None else json.dumps(snap.penalty),
        )
        for snap in kept_snapshots(steps)
    ]


def write_snapshots(conn: sqlite3.Connection, nid: int, rows: list[tuple], oldest: int) -> None:
    """Store snapshot_rows; keep the newest at or before step `oldest`, drop older."""
    conn.executemany(
        "INSERT OR REPLACE INTO snapshots (nid, step, params, cursor, learning_rate,"
        " batch_size, optimizer, optimizer_state, penalty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(nid, *row) for row in rows],
    )
    conn.execute(
        "DELETE FROM snapshots WHERE nid = ? AND step < (SELECT max(step) FROM snapshots"
        " WHERE nid = ? AND step <= ?)",
        (nid, nid, oldest),
    )


def clear_undo(conn: sqlite3.Connection, record: "NetworkRecord") -> None:
    """Drop every undo snapshot (they hold an optimizer state the network no longer has),
    and the data versions behind them."""
    conn.execute("DELETE FROM snapshots WHERE nid = ?", (record.nid,))
    conn.execute("DELETE FROM data_undo WHERE nid = ?", (record.nid,))


def floor_at(conn: sqlite3.Connection, nid: int, step: int) -> int:
    """The oldest snapshot undo may use at step `step`: none from before a data change
    (their steps trained on other data)."""
    below = change_before(conn, nid, step)
    return 0 if below is None else below + 1


def steps_back(conn: sqlite3.Connection, nid: int, step: int) -> int:
    """How many steps back undo can go from step `step`, before reaching a data change:
    down to the oldest snapshot it may use."""
    (oldest,) = conn.execute(
        "SELECT min(step) FROM snapshots WHERE nid = ? AND step >= ?",
        (nid, floor_at(conn, nid, step)),
    ).fetchone()
    return 0 if oldest is None or oldest > step else step - oldest + 1


def undo_walk(conn: sqlite3.Connection, nid: int, step: int) -> tuple[int, int]:
    """(how many undos there are, the step they lead back to): the data changes made at
    a step, then the steps back to the change before, and on while they meet."""
    count = 0
    while True:
        count += data_versions(conn, nid, step)
        below, back = change_before(conn, nid, step), steps_back(conn, nid, step)
        count += back
        if below is None or step - back != below:
            return count, step - back
        step = below


def undo_available(conn: sqlite3.Connection, nid: int, step: int) -> int:
    """How many undos there are: steps and data changes, back to where undo stops."""
    return undo_walk(conn, nid, step)[0]


def snapshot_for(conn: sqlite3.Connection, record: "NetworkRecord") -> tuple[Snapshot, int] | None:
    """The newest snapshot at or before the current step, and how many steps to replay."""
    step = record.session.step
    row = conn.execute(
        "SELECT step, params, cursor, learning_rate, batch_size, optimizer, optimizer_state,"
        " penalty FROM snapshots WHERE nid = ? AND step <= ? AND step >= ?"
        " ORDER BY step DESC LIMIT 1",
        (record.nid, step, floor_at(conn, record.nid, step)),
    ).fetchone()
    if row is None or (row["step"] < step and row["learning_rate"] is None):
        return None
    net = record.session.network
    opt = decode_optimizer(row["optimizer"], row["optimizer_state"], net.layout.size)
    penalty = None if row["penalty"] is None else tuple(json.loads(row["penalty"]))
    taken = Snapshot(
        row["step"],
        flat_parameters(row["params"], net.layout.size),
        row["cursor"],
        row["learning_rate"],
        row["batch_size"],
        opt,
        penalty,
    )
    return taken, step - row["step"]


def forget_step(conn: sqlite3.Connection, record: "NetworkRecord", step: int) -> None:
    """Drop step `step` (undone): its history row, and its snapshot when it has one."""
    conn.execute("DELETE FROM snapshots WHERE nid = ? AND step = ?", (record.nid, step))
    history.truncate(conn, record.nid, step)


def parameters_before_step(
    conn: sqlite3.Connection, record: "NetworkRecord"
) -> tuple[Snapshot, int] | None:
    """What rebuilds the network as before its latest step (for undo too): (snapshot, replay)."""
    return snapshot_for(conn, record)
