"""Server-Sent Events: every change to a network, from any client or worker process."""

import asyncio
import signal
import threading
from collections import OrderedDict
from typing import Annotated

import orjson
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.settings import Settings
from app.store import NotFound
from app.store import networks as store

from . import views
from .deps import DbDep, SettingsDep
from .routing import OffloadedRoute
from .streams import event_stream, polled, sse

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)
CACHED_STATES = 64  # networks whose latest serialised state is kept for their followers


class StateCache:
    """Each network's state serialised once per revision, however many follow it."""

    def __init__(self, size: int = CACHED_STATES):
        self.size, self._lock = size, threading.Lock()
        self._states: OrderedDict[str, tuple[int, bytes]] = OrderedDict()
        self._filling: dict[str, threading.Lock] = {}

    def get(self, db, network_id: str, revision: int) -> bytes:
        """The NetworkState JSON at `revision` (or newer), loading it once for every follower."""
        with self._lock:
            fill = self._filling.setdefault(network_id, threading.Lock())
        with fill:  # followers of one network wait for one load instead of each loading
            with self._lock:
                cached = self._states.get(network_id)
            if cached is not None and cached[0] >= revision:
                return cached[1]
            with db.snapshot() as conn:
                record = store.load(conn, network_id)
            data = orjson.dumps(views.network_state(record))
            with self._lock:
                self._states[network_id] = (record.revision, data)
                self._states.move_to_end(network_id)
                while len(self._states) > self.size:
                    self._states.popitem(last=False)
            return data


STATES = StateCache()


def _event(db, network_id: str, seen: int | None, light: bool, settings: Settings):
    """(revision, event name, data) when the network changed since `seen`; revision None: gone.

    A full-state follower of a network whose state passes max_event_state_bytes is sent
    the light event instead (with "state_omitted": true), and fetches the state itself.
    """
    with db.snapshot() as conn:
        row = store.revision_and_step(conn, network_id)
    if row is None or row[0] == seen:
        return None if row is None else row[0], None, None
    revision, step = row
    small = {"id": network_id, "revision": revision, "step": step}
    if light:
        return revision, "revision", orjson.dumps(small)
    data = STATES.get(db, network_id, revision)
    if len(data) > settings.max_event_state_bytes:
        return revision, "revision", orjson.dumps({**small, "state_omitted": True})
    return revision, "state", data


def watch_shutdown(app: FastAPI) -> None:
    """Set app.state.stopping on SIGTERM/SIGINT too, so open streams end before uvicorn waits."""
    loop, stopping = asyncio.get_running_loop(), app.state.stopping
    if threading.current_thread() is not threading.main_thread():
        return  # in-process test clients: the lifespan's end sets it
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(sig)

        def handle(signum, frame, previous=previous):
            loop.call_soon_threadsafe(stopping.set)
            if callable(previous):
                previous(signum, frame)

        signal.signal(sig, handle)


@router.get(
    "/{network_id:network_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`state` events with the NetworkState JSON (with `light`, or when "
            "the state passes max_event_state_bytes: `revision` events with {id, revision, "
            "step}); `deleted` when the network goes",
        },
        404: {"description": "No network has this id"},
    },
)
async def events(
    network_id: str,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    light: Annotated[
        bool, Query(description="send only {id, revision, step}; fetch the state when needed")
    ] = False,
):
    """Follow a network: its state now, then again after every change (step, edit, undo...)."""
    first = await run_in_threadpool(_event, db, network_id, None, light, settings)
    if first[0] is None:
        raise HTTPException(404, "network not found")
    seen, queued = first[0], [first]

    async def poll() -> tuple[bytes | None, bool]:
        nonlocal seen
        try:
            revision, name, data = (
                queued.pop()
                if queued
                else await run_in_threadpool(_event, db, network_id, seen, light, settings)
            )
        except NotFound:
            revision = None
        if revision is None:
            return sse("deleted", b"{}"), True
        seen = revision
        return (None if data is None else sse(name, data)), False

    return event_stream(polled(request, settings, poll))
