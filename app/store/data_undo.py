"""Undo's data versions: the dataset and batch cursor from before a PATCH changed them."""

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.engine import Dataset

from .codec import decode_dataset

if TYPE_CHECKING:
    from .networks import NetworkRecord

# an entry's stored bytes: what the quotas and the per-network budget count
ENTRY_BYTES = "length(CAST(dataset AS BLOB)) + coalesce(length(dataset_rows), 0)"


@dataclass(frozen=True)
class DataVersion:
    """A kept data version: the dataset as stored, its built-in flag and the cursor."""

    seq: int
    dataset: Dataset
    builtin: bool
    cursor: int


def keep_data(conn: sqlite3.Connection, nid: int, depth: int, budget: int) -> None:
    """Keep the network's stored data as an undo entry, before a PATCH replaces it.

    The newest `depth` entries within `budget` bytes stay. With an older one dropped, the
    steps taken before its change go too (their data is no longer kept).
    """
    step, cursor, builtin, dataset, rows = conn.execute(
        "SELECT step, cursor, json_extract(config, '$.builtin_dataset'), dataset, dataset_rows"
        " FROM networks WHERE nid = ?",
        (nid,),
    ).fetchone()
    conn.execute(
        "INSERT INTO data_undo (nid, seq, step, cursor, builtin, dataset, dataset_rows)"
        " SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? FROM data_undo WHERE nid = ?",
        (nid, step, cursor, builtin, dataset, rows, nid),
    )
    (dropped,) = conn.execute(
        "SELECT max(seq) FROM (SELECT seq, row_number() OVER newest AS n,"
        f" sum({ENTRY_BYTES}) OVER newest AS total FROM data_undo WHERE nid = ?"
        " WINDOW newest AS (ORDER BY seq DESC)) WHERE n > ? OR total > ?",
        (nid, depth, budget),
    ).fetchone()
    if dropped is not None:
        drop_before(conn, nid, dropped)


def drop_before(conn: sqlite3.Connection, nid: int, seq: int) -> None:
    """Drop data version `seq` and older ones, with the snapshots of the steps before them."""
    (step,) = conn.execute(
        "SELECT step FROM data_undo WHERE nid = ? AND seq = ?", (nid, seq)
    ).fetchone()
    conn.execute("DELETE FROM snapshots WHERE nid = ? AND step <= ?", (nid, step))
    conn.execute("DELETE FROM data_undo WHERE nid = ? AND seq <= ?", (nid, seq))


def change_before(conn: sqlite3.Connection, nid: int, step: int) -> int | None:
    """The step of the latest data change made before step `step` (None: none kept)."""
    (found,) = conn.execute(
        "SELECT max(step) FROM data_undo WHERE nid = ? AND step < ?", (nid, step)
    ).fetchone()
    return found


def data_versions(conn: sqlite3.Connection, nid: int, step: int) -> int:
    """How many data changes made at step `step` undo can take back."""
    (n,) = conn.execute(
        "SELECT count(*) FROM data_undo WHERE nid = ? AND step = ?", (nid, step)
    ).fetchone()
    return n


def latest_data(conn: sqlite3.Connection, record: "NetworkRecord") -> DataVersion | None:
    """The newest data version kept at the network's current step, if any."""
    row = conn.execute(
        "SELECT seq, cursor, builtin, dataset, dataset_rows FROM data_undo"
        " WHERE nid = ? AND step = ? ORDER BY seq DESC LIMIT 1",
        (record.nid, record.session.step),
    ).fetchone()
    if row is None:
        return None
    data = decode_dataset(row["dataset"], row["dataset_rows"])
    return DataVersion(row["seq"], data, bool(row["builtin"]), row["cursor"])


def restore_data(conn: sqlite3.Connection, record: "NetworkRecord", seq: int) -> None:
    """Write data version `seq` back as the network's dataset, byte for byte, and drop it."""
    conn.execute(
        "UPDATE networks SET (dataset, dataset_rows) = (SELECT dataset, dataset_rows"
        " FROM data_undo WHERE nid = ? AND seq = ?) WHERE nid = ?",
        (record.nid, seq, record.nid),
    )
    conn.execute("DELETE FROM data_undo WHERE nid = ? AND seq = ?", (record.nid, seq))


def drop_unreachable(conn: sqlite3.Connection, nid: int, bottom: int) -> None:
    """Drop data versions from before step `bottom`, where undo's walk back stops."""
    conn.execute("DELETE FROM data_undo WHERE nid = ? AND step < ?", (nid, bottom))
