"""Named request and response models of predict, then reveal."""

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from .result_schemas import Explanation
from .schemas import Strict

Quantity = Literal["gradient", "weight"]


class Check(BaseModel):
    """One check of an exercise: what to predict about which parameter."""

    layer: int
    to: int
    from_: int | None = Field(alias="from", description="none: the bias")
    quantity: Quantity = Field(description="gradient: dE/dw of the step; weight: w after it")
    tolerance: float = Field(description="a value within this of the true one is right")

    model_config = {"populate_by_name": True}


class Exercise(BaseModel):
    """A preset and a sequence of checks, one a step."""

    id: str
    title: dict[str, str]
    preset: str
    checks: list[Check]


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
