"""The teacher's view of each student's network: progress, accuracy and divergence, metered."""

import copy
import csv
import hashlib
import io

import numpy as np

from app.engine import DivergenceError, EngineError
from app.engine.errors import StateError
from app.store import NetworkRecord

from . import views
from .access import all_finite
from .budget import NUMBER_BYTES
from .class_thumbs import thumb_bytes, thumb_work, thumbnail

ROW_BYTES = 1000  # one student's row without its parameters, generously
CSV_COLUMNS = (
    "id",
    "name",
    "student",
    "display_name",
    "layers",
    "dataset",
    "learning_rate",
    "step",
    "last_loss",
    "correct",
    "total",
    "undecided",
    "accuracy",
    "diverged",
    "updated_at",
    "predictions_right",
    "predictions_marked",
)


def student_id(owner: str) -> str:
    """A short, stable id of an owner that does not reveal the token."""
    return hashlib.sha256(owner.encode()).hexdigest()[:12]


def _work(record: NetworkRecord) -> int:
    """Multiply-adds of a summary: a forward pass on the training data and a trial step."""
    s = record.session
    return (s.dataset.size + min(s.batch_size, s.dataset.size)) * s.network.parameter_count()


def class_cost(records: list[NetworkRecord], parameters: bool, thumb: int = 0) -> tuple[int, int]:
    """(multiply-adds, answer bytes) of a class view of these networks (with thumbnails of
    thumb x thumb points)."""
    work = sum(_work(r) + thumb_work(r, thumb) for r in records)
    numbers = sum(r.session.network.parameter_count() for r in records) if parameters else 0
    thumbs = sum(thumb_bytes(r, thumb) for r in records)
    return work, len(records) * ROW_BYTES + numbers * NUMBER_BYTES + thumbs


def _next_step_diverges(record: NetworkRecord) -> bool:
    """Whether the network's next step would make a number non-finite."""
    s = record.session
    try:
        copy.deepcopy(s.network).step(*s.next_batch(), s.learning_rate)  # a trial only
    except DivergenceError:
        return True
    return False


def summary(
    record: NetworkRecord, display_name: str | None, parameters: bool = False, thumb: int = 0
) -> dict:
    """One student's row: settings, progress, accuracy on the training data, divergence, and
    (thumb > 0, a classification) its decision boundary in small."""
    s, net = record.session, record.session.network
    acc, diverged = None, False
    try:
        s.check_data()
        if s.dataset.size:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                trace = net.forward(s.dataset.inputs, s.dataset.targets)
            diverged = not all_finite(trace.loss, trace.outputs)
            acc = None if diverged else views.accuracy(trace.accuracy)
            diverged = diverged or _next_step_diverges(record)
    except (EngineError, StateError):
        pass  # no data to judge it by: no accuracy, not diverged
    row = {
        "id": record.id,
        "name": record.name,
        "student": student_id(record.owner or ""),
        "display_name": display_name,
        "layers": net.layers,
        "dataset": s.dataset.name,
        "learning_rate": s.learning_rate,
        "step": s.step,
        "last_loss": record.last_loss,
        "accuracy": acc,
        "diverged": diverged,
        "updated_at": record.updated_at,
    }
    if thumb:
        row["boundary"] = None if acc is None else thumbnail(record, thumb)
    if parameters:
        row |= {"weights": views.lists(net.weights), "biases": views.lists(net.biases)}
    return row


def as_csv(rows: list[dict]) -> str:
    """The rows as CSV, one network a line (layers as 2-3-1, accuracy as its fraction)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        acc = row["accuracy"] or {}
        writer.writerow(
            {
                **{k: row[k] for k in CSV_COLUMNS if k in row},
                "layers": "-".join(map(str, row["layers"])),
                "display_name": _safe_cell(row["display_name"] or ""),
                "name": _safe_cell(row["name"]),
                "correct": acc.get("correct", ""),
                "total": acc.get("total", ""),
                "undecided": acc.get("undecided", ""),
                "accuracy": acc.get("fraction", ""),
                "last_loss": "" if row["last_loss"] is None else row["last_loss"],
                "predictions_right": row["score"]["right"],
                "predictions_marked": row["score"]["total"],
            }
        )
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """A student's text, kept from being read as a formula by a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
