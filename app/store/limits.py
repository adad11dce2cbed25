"""What an owner stores, and keeping a network's loss history within a row budget."""

import sqlite3
from dataclasses import dataclass

from .data_undo import ENTRY_BYTES


@dataclass(frozen=True)
class Usage:
    """An owner's networks and their bytes: parameters, datasets, last batches, undo copies
    (snapshots and data versions), trajectories."""

    networks: int
    bytes: int


def usage(conn: sqlite3.Connection, owner: str) -> Usage:
    """How many networks this owner has and how many bytes of data they store."""
    row = conn.execute(
        "SELECT count(*) AS networks, coalesce(sum(length(params)"
        " + length(CAST(dataset AS BLOB)) + coalesce(length(dataset_rows), 0)"
        " + coalesce(length(CAST(last_batch AS BLOB)), 0) + coalesce(length(last_batch_rows), 0)"
        " + coalesce(length(optimizer_state), 0)), 0) AS bytes,"
        " (SELECT coalesce(sum(length(s.params) + coalesce(length(s.optimizer_state), 0)), 0)"
        " FROM snapshots s"
        "  JOIN networks n ON n.nid = s.nid WHERE n.owner = :owner) AS undo,"
        f" (SELECT coalesce(sum({ENTRY_BYTES}), 0) FROM data_undo"
        "  WHERE nid IN (SELECT nid FROM networks WHERE owner = :owner)) AS data_undo,"
        " (SELECT coalesce(sum(length(params)), 0) FROM trajectory"
        "  WHERE nid IN (SELECT nid FROM networks WHERE owner = :owner)) AS path"
        " FROM networks WHERE owner = :owner",
        {"owner": owner},
    ).fetchone()
    return Usage(row["networks"], row["bytes"] + row["undo"] + row["data_undo"] + row["path"])


def stored_bytes(conn: sqlite3.Connection) -> int:
    """The database's size in bytes, not counting free pages SQLite will reuse."""
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (free,) = conn.execute("PRAGMA freelist_count").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    return (pages - free) * size


def thin_history(conn: sqlite3.Connection, nid: int, max_rows: int) -> None:
    """Keep at most max_rows history rows: the newest half in full, older steps evenly thinned.

    Older rows are kept where step % k == 0, k the smallest power of two that fits them in
    the other half: evenly spaced, so the loss curve keeps its shape, and (powers of two)
    a later, coarser thinning keeps a subset of the rows an earlier one kept.
    """
    row = conn.execute(
        "SELECT count(*) AS n, min(step) AS oldest, max(step) AS newest FROM history WHERE nid = ?",
        (nid,),
    ).fetchone()
    if row["n"] <= max_rows:
        return
    full = max(max_rows // 2, 1)
    boundary = row["newest"] - full + 1  # steps from here on are kept in full
    span, room = boundary - row["oldest"], max(max_rows - full, 1)
    k = 1
    while -(-span // k) > room:
        k *= 2
    conn.execute(
        "DELETE FROM history WHERE nid = ? AND step < ? AND step % ? != 0", (nid, boundary, k)
    )
