"""The HTTP server's own limits: time to send a request, open connections, file descriptors."""

import asyncio
import json
import logging
import resource
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import Settings

log = logging.getLogger("backprop.server")
FD_RESERVE = 200  # descriptors left for the database, the thread pool, logs and the listener
MAX_HEADER_BYTES = 64 * 1024  # request line and headers (nginx allows 32 KB by default)
UNLIMITED_FILES = 65536  # the soft limit to ask for when the hard limit is unlimited
LINGER_SECONDS = 2.0  # a refused client's time to read the answer before the close


def raise_fd_limit() -> int:
    """Raise this process's soft limit on open files to the hard limit; the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = UNLIMITED_FILES if hard == resource.RLIM_INFINITY else hard
    if wanted > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError) as exc:
            log.warning("could not raise the open-file limit from %d to %d: %s", soft, wanted, exc)
    return soft


@dataclass(frozen=True)
class Limits:
    """What one worker process allows its clients."""

    header_timeout: float
    body_timeout: float
    connections: int
    per_client: int


def connection_limits(settings: Settings, open_files: int) -> Limits:
    """The settings' limits, with connections kept below the open-file limit."""
    connections = min(settings.max_connections, max(open_files - FD_RESERVE, 1))
    return Limits(
        settings.header_timeout,
        settings.body_timeout,
        connections,
        min(settings.max_connections_per_client, connections),
    )


@cache
def _limits() -> Limits:
    """This process's limits, from the BACKPROP_* environment the command passed on."""
    return connection_limits(Settings.from_env(), resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def _response(status: str, detail: str) -> bytes:
    """A complete HTTP response that closes the connection."""
    body = json.dumps({"detail": detail}).encode()
    head = (
        f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode() + body


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with read deadlines and connection limits.

    A deadline runs from the connection's start (on a kept-alive connection, from a
    request's first byte) until its headers are in, then a new one until its body is. A
    client past either, or past MAX_HEADER_BYTES of headers, is answered and closed.
    """

    per_client: ClassVar[Counter] = Counter()  # open connections by address, in this process
    address: str | None = None  # the client's address once counted
    deadline: asyncio.TimerHandle | None = None
    reading_headers = True
    header_bytes = 0
    refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Refuse the connection past a limit, else count it and start the header deadline."""
        super().connection_made(transport)
        self.limits = _limits()
        address = self.client[0] if self.client else None
        if len(self.connections) > self.limits.connections:
            self._refuse("503 Service Unavailable", "too many connections to this server")
        elif address is not None and self.per_client[address] >= self.limits.per_client:
            self._refuse("503 Service Unavailable", "too many connections from this address")
        else:
            if address is not None:
                self.address = address
                self.per_client[address] += 1
            self._start(self.limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the deadline and uncount the connection."""
        self._stop()
        if self.address is not None:
            self.per_client[self.address] -= 1
            if self.per_client[self.address] <= 0:
                del self.per_client[self.address]
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Parse, refusing headers that grow past MAX_HEADER_BYTES."""
        if self.refused:
            return  # what a refused client still sends is read and dropped
        super().data_received(data)
        if self.reading_headers and not self.transport.is_closing():
            self.header_bytes += len(data)
            if self.header_bytes > MAX_HEADER_BYTES:
                self._refuse("431 Request Header Fields Too Large", "request headers too large")

    def on_message_begin(self) -> None:
        """A request starts: its headers must arrive before the deadline."""
        super().on_message_begin()
        self.reading_headers, self.header_bytes = True, 0
        if self.deadline is None:  # a kept-alive connection's next request
            self._start(self.limits.header_timeout)

    def on_headers_complete(self) -> None:
        """Headers in: the body must follow within its own deadline."""
        self.reading_headers = False
        self._start(self.limits.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The whole request is in: no deadline while the app answers."""
        self._stop()
        super().on_message_complete()

    def _start(self, seconds: float) -> None:
        self._stop()
        self.deadline = self.loop.call_later(seconds, self._too_slow)

    def _stop(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _too_slow(self) -> None:
        """Past a deadline: answer 408 unless a response has begun, and close."""
        self.deadline = None
        if self.transport.is_closing():
            return
        if self.reading_headers or self.cycle is None or not self.cycle.response_started:
            self._refuse("408 Request Timeout", "request not received in time")
        else:
            self.transport.close()

    def _refuse(self, status: str, detail: str) -> None:
        """Answer and close; closing with unread input would reset the connection, so
        unless the server is full, send FIN after the answer and read on for a moment."""
        self._stop()
        self.refused = True
        self.transport.write(_response(status, detail))
        if len(self.connections) > self.limits.connections or not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        self.deadline = self.loop.call_later(LINGER_SECONDS, self.transport.close)
