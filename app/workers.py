"""Worker processes, each listening on a socket of its own: the kernel spreads connections.

uvicorn's workers share one listening socket, and the first one awake accepts every
connection waiting, so a class whose pages open together can land on one worker while the
other idles (benchmarks/class.py saw one at 1.1 cores, the other at 0.3). Here every worker
listens on its own socket on the same port (SO_REUSEPORT) and Linux hashes each new
connection to one of them. The parent binds them all before a worker starts, starts a new
worker on the socket of one that died, and stops them all on SIGINT or SIGTERM.
"""

import ctypes
import ctypes.util
import logging
import multiprocessing
import signal
import socket
import sys
import threading

import uvicorn

log = logging.getLogger("backprop.server")
STARTUP_FAILURE = 3  # uvicorn's exit code for a worker that could not start serving
WATCH_SECONDS = 0.5  # how often the parent looks for a worker that died
PR_SET_PDEATHSIG = 1  # prctl: the signal a process gets when its parent dies


def bind(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` listening sockets on host:port; OSError if another program holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:  # no SO_REUSEPORT: refused
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # if the port is taken,
        probe.bind((host, port))  # even by another server of ours
    sockets = []
    for _ in range(count):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(2048)
        sockets.append(sock)
    return sockets


def _die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (elsewhere: nothing)."""
    name = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and name:
        ctypes.CDLL(name, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _serve(options: dict, sock: socket.socket) -> None:
    """One worker: uvicorn on its own socket."""
    _die_with_parent()
    server = uvicorn.Server(uvicorn.Config(**options))
    server.run(sockets=[sock])
    if not server.started:
        sys.exit(STARTUP_FAILURE)


def run(options: dict, count: int) -> None:
    """Serve uvicorn.Config(**options) with `count` workers until SIGINT or SIGTERM."""
    try:
        sockets = bind(options["host"], options["port"], count)
    except OSError as exc:
        log.error("could not listen on %s:%s: %s", options["host"], options["port"], exc)
        sys.exit(1)
    spawn, stop = multiprocessing.get_context("spawn"), threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def start(sock: socket.socket) -> multiprocessing.Process:
        worker = spawn.Process(target=_serve, args=(options, sock), name="backprop-worker")
        worker.start()
        return worker

    workers = [start(sock) for sock in sockets]
    failed = False
    while not stop.wait(WATCH_SECONDS) and not failed:
        for i, worker in enumerate(workers):
            if worker.is_alive():
                continue
            failed = worker.exitcode == STARTUP_FAILURE  # would fail again: give up
            if failed:
                log.error("worker %d could not start; stopping", worker.pid)
                break
            log.warning(
                "worker %d died (exit code %s); starting another", worker.pid, worker.exitcode
            )
            workers[i] = start(sockets[i])
    for worker in workers:
        if worker.is_alive():
            worker.terminate()  # SIGTERM: uvicorn finishes what it is answering
    for worker in workers:
        worker.join()
    if failed:
        sys.exit(STARTUP_FAILURE)
