"""A light HTTP/1.1 client for simulated students: one keep-alive connection each, as a tab.

class.py runs its students on the same two cores as the server it measures, so their side
must cost little: httpx spends about as much CPU per request as the server does. This
writes the request bytes itself, reads a Content-Length (or chunked) body and nothing more.
"""

import asyncio
import json


class Wire:
    """One keep-alive connection to host:port; call() sends JSON and returns the answer."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> "Wire":
        """Connect (once)."""
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def call(self, method: str, path: str, body: object = None) -> tuple[int, dict, bytes]:
        """(status, headers with lower-case names, body bytes) of one request."""
        data = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(data)}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        status, headers = await self.head()
        if headers.get("transfer-encoding") == "chunked":
            return status, headers, await self.chunks()
        return status, headers, await self.reader.readexactly(int(headers["content-length"]))

    async def head(self) -> tuple[int, dict]:
        """The status line and headers of the next response."""
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]), headers

    async def chunks(self) -> bytes:
        """A chunked body, whole."""
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size + 2))
        await self.reader.readuntil(b"\r\n")
        return b"".join(p[:-2] for p in parts)

    async def drain(self, path: str, stop: asyncio.Event) -> None:
        """GET a stream (the page's event source) and read it, unparsed, until `stop`."""
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        while not stop.is_set() and await self.reader.read(65536):
            pass

    async def json(self, method: str, path: str, body: object = None) -> object:
        """call(), raising on a status other than 2xx; the body as JSON."""
        status, _, data = await self.call(method, path, body)
        if not 200 <= status < 300:
            raise RuntimeError(f"{method} {path}: {status} {data[:200]!r}")
        return json.loads(data)

    def close(self) -> None:
        """Close the connection."""
        if self.writer is not None:
            self.writer.close()
