"""Every exercise the class can do: the built-in ones and those a teacher wrote; and the one
rule for which parameter a check may name."""

from app.exercises import BY_ID, EXERCISES
from app.store import authored

from .deps import DbDep, FieldError


def check_parameter(layers: list[int], layer: int, to: int, source: int | None, loc: tuple) -> None:
    """Refuse a parameter the network does not have: weight layer `layer` joins unit `source`
    of unit layer `layer` (None: the bias) to unit `to` of unit layer `layer + 1`."""
    if layer >= len(layers) - 1:
        raise FieldError(
            (*loc, "layer"), f"the network's layers of weights are 0 to {len(layers) - 2}"
        )
    if to >= layers[layer + 1]:
        raise FieldError((*loc, "to"), f"layer {layer + 1} has units 0 to {layers[layer + 1] - 1}")
    if source is not None and source >= layers[layer]:
        raise FieldError((*loc, "from"), f"layer {layer} has units 0 to {layers[layer] - 1}")


def listed(exercise: dict) -> dict:
    """An exercise as GET /api/exercises lists it: a teacher's network by its name only."""
    export = exercise.get("export")
    shown = {k: v for k, v in exercise.items() if k != "export"}
    network = None if export is None else export["name"]
    return shown | {"network": network, "deletable": exercise["id"] not in BY_ID}


def every_exercise(db: DbDep) -> list[dict]:
    """The built-in exercises, then the teacher's, oldest first."""
    with db.snapshot() as conn:
        written = authored.every(conn)
    return [listed(e) for e in EXERCISES] + [listed(e) for e in written]


def find_exercise(db: DbDep, exercise_id: str) -> dict | None:
    """One exercise (a teacher's with its network's export), or None."""
    if exercise_id in BY_ID:
        return BY_ID[exercise_id]
    with db.snapshot() as conn:
        return authored.get(conn, exercise_id)
