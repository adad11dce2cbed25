"""The /api/networks routes that run the network: forward, step, train, undo, history."""

import time
from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query, Request

from app.engine import (
    Dataset,
    Session,
    StepResult,
    Steps,
)
from app.settings import undo_steps
from app.store import NetworkRecord
from app.store import networks as store

from . import frames, result_schemas, run_schemas, schemas, views
from .access import (
    DIVERGED,
    NOT_FINITE,
    NOT_FOUND,
    OWNER_ONLY,
    all_finite,
    check_rows,
    computing,
    reading,
    rows_and_targets,
)
from .blowups import diagnosed
from .budget import NUMBER_BYTES, metered, state_numbers, step_numbers, trace_numbers
from .deps import (
    JSON,
    DbDep,
    FieldError,
    SettingsDep,
    fields_in,
)
from .locks import LOCKED, locked
from .packing import BINARY, PackedDep
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)


@router.post(
    "/{network_id:network_id}/forward",
    response_model=result_schemas.ForwardResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def forward(network_id: str, body: run_schemas.ForwardRequest, db: DbDep, settings: SettingsDep):
    """Run inputs forward (default: the dataset's `split`); every layer's z and a, the accuracy."""
    check_rows(body.inputs, settings, "inputs")
    if body.inputs is not None and body.split is not None:
        raise FieldError(("body", "split"), "only without inputs: it picks the dataset's rows")
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    default = _split_rows(data, body.split)
    rows = len(default[0]) if body.inputs is None else len(body.inputs)
    if rows == 0:
        raise FieldError(("body", "inputs"), NO_DATASET)
    backward = body.targets is not None or body.inputs is None
    # counted before the rows are even converted: a refusal costs next to nothing
    work = (2 if backward else 1) * rows * net.parameter_count()
    answer = trace_numbers(net, rows, backward) * NUMBER_BYTES
    field = ("body", "inputs" if body.inputs is not None else "split")
    with metered(settings, field, work, answer, "ask for fewer rows"):
        x, t = rows_and_targets(net, body.inputs, body.targets, default, data.features)
        with np.errstate(over="ignore", invalid="ignore"):
            trace = net.forward(x, t)
            grads = None if t is None else net.backward(trace, t)
    if not all_finite(
        trace.zs, trace.activations, trace.loss, [] if grads is None else grads.deltas
    ):
        raise FieldError(("body", "inputs"), NOT_FINITE, kind="not_finite")
    return JSON(views.forward_result(trace, t, grads))


NO_DATASET = "this network has no dataset: give inputs and targets"


def check_counters(session: Session, steps: int, field: tuple) -> None:
    """Refuse steps that would take the step counter or the batch cursor past 2^53."""
    cursor_after = session.cursor + steps * session.batch_size
    if session.step + steps > schemas.COUNTER_LIMIT or cursor_after > schemas.COUNTER_LIMIT:
        raise FieldError(field, "the step counter would pass 2^53; export and reset the network")


def _split_rows(data: Dataset, split: str | None) -> tuple[np.ndarray, np.ndarray]:
    """The dataset's train rows, or its test rows for split "test": (inputs, targets)."""
    if split != "test":
        return data.inputs, data.targets
    if data.test_inputs is None or len(data.test_inputs) == 0:
        raise FieldError(("body", "split"), "this network's dataset has no test split")
    return data.test_inputs, data.test_targets


@router.post(
    "/{network_id:network_id}/step",
    response_model=result_schemas.StepResult,
    response_class=JSON,
    responses={**BINARY, **OWNER_ONLY, **DIVERGED, **LOCKED},
    dependencies=[locked("step")],
)
def step(
    network_id: str,
    body: run_schemas.StepRequest,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    pack: PackedDep,
    lean: Annotated[
        bool,
        Query(description="leave out weights_before/biases_before (a client that has them)"),
    ] = False,
):
    """One backprop step: forward, backward, update w <- w - alpha dE/dw."""
    check_rows(body.inputs, settings, "inputs")
    if body.inputs is not None and body.targets is None:
        raise FieldError(("body", "targets"), "required when inputs are given")

    def run(record: NetworkRecord) -> tuple[StepResult, Steps]:
        s = record.session
        check_counters(s, 1, ("body", "inputs"))
        net = s.network
        rows = min(s.batch_size, s.dataset.size) if body.inputs is None else len(body.inputs)
        work, answer = rows * net.parameter_count(), step_numbers(net, rows) * NUMBER_BYTES
        with (
            metered(settings, ("body", "inputs"), work, answer, "step on fewer rows"),
            diagnosed(settings, db, record, work),
            fields_in("body"),
            np.errstate(over="ignore", invalid="ignore"),
        ):
            x, t = rows_and_targets(
                net, body.inputs, body.targets, (None, None), s.dataset.features
            )
            result, done = s.apply_step(x, t, body.learning_rate)
        g = result.gradients
        if not all_finite(result.trace.zs, result.trace.activations, g.deltas, g.grad_activations):
            if body.inputs is not None:
                raise FieldError(("body", "inputs"), NOT_FINITE, kind="not_finite")
            raise HTTPException(409, NOT_FINITE)
        record.last_loss = result.loss
        record.last_batch = (result.trace.inputs, result.targets, result.learning_rate)
        return result, done

    record, result = computing(db, network_id, request, settings, run)
    return pack.response(views.step_result(result, record, lean, pack))


TRAIN_TIMING = {
    "Server-Timing": {
        "description": "`train;dur=<ms>`: the CPU time of the steps themselves",
        "schema": {"type": "string"},
    }
}


@router.post(
    "/{network_id:network_id}/train",
    response_model=result_schemas.TrainResult,
    response_class=JSON,
    responses={200: {**BINARY[200], "headers": TRAIN_TIMING}, **OWNER_ONLY, **DIVERGED, **LOCKED},
    dependencies=[locked("train")],
)
def train(
    network_id: str,
    body: run_schemas.TrainRequest,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    pack: PackedDep,
):
    """Many steps on successive mini-batches, for play mode; the loss before each.

    The Server-Timing header's `train` is the steps' own CPU time, in ms.
    """
    if body.steps > settings.max_train_steps:
        raise FieldError(("body", "steps"), f"at most {settings.max_train_steps}")
    if body.batch_size is not None and body.batch_size > settings.max_rows:
        raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")
    if body.frame and body.frame.example and len(body.frame.example.inputs) > settings.max_rows:
        raise FieldError((*frames.EXAMPLE, "inputs"), f"at most {settings.max_rows} rows")

    seconds = [0.0]  # the steps' own CPU time, for Server-Timing

    def run(record: NetworkRecord) -> tuple[tuple[Steps, dict | None], Steps]:
        s = record.session
        s.batch_size = body.batch_size or s.batch_size
        check_counters(s, body.steps, ("body", "steps"))
        if s.dataset.size == 0:
            raise FieldError(("body", "steps"), NO_DATASET + " (POST step takes them)")
        frame = body.frame
        example = None if frame is None else frames.checked_example(s.network, record, frame)
        drawn = (0, 0.0) if frame is None else frames.frame_cost(record, frame)
        p, kept = s.network.parameter_count(), state_numbers(s.network)
        work = body.steps * min(s.batch_size, s.dataset.size) * p
        with metered(
            settings,
            ("body", "steps"),
            work + drawn[0],
            (body.steps + kept) * NUMBER_BYTES + drawn[1],
            "ask for fewer steps" + ("" if frame is None else " or a smaller frame"),
        ):
            keep = undo_steps(settings, kept)
            with diagnosed(settings, db, record, work // body.steps):
                started = time.thread_time()  # CPU: what waiting for a core does not inflate
                done, last_batch = s.train(body.steps, keep=keep, checkpoint=True)
                seconds[0] = time.thread_time() - started
            shown = (
                None if frame is None else frames.frame_answer(s.network, record, frame, example)
            )
        record.last_loss = done.losses[-1]
        record.last_batch = (*last_batch, s.learning_rate)
        return (done, shown), done

    record, (done, shown) = computing(db, network_id, request, settings, run)
    return pack.response(
        {
            "frame": shown,
            "step": record.session.step,
            "losses": done.losses,
            "penalties": done.penalties,
            "stopped_early": len(done) < body.steps,
            "network": views.network_state(record, pack),
        },
        {"Server-Timing": f"train;dur={1000 * seconds[0]:.3f}"},  # play sizes calls by it
    )


@router.post(
    "/{network_id:network_id}/undo",
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={
        **OWNER_ONLY,
        409: {"model": schemas.ErrorMessage, "description": "Nothing to undo"},
        **LOCKED,
    },
    dependencies=[locked("undo")],
)
def undo(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Take back the latest change: a change of the dataset or features made at this step
    (to exactly the data and batch cursor before it; the parameters stay), or else a step
    (to exactly the parameters before it)."""
    undone: list = []

    def run(record: NetworkRecord) -> tuple[None, None]:
        # replays (at most CHECKPOINT_EVERY - 1 steps) with no database lock held
        with db.snapshot() as conn:
            data = store.latest_data(conn, record)
            found = None if data is not None else store.parameters_before_step(conn, record)
            loss = None if found is None else store.previous_loss(conn, record)
        if data is not None:
            undone[:] = [None, data.seq]
            record.session.dataset, record.session.cursor = data.dataset, data.cursor
            record.builtin_dataset = data.builtin
        elif found is not None:
            undone[:] = [record.session.step, None]
            record.session.restore(*found)
            record.last_loss, record.last_batch = loss, None
        else:
            raise HTTPException(409, "nothing to undo: no earlier step or data change is kept")
        return None, None

    def finish(conn, record: NetworkRecord) -> None:
        step, seq = undone
        if seq is not None:
            store.restore_data(conn, record, seq)
            return
        store.forget_step(conn, record, step)

    record, _ = computing(db, network_id, request, settings, run, finish)
    return JSON(views.network_state(record))


@router.get(
    "/{network_id:network_id}/history",
    response_model=result_schemas.History,
    response_class=JSON,
    responses=NOT_FOUND,
)
def history(
    network_id: str,
    db: DbDep,
    since: Annotated[
        int, Query(ge=0, le=schemas.COUNTER_LIMIT, description="only the steps after this one")
    ] = 0,
):
    """The loss before every step, and the test loss when the dataset has a test split."""
    with db.snapshot() as conn:
        rows = store.losses(conn, store.load(conn, network_id), since)
    return JSON(
        {
            "steps": [r[0] for r in rows],
            "losses": [r[1] for r in rows],
            "test_losses": [r[2] for r in rows],
        }
    )
