"""The write lock: how long a play frame holds the one SQLite write transaction workers share.

Every change commits in one BEGIN IMMEDIATE transaction, and SQLite lets one process write
at a time, so however many workers a server runs, the time each request spends in that
transaction caps what a whole class can commit. In-process (the app under TestClient,
its own temporary database), a spiral network (2-8-8-8-1) first trains past its 10,000
kept history rows, then sends POST /train frames of 100 and 1,000 steps with what the page
asks for while playing (the example, the 40 x 40 grid with the hidden units, the
accuracy). Per frame it reports the request's wall time, the time inside the write
transaction (Database.transaction, timed around), their share, and the ceiling that
transaction puts on a class: steps per second if requests queued on nothing else.

    .venv/bin/python benchmarks/bench_write_lock.py          # or: make bench
    .venv/bin/python benchmarks/bench_write_lock.py --quick  # 5 frames a size
"""

import argparse
import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from _common import machine, table
from fastapi.testclient import TestClient

from app.main import create_app
from app.store import database

COMMAND = ".venv/bin/python benchmarks/bench_write_lock.py"
SIZES = (100, 1000)  # steps a frame: speed 100 at 60 and at 5 frames/s


def timed_transactions(held: list[float]) -> None:
    """Record how long each write transaction is held, into `held`."""
    original = database.Database.transaction

    @contextmanager
    def transaction(self):
        start = time.perf_counter()
        with original(self) as conn:
            yield conn
        held.append(time.perf_counter() - start)

    database.Database.transaction = transaction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 frames a size")
    frames = 5 if parser.parse_args().quick else 30
    os.environ["BACKPROP_DB"] = str(Path(tempfile.mkdtemp()) / "lock.sqlite3")
    held: list[float] = []
    timed_transactions(held)
    print(machine())
    rows = []
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        nid = client.post("/api/networks", json={"preset": "spiral"}).json()["id"]
        data = client.get(f"/api/networks/{nid}/dataset").json()
        example = {"inputs": data["inputs"][:1], "targets": data["targets"][:1]}
        frame = {"example": example, "grid": 40, "accuracy": True}
        for _ in range(11):  # past the 10,000 history rows: thinning runs every frame
            client.post(f"/api/networks/{nid}/train", json={"steps": 1000})
        for steps in SIZES:
            walls, locks = [], []
            for _ in range(frames):
                held.clear()
                start = time.perf_counter()
                answer = client.post(
                    f"/api/networks/{nid}/train", json={"steps": steps, "frame": frame}
                )
                walls.append(time.perf_counter() - start)
                answer.raise_for_status()
                locks.append(sum(held))
            wall, lock = statistics.median(walls), statistics.median(locks)
            rows.append([steps, 1000 * wall, 1000 * lock, lock / wall, steps / lock])
    print(f"\nPOST /train frames on the spiral network, medians of {frames}:\n")
    header = ["steps a frame", "request ms", "write transaction ms", "share"]
    print(table(header + ["ceiling steps/s from the lock"], rows))
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
