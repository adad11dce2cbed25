"""Response models of the catalog: presets, lessons, activation plots and the server's config."""

from pydantic import BaseModel, Field

from .optimizer_schemas import OptimizerInfo
from .schemas import PenaltyName


class Preset(BaseModel):
    """A named ready-made setup."""

    name: str
    title: str
    description: str
    config: dict


class LessonStep(BaseModel):
    """One step of a lesson: its text in each language and what the user should do."""

    text: dict[str, str]
    action: str | None = None


class Lesson(BaseModel):
    """A lesson: presets to load and a guided text."""

    id: str
    title: dict[str, str]
    presets: list[str]
    switch: dict[str, str] | None = None
    forks: list[dict] | None = Field(
        None,
        description="the stage forks the network of presets[0] once per entry, each a POST fork "
        "body (its learning rate, optimizer...), so all start from the same weights and batches",
    )
    steps: list[LessonStep]


class ActivationCurve(BaseModel):
    """An activation g and its derivative g' sampled by the engine."""

    name: str
    z: list[float]
    g: list[float]
    dg: list[float]


class SoftmaxResult(BaseModel):
    """softmax of a vector, and the cross-entropy against a one-hot target."""

    z: list[float]
    p: list[float]
    target: int | None
    error: float | None = Field(description="E = -ln p[target]")


class ActivationInfo(BaseModel):
    """An activation, its output range, and where it may be used."""

    name: str
    range: list[float | None] = Field(description="[low, high]; null is unbounded")
    hidden: bool
    output: bool


class LossInfo(BaseModel):
    """A loss and the output activations it may be paired with."""

    name: str
    output_activations: list[str]


class PenaltyInfo(BaseModel):
    """A weight penalty (regularisation) and its formula."""

    name: PenaltyName
    formula: str


class Limits(BaseModel):
    """The server's limits (Settings); [low, high] pairs are inclusive."""

    max_hidden_layers: int
    max_units: int = Field(description="per hidden or output layer")
    max_inputs: int
    max_train_steps: int = Field(description="steps in one train request")
    max_rows: int
    max_work: int = Field(description="steps x rows x parameters in one request")
    undo_depth: int
    grid_resolution: list[int]
    learning_rate: list[float] = Field(description="[low, high]; the low end is excluded")
    regularization_rate: list[float] = Field(description="[low, high]")
    batch_size: list[int]
    noise: list[float] = Field(description="a generated built-in's noise, [low, high]")
    train_percent: list[int] = Field(description="a generated built-in's train share in %")
    points: list[int] = Field(description="a generated built-in's number of points")
    landscape_radius: list[float] = Field(description="GET landscape's radius; low excluded")
    landscape_resolution: list[int] = Field(description="GET landscape's points per axis")


class AppConfig(BaseModel):
    """What the server offers and allows, from the engine's registries and the settings."""

    activations: list[ActivationInfo]
    losses: list[LossInfo]
    initializers: list[str]
    optimizers: list[OptimizerInfo]
    penalties: list[PenaltyInfo]
    features: list[str] = Field(description="the input features computed from 2-D points")
    limits: Limits
