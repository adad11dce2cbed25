"""Load test: many clients stepping networks on a real `backprop-viz` server over loopback.

Phases (each bounded in time; every request has a timeout):

1. step:     --clients clients, each stepping its own network, for --seconds.
2. no lost update: --shared-clients clients stepping ONE network on a server with
   --workers worker processes; the network's final step must equal the successful calls.
3. step vs healthz: --connections concurrent connections doing POST step, then GET /healthz;
   the ratio says how much of a request's cost is the step itself.
4. train:    --connections connections doing POST /train with --train-steps steps.

Each phase prints requests/s, p50 and p99 latency and the error count; the script exits
non-zero if any request failed or an update was lost.

    .venv/bin/python benchmarks/load.py                       # the full run (about 80 s)
    .venv/bin/python benchmarks/load.py --clients 8 --seconds 5 --phase-seconds 3
"""

import argparse
import asyncio
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 30.0  # seconds, for any single request
START_TIMEOUT = 30.0  # seconds for the server to answer /healthz
GRACE = 60.0  # seconds past a phase's end before its clients are abandoned


@dataclass
class Tally:
    """Latencies of successful requests and the failures, for one phase."""

    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One row of the results table."""
        ok = self.latencies
        rate = len(ok) / self.seconds if self.seconds else 0.0
        p50 = statistics.median(ok) * 1000 if ok else float("nan")
        p99 = percentile(ok, 0.99) * 1000 if ok else float("nan")
        return (
            f"| {self.name} | {len(ok):,} | {len(self.errors)} | {rate:,.0f} | "
            f"{p50:.1f} | {p99:.1f} |"
        )


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `backprop-viz` subprocess on a free loopback port, with its own database."""

    def __init__(self, db: Path, workers: int, log: Path):
        self.port, self.db, self.workers, self.log = free_port(), db, workers, log
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        """backprop-viz from this interpreter's environment (python -m app.cli if absent)."""
        script = Path(sys.executable).parent / "backprop-viz"
        base = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
        args = ["--port", str(self.port), "--db", str(self.db), "--workers", str(self.workers)]
        return base + args

    def __enter__(self) -> "Server":
        env = {k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")}
        # every simulated client comes from 127.0.0.1, as behind the README's proxy: the
        # per-address connection limit (32) is raised as that setup raises it (class.py too)
        env["BACKPROP_MAX_CONNECTIONS_PER_CLIENT"] = "1000"
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("server did not start in time")

    def __exit__(self, *exc) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)


async def hammer(
    http: httpx.AsyncClient, tally: Tally, until: float, method: str, path: str, body=None
) -> int:
    """Repeat one request until the deadline; how many succeeded."""
    done = 0
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            response = await http.request(method, path, json=body)
        except httpx.HTTPError as exc:
            tally.errors.append(f"{type(exc).__name__}: {exc}")
            continue
        if response.status_code == 200:
            tally.latencies.append(time.perf_counter() - started)
            done += 1
        else:
            tally.errors.append(f"{response.status_code}: {response.text[:200]}")
    return done


async def run_phase(url: str, tally: Tally, seconds: float, jobs) -> list[int]:
    """Run `jobs(http, until)` coroutines together on one connection pool for `seconds`."""
    # drop idle connections before uvicorn does (its keep-alive timeout is 5 s, as is
    # httpx's default): reusing one the server is closing fails with a ReadError
    limits = httpx.Limits(
        max_connections=1000, max_keepalive_connections=1000, keepalive_expiry=2.0
    )
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT, limits=limits) as http:
        started = time.monotonic()
        until = started + seconds
        counts = await asyncio.wait_for(asyncio.gather(*jobs(http, until)), timeout=seconds + GRACE)
        tally.seconds = time.monotonic() - started
    return counts


async def create_networks(url: str, count: int, body: dict) -> list[str]:
    """`count` new networks; their ids."""
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT) as http:
        ids = []
        for _ in range(count):
            response = await http.post("/api/networks", json=body)
            response.raise_for_status()
            ids.append(response.json()["id"])
        return ids


XOR = {"preset": "xor", "seed": 1}


async def phase_step(url: str, clients: int, seconds: float) -> Tally:
    """`clients` clients, each stepping its own network."""
    ids = await create_networks(url, clients, XOR)
    tally = Tally(f"step, {clients} clients x {clients} networks")
    await run_phase(
        url,
        tally,
        seconds,
        lambda http, until: [
            hammer(http, tally, until, "POST", f"/api/networks/{i}/step", {}) for i in ids
        ],
    )
    return tally


async def phase_one_network(url: str, clients: int, seconds: float) -> tuple[Tally, int, int]:
    """`clients` clients stepping one network: (tally, successful calls, final step)."""
    (nid,) = await create_networks(url, 1, XOR)
    tally = Tally(f"step, {clients} clients on 1 network")
    counts = await run_phase(
        url,
        tally,
        seconds,
        lambda http, until: [
            hammer(http, tally, until, "POST", f"/api/networks/{nid}/step", {})
            for _ in range(clients)
        ],
    )
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT) as http:
        final = (await http.get(f"/api/networks/{nid}")).json()["step"]
    return tally, sum(counts), final


