"""One lock per network: a request waits only for those on its own network."""

import threading

from app.api import network_locks
from app.api.network_locks import one_at_a_time


def enters_while_held(held: str, other: str) -> bool:
    """Whether a request on `other` gets in while one on `held` is inside."""
    inside, release, entered = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        with one_at_a_time(held):
            inside.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)

    def enter() -> None:
        with one_at_a_time(other):
            entered.set()

    visitor = threading.Thread(target=enter)
    visitor.start()
    got_in = entered.wait(0.5 if held == other else 10)
    release.set()
    holder.join(10)
    visitor.join(10)
    assert entered.is_set()  # in the end, every request gets in
    return got_in


def test_no_other_network_waits_for_a_held_one() -> None:
    # with 64 striped locks, 300 networks would almost surely include one sharing a stripe
    assert all(enters_while_held("held", f"net-{i}") for i in range(300))
    assert network_locks._LOCKS == {}  # nothing kept once they are done


def test_a_second_request_on_the_same_network_waits_for_the_first() -> None:
    assert not enters_while_held("same", "same")
    assert network_locks._LOCKS == {}
