"""The 409 of a divergent step, with the engine's diagnosis of why (when the budget allows)."""

import math
from collections.abc import Iterator
from contextlib import contextmanager

from app.engine import DivergenceError, batch_indices
from app.engine.blowup import MAX_TRIALS, lower_rate
from app.settings import Settings
from app.store import Database, NetworkRecord
from app.store.data_undo import data_versions
from app.store.paths import oldest_kept
from app.store.snapshots import steps_back


@contextmanager
def diagnosed(
    settings: Settings, db: Database, record: NetworkRecord, pass_work: int
) -> Iterator[None]:
    """On a DivergenceError, work out why (if that fits the work budget) and let it go on to
    its 409. When E is already not finite, no rate can save this step: the lower rate is then
    worked out from the oldest state undo reaches, for after undoing back to it."""
    try:
        yield
    except DivergenceError as exc:
        if exc.diagnose is None or (MAX_TRIALS + 1) * pass_work > settings.max_work:
            raise
        found = exc.diagnose()
        if found is not None:
            with db.snapshot() as conn:  # the steps back, when no data change comes first
                nid, step = record.nid, record.session.step
                back = 0 if data_versions(conn, nid, step) else steps_back(conn, nid, step)
            found["undo_available"] = back
            found["lower_after_undo"] = not found["loss_finite"] and back > 0
            if found["lower_after_undo"]:
                found["lower_learning_rate"] = _after_undo(settings, db, record, pass_work)
        exc.diagnosis = found
        raise


def _after_undo(
    settings: Settings, db: Database, record: NetworkRecord, pass_work: int
) -> dict | None:
    """lower_rate from the oldest state undo reaches, on the batch its step took (None: no
    such state, or over budget), with how many undos lead there."""
    s = record.session
    with db.snapshot() as conn:
        kept = oldest_kept(conn, record)
    if kept is None or (MAX_TRIALS + 2) * pass_work > settings.max_work:
        return None
    rows, _ = batch_indices(s.dataset.size, kept.cursor, s.batch_size, s.seed)
    then = s.network.with_parameters(*s.network.layout.unpack(kept.params))
    then.optimizer = kept.optimizer or then.optimizer
    found = lower_rate(then, s.dataset.inputs[rows], s.dataset.targets[rows], s.learning_rate)
    return found and found | {"undo_steps": s.step - kept.step + 1, "from_step": kept.step - 1}


def plain(value: object) -> object:
    """A diagnosis as JSON: every non-finite number as None (the flags say which)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
