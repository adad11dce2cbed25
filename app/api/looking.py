"""The /api/networks routes of the deeper looks: whose gradient, the loss around, health."""

from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from app.engine import EngineError, Network, batch_indices, points_of
from app.engine.health import layer_norms, thresholds, unit_flags
from app.engine.landscape import flat_index, landscape
from app.engine.pulls import pulls
from app.store import NetworkRecord
from app.store import networks as store
from app.store.paths import parameter_path

from . import look_schemas as ls
from .access import NOT_FOUND, reading
from .blowups import plain
from .budget import NUMBER_BYTES, metered
from .deps import JSON, DbDep, FieldError, SettingsDep, fields_in
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)
NO_DATA = {409: {"description": "The network has no training rows"}}
Index = Annotated[int, Query(ge=0)]


def _training(record: NetworkRecord) -> tuple[np.ndarray, np.ndarray]:
    """The training rows, or a 409 when there are none."""
    data = record.session.dataset
    if data.size == 0:
        raise HTTPException(409, "this network has no training rows to look at")
    return data.inputs, data.targets


def _parameter(net: Network, layer: int, to: int, source: int | None) -> dict:
    """A parameter as the API writes it, with its value."""
    value = net.biases[layer][to] if source is None else net.weights[layer][to, source]
    return {"layer": layer, "to": to, "from": source, "value": float(value)}


@router.get(
    "/{network_id:network_id}/pulls",
    response_model=ls.Pulls,
    response_class=JSON,
    responses={**NOT_FOUND, **NO_DATA},
)
def whose_gradient(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    layer: Index,
    to: Index,
    source: Annotated[int | None, Query(alias="from", ge=0)] = None,
):
    """Every training row's own dE_i/dw for one weight (a bias without `from`); changes nothing."""
    record = reading(db, network_id)
    s = record.session
    x, t = _training(record)
    points = points_of(s.dataset).inputs
    points = points if points.shape[1] == 2 else None  # only points a plane can show
    width = (0 if points is None else 2) + t.shape[1] + 2
    work, answer = 2 * len(x) * s.network.parameter_count(), len(x) * width * NUMBER_BYTES
    with metered(settings, ("path", "network_id"), work, answer, "use a smaller dataset"):
        with fields_in("query"), np.errstate(over="ignore", invalid="ignore"):
            found = pulls(s.network, x, t, layer, to, source)
        batch, _ = batch_indices(s.dataset.size, s.cursor, s.batch_size, s.seed)
    if not np.all(np.isfinite(found.contributions)):
        raise HTTPException(409, "the numbers overflow (not finite) for these parameters")
    return JSON(
        {
            "parameter": _parameter(s.network, layer, to, source),
            "step": s.step,
            "points": None if points is None else points.tolist(),
            "targets": t.tolist(),
            "contributions": found.contributions.tolist(),
            "mean": float(np.mean(found.contributions)),
            "penalty_gradient": found.penalty,
            "gradient": found.gradient,
            "batch_rows": batch.tolist(),
            "batch_gradient": found.batch_gradient(batch),
        }
    )


