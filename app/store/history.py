"""A network's loss history as runs: one row per train call, not one per step.

A run holds the losses of steps first, first + stride, ... as float64 bytes, and the test
losses beside them (NaN where a step took none: a stored loss is never NaN, routes refuse
non-finite results). A train call of 1,000 steps writes one row instead of 1,000, so the
write transaction every worker waits on stays short.
"""

import sqlite3
from dataclasses import dataclass

import numpy as np

Array = np.ndarray

SCHEMA = """
CREATE TABLE IF NOT EXISTS history_runs (
    nid INTEGER NOT NULL REFERENCES networks(nid) ON DELETE CASCADE,
    first INTEGER NOT NULL,        -- the run's first step
    stride INTEGER NOT NULL,       -- steps first, first + stride, ... (1 until thinned)
    losses BLOB NOT NULL,          -- float64 little-endian, one a step
    test_losses BLOB,              -- the same, NaN where a step took none; NULL: none did
    PRIMARY KEY (nid, first)
);  -- a rowid table: a run of a few hundred steps stays on its page, no overflow page
"""
SHORT_RUN = 64  # a run shorter than this is extended by the next call instead of followed
FRAGMENTS = 8  # older runs past this many are rewritten as few
F8 = "<f8"


@dataclass
class Run:
    """Consecutive kept steps: first + stride * i for i < len(losses)."""

    first: int
    stride: int
    losses: Array  # (n,)
    tests: Array  # (n,), NaN: no test loss

    @property
    def steps(self) -> Array:
        """(n,) the run's step numbers."""
        return self.first + self.stride * np.arange(len(self.losses), dtype=np.int64)

    @property
    def last(self) -> int:
        """The run's last step."""
        return self.first + self.stride * (len(self.losses) - 1)


def _runs(
    conn: sqlite3.Connection, nid: int, where: str = "", args: tuple = (), last: bool = False
) -> list[Run]:
    order = " ORDER BY first DESC LIMIT 1" if last else " ORDER BY first"
    rows = conn.execute(
        "SELECT first, stride, losses, test_losses FROM history_runs WHERE nid = ?" + where + order,
        (nid, *args),
    ).fetchall()
    return [_decoded(r) for r in rows]


def _decoded(row: tuple) -> Run:
    """A run from its row; a NULL test_losses column is NaN throughout (none taken)."""
    losses = np.frombuffer(row[2], dtype=F8)
    tests = np.full(len(losses), np.nan) if row[3] is None else np.frombuffer(row[3], dtype=F8)
    return Run(row[0], row[1], losses, tests)


def _test_bytes(tests: Array) -> bytes | None:
    """The test losses' column: NULL when the run took none (most runs, once an epoch)."""
    return None if np.isnan(tests).all() else tests.astype(F8).tobytes()


def _last_from(conn: sqlite3.Connection, nid: int, step: int | None = None) -> Run | None:
    """The last run that starts at or before `step` (any step when None)."""
    if step is None:
        found = _runs(conn, nid, last=True)
    else:
        found = _runs(conn, nid, " AND first <= ?", (step,), last=True)
    return found[0] if found else None


def _replace(conn: sqlite3.Connection, nid: int, old: list[Run], new: list[Run]) -> None:
    conn.executemany(
        "DELETE FROM history_runs WHERE nid = ? AND first = ?", [(nid, r.first) for r in old]
    )
    conn.executemany(
        "INSERT INTO history_runs (nid, first, stride, losses, test_losses) VALUES (?, ?, ?, ?, ?)",
        [
            (nid, r.first, r.stride, r.losses.astype(F8).tobytes(), _test_bytes(r.tests))
            for r in new
            if len(r.losses)
        ],
    )


def regular_runs(steps: Array, losses: Array, tests: Array) -> list[Run]:
    """Sorted steps split into evenly spaced runs, each as long as it can be."""
    runs, start, n = [], 0, len(steps)
    while start < n:
        end, stride = start + 1, 1
        if end < n:
            stride = int(steps[end] - steps[start])
            while end < n and steps[end] - steps[end - 1] == stride:
                end += 1
        runs.append(Run(int(steps[start]), stride, losses[start:end], tests[start:end]))
        start = end
    return runs


def _kept(run: Run, keep: Array) -> Run:
    steps = run.steps[keep]
    first, stride = (int(steps[0]), run.stride) if len(steps) else (run.first, run.stride)
    if len(steps) > 1:
        stride = int(steps[1] - steps[0])
    return Run(first, stride, run.losses[keep], run.tests[keep])


def truncate(conn: sqlite3.Connection, nid: int, step: int) -> None:
    """Forget every step from `step` on."""
    conn.execute("DELETE FROM history_runs WHERE nid = ? AND first >= ?", (nid, step))
    cut = _last_from(conn, nid, step)
    if cut is not None and cut.last >= step:
        _replace(conn, nid, [cut], [_kept(cut, cut.steps < step)])


@dataclass(frozen=True)
class Encoded:
    """A train call's losses as a run's column values, encoded before the write transaction."""

    first: int
    count: int
    losses: bytes
    tests: bytes | None  # None: no step took a test loss


def encode(first: int, losses: list[float], tests: list) -> Encoded:
    """Steps first, first + 1, ... took these losses (test losses None where not taken)."""
    values = np.array([np.nan if v is None else v for v in tests], dtype=F8)
    return Encoded(first, len(losses), np.array(losses, dtype=F8).tobytes(), _test_bytes(values))


