"""The path training took: a network's parameters at the end of every request, thinned.

One row per change a request commits (step, train, a play frame, an undo, an edit) holds
the parameters at the network's step then. A new row drops the rows after its step (they
were another branch, since undone). Past ROWS rows about half go: those whose step is not a
multiple of the smallest power of two that halves them, the oldest and newest staying. So
the rows always span the first kept step (0 for a network made here) to now, in even runs
of 2^k steps, older runs as coarse or coarser than newer ones. Networks over MAX_PARAMETERS
keep none (512 rows of 784-128-10 would be 400 MB); their path is undo's snapshots alone.
"""

import sqlite3
from typing import TYPE_CHECKING

from .codec import pack_parameters

if TYPE_CHECKING:
    from .networks import NetworkRecord

ROWS = 512  # at most this many rows a network, then thinned to half
MAX_PARAMETERS = 4096  # weights and biases: 512 rows of 4096 float64 are 16.8 MB


def tracked(parameters: int) -> bool:
    """Whether a network with this many parameters keeps a trajectory."""
    return parameters <= MAX_PARAMETERS


def record_point(
    conn: sqlite3.Connection, nid: int, step: int, params: bytes, parameters: int
) -> None:
    """The parameters at `step` are these: replace that row, drop later ones, thin."""
    if not tracked(parameters):
        return
    conn.execute("DELETE FROM trajectory WHERE nid = ? AND step >= ?", (nid, step))
    conn.execute("INSERT INTO trajectory (nid, step, params) VALUES (?, ?, ?)", (nid, step, params))
    thin(conn, nid, ROWS)


def thin(conn: sqlite3.Connection, nid: int, rows: int) -> None:
    """Past `rows` rows, keep the steps that are multiples of the smallest power of two
    leaving about half (evenly spaced, the stride doubling), and the oldest and newest."""
    span = conn.execute(
        "SELECT count(*) AS n, min(step) AS lo, max(step) AS hi FROM trajectory WHERE nid = ?",
        (nid,),
    ).fetchone()
    if span["n"] <= rows:
        return
    kept = "nid = :nid AND (step % :k = 0 OR step IN (:lo, :hi))"
    args = {"nid": nid, "lo": span["lo"], "hi": span["hi"], "k": 2}
    while conn.execute(f"SELECT count(*) FROM trajectory WHERE {kept}", args).fetchone()[0] > (
        rows // 2 + 2
    ):
        args["k"] *= 2
    conn.execute(f"DELETE FROM trajectory WHERE nid = :nid AND NOT ({kept})", args)


# the parameters at each step before `step`: the trajectory's rows and undo's snapshots
# (a snapshot of step s holds the parameters before it, after s - 1 steps)
_POINTS = (
    "SELECT step, params FROM trajectory WHERE nid = :nid AND step < :step"
    " UNION SELECT step - 1, params FROM snapshots WHERE nid = :nid AND step <= :step"
)


def points_before(conn: sqlite3.Connection, nid: int, step: int) -> list[sqlite3.Row]:
    """(step, params) at every remembered step before `step`, oldest first, one a step."""
    return conn.execute(
        f"SELECT step, max(params) AS params FROM ({_POINTS}) GROUP BY step ORDER BY step",
        {"nid": nid, "step": step},
    ).fetchall()


def copy_points(
    conn: sqlite3.Connection, source: int, target: int, step: int, parameters: int
) -> None:
    """Give network `target` the path network `source` took before `step` (a fork's)."""
    if not tracked(parameters):
        return
    conn.execute(
        f"INSERT OR IGNORE INTO trajectory (nid, step, params) SELECT :target, step, params"
        f" FROM ({_POINTS})",
        {"nid": source, "step": step, "target": target},
    )
    thin(conn, target, ROWS)


def track(conn: sqlite3.Connection, record: "NetworkRecord") -> None:
    """The network's parameters now are its path's point at its step."""
    net = record.session.network
    params = pack_parameters(net.weights, net.biases)
    record_point(conn, record.nid, record.session.step, params, net.parameter_count())


def start_path(conn: sqlite3.Connection, record: "NetworkRecord") -> None:
    """A new network's path: a fork's original's before the fork (if unchanged since it was
    read), then where it is now."""
    if record.forked_from is not None:
        source, seen = record.forked_from
        row = conn.execute("SELECT revision FROM networks WHERE nid = ?", (source,)).fetchone()
        if row is not None and row["revision"] == seen:
            count = record.session.network.parameter_count()
            copy_points(conn, source, record.nid, record.session.step, count)
    track(conn, record)
