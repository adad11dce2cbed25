"""One request a frame of play: what the frame draws, answered by the /train that trains it.

A frame asks for the selected example's forward pass, the grid and the accuracy; the page
would otherwise fetch each with a request of its own after every /train.
"""

import numpy as np

from app.engine import Network
from app.store import NetworkRecord

from . import run_schemas, views
from .access import all_finite, rows_and_targets
from .budget import NUMBER_BYTES, trace_numbers
from .deps import FieldError
from .grids import grid_answer, grid_cost

ACCURACY_BYTES = 200  # {"correct", "total", "undecided", "fraction"}, twice
EXAMPLE = ("body", "frame", "example")


def checked_example(net: Network, record: NetworkRecord, frame: run_schemas.FrameRequest) -> tuple:
    """The frame's example rows, checked before anything is trained: (x, t) or None."""
    if frame.example is None:
        return None
    try:
        return rows_and_targets(
            net,
            frame.example.inputs,
            frame.example.targets,
            None,
            record.session.dataset.features,
        )
    except FieldError as exc:  # its loc is ("body", "inputs" or "targets", ...)
        raise FieldError((*EXAMPLE, *exc.loc[1:]), exc.message, exc.kind, exc.fix) from exc


def frame_cost(record: NetworkRecord, frame: run_schemas.FrameRequest) -> tuple[int, float]:
    """(multiply-adds, response bytes) of the frame's parts."""
    net, data = record.session.network, record.session.dataset
    p, work, size = net.parameter_count(), 0, 0.0
    if frame.example is not None:
        rows, backward = len(frame.example.inputs), frame.example.targets is not None
        work += (2 if backward else 1) * rows * p
        size += trace_numbers(net, rows, backward) * NUMBER_BYTES
    if frame.grid is not None:
        grid_work, grid_bytes = grid_cost(net, data, frame.grid, frame.hidden)
        work, size = work + grid_work, size + grid_bytes
    if frame.accuracy:
        test = 0 if data.test_inputs is None else len(data.test_inputs)
        work, size = work + (data.size + test) * p, size + ACCURACY_BYTES
    return work, size


def frame_answer(net: Network, record: NetworkRecord, frame, example) -> dict | None:
    """A FrameResult on the network as it is now; None when a part is not finite."""
    data = record.session.dataset
    with np.errstate(over="ignore", invalid="ignore"):
        shown = None
        if example is not None:
            x, t = example
            trace = net.forward(x, t)
            grads = None if t is None else net.backward(trace, t)
            deltas = [] if grads is None else grads.deltas
            if not all_finite(trace.zs, trace.activations, trace.loss, deltas):
                return None
            shown = views.forward_result(trace, t, grads)
        grid = None if frame.grid is None else grid_answer(net, data, frame.grid, frame.hidden)
        accuracy = None
        if frame.accuracy:
            test = data.test_inputs is not None and len(data.test_inputs) > 0
            accuracy = {
                "train": _accuracy(net, data.inputs, data.targets),
                "test": _accuracy(net, data.test_inputs, data.test_targets) if test else None,
            }
    return {"example": shown, "grid": grid, "accuracy": accuracy}


def _accuracy(net: Network, inputs: np.ndarray, targets: np.ndarray) -> dict | None:
    """The AccuracyResult of these rows (null for an output with no class threshold)."""
    if len(inputs) == 0:
        return None
    return views.accuracy(net.forward(inputs, targets).accuracy)