async def phase_same(url: str, name: str, connections: int, seconds: float, method, path, body):
    tally = Tally(name)
    await run_phase(
        url,
        tally,
        seconds,
        lambda http, until: [
            hammer(http, tally, until, method, path(k), body) for k in range(connections)
        ],
    )
    return tally


async def main_async(args: argparse.Namespace, workdir: Path) -> int:
    tallies: list[Tally] = []
    failed = False
    with Server(workdir / "load.sqlite3", 1, workdir / "server-1.log") as server:
        print(f"server: {' '.join(server.command())}", flush=True)
        tallies.append(await phase_step(server.url, args.clients, args.seconds))
        print(tallies[-1].line(), flush=True)

        ids = await create_networks(server.url, args.connections, XOR)
        step = await phase_same(
            server.url,
            f"POST step, {args.connections} connections",
            args.connections,
            args.phase_seconds,
            "POST",
            lambda k: f"/api/networks/{ids[k]}/step",
            {},
        )
        health = await phase_same(
            server.url,
            f"GET /healthz, {args.connections} connections",
            args.connections,
            args.phase_seconds,
            "GET",
            lambda k: "/healthz",
            None,
        )
        big = {"preset": "spiral", "seed": 1}
        train_ids = await create_networks(server.url, args.connections, big)
        train = await phase_same(
            server.url,
            f"POST train ({args.train_steps} steps), {args.connections} connections",
            args.connections,
            args.phase_seconds,
            "POST",
            lambda k: f"/api/networks/{train_ids[k]}/train",
            {"steps": args.train_steps},
        )
        tallies += [step, health, train]
        for tally in (step, health, train):
            print(tally.line(), flush=True)

    with Server(workdir / "shared.sqlite3", args.workers, workdir / "server-2.log") as server:
        print(f"server: {' '.join(server.command())}", flush=True)
        tally, ok, final = await phase_one_network(
            server.url, args.shared_clients, args.phase_seconds
        )
        tally.name += f", {args.workers} workers"
        tallies.append(tally)
        print(tally.line(), flush=True)
        lost = ok - final
        print(f"one network: {ok} successful steps, final step {final}, lost updates {lost}")
        failed |= lost != 0

    print()
    print("| phase | requests | errors | requests/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for tally in tallies:
        print(tally.line())
    ratio = len(health.latencies) / health.seconds / max(len(step.latencies) / step.seconds, 1e-9)
    steps_per_s = len(train.latencies) * args.train_steps / train.seconds
    print()
    print(f"GET /healthz / POST step throughput with {args.connections} connections: {ratio:.2f}")
    print(f"training through /train: {steps_per_s:,.0f} steps/s over all networks")
    print(f"one network over {args.workers} workers: final step {final} == {ok} successful calls")
    errors = [e for t in tallies for e in t.errors]
    for error in sorted(set(errors))[:10]:
        print(f"  error: {error}")
    failed |= bool(errors)
    print(f"total errors: {len(errors)}")
    return 1 if failed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64, help="phase 1 clients (64)")
    parser.add_argument("--seconds", type=float, default=30.0, help="phase 1 length (30)")
    parser.add_argument(
        "--phase-seconds", type=float, default=10.0, help="length of the other phases (10)"
    )
    parser.add_argument("--connections", type=int, default=16, help="phases 3-4 (16)")
    parser.add_argument("--shared-clients", type=int, default=8, help="phase 2 clients (8)")
    parser.add_argument("--workers", type=int, default=2, help="phase 2 worker processes (2)")
    parser.add_argument("--train-steps", type=int, default=25, help="steps per /train (25)")
    args = parser.parse_args(argv)
    for name in ("clients", "connections", "shared_clients", "workers", "train_steps"):
        if not 1 <= getattr(args, name) <= 1000:
            parser.error(f"--{name.replace('_', '-')} must be between 1 and 1000")
    if not 0 < args.seconds <= 600 or not 0 < args.phase_seconds <= 600:
        parser.error("phases last between 0 and 600 seconds")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = [
        ".venv/bin/python",
        "benchmarks/load.py",
        *("--clients", str(args.clients), "--seconds", f"{args.seconds:g}"),
        *("--phase-seconds", f"{args.phase_seconds:g}", "--connections", str(args.connections)),
        *("--shared-clients", str(args.shared_clients), "--workers", str(args.workers)),
        *("--train-steps", str(args.train_steps)),
    ]
    print(f"repeat with: {shlex.join(command)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="backprop-load-") as workdir:
        return asyncio.run(main_async(args, Path(workdir)))


if __name__ == "__main__":
    sys.exit(main())
