"""An attacker in a process of its own: `python attacker.py URL ID NAME SECONDS THREADS`.

Repeats one attack from tests/hardening/test_budget_endpoints.py's ATTACKS in a few
threads for a bounded time, then prints the set of status codes it got, as JSON.
"""

import json
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hardening.test_budget_endpoints import ATTACKS  # noqa: E402


def main() -> None:
    """Run the attack named on the command line until its time is up."""
    url, nid, name, seconds, threads = sys.argv[1:6]
    attack, deadline, statuses = ATTACKS[name], time.monotonic() + float(seconds), set()

    def hammer() -> None:
        with httpx.Client(base_url=url, timeout=60.0) as http:
            while time.monotonic() < deadline:
                statuses.add(attack(http, nid).status_code)

    workers = [threading.Thread(target=hammer) for _ in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps(sorted(statuses)))


if __name__ == "__main__":
    main()
