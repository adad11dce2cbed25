"""A class on one server: N students, each playing its own spiral network as the page does.

Against a real `backprop-viz` with 2 workers (BACKPROP_WORKERS=2), each student creates the
spiral preset, follows its event stream (`?light=true`, as the page does) and plays for
20 s the way static/js/model/trainer.js does: one POST /train in flight, sized to the
frames that passed (speed x 60 steps a second, at most 30 frames owed, at most the server's
max_train_steps, at most what its last answer's Server-Timing says trains in 30 ms), each
asking for its frame (the example, the 40 x 40 grid, the accuracy), which is every request
the page makes per frame while playing; a 503 (busy) is waited out
for its Retry-After, as the page does. Each student holds two keep-alive connections
(_wire.py: light, as the students share the server's two cores; the stream is read, not
parsed). It reports each student's steps/s against the nominal rate, the slowest and
median shares, the /train latency (p50, p99), the server's CPU (its processes' user +
system time over the window) and this script's own (the students' side).

    .venv/bin/python benchmarks/class.py            # or: make bench
    .venv/bin/python benchmarks/class.py --quick    # 5 s per class size
"""

import argparse
import asyncio
import json
import os
import re
import statistics
import time
from pathlib import Path

import httpx
from _common import machine, running_server, table, verdicts
from _wire import Wire

FRAME_S = 1 / 60
MAX_CATCH_UP_FRAMES = 30  # as the page's pacer (trainer.js)
FRAME_BUDGET_MS = 30  # as trainer.js: a call asks for what the last trained in this time
GRID = 40  # the page's grid resolution
CLASSES = [(16, 100), (32, 20)]  # (students, steps per frame): issue 15's two floors
FLOORS = {(16, 100): 0.90, (32, 20): 0.95}  # each student's share of nominal, at least
COMMAND = ".venv/bin/python benchmarks/class.py"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system seconds of a process and its children (the uvicorn workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def within(steps: int, timing: str) -> float:
    """The most steps the next call asks for, as trainer.js's stepsWithin: FRAME_BUDGET_MS."""
    match = re.search(r"train;dur=([0-9.]+)", timing)
    ms = float(match.group(1)) if match else 0.0
    return FRAME_BUDGET_MS * steps / ms if ms > 0 else float("inf")


async def student(host: str, port: int, speed: int, seconds: float, limit: int) -> dict:
    """One student's play: steps trained and each /train's latency."""
    wire, stream = await Wire(host, port).open(), await Wire(host, port).open()
    state = await wire.json("POST", "/api/networks", {"preset": "spiral"})
    nid, rows = state["id"], await wire.json("GET", f"/api/networks/{state['id']}/dataset")
    frame = {
        "example": {"inputs": rows["inputs"][:1], "targets": rows["targets"][:1]},
        "grid": GRID,
        "accuracy": True,
    }
    stop = asyncio.Event()
    events = asyncio.create_task(stream.drain(f"/api/networks/{nid}/events?light=true", stop))
    steps, latencies, owed, busy, most = 0, [], 0.0, 0, float("inf")
    start = last = time.perf_counter()
    while (now := time.perf_counter()) - start < seconds:
        frames = min(MAX_CATCH_UP_FRAMES, (now - last) / FRAME_S)
        owed, last = min(owed + speed * frames, speed * MAX_CATCH_UP_FRAMES, limit), now
        ask = int(min(owed + 1e-9, max(1, most)))
        if ask == 0:
            await asyncio.sleep(FRAME_S)
            continue
        owed -= ask
        sent = time.perf_counter()
        body = {"steps": ask, "frame": frame}
        status, headers, answer = await wire.call("POST", f"/api/networks/{nid}/train", body)
        if status == 503:  # busy: the page waits its Retry-After (trainer.js)
            busy += 1
            await asyncio.sleep(min(10, max(1, float(headers.get("retry-after", 1)))))
            last = time.perf_counter()
            continue
        if status != 200:
            raise RuntimeError(f"/train: {status} {answer[:200]!r}")
        latencies.append(time.perf_counter() - sent)
        steps += len(json.loads(answer)["losses"])
        most = within(ask, headers.get("server-timing", ""))
    stop.set()
    events.cancel()
    wire.close()
    stream.close()
    elapsed = time.perf_counter() - start
    return {"steps_per_s": steps / elapsed, "latencies": latencies, "busy": busy}


async def one_class(url: str, pid: int, n: int, speed: int, seconds: float) -> dict:
    """N students at once; their shares of nominal, the latencies and the server's CPU."""
    limit = httpx.get(f"{url}/api/config").json()["limits"]["max_train_steps"]
    address = httpx.URL(url)
    cpu0, own0, t0 = cpu_seconds(pid), time.process_time(), time.perf_counter()
    runs = await asyncio.gather(
        *(student(address.host, address.port, speed, seconds, limit) for _ in range(n))
    )
    window = time.perf_counter() - t0
    cpu = (cpu_seconds(pid) - cpu0) / window
    own = (time.process_time() - own0) / window  # this script: the students' side
    nominal = speed / FRAME_S
    shares = sorted(r["steps_per_s"] / nominal for r in runs)
    latencies = sorted(x for r in runs for x in r["latencies"])
    return {
        "slowest": shares[0],
        "median": statistics.median(shares),
        "p50": 1000 * latencies[len(latencies) // 2],
        "p99": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "cores": cpu,
        "client": own,
        "busy": sum(r["busy"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s per class size")
    args = parser.parse_args()
    seconds = 5.0 if args.quick else 20.0
    print(machine())
    rows, checks = [], []
    # every simulated student comes from 127.0.0.1, as behind the README's proxy: the
    # per-address connection limit is raised as that setup raises it
    env = {"BACKPROP_WORKERS": "2", "BACKPROP_MAX_CONNECTIONS_PER_CLIENT": "1000"}
    with running_server(env) as server:
        for n, speed in CLASSES:
            r = asyncio.run(one_class(server.url, server.pid, n, speed, seconds))
            rows.append(
                [n, speed, r["slowest"], r["median"], r["p50"], r["p99"], r["cores"], r["client"]]
                + [r["busy"]]
            )
            floor = FLOORS[(n, speed)]
            checks.append([f"{n} students at speed {speed}: slowest share", r["slowest"], floor])
            checks.append(
                [f"{n} at speed {speed}: slowest / median", r["slowest"] / r["median"], 0.5]
            )
    print(f"\nEach student plays its own spiral network for {seconds:g} s, 2 workers:\n")
    header = ["students", "steps/frame", "slowest share", "median share"]
    header += ["/train p50 ms", "/train p99 ms", "server cores busy", "students' cores"]
    header += ["503s waited out"]
    print(table(header, rows))
    print()
    print(verdicts(["target", "figure", "floor"], checks))
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
