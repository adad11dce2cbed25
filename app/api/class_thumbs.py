"""A student's decision boundary in small, for the teacher's grid: each point's class."""

import numpy as np

from app.engine.accuracy import decision_values
from app.engine.features import feature_matrix, points_of
from app.store import NetworkRecord

from .grids import plane

THUMB_RANGE = (0, 32)  # 0: no thumbnails
THUMB_BYTES_PER_POINT = 2  # one digit and a comma


def thumb_work(record: NetworkRecord, resolution: int) -> int:
    """Multiply-adds of a thumbnail: a forward pass over resolution² points."""
    return resolution * resolution * record.session.network.parameter_count()


def thumbnail(record: NetworkRecord, resolution: int) -> dict | None:
    """{resolution, x_range, y_range, classes}: row r is y, column c is x, each the class the
    network gives there (by the engine's rule: the sign of z for one output, else argmax);
    None for a network that is not 2-D, a regression, or where the values are not finite."""
    net, data = record.session.network, record.session.dataset
    if not resolution or (net.layers[0] != 2 and not data.features):
        return None
    (x_lo, x_hi), (y_lo, y_hi) = plane(points_of(data).inputs)
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    inputs = np.stack([gx.ravel(), gy.ravel()], axis=1)
    if data.features:
        inputs = feature_matrix(inputs, data.features)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        trace = net.forward(inputs)
    z = decision_values(trace.zs[-1], net.output_activation)
    if z is not None:
        classes = (z > 0).astype(int)
        finite = np.isfinite(z).all()
    elif net.layers[-1] > 1:
        classes = np.argmax(trace.outputs, axis=1)
        finite = np.isfinite(trace.outputs).all()
    else:
        return None  # one unbounded output: a regression has no classes
    if not finite:
        return None
    return {
        "resolution": resolution,
        "x_range": [x_lo, x_hi],
        "y_range": [y_lo, y_hi],
        "classes": classes.tolist(),
    }
