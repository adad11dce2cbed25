"""Requests on one network queue here, in this process; no other network's wait for them."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_GUARD = threading.Lock()  # held only to find or drop a network's entry
_LOCKS: dict[str, tuple[threading.Lock, list[int]]] = {}  # id -> (its lock, [requests at it])


@contextmanager
def one_at_a_time(network_id: str) -> Iterator[None]:
    """Hold this network's lock: one lock per network with requests waiting or running
    (not a stripe of a fixed few, where two networks could share one and the second
    waited for the first's whole train)."""
    with _GUARD:
        lock, users = _LOCKS.setdefault(network_id, (threading.Lock(), [0]))
        users[0] += 1
    try:
        with lock:
            yield
    finally:
        with _GUARD:
            users[0] -= 1
            if users[0] == 0:
                del _LOCKS[network_id]
