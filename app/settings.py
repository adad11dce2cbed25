"""One Settings object: defaults, overridden by BACKPROP_* environment variables."""

import os
import sys
from dataclasses import dataclass, fields
from pathlib import Path


def _home() -> Path:
    """The folder holding templates/ and static/: the source tree, else the installed copy."""
    source = Path(__file__).resolve().parent.parent
    if (source / "templates").is_dir():
        return source
    return Path(sys.prefix) / "share" / "backprop-visualizer"


PROJECT_HOME = _home()


@dataclass(frozen=True)
class Settings:
    """Everything the server can be told; BACKPROP_<FIELD> in the environment overrides."""

    db_path: Path = Path("data/backprop.sqlite3")
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    home: Path = PROJECT_HOME  # holds templates/ and static/
    shared: bool = False  # shared (classroom) mode: clients see only their own networks
    max_hidden_layers: int = 8
    max_units: int = 256  # per hidden or output layer
    max_inputs: int = 1024
    max_train_steps: int = 10_000
    max_rows: int = 10_000
    max_work: int = 500_000_000  # steps x parameters x rows in one request (about 2 s)
    max_response_bytes: int = 32_000_000  # what one computing request may answer
    heavy_requests: int = 2  # requests over a tenth of a budget computed at once (others: 503)
    max_event_state_bytes: int = 2_000_000  # a full-state event past this sends light events
    undo_depth: int = 100  # how many steps back undo can go
    undo_bytes: int = 16_000_000  # and at most this much snapshot data per network
    undo_data_depth: int = 20  # data changes undo can take back (within undo_bytes too)
    max_history_rows: int = 10_000  # steps' losses a network's history keeps (older thinned)
    max_networks_per_owner: int = 100  # shared mode: networks one client may keep
    max_owner_bytes: int = 100_000_000  # shared mode: bytes one client's networks may store
    max_db_bytes: int = 2_000_000_000  # shared mode: no new networks past this database size
    max_body_bytes: int = 1_000_000
    cors_origins: tuple[str, ...] = ()
    embed_origins: tuple[str, ...] = ()  # sites that may frame /embed (CSP frame-ancestors)
    allowed_hosts: tuple[str, ...] = ()  # Host names served besides loopback and `host`
    header_timeout: float = 10.0  # seconds a client may take to send a request's headers
    body_timeout: float = 60.0  # and then its body (an import may be 23 MB)
    max_connections: int = 1000  # open connections per worker process
    max_connections_per_client: int = 32  # per client address, per worker process
    secret_key: str = ""  # signs owner tokens; empty: a key file beside the database
    teacher_token: str = ""  # shared mode: the teacher's secret; empty: derived from the key
    cookie_secure: bool = False  # mark the owner cookie Secure (serve over TLS)
    retention_days: float = 0.0  # delete networks idle this long; 0 keeps them forever
    event_poll_seconds: float = 0.2

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Settings from BACKPROP_* variables, then explicit overrides (None is ignored)."""
        environ = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = environ.get(f"BACKPROP_{f.name.upper()}")
            if f.name == "db_path" and raw is None:
                raw = environ.get("BACKPROP_DB")
            if raw is not None:
                values[f.name] = _parse(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _parse(kind: object, raw: str) -> object:
    """An environment string as the field's type."""
    if kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if kind in (int, float, Path):
        return kind(raw)
    if kind == tuple[str, ...]:
        return tuple(s.strip() for s in raw.split(",") if s.strip())
    return raw


def undo_steps(settings: Settings, parameters: int) -> int:
    """How many undo snapshots a network of this size keeps: undo_depth, within undo_bytes."""
    return max(1, min(settings.undo_depth, settings.undo_bytes // (8 * max(parameters, 1))))


def data_undo_limits(settings: Settings) -> tuple[int, int]:
    """(versions, bytes) of a network's data changes undo keeps."""
    return settings.undo_data_depth, settings.undo_bytes


def largest_parameter_count(settings: Settings) -> int:
    """Weights and biases of the largest network the limits allow."""
    hidden, units = settings.max_hidden_layers, settings.max_units
    weights = settings.max_inputs * units + max(hidden - 1, 0) * units * units + units * units
    return weights + (hidden + 1) * units


def import_body_bytes(settings: Settings) -> int:
    """The body limit of an import: the largest network's parameters (24 bytes a number in
    JSON) and a dataset that came through a create body, written out again (4x its size)."""
    return 24 * largest_parameter_count(settings) + 4 * settings.max_body_bytes
