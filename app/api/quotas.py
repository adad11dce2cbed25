"""Shared-mode quotas: networks and stored bytes per client, and the database's size."""

import sqlite3

from fastapi import HTTPException

from app.settings import Settings
from app.store.limits import stored_bytes, usage

from .schemas import ErrorMessage

QUOTAS = {
    429: {
        "model": ErrorMessage,
        "description": "Shared mode: this client's quota of networks or stored bytes is used up",
    },
    507: {"model": ErrorMessage, "description": "Shared mode: the server's storage is full"},
}


def check_quotas(conn: sqlite3.Connection, owner: str, settings: Settings) -> None:
    """Refuse a network just inserted (the transaction rolls back) if it passes a quota."""
    if not settings.shared:
        return
    used = usage(conn, owner)
    if used.networks > settings.max_networks_per_owner:
        raise HTTPException(
            429,
            f"quota: at most {settings.max_networks_per_owner} networks per client"
            " (BACKPROP_MAX_NETWORKS_PER_OWNER); delete one to make room",
        )
    if used.bytes > settings.max_owner_bytes:
        raise HTTPException(
            429,
            f"quota: this client's networks would store {used.bytes} bytes, over the"
            f" {settings.max_owner_bytes} allowed (BACKPROP_MAX_OWNER_BYTES);"
            " delete some to make room",
        )
    if stored_bytes(conn) > settings.max_db_bytes:
        raise HTTPException(
            507,
            f"storage full: the database holds more than {settings.max_db_bytes} bytes"
            " (BACKPROP_MAX_DB_BYTES); no new networks until some are deleted",
        )