@router.get(
    "/{network_id:network_id}/landscape",
    response_model=ls.Landscape,
    response_class=JSON,
    responses={**NOT_FOUND, **NO_DATA},
)
def loss_around(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    x_layer: Index,
    x_to: Index,
    y_layer: Index,
    y_to: Index,
    x_from: Annotated[int | None, Query(ge=0, description="none: a bias")] = None,
    y_from: Annotated[int | None, Query(ge=0, description="none: a bias")] = None,
    radius: Annotated[float, Query(gt=ls.RADIUS[0], le=ls.RADIUS[1])] = 1.0,
    resolution: Annotated[int, Query(ge=ls.GRID_SIDE[0], le=ls.GRID_SIDE[1])] = 25,
):
    """E over a grid of two parameters' values within +-radius of now, the rest fixed."""
    with db.snapshot() as conn:
        record = store.load(conn, network_id)
        s, net = record.session, record.session.network
        x_at, y_at = (x_layer, x_to, x_from), (y_layer, y_to, y_from)
        with fields_in("query"):
            i = _flat(net, x_at, "x")
            j = _flat(net, y_at, "y")
        if i == j:
            raise FieldError(("query", "y_to"), "the two parameters must differ")
        path = parameter_path(conn, record, i, j)
    x, t = _training(record)
    p, points = net.parameter_count(), resolution * resolution
    work = (points + 2) * len(x) * p + 2 * min(s.batch_size, s.dataset.size) * p
    answer = (points + 3 * len(path.points) + 2 * resolution) * NUMBER_BYTES
    hint = "lower the resolution or use a smaller dataset"
    with (
        metered(settings, ("query", "resolution"), work, answer, hint),
        np.errstate(over="ignore", invalid="ignore"),
    ):
        grid = landscape(net, x, t, x_at, y_at, radius, resolution)
        full = net.layout.pack(*_gradients(net, x, t))
        step_x, step_t = s.next_batch()
        change, _ = net.optimizer.changes(
            net.layout.pack(*_gradients(net, step_x, step_t)), s.learning_rate
        )
        loss = net.forward(x, t).objective
    if not np.isfinite(loss) or not np.all(np.isfinite(full[[i, j]])):
        raise HTTPException(409, "the loss overflows (not finite) at the current parameters")
    nxt = [float(change[i]), float(change[j])]
    walked = [{"step": k, "x": a, "y": b} for k, a, b in path.points]
    walked.append({"step": s.step, "x": grid.centre[0], "y": grid.centre[1]})
    return JSON(
        {
            "x": _parameter(net, *x_at),
            "y": _parameter(net, *y_at),
            "xs": grid.xs.tolist(),
            "ys": grid.ys.tolist(),
            "losses": plain(grid.losses.tolist()),
            "loss": loss,
            "gradient": [float(full[i]), float(full[j])],
            "next_change": nxt if np.all(np.isfinite(nxt)) else None,
            "path": walked,
            "path_from_step": walked[0]["step"],
            "path_complete": walked[0]["step"] == 0,
            "path_source": "trajectory" if path.tracked else "undo",
        }
    )


def _flat(net: Network, at: tuple, axis: str) -> int:
    """flat_index, its refusal named after the axis's query field (x_layer, y_from...)."""
    try:
        return flat_index(net, *at)
    except EngineError as exc:
        raise EngineError(f"{axis}_{exc.field}", exc.message) from None


def _gradients(net: Network, x: np.ndarray, t: np.ndarray) -> tuple[list, list]:
    """dE/dW and dE/db on these rows."""
    grads = net.backward(net.forward(x, t), t)
    return grads.weights, grads.biases


@router.get(
    "/{network_id:network_id}/health",
    response_model=ls.Health,
    response_class=JSON,
    responses={**NOT_FOUND, **NO_DATA},
)
def health(network_id: str, db: DbDep, settings: SettingsDep):
    """Dead ReLUs, saturated units and each layer's gradient norm, on every training row."""
    record = reading(db, network_id)
    s, net = record.session, record.session.network
    x, t = _training(record)
    work, answer = 2 * len(x) * net.parameter_count(), (sum(net.layers) * 6) * NUMBER_BYTES
    with (
        metered(settings, ("path", "network_id"), work, answer, "use a smaller dataset"),
        np.errstate(over="ignore", invalid="ignore"),
    ):
        trace = net.forward(x, t)
        grads = net.backward(trace, t)
    return JSON(
        {
            "step": s.step,
            "rows": len(x),
            "units": [vars(f) for f in unit_flags(net, trace)],
            "layers": plain([vars(n) for n in layer_norms(net, grads, s.learning_rate)]),
            "thresholds": thresholds(),
        }
    )
