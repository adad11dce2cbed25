"""Slow clients: trickled headers and bodies time out, connections are bounded, /healthz answers."""

import contextlib
import resource
import select
import socket
import statistics
import time

import httpx

PARTIAL = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "  # headers never finished
ADDRESSES = [f"127.0.0.{i}" for i in range(10, 30)]  # every 127/8 address is loopback
PER_ADDRESS = 20  # 400 trickling connections, within the default 32 an address


def connect(port: int, source: str, first: bytes = PARTIAL) -> socket.socket:
    """A connection to the server from this loopback address that has sent `first`."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    if first:
        conn.sendall(first)
    return conn


def read_all(conn: socket.socket) -> bytes:
    """Everything the server sends until it closes (the socket's timeout bounds each wait)."""
    chunks = []
    with conn:
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def trickle_until_closed(conns: dict, deadline: float, on_round=None, quiet=()) -> dict:
    """Send one byte a round to every open connection (but `quiet` ones) until all are closed.

    `conns` maps each socket to when it was opened. Returns {socket: (seconds it stayed
    open, what the server sent)}; gives up at `deadline`.
    """
    opened = dict(conns)
    got: dict[socket.socket, bytes] = {c: b"" for c in conns}
    closed: dict[socket.socket, tuple[float, bytes]] = {}
    for c in conns:
        c.setblocking(False)
    while len(closed) < len(conns) and time.monotonic() < deadline:
        live = [c for c in conns if c not in closed]
        readable, _, _ = select.select(live, [], [], 0.05)
        for c in readable:
            try:
                chunk = c.recv(65536)
            except ConnectionError:
                chunk = b""
            got[c] += chunk
            if not chunk:
                closed[c] = (time.monotonic() - opened[c], got[c])
        for c in live:
            if c not in closed and c not in quiet:
                with contextlib.suppress(BlockingIOError, ConnectionError):
                    c.send(b"x")
        if on_round is not None:
            on_round()
    return closed


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def quiet_p99(url: str, seconds: float = 1.0) -> float:
    """/healthz p99 with no attack: the machine's own noise, which the bound allows for."""
    latencies = []
    with httpx.Client(base_url=url, timeout=5) as client:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            t = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            latencies.append(time.perf_counter() - t)
    return p99(latencies)


def test_trickled_headers_time_out_and_healthz_stays_fast(serve):
    """400 trickling and 20 silent connections close at the deadline; meanwhile /healthz's
    median grows by under 100 ms over a quiet round's p99 and no probe waits as long as a
    header deadline (a server stalled by slow clients fails both; a CPU-starved machine
    only lengthens the slowest probes, which the p99 of a loaded run showed at 175 ms)."""
    timeout = 1.5
    server = serve(env={"BACKPROP_HEADER_TIMEOUT": str(timeout)})
    quiet = quiet_p99(server.url)
    started = time.monotonic()
    conns = {
        connect(server.port, a): time.monotonic() for a in ADDRESSES for _ in range(PER_ADDRESS)
    }
    silent = {connect(server.port, "127.0.0.40", b""): time.monotonic() for _ in range(20)}
    latencies: list[float] = []
    try:
        with httpx.Client(base_url=server.url, timeout=5) as client:

            def probe() -> None:  # three a round: a loaded machine runs fewer rounds
                for _ in range(3):
                    t = time.perf_counter()
                    assert client.get("/healthz").status_code == 200
                    latencies.append(time.perf_counter() - t)

            everyone = {**conns, **silent}
            closed = trickle_until_closed(everyone, started + timeout + 10, probe, silent)
            assert len(closed) == len(everyone), f"{len(closed)} closed of {len(everyone)}"
            for seconds, answer in closed.values():
                assert 0.8 * timeout <= seconds <= timeout + 5, (seconds, answer)
                assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]
            assert sum(a.startswith(b"HTTP/1.1 408") for _, a in closed.values()) >= len(conns) // 2
            assert len(latencies) >= 20
            typical, worst = statistics.median(latencies), max(latencies)
            assert typical < 0.1 + quiet, (
                f"/healthz median {typical * 1000:.0f} ms, quiet p99 {quiet * 1000:.0f}"
            )
            assert worst < timeout, f"a /healthz probe took {worst * 1000:.0f} ms"
            assert client.get("/healthz").status_code == 200
    finally:
        for c in [*conns, *silent]:
            c.close()


