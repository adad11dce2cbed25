"""Saving a changed network: its row values encoded first, then written in a short transaction.

Every worker queues on the one write transaction, so `prepare` does all the encoding (the
packed parameters, the last batch, the JSON config, the optimizer's bytes, the losses' run,
undo's snapshots) with no lock held, and `write` runs only the SQL and the reads that depend
on what is stored (the trajectory's and history's thinning, undo's walk).
"""

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.engine import Steps

from . import history
from .codec import encode_batch, encode_optimizer, pack_parameters
from .data_undo import drop_unreachable
from .snapshots import snapshot_rows, undo_walk, write_snapshots
from .trajectory import record_point

if TYPE_CHECKING:
    from .networks import NetworkRecord


def config_json(record: "NetworkRecord") -> str:
    """The network's config column: layers, activations, loss, init, seed, penalty."""
    net, s = record.session.network, record.session
    return json.dumps(
        {
            "layers": net.layers,
            "hidden_activation": net.hidden_activation,
            "output_activation": net.output_activation,
            "loss": net.loss,
            "use_bias": net.use_bias,
            "init": record.init,
            "seed": s.seed,
            "regularization": net.regularization,
            "regularization_rate": net.regularization_rate,
            "builtin_dataset": record.builtin_dataset,
        }
    )


@dataclass(frozen=True)
class Rows:
    """What a save writes, every value encoded: the network's row, its path's point, the
    losses' run and undo's snapshots (None and [] when no steps were taken)."""

    network: tuple  # the UPDATE's values, the revision bumped, the nid last
    revision: int
    updated_at: float
    step: int
    params: bytes
    parameters: int
    run: history.Encoded | None
    snapshots: list[tuple]


_UPDATE = (
    "UPDATE networks SET name = ?, config = ?, learning_rate = ?, batch_size = ?, step = ?,"
    " cursor = ?, revision = ?, params = ?, last_loss = ?, last_batch = ?,"
    " last_batch_rows = ?, updated_at = ?, optimizer = ?, optimizer_state = ? WHERE nid = ?"
)


def prepare(record: "NetworkRecord", steps: Steps | None = None) -> Rows:
    """Encode what saving the network as it is now writes, with any steps it took."""
    net, s = record.session.network, record.session
    revision, now = record.revision + 1, time.time()
    params = pack_parameters(net.weights, net.biases)
    network = (
        record.name,
        config_json(record),
        s.learning_rate,
        s.batch_size,
        s.step,
        s.cursor,
        revision,
        params,
        record.last_loss,
        *encode_batch(record.last_batch),
        now,
        *encode_optimizer(net.optimizer),
        record.nid,
    )
    run = history.encode(steps.first + 1, steps.losses, steps.test_losses) if steps else None
    shots = snapshot_rows(steps) if steps else []
    return Rows(network, revision, now, s.step, params, net.parameter_count(), run, shots)


def write(
    conn: sqlite3.Connection,
    record: "NetworkRecord",
    rows: Rows,
    undo_depth: int = 100,
    history_rows: int | None = None,
) -> None:
    """Write prepared rows back (bumping the revision); with history_rows, older history is
    thinned to keep at most that many rows."""
    nid = record.nid
    conn.execute(_UPDATE, rows.network)
    record.revision, record.updated_at = rows.revision, rows.updated_at
    record_point(conn, nid, rows.step, rows.params, rows.parameters)
    if rows.run is not None:
        history.append(conn, nid, rows.run)
        if history_rows is not None:
            history.thin(conn, nid, history_rows)
        write_snapshots(conn, nid, rows.snapshots, rows.step - undo_depth + 1)
    record.undo_available, bottom = undo_walk(conn, nid, rows.step)
    if rows.run is not None:  # data versions past where undo's walk stops can never be reached
        drop_unreachable(conn, nid, bottom)


def save(
    conn: sqlite3.Connection,
    record: "NetworkRecord",
    steps: Steps | None = None,
    undo_depth: int = 100,
    history_rows: int | None = None,
) -> None:
    """Prepare and write in one go: for a change made inside its transaction."""
    write(conn, record, prepare(record, steps), undo_depth, history_rows)
