"""Loading and saving networks, their history and undo snapshots."""

import json
import sqlite3
import time
from dataclasses import dataclass

import numpy as np

from app.engine import Dataset, Network, Session

from . import history
from .codec import (
    decode_batch,
    decode_dataset,
    decode_optimizer,
    encode_batch,
    encode_dataset,
    encode_optimizer,
    pack_parameters,
    unpack_parameters,
)
from .data_undo import (  # noqa: F401 (the data undo functions the API calls as store.*)
    keep_data,
    latest_data,
    restore_data,
)
from .saving import config_json, prepare, save, write  # noqa: F401 (the API's store.*)
from .snapshots import (  # noqa: F401 (the undo functions the API calls as store.*)
    clear_undo,
    forget_step,
    parameters_before_step,
    undo_available,
)
from .trajectory import start_path

Array = np.ndarray


class NotFound(LookupError):
    """No network has this id."""


@dataclass
class NetworkRecord:
    """A stored network: its training session and what the server keeps about it."""

    id: str
    name: str
    owner: str | None
    session: Session
    init: str
    builtin_dataset: bool
    revision: int = 0
    last_loss: float | None = None
    last_batch: tuple[Array, Array, float] | None = None  # the last step's x, t and alpha
    undo_available: int = 0
    created_at: float = 0.0
    updated_at: float = 0.0
    nid: int | None = None
    forked_from: tuple[int, int] | None = None  # a fork's original: (nid, revision) when read


_COLUMNS = (
    "nid, id, owner, name, config, learning_rate, batch_size, step, cursor, revision, "
    "params, dataset, dataset_rows, last_loss, last_batch, last_batch_rows, created_at, updated_at,"
    " optimizer, optimizer_state"
)


def _record(row: sqlite3.Row, undo_available: int) -> NetworkRecord:
    cfg = json.loads(row["config"])
    weights, biases = unpack_parameters(row["params"], cfg["layers"])
    net = Network(
        cfg["layers"],
        cfg["hidden_activation"],
        cfg["output_activation"],
        cfg["loss"],
        cfg["use_bias"],
        weights,
        biases,
    )
    net.optimizer = (
        decode_optimizer(row["optimizer"], row["optimizer_state"], net.layout.size) or net.optimizer
    )
    net.regularization = cfg.get("regularization", "none")
    net.regularization_rate = cfg.get("regularization_rate", 0.0)
    data: Dataset = decode_dataset(row["dataset"], row["dataset_rows"])
    lr = row["learning_rate"]
    session = Session(net, data, lr, row["batch_size"], cfg["seed"], row["step"], row["cursor"])
    batch = decode_batch(row["last_batch"], row["last_batch_rows"], lr)
    return NetworkRecord(
        id=row["id"],
        name=row["name"],
        owner=row["owner"],
        session=session,
        init=cfg["init"],
        builtin_dataset=cfg["builtin_dataset"],
        revision=row["revision"],
        last_loss=row["last_loss"],
        last_batch=batch,
        undo_available=undo_available,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        nid=row["nid"],
    )


def load(conn: sqlite3.Connection, network_id: str) -> NetworkRecord:
    """The network with this id, or NotFound."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM networks WHERE id = ?", (network_id,)).fetchone()
    if row is None:
        raise NotFound(network_id)
    return _record(row, undo_available(conn, row["nid"], row["step"]))


def insert(conn: sqlite3.Connection, record: NetworkRecord) -> None:
    """Store a new network."""
    now = time.time()
    record.created_at = record.updated_at = now
    net = record.session.network
    dataset, dataset_rows = encode_dataset(record.session.dataset, record.builtin_dataset)
    cur = conn.execute(
        "INSERT INTO networks (id, owner, name, config, learning_rate, batch_size, step, cursor,"
        " revision, params, dataset, dataset_rows, last_loss, last_batch, last_batch_rows,"
        " created_at, updated_at, optimizer, optimizer_state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.id,
            record.owner,
            record.name,
            config_json(record),
            record.session.learning_rate,
            record.session.batch_size,
            record.session.step,
            record.session.cursor,
            record.revision,
            pack_parameters(net.weights, net.biases),
            dataset,
            dataset_rows,
            record.last_loss,
            *encode_batch(record.last_batch),
            now,
            now,
            *encode_optimizer(net.optimizer),
        ),
    )
    record.nid = cur.lastrowid
    start_path(conn, record)


def replace_dataset(
    conn: sqlite3.Connection, record: NetworkRecord, keep: tuple[int, int] | None
) -> None:
    """Write the network's new dataset. With keep (depth, bytes), the old data is kept as
    an undo entry first (undo takes the change back, then the steps before it); without,
    undo is cleared (those steps used the old data)."""
    if keep is not None:
        keep_data(conn, record.nid, *keep)
    else:
        conn.execute("DELETE FROM snapshots WHERE nid = ?", (record.nid,))
    dataset, dataset_rows = encode_dataset(record.session.dataset, record.builtin_dataset)
    conn.execute(
        "UPDATE networks SET dataset = ?, dataset_rows = ? WHERE nid = ?",
        (dataset, dataset_rows, record.nid),
    )


def previous_loss(conn: sqlite3.Connection, record: NetworkRecord) -> float | None:
    """The loss recorded for the step before the network's current one, if any (the last
    loss once that step is undone)."""
    return history.loss_at(conn, record.nid, record.session.step - 1)


def losses(conn: sqlite3.Connection, record: NetworkRecord, since: int = 0) -> list[tuple]:
    """(step, loss, test_loss) for every kept step after step `since`, in order."""
    return history.rows(conn, record.nid, since)


def delete(conn: sqlite3.Connection, network_id: str) -> None:
    """Remove a network with its history, or NotFound."""
    if conn.execute("DELETE FROM networks WHERE id = ?", (network_id,)).rowcount == 0:
        raise NotFound(network_id)


def listing(conn: sqlite3.Connection, owner: str | None = None) -> list[dict]:
    """{id, name, layers, step, last_loss, dataset, created_at, updated_at} of every
    network, or one owner's."""
    sql = (
        "SELECT id, name, json_extract(config, '$.layers') AS layers, step, last_loss,"
        " coalesce(json_extract(dataset, '$.builtin'), json_extract(dataset, '$.name'))"
        " AS dataset, created_at, updated_at FROM networks"
    )
    args: tuple = ()
    if owner is not None:
        sql, args = sql + " WHERE owner = ?", (owner,)
    rows = conn.execute(sql + " ORDER BY updated_at DESC", args).fetchall()
    return [{**dict(row), "layers": json.loads(row["layers"])} for row in rows]


def revision(conn: sqlite3.Connection, network_id: str) -> int | None:
    """The network's revision counter, or None once it is gone."""
    row = conn.execute("SELECT revision FROM networks WHERE id = ?", (network_id,)).fetchone()
    return None if row is None else row["revision"]


def revision_and_step(conn: sqlite3.Connection, network_id: str) -> tuple[int, int] | None:
    """The network's (revision, step), or None once it is gone."""
    return conn.execute(
        "SELECT revision, step FROM networks WHERE id = ?", (network_id,)
    ).fetchone()


def delete_idle(conn: sqlite3.Connection, older_than: float) -> int:
    """Delete networks not updated since `older_than` (a Unix time); how many went."""
    return conn.execute("DELETE FROM networks WHERE updated_at < ?", (older_than,)).rowcount
