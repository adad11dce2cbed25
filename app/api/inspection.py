"""The /api/networks routes that look inside: explain, last step, gradient check, grid."""

import base64
from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from app.engine import (
    Network,
    Session,
    StepResult,
    gradient_check,
)
from app.store import NetworkRecord
from app.store import networks as store

from . import schemas, views
from .access import (
    NOT_FINITE,
    NOT_FOUND,
    OVERFLOWS,
    all_finite,
    check_work,
    load_network,
    reading,
)
from .deps import (
    JSON,
    DbDep,
    FieldError,
    SettingsDep,
    fields_in,
)

router = APIRouter(prefix="/api/networks", tags=["networks"])


@router.get(
    "/{network_id}/explain",
    response_model=schemas.Explanation,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def explain(
    network_id: str,
    db: DbDep,
    layer: Annotated[int, Query(ge=0)],
    to: Annotated[int, Query(ge=0)],
    source: Annotated[int | None, Query(alias="from", ge=0)] = None,
):
    """dE/dw of the last step for one weight (or bias, without `from`), factor by factor.

    Before any step (or after an undo) it previews the step the next mini-batch would take.
    """
    record, before = _last_step(db, network_id)
    s = record.session
    if before is not None:
        net, (x, t, alpha), kind = before, record.last_batch, "last_step"
    else:
        net, (x, t), alpha, kind = s.network, s.next_batch(), s.learning_rate, "preview"
    with fields_in("query"), np.errstate(over="ignore", invalid="ignore"):
        trace = net.forward(x, t)
        rule = net.chain_rule(trace, net.backward(trace, t), layer, to, source)
    if not all_finite(rule.products, rule.gradient, [f.values for f in rule.factors]):
        raise HTTPException(409, NOT_FINITE)
    return JSON(views.explanation(rule, net, kind, s.step, alpha))


def _last_step(db: DbDep, network_id: str) -> tuple[NetworkRecord, Network | None]:
    """The network, and the network as it was before its last step when that is still kept."""
    with db.snapshot() as conn:
        record = load_network(conn, network_id)
        before = store.parameters_before_step(conn, record)
    if record.last_batch is None or before is None:
        return record, None
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
    past.restore(*before)
    return record, past.network


@router.get(
    "/{network_id}/last-step",
    response_model=schemas.StepResult,
    response_class=JSON,
    responses={
        **NOT_FOUND,
        409: {"model": schemas.ErrorMessage, "description": "No step to show (new or undone)"},
    },
)
def last_step(network_id: str, db: DbDep):
    """The last step again, in full: its batch, forward pass, deltas, gradients and update."""
    record, before = _last_step(db, network_id)
    if before is None:
        raise HTTPException(409, "no last step to show: the network is new or was undone")
    x, t, alpha = record.last_batch
    trace = before.forward(x, t)
    result = StepResult(
        trace.loss, trace, t, before.backward(trace, t), before.weights, before.biases, alpha
    )
    return JSON(views.step_result(result, record))


@router.get(
    "/{network_id}/gradient-check",
    response_model=schemas.GradientCheckResult,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def check_gradients(network_id: str, db: DbDep, settings: SettingsDep):
    """Backprop against centered finite differences, on the next mini-batch. Changes nothing."""
    record = reading(db, network_id)
    s = record.session
    x, t = s.next_batch()
    check_work(2 * s.network.parameter_count(), x.shape[0], s.network, settings)
    with np.errstate(over="ignore", invalid="ignore"):
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
        }
    )


def _encode(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<f4").tobytes()).decode()


@router.get(
    "/{network_id}/grid",
    response_model=schemas.GridResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def grid(
    network_id: str,
    db: DbDep,
    resolution: Annotated[
        int, Query(ge=schemas.GRID_RESOLUTION[0], le=schemas.GRID_RESOLUTION[1])
    ] = 50,
    hidden: Annotated[bool, Query(description="include every hidden unit")] = True,
):
    """Output and hidden activations over a grid of the 2-D input plane, float32 base64."""
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    if net.layers[0] != 2:
        raise FieldError(("path", "network_id"), "the grid needs a network with 2 inputs")
    units = net.layers[-1] + (sum(net.layers[1:-1]) if hidden else 0)
    if resolution * resolution * units > 4_000_000:
        raise FieldError(
            ("query", "resolution"), "too many values; lower the resolution or pass hidden=false"
        )
    (x_lo, x_hi), (y_lo, y_hi) = _plane(data.inputs)
    xs, ys = np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution)
    gx, gy = np.meshgrid(xs, ys)  # row r is y = ys[r], column c is x = xs[c]
    trace = net.forward(np.stack([gx.ravel(), gy.ravel()], axis=1))
    hidden_layers = trace.activations[:-1] if hidden else []
    return JSON(
        {
            "resolution": resolution,
            "x_range": [x_lo, x_hi],
            "y_range": [y_lo, y_hi],
            "encoding": "float32-le-base64",
            "output": [_encode(trace.outputs[:, k]) for k in range(net.layers[-1])],
            "hidden": [[_encode(a[:, j]) for j in range(a.shape[1])] for a in hidden_layers],
        }
    )


def _plane(inputs: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The input plane to draw: the data's range with a margin, square around the origin."""
    reach = float(np.max(np.abs(inputs))) if inputs.size else 1.0
    lo, hi = float(np.min(inputs)), float(np.max(inputs))
    if lo >= 0 and hi <= 1:  # truth tables: [0, 1] with a margin
        return (-0.25, 1.25), (-0.25, 1.25)
    r = round(reach * 1.1, 6) or 1.0
    return (-r, r), (-r, r)