def test_a_kept_alive_connection_gets_the_same_deadline(serve):
    server = serve(env={"BACKPROP_HEADER_TIMEOUT": "1.5"})
    conn = connect(server.port, "127.0.0.2", b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    first = b""
    while not first.endswith(b'{"status":"ok"}'):
        first += conn.recv(65536)
    conn.sendall(PARTIAL)  # the next request on the same connection, never finished
    closed = trickle_until_closed({conn: time.monotonic()}, time.monotonic() + 10)
    ((seconds, answer),) = closed.values()
    assert 1.2 <= seconds <= 6 and answer.startswith(b"HTTP/1.1 408"), (seconds, answer)
    conn.close()


def test_a_trickled_body_times_out_and_creates_nothing(serve):
    server = serve(env={"BACKPROP_BODY_TIMEOUT": "1.5"})
    head = (
        b"POST /api/networks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name": "'
    )
    conn = connect(server.port, "127.0.0.2", head)
    closed = trickle_until_closed({conn: time.monotonic()}, time.monotonic() + 10)
    ((seconds, answer),) = closed.values()
    assert 1.2 <= seconds <= 6 and answer.startswith(b"HTTP/1.1 408"), (seconds, answer)
    conn.close()
    assert httpx.get(server.url + "/api/networks").json() == []


def test_oversized_headers_are_refused(serve):
    server = serve()
    conn = connect(server.port, "127.0.0.2", PARTIAL + b"y" * (100 * 1024))
    assert read_all(conn).startswith(b"HTTP/1.1 431")
    assert httpx.get(server.url + "/healthz").status_code == 200


def test_connections_are_bounded_per_address_and_per_server(serve):
    server = serve(
        env={
            "BACKPROP_MAX_CONNECTIONS": "12",
            "BACKPROP_MAX_CONNECTIONS_PER_CLIENT": "5",
            "BACKPROP_HEADER_TIMEOUT": "60",
        }
    )
    port = server.port
    held = [connect(port, "127.0.0.2") for _ in range(5)]
    one_too_many = read_all(connect(port, "127.0.0.2"))
    assert one_too_many.startswith(b"HTTP/1.1 503")
    assert b"too many connections from this address" in one_too_many
    held += [connect(port, "127.0.0.3") for _ in range(5)]
    held += [connect(port, "127.0.0.4") for _ in range(2)]  # 12: the server's limit
    refused = read_all(connect(port, "127.0.0.5", b""))  # closed at once: no request sent yet
    assert refused.startswith(b"HTTP/1.1 503") and b"too many connections to this server" in refused
    # closing one frees a place (the server counts it off when it sees the close)
    held.pop(0).close()
    deadline, answer = time.monotonic() + 10, b""
    while time.monotonic() < deadline:
        conn = connect(port, "127.0.0.5", b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        with conn:
            answer = conn.recv(65536)
        if answer.startswith(b"HTTP/1.1 200"):
            break
    assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
    # every held connection was accepted: finishing its headers gets an answer
    for conn in held:
        conn.sendall(b"1\r\nConnection: close\r\n\r\n")
        assert read_all(conn).startswith(b"HTTP/1.1 200")


def test_the_open_file_limit_is_raised_to_the_hard_limit(serve):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    low = min(512, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (low, hard))  # the server inherits this
    try:
        server = serve()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    with open(f"/proc/{server.proc.pid}/limits") as limits:
        line = next(row for row in limits if row.startswith("Max open files"))
    assert line.split()[3:5] == [str(hard), str(hard)], line
