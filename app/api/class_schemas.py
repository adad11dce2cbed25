"""Named request and response models of the teacher's view (/api/class)."""

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StrictBool, model_validator

from .class_thumbs import THUMB_MAX_POINTS
from .network_schemas import ExportDocument
from .predict_schemas import Score
from .result_schemas import AccuracyResult
from .schemas import Matrix, Strict, Vector

LOCKABLE = {
    "step": "POST /api/networks/{id}/step",
    "train": "POST /api/networks/{id}/train (Play)",
    "undo": "POST /api/networks/{id}/undo",
    "patch": "PATCH /api/networks/{id} (settings, data, features)",
    "weights": "PUT /api/networks/{id}/weights",
    "create": "POST /api/networks, /import and /{id}/fork (the page's Reset and presets)",
    "delete": "DELETE /api/networks/{id}",
}
FIXABLE = (
    "learning_rate",
    "batch_size",
    "hidden_activation",
    "output_activation",
    "loss",
    "optimizer",
    "dataset",
    "features",
    "layers",
    "regularization",
    "regularization_rate",
)
MAX_DISPLAY_NAME = 40


def _printable(name: str) -> str:
    """Stripped, not empty, and free of control, format and separator characters."""
    name = name.strip()
    if not name:
        raise ValueError("must not be empty")
    for char in name:
        if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp"):
            raise ValueError(f"no control characters (found U+{ord(char):04X})")
    return name


DisplayName = Annotated[str, Field(max_length=MAX_DISPLAY_NAME), AfterValidator(_printable)]
Action = Literal[tuple(LOCKABLE)]
Fixable = Literal[FIXABLE]


class StudentName(Strict):
    """The name a student shows the teacher."""

    display_name: DisplayName


class Student(BaseModel):
    """A client of the class as it sees itself."""

    student: str | None = Field(description="a short id of the student (not their token)")
    display_name: str | None


class ClassLocks(Strict):
    """What students may not do: actions refused, settings they may not send."""

    actions: list[Action] = Field(
        default_factory=list, description="; ".join(f"{k}: {v}" for k, v in LOCKABLE.items())
    )
    fixed: dict[Fixable, StrictBool] = Field(
        default_factory=dict, description="a setting true here is refused in a student's body"
    )


class LockState(ClassLocks):
    """The class's locks as the page reads them, with what each action covers."""

    model_config = {"extra": "ignore"}
    lockable: dict[str, str] = Field(default_factory=lambda: dict(LOCKABLE))
    fixable: list[str] = Field(
        default_factory=lambda: list(FIXABLE), description="the settings that can be fixed"
    )


class Thumbnail(BaseModel):
    """A decision boundary in small: the class at each of resolution² points."""

    resolution: int
    x_range: list[float]
    y_range: list[float]
    classes: list[int] = Field(description="row by row from the lowest y, x rising along a row")
    points: list[list[float]] = Field(
        description=f"up to {THUMB_MAX_POINTS} training points (x, y), evenly spaced in the data"
    )
    labels: list[int] = Field(description="each point's target class, by the accuracy's rule")


class StudentNetwork(BaseModel):
    """One student's network in the teacher's view."""

    id: str
    name: str
    student: str = Field(description="a short id of its owner (not their token)")
    display_name: str | None = Field(description="the name its owner chose (PUT /api/class/me)")
    layers: list[int]
    dataset: str
    learning_rate: float
    step: int
    last_loss: float | None
    accuracy: AccuracyResult | None = Field(
        description="on the training data, by the engine's rule; none for a regression"
    )
    diverged: bool = Field(description="its outputs or its next step are not finite")
    updated_at: float = Field(description="last activity, Unix time")
    score: Score = Field(description="predict, then reveal: its predictions' marks")
    boundary: Thumbnail | None = Field(
        None, description="with ?thumbnail=N: its classes over the input plane (2-D only)"
    )


class ClassList(BaseModel):
    """Every student's network."""

    networks: list[StudentNetwork]


class StudentFinal(StudentNetwork):
    """A student's network with its parameters (the class snapshot)."""

    weights: list[Matrix]
    biases: list[Vector]


class ClassSnapshot(BaseModel):
    """Every student's final state, to discuss."""

    taken_at: float
    networks: list[StudentFinal]


class ClassPush(Strict):
    """One thing for every student to take: a preset, a network export, a lesson step or an
    exercise."""

    preset: str | None = Field(None, description="a name from GET /api/presets")
    network: ExportDocument | None = Field(None, description="GET /api/networks/{id}/export")
    lesson: str | None = Field(None, description="an id from GET /api/lessons")
    step: Annotated[int, Field(ge=0)] | None = Field(None, description="the lesson's step, from 0")
    exercise: str | None = Field(None, description="an id from GET /api/exercises")

    @model_validator(mode="after")
    def _one(self) -> "ClassPush":
        kinds = ("preset", "network", "lesson", "exercise")
        given = [k for k in kinds if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of preset, network, lesson or exercise")
        if self.step is not None and self.lesson is None:
            raise ValueError("step belongs with lesson")
        return self


class Take(BaseModel):
    """The create a student sends to keep their own copy."""

    method: Literal["POST"] = "POST"
    path: str
    body: dict


class Pushed(BaseModel):
    """The teacher's latest push."""

    number: int = Field(description="counts the pushes: a page offers one it has not seen")
    updated_at: float
    kind: Literal["preset", "network", "lesson", "exercise", "withdrawn"] = Field(
        description="withdrawn: the pushed exercise was deleted; nothing is offered"
    )
    preset: str | None = None
    name: str | None = Field(None, description="the pushed network's name")
    lesson: str | None = None
    step: int | None = None
    exercise: str | None = None
    take: Take | None = Field(
        description="the create that keeps a copy (an exercise's: a copy of its preset; none for "
        "a lesson or a withdrawal)"
    )
