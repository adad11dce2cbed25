"""Shared by the bench_*.py scripts: timing, a real server subprocess, and table printing.

Not a benchmark itself (`make bench` skips files whose name starts with `_`).
"""

import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SERVER = ROOT / ".venv" / "bin" / "backprop-viz"
SERVER_START_SECONDS = 60


def median_seconds(run: Callable[[], object], repeats: int, warm_up: int = 1) -> float:
    """The median wall time of one call of `run` over `repeats` timed calls."""
    for _ in range(warm_up):
        run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    """One line on what this ran on, and how busy the machine was."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Python {platform.python_version()}, numpy {np.__version__}; {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load:.1f} at start (other processes may "
        "share the cores)"
    )


def table(header: list[str], rows: list[list[object]]) -> str:
    """A GitHub-flavoured Markdown table; numbers right-aligned with thousands separators."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            if value != value:
                return "-"
            return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)]
        return "| " + " | ".join(parts) + " |"

    dashes = ["-" * (w + 1) + ":" if n else "-" * (w + 2) for w, n in zip(widths, numeric)]
    rule = "|" + "|".join(dashes) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in cells)])


# Counts requestAnimationFrame callbacks for `ms` milliseconds from t0 (pasted into page scripts).
COUNT_FRAMES = """
const countFrames = (ms, t0) => new Promise((resolve) => {
  let frames = 0;
  const tick = (now) => {
    frames += 1;
    if (now - t0 < ms) requestAnimationFrame(tick); else resolve(frames);
  };
  requestAnimationFrame(tick);
});
"""


def with_frames(script: str) -> str:
    """A page script `async (ms) => {...}` with countFrames defined at its start."""
    return script.replace("async (ms) => {", "async (ms) => {" + COUNT_FRAMES, 1)


def verdicts(header: list[str], checks: list[list], higher_is_better: bool = True) -> str:
    """A table of [what, figure, bound] rows with each one's verdict."""
    rows = [[w, v, b, verdict(v, b, higher_is_better)] for w, v, b in checks]
    return table([*header, "verdict"], rows)


def verdict(value: float, floor: float, higher_is_better: bool = True) -> str:
    """'met' or 'MISSED' for a figure against its target."""
    ok = value >= floor if higher_is_better else value <= floor
    return "met" if ok else "MISSED"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `backprop-viz` subprocess on a free port with its own temporary database."""

    def __init__(self, process: subprocess.Popen, url: str, db_path: Path):
        self.process, self.url, self.db_path = process, url, db_path

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.process.pid

    def rss_bytes(self) -> int:
        """The server's resident memory (VmRSS in /proc/<pid>/status)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS line")


@contextmanager
def running_server(extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start `backprop-viz --port P --db <temp>`, wait until it answers, stop it afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    db_path = workdir / "bench.sqlite3"
    port = free_port()
    command = [str(SERVER), "--port", str(port), "--db", str(db_path)]
    if not SERVER.exists():  # not installed as a script: run the CLI module
        command = [sys.executable, "-m", "app.cli", *command[1:]]
    env = {**os.environ, **(extra_env or {})}
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {(workdir / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in time")
            time.sleep(0.1)
        yield Server(process, url, db_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
