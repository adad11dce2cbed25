"""A network's create, patch, fork, parameter and export documents."""

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictBool

from .dataset_schemas import DATASET_SPEC, CsvInfo, DatasetSpec, GenerationSettings, InlineDataset
from .optimizer_schemas import OPTIMIZER_TEXT, OptimizerSpec, OptimizerState
from .schemas import (
    FEATURES_TEXT,
    MAX_LAYERS,
    PENALTY_TEXT,
    Count,
    Counter,
    Features,
    HiddenActivation,
    Index,
    InitName,
    LossName,
    Matrix,
    Name,
    Number,
    OutputActivation,
    PenaltyName,
    PenaltyRate,
    PositiveRate,
    Seed,
    Strict,
    Units,
    Vector,
)


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
