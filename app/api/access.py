"""Loading, locking and checking networks for the routes: shared by every router."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
from fastapi import HTTPException, Request

from app.engine import (
    Network,
    Steps,
    feature_matrix,
)
from app.engine.validation import as_matrix
from app.settings import Settings, undo_steps
from app.store import NetworkRecord, NotFound
from app.store import networks as store

from . import schemas
from .budget import state_numbers
from .deps import (
    DbDep,
    FieldError,
    check_owner,
    fields_in,
)
from .look_schemas import Diverged
from .network_locks import one_at_a_time

T = TypeVar("T")


NOT_FOUND = {404: {"model": schemas.ErrorMessage, "description": "No network has this id"}}


OWNER_ONLY = {
    **NOT_FOUND,
    403: {"model": schemas.ErrorMessage, "description": "Shared mode: not this client's network"},
}


OVERFLOWS = {409: {"model": schemas.ErrorMessage, "description": "The numbers overflow"}}


DIVERGED = {409: {"model": Diverged, "description": "The step would diverge, and why"}}


@contextmanager
def changing(
    db: DbDep, network_id: str, request: Request, settings: Settings
) -> Iterator[tuple[sqlite3.Connection, NetworkRecord]]:
    """Load a network for change in one write transaction; a failure rolls everything back."""
    with db.transaction() as conn:
        record = store.load(conn, network_id)
        check_owner(record, request, settings)
        yield conn, record


MAX_ATTEMPTS = 50


def computing(
    db: DbDep,
    network_id: str,
    request: Request,
    settings: Settings,
    run: Callable[[NetworkRecord], tuple[T, Steps | None]],
    finish: Callable[[sqlite3.Connection, NetworkRecord], None] | None = None,
) -> tuple[NetworkRecord, T]:
    """Run training work on a loaded network with no database lock held, then commit it.

    Requests on one network queue on an in-process lock; a change committed meanwhile by
    another process is detected by its revision, and the work is redone on the new state.
    Other networks' requests are never held up by this one's computation, nor by the
    encoding of its rows, done before the write transaction that all workers queue on.
    `finish` makes the request's own writes in that transaction, before the network's row;
    what it changed on the record would not be saved (`run` sets the record).
    """
    with one_at_a_time(network_id):
        for _ in range(MAX_ATTEMPTS):
            record = reading(db, network_id)
            check_owner(record, request, settings)
            loaded = record.revision
            outcome, steps = run(record)
            rows = store.prepare(record, steps)
            depth = undo_steps(settings, state_numbers(record.session.network))
            with db.transaction() as conn:
                current = store.revision(conn, network_id)
                if current is None:
                    raise NotFound(network_id)
                if current == loaded:
                    if finish is not None:
                        finish(conn, record)
                    store.write(conn, record, rows, depth, settings.max_history_rows)
                    return record, outcome
    raise HTTPException(409, "the network kept changing under this request; try again")


def reading(db: DbDep, network_id: str) -> NetworkRecord:
    """Load a network to read."""
    with db.snapshot() as conn:
        return store.load(conn, network_id)


def check_rows(rows: list | None, settings: Settings, field: str) -> None:
    """Refuse more input rows than the server allows."""
    if rows is not None and len(rows) > settings.max_rows:
        raise FieldError(("body", field), f"at most {settings.max_rows} rows")


def rows_and_targets(
    net: Network,
    inputs: list | None,
    targets: list | None,
    default: tuple | None,
    features: tuple[str, ...] = (),
) -> tuple:
    """Checked (inputs, targets) from a request, or the default when no inputs are given.

    With features, the given inputs are 2-D points and the features are computed from them.
    """
    if inputs is None:
        if targets is not None:
            raise FieldError(("body", "inputs"), "required when targets are given")
        return default
    with fields_in("body"):
        x = as_matrix(inputs, 2 if features else net.layers[0], "inputs")
        t = None if targets is None else net.check_targets(targets, x.shape[0])
    return (feature_matrix(x, features) if features else x), t


NOT_FINITE = "the numbers overflow (not finite) for these inputs and parameters"


def all_finite(*values) -> bool:
    """Whether every number in these arrays, lists of arrays or floats is finite."""
    return all(
        np.all(np.isfinite(v)) if not isinstance(v, list) else all_finite(*v)
        for v in values
        if v is not None
    )
