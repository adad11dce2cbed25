"""What the store tests share: a database holding one bare network row (nid 1)."""

from pathlib import Path

from app.store import Database


def one_network(path: Path) -> Database:
    """A new database at `path` with one network row, nid 1, and nothing else."""
    db = Database(path)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO networks (nid, id, name, config, learning_rate, batch_size, step, cursor,"
            " revision, params, dataset, created_at, updated_at)"
            " VALUES (1, 'n', 'n', '{}', 0.1, 1, 0, 0, 0, x'', '{}', 0, 0)"
        )
    return db
