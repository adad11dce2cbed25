"""Request and response models, named by purpose; they are the OpenAPI contract."""

from typing import Annotated, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
)
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

from .optimizer_schemas import (
    OPTIMIZER_TEXT,
    OptimizerSpec,
    OptimizerState,
)

Number = Annotated[float, AllowInfNan(False), Field(strict=True)]
Vector = Annotated[list[Number], Field(min_length=1)]  # every layer has a unit
Matrix = list[Vector]


class PackedArray(BaseModel):
    """An array with ?arrays=base64: its shape and its little-endian float64 bytes, base64."""

    shape: list[int]
    float64: str


Parameter = Matrix | PackedArray  # a layer's weights, or their gradient
Bias = Vector | PackedArray
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


class InlineDataset(Strict):
    """A dataset given in the request: one row per example."""

    inputs: Matrix = Field(description="one row per example; [] with [] targets: no dataset")
    targets: Matrix
    test_inputs: Rows | None = None
    test_targets: Rows | None = None
    name: Name = "custom"


class CsvDataset(Strict):
    """A dataset from CSV text: a header row, numeric input columns, one target column."""

    csv: str = Field(description="the file's text; the header is line 1")
    target: str = Field(description="the target column's name")
    standardize: StrictBool = Field(
        True, description="scale each input column to mean 0 and standard deviation 1"
    )
    name: Name = "csv"


class GenerationSettings(Strict):
    """How a generated built-in is made; a field left out is the built-in's default."""

    points: whole(ge=MIN_POINTS) | None = Field(None, description="how many (default 300)")
    noise: Annotated[Number, Field(ge=NOISE[0], le=NOISE[1])] | None = Field(
        None, description="Playground's scale, 0 to 50; default (null): the built-in's own"
    )
    train_percent: whole(ge=TRAIN_PERCENT[0], le=TRAIN_PERCENT[1]) | None = Field(
        None, description="the share trained on (default 80); the rest is the test split"
    )
    data_seed: Seed | None = Field(None, description="default: the built-in's own")


class GeneratedDataset(GenerationSettings):
    """A generated built-in made to measure."""

    generate: str = Field(description="circle, gaussian, spiral, blobs3, plane or multi_gauss")


def _dataset_form(value: object) -> str:
    """Which form a dataset takes, so a 422 names the field of that form alone."""
    if isinstance(value, str):
        return "name"
    if isinstance(value, dict):
        return next((key for key in ("csv", "generate") if key in value), "rows")
    forms = {CsvDataset: "csv", GeneratedDataset: "generate"}
    return forms.get(type(value), "rows")


DatasetSpec = Annotated[
    Annotated[str, Tag("name")]
    | Annotated[InlineDataset, Tag("rows")]
    | Annotated[CsvDataset, Tag("csv")]
    | Annotated[GeneratedDataset, Tag("generate")],
    Discriminator(_dataset_form),
]
DATASET_SPEC = "a built-in name, rows, CSV text, or a generated built-in made to measure"


class NetworkCreate(Strict):
    """A new network; every field is optional, a preset supplies defaults for the rest."""

    preset: str | None = Field(None, description="a name from GET /api/presets")
    name: Name | None = None
    layers: Annotated[list[Units], Field(min_length=2, max_length=MAX_LAYERS)] | None = Field(
        None, description="units per layer, input first, e.g. [2, 3, 1]"
    )
    hidden_activation: HiddenActivation | None = None
    output_activation: OutputActivation | None = None
    loss: LossName | None = None
    learning_rate: PositiveRate | None = None
    batch_size: Count | None = None
    use_bias: StrictBool | None = None
    init: InitName | None = None
    seed: Seed | None = None
    weights: list[Matrix] | None = Field(
        None, description="weights[l][j][i]: unit i of layer l to unit j of layer l+1"
    )
    biases: list[Vector] | None = None
    dataset: DatasetSpec | None = Field(None, description=DATASET_SPEC)
    features: Features | None = Field(None, description=FEATURES_TEXT)
    optimizer: OptimizerSpec | None = Field(None, description=OPTIMIZER_TEXT)
    regularization: PenaltyName | None = Field(None, description=PENALTY_TEXT)
    regularization_rate: PenaltyRate | None = Field(None, description="lambda (default 0)")


class TrainingSettings(Strict):
    """The settings a PATCH and a fork may both change."""

    name: Name | None = None
    learning_rate: PositiveRate | None = None
    batch_size: Count | None = None
    hidden_activation: HiddenActivation | None = None
    output_activation: OutputActivation | None = None
    loss: LossName | None = None
    regularization: PenaltyName | None = Field(None, description=PENALTY_TEXT)
    regularization_rate: PenaltyRate | None = Field(None, description="lambda")


