"""Server-Sent Events streams: poll, send what changed, keep alive, stop with the server."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import Request
from fastapi.responses import StreamingResponse

from app.settings import Settings

KEEPALIVE_SECONDS = 15.0

# the next chunk to send (None: nothing new) and whether the stream ends after it
Poll = Callable[[], Awaitable[tuple[bytes | None, bool]]]


def sse(name: str, data: bytes) -> bytes:
    """One event in the text/event-stream format."""
    return b"event: " + name.encode() + b"\ndata: " + data + b"\n\n"


async def polled(request: Request, settings: Settings, poll: Poll) -> AsyncIterator[bytes]:
    """`poll`'s chunks every event_poll_seconds until it ends, the client leaves or the
    server stops; a comment line when nothing was sent for KEEPALIVE_SECONDS."""
    stopping: asyncio.Event = request.app.state.stopping
    idle = 0.0
    while True:
        data, last = await poll()
        if data is not None:
            yield data
            if last:
                return
            idle = 0.0
        elif idle >= KEEPALIVE_SECONDS:
            yield b": keep-alive\n\n"
            idle = 0.0
        try:
            await asyncio.wait_for(stopping.wait(), settings.event_poll_seconds)
            return  # the server is shutting down
        except TimeoutError:
            idle += settings.event_poll_seconds
        if await request.is_disconnected():
            return


def event_stream(chunks: AsyncIterator[bytes]) -> StreamingResponse:
    """A text/event-stream response that proxies do not buffer."""
    return StreamingResponse(
        chunks,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