NAN = np.array([np.nan], dtype=F8).tobytes()  # a step's test loss when it took none


def append(conn: sqlite3.Connection, nid: int, run: Encoded) -> None:
    """Store a train call's losses: a short run before them is extended, byte for byte."""
    truncate(conn, nid, run.first)
    last = conn.execute(
        "SELECT first, stride, losses, test_losses FROM history_runs WHERE nid = ?"
        " ORDER BY first DESC LIMIT 1",
        (nid,),
    ).fetchone()
    n = 0 if last is None else len(last[2]) // 8
    if (
        last is None
        or n >= SHORT_RUN
        or last[0] + last[1] * (n - 1) + 1 != run.first
        or (last[1] != 1 and n > 1)
    ):
        conn.execute(
            "INSERT INTO history_runs (nid, first, stride, losses, test_losses)"
            " VALUES (?, ?, 1, ?, ?)",
            (nid, run.first, run.losses, run.tests),
        )
        return
    tests = None
    if last[3] is not None or run.tests is not None:
        tests = (last[3] or NAN * n) + (run.tests or NAN * run.count)
    conn.execute(
        "UPDATE history_runs SET stride = 1, losses = ?, test_losses = ?"
        " WHERE nid = ? AND first = ?",
        (last[2] + run.losses, tests, nid, last[0]),
    )


def rows(conn: sqlite3.Connection, nid: int, since: int = 0) -> list[tuple]:
    """(step, loss, test_loss or None) for every kept step after `since`, in order."""
    found: list[tuple] = []
    for run in _runs(conn, nid):
        if run.last <= since:
            continue
        keep = run.steps > since
        tests = [None if v != v else v for v in run.tests[keep].tolist()]  # NaN: none taken
        found += zip(run.steps[keep].tolist(), run.losses[keep].tolist(), tests)
    return found


def loss_at(conn: sqlite3.Connection, nid: int, step: int) -> float | None:
    """The loss kept for step `step`, if any."""
    run = _last_from(conn, nid, step)
    if run is None or step > run.last or (step - run.first) % run.stride:
        return None
    return float(run.losses[(step - run.first) // run.stride])


def _spans(conn: sqlite3.Connection, nid: int) -> list[tuple[int, int, int]]:
    """(first, stride, steps) of every run, oldest first, without reading the losses."""
    return conn.execute(
        "SELECT first, stride, length(losses) / 8 FROM history_runs WHERE nid = ? ORDER BY first",
        (nid,),
    ).fetchall()


def _run(conn: sqlite3.Connection, nid: int, first: int) -> Run:
    return _runs(conn, nid, " AND first = ?", (first,))[0]


def count(conn: sqlite3.Connection, nid: int) -> int:
    """How many steps' losses are kept."""
    return sum(n for _, _, n in _spans(conn, nid))


def thin(conn: sqlite3.Connection, nid: int, max_rows: int) -> None:
    """Keep at most max_rows steps: the newest half in full, older steps evenly thinned.

    Older steps are kept where step % k == 0, k the smallest power of two that fits them in
    the other half: evenly spaced, so the loss curve keeps its shape, and (powers of two)
    a later, coarser thinning keeps a subset of the steps an earlier one kept. Only the
    runs that lose steps are read and rewritten.
    """
    spans = _spans(conn, nid)
    if sum(n for _, _, n in spans) <= max_rows:
        return
    full = max(max_rows // 2, 1)
    first, stride, n = spans[-1]
    boundary = first + stride * (n - 1) - full + 1  # steps from here on are kept in full
    span, room = boundary - spans[0][0], max(max_rows - full, 1)
    k = 1
    while -(-span // k) > room:
        k *= 2
    older: list[Run | int] = []  # thinned runs, or the first step of a run left as it was
    for first, stride, n in spans:
        if first >= boundary:
            break
        steps = first + stride * np.arange(n, dtype=np.int64)
        keep = (steps >= boundary) | (steps % k == 0)
        if keep.all():
            older.append(first)
            continue
        run = _run(conn, nid, first)
        old, new = keep & (steps < boundary), steps >= boundary
        pieces = [p for p in (_kept(run, old), _kept(run, new)) if len(p.losses)]
        _replace(conn, nid, [run], pieces)
        older += [p for p in pieces if p.first < boundary]
    if len(older) > FRAGMENTS:  # thinned runs of a point or two: rewrite them as few
        runs = [r if isinstance(r, Run) else _run(conn, nid, r) for r in older]
        steps = np.concatenate([r.steps for r in runs])
        losses = np.concatenate([r.losses for r in runs])
        tests = np.concatenate([r.tests for r in runs])
        _replace(conn, nid, runs, regular_runs(steps, losses, tests))


def from_rows(conn: sqlite3.Connection, nid: int, rows_: list[tuple]) -> None:
    """Write (step, loss, test_loss) rows, sorted by step, as runs (a migration's)."""
    if not rows_:
        return
    steps = np.array([r[0] for r in rows_], dtype=np.int64)
    losses = np.array([r[1] for r in rows_], dtype=np.float64)
    tests = np.array([np.nan if r[2] is None else r[2] for r in rows_], dtype=np.float64)
    _replace(conn, nid, [], regular_runs(steps, losses, tests))
