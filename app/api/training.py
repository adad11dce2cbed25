"""The /api/networks routes that run the network: forward, step, train, undo, history."""

from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query, Request

from app.engine import (
    DivergenceError,
    StepRecord,
    StepResult,
)
from app.store import NetworkRecord
from app.store import networks as store

from . import schemas, views
from .access import (
    DIVERGED,
    NOT_FINITE,
    NOT_FOUND,
    OWNER_ONLY,
    all_finite,
    changing,
    check_rows,
    check_work,
    computing,
    load_network,
    reading,
    rows_and_targets,
)
from .deps import (
    JSON,
    DbDep,
    FieldError,
    SettingsDep,
    fields_in,
)

router = APIRouter(prefix="/api/networks", tags=["networks"])


@router.post(
    "/{network_id}/forward",
    response_model=schemas.ForwardResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def forward(network_id: str, body: schemas.ForwardRequest, db: DbDep, settings: SettingsDep):
    """Run inputs forward (default: the training set); every layer's z and a. Changes nothing."""
    check_rows(body.inputs, settings, "inputs")
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    x, t = rows_and_targets(net, body.inputs, body.targets, (data.inputs, data.targets))
    with np.errstate(over="ignore", invalid="ignore"):
        trace = net.forward(x, t)
        grads = None if t is None else net.backward(trace, t)
    if not all_finite(
        trace.zs, trace.activations, trace.loss, [] if grads is None else grads.deltas
    ):
        raise FieldError(("body", "inputs"), NOT_FINITE)
    return JSON(views.forward_result(trace, t, grads))


@router.post(
    "/{network_id}/step",
    response_model=schemas.StepResult,
    response_class=JSON,
    responses={**OWNER_ONLY, **DIVERGED},
)
def step(
    network_id: str,
    body: schemas.StepRequest,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    lean: Annotated[
        bool,
        Query(description="leave out weights_before/biases_before (a client that has them)"),
    ] = False,
):
    """One backprop step: forward, backward, update w <- w - alpha dE/dw."""
    check_rows(body.inputs, settings, "inputs")
    if body.inputs is not None and body.targets is None:
        raise FieldError(("body", "targets"), "required when inputs are given")

    def run(record: NetworkRecord) -> tuple[StepResult, list[StepRecord]]:
        s = record.session
        x, t = rows_and_targets(s.network, body.inputs, body.targets, (None, None))
        rows = min(s.batch_size, s.dataset.size) if x is None else x.shape[0]
        check_work(1, rows, s.network, settings)
        with fields_in("body"):
            try:
                result, done = s.apply_step(x, t, body.learning_rate)
            except DivergenceError as exc:
                raise HTTPException(409, str(exc)) from None
        record.last_loss = result.loss
        record.last_batch = (result.trace.inputs, result.targets, result.learning_rate)
        return result, [done]

    record, result = computing(db, network_id, request, settings, run)
    return JSON(views.step_result(result, record, lean))


@router.post(
    "/{network_id}/train",
    response_model=schemas.TrainResult,
    response_class=JSON,
    responses={**OWNER_ONLY, **DIVERGED},
)
def train(
    network_id: str, body: schemas.TrainRequest, request: Request, db: DbDep, settings: SettingsDep
):
    """Many steps on successive mini-batches, for play mode; the loss before each."""
    if body.steps > settings.max_train_steps:
        raise FieldError(("body", "steps"), f"at most {settings.max_train_steps}")
    if body.batch_size is not None and body.batch_size > settings.max_rows:
        raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")

    def run(record: NetworkRecord) -> tuple[list[StepRecord], list[StepRecord]]:
        s = record.session
        s.batch_size = body.batch_size or s.batch_size
        check_work(body.steps, min(s.batch_size, s.dataset.size), s.network, settings)
        try:
            done, last_batch = s.train(body.steps, checkpoint=True)
        except DivergenceError as exc:
            raise HTTPException(409, str(exc)) from None
        record.last_loss = done[-1].loss
        record.last_batch = (*last_batch, s.learning_rate)
        return done, done

    record, done = computing(db, network_id, request, settings, run)
    return JSON(
        {
            "step": record.session.step,
            "losses": [r.loss for r in done],
            "stopped_early": len(done) < body.steps,
            "network": views.network_state(record),
        }
    )


@router.post(
    "/{network_id}/undo",
    response_model=schemas.NetworkState,
    response_class=JSON,
    responses={
        **OWNER_ONLY,
        409: {"model": schemas.ErrorMessage, "description": "Nothing to undo"},
    },
)
def undo(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Go back one step, to exactly the parameters before it."""
    with changing(db, network_id, request, settings) as (conn, record):
        found = store.pop_snapshot(conn, record)
        if found is None:
            raise HTTPException(409, "nothing to undo: no earlier step is kept")
        record.session.restore(*found)
        record.last_loss = store.previous_loss(conn, record)
        record.last_batch = None
        store.save(conn, record)
        return JSON(views.network_state(record))


@router.get(
    "/{network_id}/history",
    response_model=schemas.History,
    response_class=JSON,
    responses=NOT_FOUND,
)
def history(network_id: str, db: DbDep):
    """The loss before every step, and the test loss when the dataset has a test split."""
    with db.snapshot() as conn:
        rows = store.history(conn, load_network(conn, network_id))
    return JSON(
        {
            "steps": [r[0] for r in rows],
            "losses": [r[1] for r in rows],
            "test_losses": [r[2] for r in rows],
        }
    )
