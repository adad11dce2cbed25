"""The budget every computing request counts against: its work and its response size.

Work is counted in multiply-adds, about rows x parameters for one forward and backward
pass; response size in bytes, estimated before anything is computed, so a request past
either is refused at once (a 422 naming the field to change) and changes nothing.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from app.engine import Network
from app.settings import Settings

from .deps import FieldError

NUMBER_BYTES = 24  # the widest float64 orjson writes (-2.2250738585072014e-308), and a comma
HEAVY_SHARE = 10  # a request over a tenth of either budget waits for a heavy slot
_HEAVY: dict[int, threading.BoundedSemaphore] = {}
_HEAVY_LOCK = threading.Lock()


def units(net: Network) -> int:
    """How many non-input units the network has (one z and one a each per example)."""
    return sum(net.layers[1:])


def trace_numbers(net: Network, rows: int, backward: bool) -> int:
    """Numbers in a forward result: inputs, targets, outputs, z and a (and dE/da, delta)."""
    return rows * (net.layers[0] + 2 * net.layers[-1] + (4 if backward else 2) * units(net))


def step_numbers(net: Network, rows: int) -> int:
    """Numbers in a StepResult: its trace, gradients, parameters before and after, and the
    optimizer's state."""
    return trace_numbers(net, rows, True) + state_numbers(net) + 2 * net.parameter_count()


def state_numbers(net: Network) -> int:
    """Numbers a copy of the network holds: its parameters and its optimizer's state."""
    return net.parameter_count() * (1 + len(net.optimizer.slots))


def check_budget(
    settings: Settings, field: tuple, work: int, response_bytes: int, hint: str
) -> None:
    """Refuse a request whose work or response would pass the server's budget."""
    if work > settings.max_work:
        raise FieldError(
            field, f"{work} multiply-adds exceed the work budget of {settings.max_work}; {hint}"
        )
    if response_bytes > settings.max_response_bytes:
        raise FieldError(
            field,
            f"the answer would be about {response_bytes} bytes, over the budget of "
            f"{settings.max_response_bytes}; {hint}",
        )


@contextmanager
def metered(
    settings: Settings, field: tuple, work: int, response_bytes: int, hint: str
) -> Iterator[None]:
    """check_budget, then hold one of `heavy_requests` slots if the request is heavy.

    A heavy request finding every slot taken gets a 503 at once rather than a thread
    waiting, so a flood of them never starves small requests of the thread pool.
    """
    check_budget(settings, field, work, response_bytes, hint)
    heavy = (
        work * HEAVY_SHARE > settings.max_work
        or response_bytes * HEAVY_SHARE > settings.max_response_bytes
    )
    if not heavy:
        yield
        return
    with _HEAVY_LOCK:
        slots = _HEAVY.setdefault(
            settings.heavy_requests, threading.BoundedSemaphore(settings.heavy_requests)
        )
    if not slots.acquire(blocking=False):
        raise HTTPException(
            503, "the server is busy with other large requests; try again", {"Retry-After": "1"}
        )
    try:
        yield
    finally:
        slots.release()
