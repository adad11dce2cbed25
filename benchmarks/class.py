"""A class on one server: N students, each playing its own spiral network as the page does.

Against a real `backprop-viz` with 2 workers (BACKPROP_WORKERS=2), each student creates the
spiral preset, follows its event stream (`?light=true`, as the page does) and plays for
20 s the way static/js/model/trainer.js does: one POST /train in flight, sized to the
frames that passed (speed x 60 steps a second, at most 12 frames owed, at most the server's
max_train_steps), each asking for its frame (the example, the 40 x 40 grid, the accuracy),
which is every request the page makes per frame while playing; a 503 (busy) is waited out
for its Retry-After, as the page does. It reports each student's
steps/s against the nominal rate, the slowest and median shares, the /train latency
(p50, p99), the server's CPU (its processes' user + system time over the window) and this
script's own (the students' side shares the two cores: past one core it is the bottleneck).

    .venv/bin/python benchmarks/class.py            # or: make bench
    .venv/bin/python benchmarks/class.py --quick    # 5 s per class size
"""

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

import httpx
from _common import machine, running_server, table, verdicts

FRAME_S = 1 / 60
MAX_CATCH_UP_FRAMES = 12  # as the page's pacer
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


async def follow(client: httpx.AsyncClient, nid: str, stop: asyncio.Event) -> None:
    """The page's event stream of one network, read until the window ends."""
    async with client.stream("GET", f"/api/networks/{nid}/events?light=true") as events:
        async for _ in events.aiter_lines():
            if stop.is_set():
                return


async def student(client: httpx.AsyncClient, speed: int, seconds: float, limit: int) -> dict:
    """One student's play: steps trained and each /train's latency."""
    state = (await client.post("/api/networks", json={"preset": "spiral"})).json()
    nid, rows = state["id"], (await client.get(f"/api/networks/{state['id']}/dataset")).json()
    frame = {
        "example": {"inputs": rows["inputs"][:1], "targets": rows["targets"][:1]},
        "grid": GRID,
        "accuracy": True,
    }
    stop = asyncio.Event()
    stream = asyncio.create_task(follow(client, nid, stop))
    steps, latencies, owed, busy = 0, [], 0.0, 0
    start = last = time.perf_counter()
    while (now := time.perf_counter()) - start < seconds:
        frames = min(MAX_CATCH_UP_FRAMES, (now - last) / FRAME_S)
        owed, last = min(owed + speed * frames, limit), now
        ask = int(owed + 1e-9)
        if ask == 0:
            await asyncio.sleep(FRAME_S)
            continue
        owed -= ask
        sent = time.perf_counter()
        answer = await client.post(
            f"/api/networks/{nid}/train", json={"steps": ask, "frame": frame}
        )
        if answer.status_code == 503:  # busy: the page waits its Retry-After (trainer.js)
            busy += 1
            await asyncio.sleep(min(10, max(1, float(answer.headers.get("Retry-After", 1)))))
            last = time.perf_counter()
            continue
        answer.raise_for_status()
        latencies.append(time.perf_counter() - sent)
        steps += len(answer.json()["losses"])
    stop.set()
    stream.cancel()
    elapsed = time.perf_counter() - start
    return {"steps_per_s": steps / elapsed, "latencies": latencies, "busy": busy}


async def one_class(url: str, pid: int, n: int, speed: int, seconds: float) -> dict:
    """N students at once; their shares of nominal, the latencies and the server's CPU."""
    limits = httpx.Limits(max_connections=4 * n)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        limit = (await client.get("/api/config")).json()["limits"]["max_train_steps"]
        cpu0, own0, t0 = cpu_seconds(pid), time.process_time(), time.perf_counter()
        runs = await asyncio.gather(*(student(client, speed, seconds, limit) for _ in range(n)))
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
