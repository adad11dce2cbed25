"""SQLite persistence: networks, their history and undo snapshots. No HTTP here."""

from .database import Database
from .networks import NetworkRecord, NotFound

__all__ = ["Database", "NetworkRecord", "NotFound"]
