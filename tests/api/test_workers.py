"""With --workers 2, connections opened together are spread over both worker processes."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .helpers import serve_cli

CONNECTIONS = 16
ESTABLISHED = "01"  # the st column of /proc/net/tcp


def children(pid: int) -> list[int]:
    """The processes whose parent is pid."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def connections_on(port: int) -> set[str]:
    """Inodes of the server-side sockets of established connections to `port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == ESTABLISHED:
            inodes.add(fields[9])
    return inodes


def held_by(pid: int, inodes: set[str]) -> int:
    """How many of these socket inodes the process has open."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        count += target.startswith("socket:[") and target[8:-1] in inodes
    return count


def command_line(pid: int) -> str:
    """A process's command line, spaced."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def the_server(port: int) -> int:
    """The pid of the `app.cli` process listening on `port` (the tests' child)."""
    out = subprocess.run(
        ["pgrep", "-f", f"app.cli --workers 2 --port {port}"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(out.stdout.split()[0])


def test_connections_opened_together_reach_both_workers(tmp_path):
    with serve_cli(tmp_path / "w.sqlite3", 2, tmp_path / "server.log") as base_url:
        port = urlsplit(base_url).port
        workers = [p for p in children(the_server(port)) if "spawn" in command_line(p)]
        assert len(workers) == 2
        for pid in workers:  # both busy: the connections wait in the kernel, as in a rush
            os.kill(pid, signal.SIGSTOP)
        try:
            opened = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
        finally:
            for pid in workers:
                os.kill(pid, signal.SIGCONT)
        try:
            for sock in opened:  # every connection answered: each worker has accepted its own
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            for sock in opened:
                assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            inodes = connections_on(port)
            held = [held_by(pid, inodes) for pid in workers]
            assert sum(held) == CONNECTIONS
            assert min(held) >= 2, held  # one holding 15 or 16: 34 in 65,536 by chance
        finally:
            for sock in opened:
                sock.close()


def test_a_second_server_on_the_same_port_is_refused(tmp_path):
    with serve_cli(tmp_path / "w.sqlite3", 2, tmp_path / "server.log") as base_url:
        port = str(urlsplit(base_url).port)
        second = subprocess.run(
            [sys.executable, "-m", "app.cli", "--workers", "2", "--port", port]
            + ["--db", str(tmp_path / "other.sqlite3")],
            capture_output=True,
            text=True,
            timeout=120,
            env={k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")},
        )
        assert second.returncode == 1
        assert "Address already in use" in second.stdout + second.stderr


def test_a_worker_that_dies_is_replaced_on_its_socket(tmp_path):
    with serve_cli(tmp_path / "w.sqlite3", 2, tmp_path / "server.log") as base_url:
        port = urlsplit(base_url).port
        parent = the_server(port)
        workers = sorted(p for p in children(parent) if "spawn" in command_line(p))
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 90  # a new worker imports the app: slow on a busy machine
        while True:
            now = sorted(p for p in children(parent) if "spawn" in command_line(p))
            if len(now) == 2 and workers[0] not in now and all(_answers(port) for _ in range(8)):
                break
            assert time.monotonic() < deadline, f"no new worker: {now}"
            time.sleep(0.2)
        assert workers[1] in now  # the other one served throughout


def _answers(port: int) -> bool:
    """Whether a new connection gets /healthz's 200 (both sockets must have a worker)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(65536).startswith(b"HTTP/1.1 200")
    except OSError:
        return False
