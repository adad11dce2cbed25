"""The /api/networks routes that look inside: explain, last step, gradient check, grid."""

from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from app.engine import (
    Network,
    Session,
    Snapshot,
    StepResult,
    gradient_check,
)
from app.engine.gradcheck import relative_error
from app.engine.updates import parameter_update
from app.store import NetworkRecord
from app.store import networks as store

from . import result_schemas, schemas, views
from .access import (
    NOT_FINITE,
    NOT_FOUND,
    OVERFLOWS,
    all_finite,
    reading,
)
from .budget import NUMBER_BYTES, metered, step_numbers
from .deps import (
    JSON,
    DbDep,
    SettingsDep,
    fields_in,
)
from .grids import GRID_HINT, grid_answer, grid_cost
from .packing import BINARY, PackedDep
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)


@router.get(
    "/{network_id:network_id}/explain",
    response_model=result_schemas.Explanation,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def explain(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    layer: Annotated[int, Query(ge=0)],
    to: Annotated[int, Query(ge=0)],
    source: Annotated[int | None, Query(alias="from", ge=0)] = None,
):
    """dE/dw of the last step for one weight (or bias, without `from`), factor by factor.

    Before any step (or after an undo) it previews the step the next mini-batch would take.
    """
    record, kept = _kept_step(db, network_id)
    s = record.session
    if kept is None and s.dataset.size == 0:
        raise HTTPException(409, "nothing to explain: no step yet, and no dataset to preview")
    rows = len(record.last_batch[0]) if kept else min(s.batch_size, s.dataset.size)
    work = _replay_work(record, kept) + 2 * rows * s.network.parameter_count()
    width = s.network.layers[0] + s.network.layers[-1]  # each row's inputs and targets
    answer = (FACTORS_AT_MOST + 1 + width) * rows * NUMBER_BYTES
    with metered(settings, THE_NETWORK, work, answer, TOO_BIG_TO_SHOW):
        if kept is not None:
            net, (x, t, alpha), kind = _before(record, kept), record.last_batch, "last_step"
        else:
            net, (x, t), alpha, kind = s.network, s.next_batch(), s.learning_rate, "preview"
        with fields_in("query"), np.errstate(over="ignore", invalid="ignore"):
            trace = net.forward(x, t)
            grads = net.backward(trace, t)
            rule = net.chain_rule(trace, grads, layer, to, source)
            update = parameter_update(net, grads, alpha, layer, to, source)
    if not all_finite(rule.products, rule.gradient, [f.values for f in rule.factors], update[0]):
        raise HTTPException(409, NOT_FINITE)
    rows_shown = {"inputs": np.asarray(x).tolist(), "targets": np.asarray(t).tolist()}
    return JSON(views.explanation(rule, net, kind, s.step, alpha, update) | rows_shown)


FACTORS_AT_MOST = 4  # a chain-rule product has at most this many factors per example
THE_NETWORK = ("path", "network_id")
TOO_BIG_TO_SHOW = "the last step's batch is too large to show; train with a smaller batch_size"


def _kept_step(db: DbDep, network_id: str) -> tuple[NetworkRecord, tuple[Snapshot, int] | None]:
    """The network, and what rebuilds it as before its last step, when that is still kept."""
    with db.snapshot() as conn:
        record = store.load(conn, network_id)
        kept = store.parameters_before_step(conn, record)
    return record, None if record.last_batch is None else kept


def _replay_work(record: NetworkRecord, kept: tuple[Snapshot, int] | None) -> int:
    """The work of replaying from the kept snapshot to just before the last step."""
    if kept is None:
        return 0
    snapshot, replay = kept
    rows = min(snapshot.batch_size or 1, record.session.dataset.size)
    return replay * rows * record.session.network.parameter_count()


def _before(record: NetworkRecord, kept: tuple[Snapshot, int]) -> Network:
    """The network as it was before its last step."""
    s = record.session
    past = Session(
        s.network.with_parameters(s.network.weights, s.network.biases),
        s.dataset,
        s.learning_rate,
        s.batch_size,
        s.seed,
        s.step,
        s.cursor,
    )
    past.restore(*kept)
    return past.network


@router.get(
    "/{network_id:network_id}/last-step",
    response_model=result_schemas.StepResult,
    response_class=JSON,
    responses={
        **BINARY,
        **NOT_FOUND,
        409: {"model": schemas.ErrorMessage, "description": "No step to show (new or undone)"},
    },
)
def last_step(network_id: str, db: DbDep, settings: SettingsDep, pack: PackedDep):
    """The last step again, in full: its batch, forward pass, deltas, gradients and update."""
    record, kept = _kept_step(db, network_id)
    if kept is None:
        raise HTTPException(409, "no last step to show: the network is new or was undone")
    x, t, alpha = record.last_batch
    net = record.session.network
    work = _replay_work(record, kept) + 2 * len(x) * net.parameter_count()
    answer = step_numbers(net, len(x)) * NUMBER_BYTES
    with metered(settings, THE_NETWORK, work, answer, TOO_BIG_TO_SHOW):
        before = _before(record, kept)
        trace = before.forward(x, t)
        grads = before.backward(trace, t)
    result = StepResult(trace.loss, trace, t, grads, before.weights, before.biases, alpha)
    return pack.response(views.step_result(result, record, pack=pack))


@router.get(
    "/{network_id:network_id}/gradient-check",
    response_model=result_schemas.GradientCheckResult,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def check_gradients(network_id: str, db: DbDep, settings: SettingsDep):
    """Backprop against centered finite differences, on the next mini-batch. Changes nothing."""
    record = reading(db, network_id)
    s = record.session
    if s.dataset.size == 0:
        raise HTTPException(409, "no dataset to check the gradients on")
    x, t = s.next_batch()
    p = s.network.parameter_count()
    work, answer = 2 * p * x.shape[0] * p, 4 * p * NUMBER_BYTES
    hint = "check a smaller network or batch_size"
    with (
        metered(settings, THE_NETWORK, work, answer, hint),
        np.errstate(over="ignore", invalid="ignore"),
    ):
        result = gradient_check(s.network, x, t)
    numbers = (result.numeric_weights, result.numeric_biases, result.backprop_weights)
    if not all_finite(result.max_abs_error, *numbers, result.backprop_biases):
        raise HTTPException(409, NOT_FINITE)
    return JSON(
        {
            "max_abs_error": result.max_abs_error,
            "max_relative_error": result.max_relative_error,
            "numeric": {
                "weights": views.lists(result.numeric_weights),
                "biases": views.lists(result.numeric_biases),
            },
            "backprop": {
                "weights": views.lists(result.backprop_weights),
                "biases": views.lists(result.backprop_biases),
            },
            "relative": {
                "weights": views.lists(map(relative_error, numbers[0], numbers[2])),
                "biases": views.lists(map(relative_error, numbers[1], result.backprop_biases)),
            },
        }
    )


@router.get(
    "/{network_id:network_id}/grid",
    response_model=result_schemas.GridResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def grid(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    resolution: Annotated[
        int, Query(ge=schemas.GRID_RESOLUTION[0], le=schemas.GRID_RESOLUTION[1])
    ] = 50,
    hidden: Annotated[bool, Query(description="include every hidden unit")] = True,
):
    """Inputs (each feature), output and hidden activations over the 2-D input plane.

    Float32, base64. With features, each point's features are computed and run forward.
    """
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    work, answer = grid_cost(net, data, resolution, hidden)
    with metered(settings, ("query", "resolution"), work, answer, GRID_HINT):
        return JSON(grid_answer(net, data, resolution, hidden))
