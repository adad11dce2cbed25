"""Memory: what one network's history costs on disk, and a server's RSS with 1,000 networks.

Against a real `backprop-viz` subprocess with its own temporary database (undo depth 100,
the default):
  - disk: a spiral-preset network (2-8-8-8-1) trained 10,000 steps through POST /train in
    calls of 25 steps (as play mode sends them); the SQLite file's growth after a WAL
    checkpoint, and the bytes each table holds (the dbstat virtual table);
  - resident memory: 1,000 networks created through POST /api/networks (the spiral preset,
    each then trained 25 steps so it has history and undo snapshots); the server's VmRSS
    from /proc/<pid>/status before and after.

    .venv/bin/python benchmarks/bench_memory.py          # or: make bench
    .venv/bin/python benchmarks/bench_memory.py --quick  # 100 networks, 2,000 steps
"""

import argparse
import sqlite3
import time
from pathlib import Path

import httpx
from _common import Server, machine, running_server, table, verdict

STEPS, CALL_STEPS, NETWORKS = 10_000, 25, 1_000
DISK_LIMIT, RSS_LIMIT = 2_000_000, 300_000_000  # bytes: one network's 10,000 steps; 1,000 networks
COMMAND = ".venv/bin/python benchmarks/bench_memory.py"


def file_bytes(db: Path) -> int:
    """The database's size once its write-ahead log is folded in (checkpoint, truncate)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = db.with_name(db.name + "-wal")
    return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def table_bytes(db: Path) -> dict[str, int]:
    """Bytes of pages each table and index uses (dbstat)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    return dict(rows)


def disk(server: Server, client: httpx.Client, steps: int) -> tuple[int, dict[str, int], float]:
    """(file growth, bytes per table, seconds) for one spiral network trained `steps` steps."""
    nid = client.post("/api/networks", json={"preset": "spiral"}).json()["id"]
    before, tables_before = file_bytes(server.db_path), table_bytes(server.db_path)
    started = time.perf_counter()
    for _ in range(steps // CALL_STEPS):
        client.post(f"/api/networks/{nid}/train", json={"steps": CALL_STEPS}).raise_for_status()
    elapsed = time.perf_counter() - started
    state = client.get(f"/api/networks/{nid}").json()
    assert state["step"] == steps and state["undo_available"] == 100, state["undo_available"]
    after, tables = file_bytes(server.db_path), table_bytes(server.db_path)
    grown = {name: size - tables_before.get(name, 0) for name, size in tables.items()}
    return after - before, grown, elapsed


def resident(server: Server, client: httpx.Client, count: int) -> tuple[int, int, float]:
    """(RSS before, RSS after, seconds) for `count` networks created and trained 25 steps."""
    before = server.rss_bytes()
    started = time.perf_counter()
    for _ in range(count):
        nid = client.post("/api/networks", json={"preset": "spiral"}).json()["id"]
        client.post(f"/api/networks/{nid}/train", json={"steps": CALL_STEPS}).raise_for_status()
    elapsed = time.perf_counter() - started
    listed = client.get("/api/networks").json()  # and every network listed once
    assert len(listed) >= count
    return before, server.rss_bytes(), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps and networks")
    args = parser.parse_args()
    steps, count = (2_000, 100) if args.quick else (STEPS, NETWORKS)

    print(machine())
    with running_server() as server, httpx.Client(base_url=server.url, timeout=60) as client:
        grown, tables, train_seconds = disk(server, client, steps)
    with running_server() as server, httpx.Client(base_url=server.url, timeout=60) as client:
        rss_before, rss_after, create_seconds = resident(server, client, count)

    print(f"\nOne 2-8-8-8-1 network, {steps:,} steps in calls of {CALL_STEPS} ", end="")
    print(f"({train_seconds:.1f} s), undo depth 100:")
    print(table(["table or index", "bytes grown"], [[k, v] for k, v in sorted(tables.items())]))
    print(f"\n{count:,} spiral networks created and trained {CALL_STEPS} steps each ", end="")
    print(f"({create_seconds:.1f} s)\n")
    rows = [
        [f"database growth, 1 network, {steps:,} steps", grown / 1e6, DISK_LIMIT / 1e6],
        ["server VmRSS at start", rss_before / 1e6, "-"],
        [f"server VmRSS with {count:,} networks", rss_after / 1e6, RSS_LIMIT / 1e6],
    ]
    rows[0].append(verdict(grown, DISK_LIMIT, higher_is_better=False))
    rows[1].append("-")
    rows[2].append(verdict(rss_after, RSS_LIMIT, higher_is_better=False))
    print(table(["figure", "MB", "limit MB", "verdict"], rows))
    if args.quick:
        print("(--quick: fewer steps and networks than the targets name)")
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
