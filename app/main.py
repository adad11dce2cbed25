"""The app factory: assembles settings, database, routers, middleware and static files."""

import asyncio
import contextlib
import logging
import threading
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from threadpoolctl import threadpool_limits

from app.api import (
    authoring,
    catalog,
    class_events,
    embedding,
    events,
    exports,
    forks,
    handlers,
    inspection,
    looking,
    networks,
    openapi,
    predicting,
    teaching,
    training,
    worksheets,
)
from app.api.owners import signing_key
from app.api.teacher import teacher_token
from app.embed import EMBED_PATH, check_origins
from app.engine.kernel import warm_up
from app.middleware import Guard
from app.origins import Origins
from app.pages import pages_router
from app.settings import Settings, import_body_bytes
from app.store import Database, classroom
from app.store import networks as store

VERSION = "0.1.0"
log = logging.getLogger("backprop")


def _delete_idle(db: Database, cutoff: float) -> int:
    with db.transaction() as conn:
        return store.delete_idle(conn, cutoff)


async def _purge_idle(app: FastAPI, settings: Settings) -> None:
    """Delete networks idle past the retention period, now and then hourly."""
    while True:
        cutoff = time.time() - settings.retention_days * 86400
        # in a thread: the write lock may wait on another worker's commit
        gone = await asyncio.to_thread(_delete_idle, app.state.db, cutoff)
        if gone:
            log.info("retention: deleted %d idle networks", gone)
        await asyncio.sleep(3600)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured app; the database opens in its lifespan."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # one BLAS thread a process: a request's matrices are small, and waking BLAS threads
        # on a busy machine cost 10-70 ms an /explain of 784-128-10 (3-15 ms on one)
        threadpool_limits(1, user_api="blas")
        app.state.db = Database(settings.db_path)
        app.state.owner_key = signing_key(settings)
        app.state.teacher_token = teacher_token(settings, app.state.owner_key)
        with app.state.db.transaction() as conn:
            classroom.install(conn)
        threading.Thread(target=warm_up, name="numba-warm-up", daemon=True).start()
        app.state.stopping = asyncio.Event()  # tells open event streams to end
        events.watch_shutdown(app)
        purge = None
        if settings.retention_days > 0:
            purge = asyncio.create_task(_purge_idle(app, settings))
        yield
        app.state.stopping.set()
        if purge is not None:
            purge.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purge
        app.state.db.close()

    app = FastAPI(
        title="Backprop Visualizer",
        version=VERSION,
        description="Watch a neural network learn: every forward value, gradient and update "
        "of a small numpy network, over REST. weights[l][j][i] is the weight from unit i of "
        "layer l to unit j of layer l+1.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings

    handlers.install(app)
    openapi.install(app, settings)
    app.include_router(networks.router)
    app.include_router(exports.router)
    app.include_router(embedding.router)
    app.include_router(forks.router)
    app.include_router(training.router)
    app.include_router(inspection.router)
    app.include_router(looking.router)
    app.include_router(events.router)
    app.include_router(catalog.router)
    app.include_router(teaching.router)
    app.include_router(class_events.router)
    app.include_router(predicting.router)
    app.include_router(authoring.router)
    app.include_router(worksheets.router)
    app.include_router(pages_router(settings))
    app.mount("/static", StaticFiles(directory=settings.home / "static"), name="static")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(
        Guard,
        max_body_bytes=settings.max_body_bytes,
        origins=Origins(settings),
        path_limits={
            "/api/networks/import": import_body_bytes(settings),
            "/api/class/push": import_body_bytes(settings),
            "/api/class/exercises": import_body_bytes(settings),
        },
        framed=(EMBED_PATH, check_origins(settings.embed_origins)),
    )
    return app


app = create_app()