class NetworkPatch(TrainingSettings):
    """Hyperparameters to change; the parameters are kept."""

    dataset: DatasetSpec | None = Field(
        None,
        description=DATASET_SPEC + ": it must fit the layers; the batch cursor restarts, the "
        "history stays; undo takes the change back, then the steps before it (on their data)",
    )
    features: Features | None = Field(
        None,
        description=FEATURES_TEXT + "; as many as before; undo takes a change back",
    )
    optimizer: OptimizerSpec | None = Field(
        None,
        description=OPTIMIZER_TEXT + "; another rule (or SGD's momentum to or from 0) starts "
        "its state afresh and clears undo, other settings keep the state",
    )


class NetworkFork(TrainingSettings):
    """Settings a fork changes; the rest (parameters, optimizer state, data, batch
    position) is the original's."""

    optimizer: OptimizerSpec | None = Field(
        None, description=OPTIMIZER_TEXT + "; another rule starts its state afresh"
    )


class AllParameters(Strict):
    """Every weight and bias at once."""

    weights: list[Matrix]
    biases: list[Vector] | None = None


class OneParameter(Strict):
    """One weight weights[layer][to][from], or the bias biases[layer][to] when from is null."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    layer: Index
    to: Index
    source: Index | None = Field(None, alias="from")
    value: Number


class ForwardRequest(Strict):
    """Inputs to run forward (default: the dataset's split), with optional targets for the loss."""

    inputs: Rows | None = None
    targets: Rows | None = None
    split: Literal["train", "test"] | None = Field(
        None, description="the dataset's rows to run when inputs are omitted (default train)"
    )


class StepRequest(Strict):
    """One step on these rows, or on the next mini-batch of the network's dataset."""

    inputs: Rows | None = None
    targets: Rows | None = None
    learning_rate: PositiveRate | None = None


class FrameExample(Strict):
    """Rows to run forward after the steps, as POST /forward takes them."""

    inputs: Rows
    targets: Rows | None = None


class FrameRequest(Strict):
    """What a client's next frame draws, answered by the /train that trains it."""

    example: FrameExample | None = Field(
        None, description="rows to run forward on the state after the steps (the page: its example)"
    )
    grid: Annotated[int, Field(ge=GRID_RESOLUTION[0], le=GRID_RESOLUTION[1])] | None = Field(
        None, description="the grid at this resolution, as GET /grid gives it"
    )
    hidden: StrictBool = Field(True, description="the grid with every hidden unit")
    accuracy: StrictBool = Field(False, description="the accuracy on the train and test rows")


class TrainRequest(Strict):
    """Many steps on successive mini-batches."""

    steps: Count
    batch_size: Count | None = None
    frame: FrameRequest | None = Field(
        None, description="also answer what the next frame draws: one request a frame of play"
    )


class Standardization(Strict):
    """Each input column became (x - mean) / scale."""

    means: list[float]
    scales: list[float]


class CsvInfo(Strict):
    """What a CSV's columns became."""

    columns: list[str] = Field(description="the input columns, in the order of the input units")
    target: str
    task: Literal["classification", "regression"]
    classes: list[str] | None = Field(
        description="the target's classes: one 0/1 unit for two (the second is 1), else one-hot"
    )
    standardization: Standardization | None


class ExportDocument(Strict):
    """Everything needed to recreate a network exactly."""

    format: Literal["backprop-visualizer/1"] = "backprop-visualizer/1"
    name: Name
    layers: Annotated[list[Units], Field(min_length=2, max_length=MAX_LAYERS)]
    hidden_activation: HiddenActivation
    output_activation: OutputActivation
    loss: LossName
    learning_rate: PositiveRate
    batch_size: Count
    use_bias: StrictBool
    init: InitName
    seed: Seed
    # at most 2^53: exact in JavaScript, and far from SQLite's 64-bit limit as steps add up
    step: Counter
    cursor: Counter
    weights: list[Matrix]
    biases: list[Vector]
    dataset: InlineDataset = Field(description="with features: the 2-D points")
    builtin_dataset: StrictBool = False
    generation: GenerationSettings | None = Field(
        None, description="with builtin_dataset: how the generated built-in was made"
    )
    features: Features | None = None
    csv: CsvInfo | None = Field(None, description="what a CSV's columns became (shown only)")
    optimizer: OptimizerSpec | None = Field(None, description="default: plain SGD")
    regularization: PenaltyName = "none"
    regularization_rate: PenaltyRate = 0.0
    optimizer_state: OptimizerState | None = Field(
        None, description="default: a fresh state (zeros, step 0)"
    )


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
