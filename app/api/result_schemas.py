"""Response models of the network routes: states, traces, steps, explanations, grids."""

from typing import Literal

from pydantic import BaseModel, Field

from .dataset_schemas import CsvInfo, GenerationSettings
from .optimizer_schemas import OptimizerSpec, OptimizerState, WeightState
from .schemas import Bias, FactorKind, Matrix, Parameter


class DatasetInfo(BaseModel):
    """A dataset's name and sizes."""

    name: str
    description: str = ""
    size: int
    test_size: int
    input_dim: int
    output_dim: int
    csv: CsvInfo | None = None
    generation: GenerationSettings | None = Field(
        None, description="a generated built-in's settings (noise null: its own)"
    )
    image: list[int] | None = Field(
        None, description="[rows, columns] when each input row is an image, row by row"
    )


class NetworkState(BaseModel):
    """Everything about a network now: its settings, parameters and where training stands."""

    id: str
    name: str
    layers: list[int]
    hidden_activation: str
    output_activation: str
    loss: str
    learning_rate: float
    batch_size: int
    use_bias: bool
    init: str
    seed: int
    step: int = Field(description="updates applied so far")
    revision: int = Field(description="bumps on every change")
    weights: list[Parameter]
    biases: list[Bias]
    last_loss: float | None
    dataset: DatasetInfo
    features: list[str] | None = Field(description="the input units' features, or null")
    optimizer: OptimizerSpec
    optimizer_state: OptimizerState
    regularization: str
    regularization_rate: float
    undo_available: int
    has_last_step: bool = Field(description="GET last-step has a step to show")
    created_at: float
    updated_at: float


class NetworkSummary(BaseModel):
    """One line of the network list."""

    id: str
    name: str
    layers: list[int]
    step: int
    last_loss: float | None
    dataset: str
    created_at: float
    updated_at: float


class LayerTrace(BaseModel):
    """A layer's pre-activations z (`in`) and activations a (`out`), one row per example."""

    z: Matrix
    a: Matrix


class AccuracyResult(BaseModel):
    """How many examples the outputs put in their target's class."""

    correct: int
    total: int
    undecided: int = Field(
        description="outputs on the threshold (within 1e-6 of the range's width; several "
        "outputs: the top within that of the runner-up): neither right nor wrong"
    )
    fraction: float


class ForwardResult(BaseModel):
    """The forward pass: every non-input layer's z and a."""

    inputs: Matrix
    targets: Matrix | None
    layers: list[LayerTrace]
    outputs: Matrix
    loss: float | None
    accuracy: AccuracyResult | None = Field(
        None,
        description="with targets: argmax against argmax for several outputs; for one, the "
        "output at or above the middle of its activation's range against the target above it; "
        "null for one unbounded output (relu, leaky_relu, linear: no class threshold)",
    )
    grad_activations: list[Matrix] | None = Field(
        None, description="dE/da per non-input layer, when targets are given"
    )
    deltas: list[Matrix] | None = Field(
        None, description="dE/dz per non-input layer, when targets are given"
    )


class ParameterGradients(BaseModel):
    """dE/dW and dE/db, shaped like the parameters."""

    weights: list[Parameter]
    biases: list[Bias]


class StepResult(BaseModel):
    """One backprop step: the forward pass, the backward pass and the update."""

    step: int
    loss: float = Field(description="the batch loss before the update")
    inputs: Matrix
    targets: Matrix
    forward: ForwardResult
    grad_activations: list[Matrix] = Field(description="dE/da per non-input layer")
    deltas: list[Matrix] = Field(description="dE/dz per non-input layer")
    gradients: ParameterGradients
    weights_before: list[Parameter] | None = Field(
        description="the parameters the step started from; null with lean=true"
    )
    biases_before: list[Bias] | None = Field(description="null with lean=true")
    learning_rate: float
    penalty: float = Field(description="lambda P(w) before the update; `loss` is the data loss")
    network: NetworkState


class Factor(BaseModel):
    """One factor of the chain rule, per example of the batch."""

    symbol: str
    meaning: str
    kind: FactorKind
    activation: str | None = Field(description="the activation's name for g'(z_j), else null")
    values: list[float]


class Explanation(BaseModel):
    """dE/dw for one weight as a chain-rule product of numbers."""

    layer: int
    to: int
    source: int | None = Field(alias="from")
    kind: Literal["last_step", "preview"]
    step: int
    factors: list[Factor]
    products: list[float]
    gradient: float = Field(description="the sum of the products, plus penalty_gradient")
    penalty_gradient: float = Field(description="lambda P'(w), 0 for a bias or no penalty")
    weight: float
    learning_rate: float
    update: float = Field(
        description="the optimizer's change to the weight (plain SGD: -learning_rate * gradient)"
    )
    optimizer: OptimizerSpec
    optimizer_state: WeightState = Field(description="the optimizer's state before the update")
    optimizer_state_after: WeightState = Field(description="the optimizer's state after it")
    formula: str = Field(description="the chain rule in LaTeX")
    inputs: Matrix = Field(description="the batch's rows, in the order of each factor's values")
    targets: Matrix


class History(BaseModel):
    """The loss before every step (and the test loss when the dataset has a test split)."""

    steps: list[int]
    losses: list[float]
    test_losses: list[float | None]


class GradientCheckResult(BaseModel):
    """Backprop against centered finite differences."""

    max_abs_error: float
    max_relative_error: float
    numeric: ParameterGradients
    backprop: ParameterGradients
    relative: ParameterGradients = Field(
        description="per parameter: |numeric - backprop| / max(|numeric| + |backprop|, 1e-12)"
    )


class GridResult(BaseModel):
    """Activations over a resolution x resolution grid of the 2-D input plane."""

    resolution: int
    x_range: list[float]
    y_range: list[float]
    encoding: Literal["float32-le-base64"]
    inputs: list[str] = Field(description="each input unit (each feature) over the plane")
    output: list[str]
    decision: str | None = Field(
        None,
        description="one output with a class threshold: its z over the plane, whose sign is "
        "the class (the boundary is where it is 0), exact where the output rounds to the "
        "threshold; null otherwise",
    )
    hidden: list[list[str]]


class FrameAccuracy(BaseModel):
    """The accuracy on the training rows and on the test split (null: none)."""

    train: AccuracyResult | None
    test: AccuracyResult | None


class FrameResult(BaseModel):
    """A frame's parts on the state after the steps; each null when not asked for."""

    example: ForwardResult | None
    grid: GridResult | None
    accuracy: FrameAccuracy | None


class TrainResult(BaseModel):
    """Many steps: the loss before each, and where the network ended up."""

    step: int
    losses: list[float] = Field(description="the data loss before each step")
    penalties: list[float] = Field(description="the weights' penalty before each step")
    stopped_early: bool = Field(description="true when a step would have diverged")
    network: NetworkState
    frame: FrameResult | None = Field(
        None,
        description="with `frame` in the request: its parts; null when one is not finite (ask "
        "GET /grid and POST /forward for each, which say why)",
    )


class DatasetRows(BaseModel):
    """A dataset's rows."""

    name: str
    description: str
    inputs: Matrix
    targets: Matrix
    test_inputs: Matrix | None
    test_targets: Matrix | None
