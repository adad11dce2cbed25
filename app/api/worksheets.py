"""GET /api/networks/{id}/worksheet: one example's forward and backward pass by hand, the
numbers a printed worksheet asks for (z, a, delta, dE/dw) and its answer key gives."""

from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from app.engine import EngineError
from app.engine.errors import StateError

from . import views
from .access import NOT_FINITE, NOT_FOUND, all_finite, reading
from .budget import NUMBER_BYTES, metered
from .deps import JSON, DbDep, FieldError, SettingsDep
from .routing import OffloadedRoute
from .schemas import Matrix, Vector

router = APIRouter(prefix="/api/networks", tags=["worksheets"], route_class=OffloadedRoute)


class Worksheet(BaseModel):
    """One example through the network and back, with plain gradient descent's update."""

    example: int = Field(description="the training row, from 0")
    inputs: Vector
    targets: Vector
    layers: list[int]
    hidden_activation: str
    output_activation: str
    loss: str
    learning_rate: float
    use_bias: bool
    weights: list[Matrix]
    biases: list[Vector]
    z: list[Vector] = Field(description="z of each non-input layer")
    a: list[Vector] = Field(description="a of each non-input layer (the last: the outputs)")
    delta: list[Vector] = Field(description="dE/dz of each non-input layer")
    error: float = Field(description="E of this example")
    gradient_weights: list[Matrix] = Field(description="dE/dw of this example alone")
    gradient_biases: list[Vector]
    new_weights: list[Matrix] = Field(description="w - alpha dE/dw")
    new_biases: list[Vector]


@router.get(
    "/{network_id:network_id}/worksheet",
    response_model=Worksheet,
    response_class=JSON,
    responses={**NOT_FOUND, 409: {"description": "No data, or the numbers overflow"}},
)
def worksheet(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    example: Annotated[int, Query(ge=0, description="the training row, from 0")] = 0,
):
    """z, a, delta and dE/dw of one training example, and w - alpha dE/dw, for a worksheet."""
    record = reading(db, network_id)
    s, net = record.session, record.session.network
    try:
        s.check_data()
    except (EngineError, StateError) as exc:
        raise HTTPException(409, f"no worksheet without data: {exc}") from exc
    if example >= s.dataset.size:
        raise FieldError(("query", "example"), f"the training rows are 0 to {s.dataset.size - 1}")
    numbers = 4 * net.parameter_count() + 4 * sum(net.layers)
    with metered(
        settings,
        ("path", "network_id"),
        2 * net.parameter_count(),
        numbers * NUMBER_BYTES,
        "a worksheet needs a smaller network",
    ):
        x, t = s.dataset.inputs[example : example + 1], s.dataset.targets[example : example + 1]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            trace = net.forward(x, t)
            grads = net.backward(trace, t)
    gw = [g - p for g, p in zip(grads.weights, grads.penalty or [0] * len(grads.weights))]
    alpha = s.learning_rate
    if not all_finite(trace.zs, trace.activations, grads.deltas, gw, grads.biases):
        raise HTTPException(409, NOT_FINITE)
    return JSON(
        {
            "example": example,
            "inputs": x[0].tolist(),
            "targets": t[0].tolist(),
            "layers": net.layers,
            "hidden_activation": net.hidden_activation,
            "output_activation": net.output_activation,
            "loss": net.loss,
            "learning_rate": alpha,
            "use_bias": net.use_bias,
            "weights": views.lists(net.weights),
            "biases": views.lists(net.biases),
            "z": [z[0].tolist() for z in trace.zs],
            "a": [a[0].tolist() for a in trace.activations],
            "delta": [d[0].tolist() for d in grads.deltas],
            "error": trace.loss,
            "gradient_weights": views.lists(gw),
            "gradient_biases": views.lists(grads.biases),
            "new_weights": views.lists([w - alpha * g for w, g in zip(net.weights, gw)]),
            "new_biases": views.lists([b - alpha * g for b, g in zip(net.biases, grads.biases)]),
        }
    )
