"""The backprop-viz command: serve the app with uvicorn."""

import argparse
import ipaddress
import logging
import os

import uvicorn

from app import workers
from app.serving import GuardedProtocol, connection_limits, raise_fd_limit
from app.settings import Settings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; unset ones fall back to BACKPROP_* variables, then defaults."""
    parser = argparse.ArgumentParser(prog="backprop-viz", description=__doc__)
    parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 8000)")
    parser.add_argument("--db", help="SQLite file (default data/backprop.sqlite3)")
    parser.add_argument("--workers", type=int, help="worker processes (default 1)")
    parser.add_argument(
        "--shared",
        action="store_true",
        default=None,
        help="classroom mode: bind 0.0.0.0, clients see only their networks",
    )
    return parser.parse_args(argv)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _print_teacher_link(host: str, port: int) -> None:
    """Print the link to the teacher's view, holding the secret every worker will derive."""
    # imported here, not at the top: each spawned worker imports this module again before it
    # answers uvicorn's health check, and the app's modules (numpy, the engine) take seconds
    from app.api.owners import signing_key
    from app.api.teacher import teacher_link, teacher_token

    served = Settings.from_env()  # as every worker will read it
    served.db_path.parent.mkdir(parents=True, exist_ok=True)  # the key file lives there
    link = teacher_link(host, port, teacher_token(served, signing_key(served)))
    print(f"Teacher's view (keep this link to yourself):\n    {link}", flush=True)


def _prepare_database(settings: Settings) -> None:
    """Create and migrate the database before the workers start, so they never race to."""
    from app.store.database import Database  # here, not at the top: as _print_teacher_link

    Database(settings.db_path).close()


def main(argv: list[str] | None = None) -> None:
    """Start the server; settings reach every worker through the environment."""
    args = parse_args(argv)
    settings = Settings.from_env(
        host=args.host, port=args.port, db_path=args.db, workers=args.workers, shared=args.shared
    )
    host = settings.host
    if settings.shared and args.host is None and "BACKPROP_HOST" not in os.environ:
        host = "0.0.0.0"
    shared = settings.shared or not _is_loopback(host)
    os.environ.update(
        {
            "BACKPROP_DB_PATH": str(settings.db_path),
            "BACKPROP_SHARED": "1" if shared else "0",
            "BACKPROP_HOST": host,  # a name bound here is a Host the app answers to
        }
    )
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    limits = connection_limits(settings, raise_fd_limit())
    if limits.connections < settings.max_connections:
        logging.warning(
            "the open-file limit allows %d connections, not %d",
            limits.connections,
            settings.max_connections,
        )
    mode = "shared" if shared else "local"
    print(
        f"Backprop Visualizer on http://{host}:{settings.port} ({mode} mode, "
        f"database {settings.db_path})",
        flush=True,
    )
    if shared:
        _print_teacher_link(host, settings.port)
    options = {
        "app": "app.main:create_app",
        "factory": True,
        "host": host,
        "port": settings.port,
        "timeout_graceful_shutdown": 5,
        "http": GuardedProtocol,  # header and body deadlines, connection limits
        "access_log": False,
    }
    if settings.workers > 1:
        _prepare_database(settings)
        workers.run(options, settings.workers)  # a listening socket per worker
    else:
        uvicorn.run(**options)


if __name__ == "__main__":
    main()
