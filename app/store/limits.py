"""What an owner stores: networks and bytes."""

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
