"""A student's decision boundary in small, for the teacher's grid: each point's class, and
a sample of the training points with their target's class to draw over it."""

import numpy as np

from app.engine.accuracy import decision_values, target_classes
from app.engine.features import feature_matrix, points_of
from app.store import NetworkRecord

from .budget import NUMBER_BYTES
from .grids import plane

THUMB_RANGE = (0, 32)  # 0: no thumbnails
THUMB_BYTES_PER_POINT = 2  # one digit and a comma
# a 96-pixel card shows a few hundred points at most; more would only grow the answer
THUMB_MAX_POINTS = 200
THUMB_DIGITS = 4  # a point's coordinates, rounded: far below a thumbnail's pixel
POINT_BYTES = 2 * NUMBER_BYTES + 6  # [x, y], and its class with a comma


def thumb_bytes(record: NetworkRecord, resolution: int) -> int:
    """The answer bytes of a thumbnail: its classes and its sample of training points."""
    if not resolution:
        return 0
    shown = min(record.session.dataset.size, THUMB_MAX_POINTS)
    return resolution * resolution * THUMB_BYTES_PER_POINT + shown * POINT_BYTES


def sample_points(record: NetworkRecord) -> tuple[list, list]:
    """At most THUMB_MAX_POINTS training points (evenly spaced through the data, so every
    class of an ordered dataset shows), as (x, y) rounded, and their target's class."""
    net, data = record.session.network, points_of(record.session.dataset)
    rows = np.unique(np.linspace(0, data.size - 1, min(data.size, THUMB_MAX_POINTS)).astype(int))
    xy = np.round(data.inputs[rows], THUMB_DIGITS)  # (shown, 2)
    classes = target_classes(data.targets[rows], net.output_activation)
    return xy.tolist(), [] if classes is None else classes.tolist()


def thumb_work(record: NetworkRecord, resolution: int) -> int:
    """Multiply-adds of a thumbnail: a forward pass over resolution² points."""
    return resolution * resolution * record.session.network.parameter_count()


def thumbnail(record: NetworkRecord, resolution: int) -> dict | None:
    """{resolution, x_range, y_range, classes, points, labels}: row r is y, column c is x, each
    the class the network gives there (by the engine's rule: the sign of z for one output,
    else argmax), and the sample of training points with each one's target class;
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
    points, labels = sample_points(record) if data.size else ([], [])
    return {
        "resolution": resolution,
        "x_range": [x_lo, x_hi],
        "y_range": [y_lo, y_hi],
        "classes": classes.tolist(),
        "points": points,
        "labels": labels,
    }
