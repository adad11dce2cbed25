"""The grid answer: every unit's activation over the 2-D input plane, float32 in base64."""

import base64

import numpy as np

from app.engine import Dataset, Network, feature_matrix, points_of
from app.engine.accuracy import decision_values

from .deps import FieldError

BASE64_FLOAT32_BYTES = 16 / 3  # 4 bytes, 4/3 longer in base64
GRID_HINT = "lower the resolution or pass hidden=false"


def grid_cost(net: Network, data: Dataset, resolution: int, hidden: bool) -> tuple[int, float]:
    """(multiply-adds, response bytes) of a grid; refuses a network off the 2-D plane."""
    if net.layers[0] != 2 and not data.features:
        raise FieldError(("path", "network_id"), "the grid needs 2-D inputs (or features)")
    # inputs, outputs (and their decision map), hidden units
    shown = net.layers[0] + 2 * net.layers[-1] + (sum(net.layers[1:-1]) if hidden else 0)
    points = resolution * resolution
    return points * net.parameter_count(), points * shown * BASE64_FLOAT32_BYTES


def grid_answer(net: Network, data: Dataset, resolution: int, hidden: bool) -> dict:
    """A GridResult: the plane's points run forward (with features: each point's features)."""
    (x_lo, x_hi), (y_lo, y_hi) = plane(points_of(data).inputs)
    xs, ys = np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution)
    gx, gy = np.meshgrid(xs, ys)  # row r is y = ys[r], column c is x = xs[c]
    inputs = np.stack([gx.ravel(), gy.ravel()], axis=1)
    if data.features:
        inputs = feature_matrix(inputs, data.features)
    trace = net.forward(inputs)
    hidden_layers = trace.activations[:-1] if hidden else []
    decision = decision_values(trace.zs[-1], net.output_activation)
    return {
        "resolution": resolution,
        "x_range": [x_lo, x_hi],
        "y_range": [y_lo, y_hi],
        "encoding": "float32-le-base64",
        "inputs": [_encode(inputs[:, k]) for k in range(net.layers[0])],
        "output": [_encode(trace.outputs[:, k]) for k in range(net.layers[-1])],
        "decision": None if decision is None else _encode(decision),
        "hidden": [[_encode(a[:, j]) for j in range(a.shape[1])] for a in hidden_layers],
    }


def plane(inputs: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The input plane to draw: the data's range with a margin, square around the origin."""
    if inputs.size == 0:  # no dataset: the square around the origin
        return (-1.0, 1.0), (-1.0, 1.0)
    reach = float(np.max(np.abs(inputs)))
    lo, hi = float(np.min(inputs)), float(np.max(inputs))
    if lo >= 0 and hi <= 1:  # truth tables: [0, 1] with a margin
        return (-0.25, 1.25), (-0.25, 1.25)
    r = round(reach * 1.1, 6) or 1.0
    return (-r, r), (-r, r)


def _encode(values: np.ndarray) -> str:
    """float32 little-endian bytes in base64."""
    return base64.b64encode(values.astype("<f4").tobytes()).decode()
