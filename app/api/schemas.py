"""The parts every request and response model shares: numbers, limits, names and errors."""

from typing import Annotated, Literal

from pydantic import AllowInfNan, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.engine import (
    FACTOR_KINDS,
    FEATURES,
    HIDDEN_ACTIVATIONS,
    INITIALIZERS,
    LOSSES,
    OUTPUT_ACTIVATIONS,
    PENALTY_NAMES,
)

Number = Annotated[float, AllowInfNan(False), Field(strict=True)]
Vector = Annotated[list[Number], Field(min_length=1)]  # every layer has a unit
Matrix = list[Vector]


class PackedArray(BaseModel):
    """An array with ?arrays=base64: its shape and its little-endian float64 bytes, base64."""

    shape: list[int]
    float64: str


class BinaryArray(BaseModel):
    """An array with ?arrays=binary: its shape, and where its little-endian float64 bytes
    start among those after the JSON header."""

    shape: list[int]
    offset: int


Parameter = Matrix | PackedArray | BinaryArray  # a layer's weights, or their gradient
Bias = Vector | PackedArray | BinaryArray
Rows = Annotated[Matrix, Field(min_length=1)]  # a request's rows: at least one


def _whole_number(value: object) -> object:
    """JSON's integers, 12.0 included (JSON Schema calls it one); no booleans or strings."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**63:
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("whole_number", "must be a whole number")  # a kind to translate
    return value


def whole(**bounds: int) -> type:
    """A whole-number type with these bounds (ge, le), stated in the OpenAPI schema too."""
    return Annotated[int, Field(strict=True, **bounds), BeforeValidator(_whole_number)]


Units = whole(ge=1)
Count = whole(ge=1)
Index = whole(ge=0)
Seed = whole(ge=0, le=2**63 - 1)
COUNTER_LIMIT = 2**53  # steps and cursors stay exact in JavaScript and far from SQLite's limit
Counter = whole(ge=0, le=COUNTER_LIMIT)
# each name is written once, in the engine's registries
HiddenActivation = Literal[HIDDEN_ACTIVATIONS]
OutputActivation = Literal[OUTPUT_ACTIVATIONS]
LossName = Literal[tuple(LOSSES)]
InitName = Literal[tuple(INITIALIZERS)]
FactorKind = Literal[FACTOR_KINDS]
FeatureName = Literal[tuple(FEATURES)]
Features = Annotated[list[FeatureName], Field(max_length=len(FEATURES))]
FEATURES_TEXT = (
    "input units computed from the 2-D points (x1, x2), in this order; layers[0] is their "
    "number; [] or none: the points themselves"
)
MAX_LEARNING_RATE = 1000
GRID_RESOLUTION = (2, 200)  # the grid's resolution per side, lowest and highest
MAX_LAYERS = 12  # input, output and at most 10 hidden layers, whatever the settings allow
NOISE = (0, 50)  # a generated built-in's noise: Playground's slider
TRAIN_PERCENT = (10, 90)  # the share of a generated built-in trained on
MIN_POINTS = 10  # the fewest points a generated built-in is made of
PositiveRate = Annotated[Number, Field(gt=0, le=MAX_LEARNING_RATE)]
MAX_REGULARIZATION_RATE = 1000
PenaltyName = Literal[PENALTY_NAMES]
PenaltyRate = Annotated[Number, Field(ge=0, le=MAX_REGULARIZATION_RATE)]
PENALTY_TEXT = "a penalty on the weights (not the biases): lambda sum |w| or lambda sum w^2 / 2"
Name = Annotated[str, Field(max_length=100)]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class Health(BaseModel):
    """Liveness or readiness."""

    status: str


class ErrorMessage(BaseModel):
    """An error that is not about one field."""

    detail: str
    code: str | None = Field(
        None,
        description="a 409's kind, for a client to say in its language: diverged (the step "
        "would overflow) or unusable_state",
    )
