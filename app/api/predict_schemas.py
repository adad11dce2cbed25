"""Named request and response models of predict, then reveal."""

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from .network_schemas import ExportDocument
from .result_schemas import Explanation
from .schemas import Strict

Quantity = Literal["gradient", "weight"]
MAX_CHECKS = 20  # a teacher's exercise: one step a check


class Check(BaseModel):
    """One check of an exercise: what to predict about which parameter."""

    layer: int
    to: int
    from_: int | None = Field(alias="from", description="none: the bias")
    quantity: Quantity = Field(description="gradient: dE/dw of the step; weight: w after it")
    tolerance: float = Field(description="a value within this of the true one is right")

    model_config = {"populate_by_name": True}


class Exercise(BaseModel):
    """A preset (or a teacher's network) and a sequence of checks, one a step."""

    id: str = Field(description="built-in, or 'class-<n>' for one a teacher wrote")
    title: dict[str, str]
    preset: str | None = Field(description="the preset it starts from; none: a teacher's network")
    network: str | None = Field(
        None, description="the teacher's network's name (GET /api/exercises/{id} has its export)"
    )
    checks: list[Check]
    deletable: bool = Field(
        False, description="a teacher's: DELETE /api/class/exercises/{id}; a built-in one is not"
    )


class ExerciseDetail(Exercise):
    """An exercise with the export of the network it starts from (a teacher's)."""

    export: ExportDocument | None = Field(None, description="POST it to /api/networks/import")


class CheckCreate(Strict):
    """One check of a new exercise: the parameter (layer of weights, unit to, unit from)."""

    layer: Annotated[int, Field(ge=0)] = Field(description="the layer of weights, from 0")
    to: Annotated[int, Field(ge=0)] = Field(description="a unit of layer + 1")
    from_: Annotated[int, Field(ge=0)] | None = Field(
        None, alias="from", description="a unit of layer; none: the bias"
    )
    quantity: Quantity = Field(description="gradient: dE/dw of the step; weight: w after it")
    tolerance: Annotated[float, Field(gt=0, le=1e6)] = Field(
        description="a value within this of the true one is right"
    )


class ExerciseTitle(Strict):
    """An exercise's title; without zh, the English one shows in Chinese too."""

    en: Annotated[str, Field(min_length=1, max_length=120)]
    zh: Annotated[str, Field(min_length=1, max_length=120)] | None = None


class ExerciseCreate(Strict):
    """A teacher's exercise: a preset or a network (its export), and its checks in order."""

    title: ExerciseTitle
    preset: str | None = Field(None, description="a name from GET /api/presets")
    network: ExportDocument | None = Field(None, description="GET /api/networks/{id}/export")
    checks: Annotated[list[CheckCreate], Field(min_length=1, max_length=MAX_CHECKS)]

    @model_validator(mode="after")
    def _one(self) -> "ExerciseCreate":
        if (self.preset is None) == (self.network is None):
            raise ValueError("give exactly one of preset or network")
        return self


class PredictionRequest(Strict):
    """A prediction of the next step: for a weight the student picks, or an exercise's check."""

    exercise: str | None = Field(None, description="an id from GET /api/exercises")
    position: Annotated[int, Field(ge=0)] | None = Field(None, description="its check, from 0")
    layer: Annotated[int, Field(ge=0)] | None = None
    to: Annotated[int, Field(ge=0)] | None = None
    from_: Annotated[int, Field(ge=0)] | None = Field(None, alias="from")
    quantity: Quantity | None = None
    tolerance: Annotated[float, Field(gt=0, le=1e6)] | None = None
    sign: Literal["+", "-", "0"] | None = Field(None, description="the sign predicted")
    value: Annotated[str, Field(min_length=1, max_length=40)] | None = Field(
        None, description="the value predicted: a decimal or a fraction such as -1/4"
    )


class Prediction(BaseModel):
    """A stored prediction; truth and marks once revealed."""

    id: int
    network: str
    step: int = Field(description="the network's step when predicted: it is of the next step")
    layer: int
    to: int
    from_: int | None = Field(alias="from")
    quantity: Quantity
    sign: Literal["+", "-", "0"] | None
    value: str | None
    tolerance: float
    exercise: str | None
    position: int | None
    revealed: bool
    truth: float | None
    sign_ok: bool | None
    value_ok: bool | None

    model_config = {"populate_by_name": True}


class Score(BaseModel):
    """Parts marked right of the parts marked, and how many predictions were revealed."""

    right: int
    total: int
    checks: int


class Reveal(BaseModel):
    """A prediction marked, with the step's chain rule for its parameter."""

    prediction: Prediction
    explanation: Explanation | None = Field(description="none once the step is no longer last")
    score: Score


class PredictionList(BaseModel):
    """A network's predictions and its score."""

    predictions: list[Prediction]
    score: Score
