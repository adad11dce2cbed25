"""Response models of the deeper looks: whose gradient, the loss around here, why it blew up."""

from typing import Literal

from pydantic import BaseModel, Field

from app.store import trajectory

GRID_SIDE = (3, 61)  # the landscape's resolution: points along each axis
RADIUS = (1e-6, 100.0)  # the landscape's half-width around each current value


class Parameter(BaseModel):
    """One weight (or a bias: `from` null) and its current value."""

    layer: int
    to: int
    from_: int | None = Field(alias="from", description="null: the bias of unit `to`")
    value: float

    model_config = {"populate_by_name": True}


class Pulls(BaseModel):
    """Every training example's own dE_i/dw; their mean plus the penalty's term is dE/dw."""

    parameter: Parameter
    step: int
    points: list[list[float]] | None = Field(
        description="each training row as a 2-D point (before any features); null when the "
        "inputs are not 2-D points"
    )
    targets: list[list[float]]
    contributions: list[float] = Field(description="dE_i/dw: row i's loss alone, differentiated")
    mean: float = Field(description="the mean of the contributions")
    penalty_gradient: float = Field(description="lambda P'(w): 0 for a bias or no penalty")
    gradient: float = Field(description="dE/dw by backprop on every training row")
    batch_rows: list[int] = Field(description="the rows of the next mini-batch")
    batch_gradient: float = Field(description="dE/dw on the next mini-batch (what Step uses)")


class PathPoint(BaseModel):
    """The two parameters' values after `step` steps (the last: now)."""

    step: int
    x: float
    y: float


class Landscape(BaseModel):
    """E over a grid of two parameters' values, the other parameters as they are now."""

    x: Parameter
    y: Parameter
    xs: list[float]
    ys: list[float]
    losses: list[list[float | None]] = Field(
        description="E at (xs[c], ys[r]) in losses[r][c]: the data loss plus any penalty, on "
        "every training row; null where it overflows"
    )
    loss: float = Field(description="E at the current values")
    gradient: list[float] = Field(description="dE/dx and dE/dy on every training row")
    next_change: list[float] | None = Field(
        description="the change the next Step makes to x and y (its mini-batch and optimizer)"
    )
    path: list[PathPoint] = Field(
        description="the values at the steps the server remembers, oldest first, then now: "
        f"every request's end (thinned to at most {trajectory.ROWS} points, oldest and newest "
        "kept, the stride doubling), with undo's snapshots between"
    )
    path_from_step: int = Field(description="the step the path begins at (0: all of training)")
    path_complete: bool = Field(description="whether the path reaches back to step 0")
    path_source: Literal["trajectory", "undo"] = Field(
        description="trajectory: the network keeps its whole path (at most "
        f"{trajectory.MAX_PARAMETERS} parameters); undo: a larger network, whose path is only "
        "undo's last snapshots"
    )


class UnitFlag(BaseModel):
    """A unit that hardly learns: a dead ReLU or a saturated sigmoid or tanh."""

    layer: int = Field(description="the non-input layer, 0-based over weight layers")
    unit: int
    kind: Literal["dead", "saturated"]
    share: float = Field(description="the share of rows on which it is so")


class LayerNorm(BaseModel):
    """One weight layer's gradient norm against its weights' norm."""

    layer: int
    gradient_norm: float | None
    weight_norm: float | None
    step_norm: float | None = Field(description="alpha |dE/dW|")
    flag: Literal["vanishing", "exploding"] | None


class Health(BaseModel):
    """Warning signs on every training row, before anything blows up."""

    step: int
    rows: int
    units: list[UnitFlag]
    layers: list[LayerNorm]
    thresholds: dict[str, float]


class WorstParameter(BaseModel):
    """A parameter the refused step would blow up."""

    layer: int
    to: int
    from_: int | None = Field(alias="from")
    value: float
    gradient: float | None
    lr_times_gradient: float | None = Field(description="alpha dE/dw")
    change: float | None = Field(description="the optimizer's change (alpha dE/dw for SGD)")
    after: float | None = Field(description="null: not finite")
    non_finite: bool

    model_config = {"populate_by_name": True}


class LowerRate(BaseModel):
    """The largest alpha / 2^k whose step on the same batch is finite and lowers E."""

    factor: float
    learning_rate: float
    loss_before: float | None
    loss_after: float
    undo_steps: int | None = Field(
        None, description="with lower_after_undo: the undos back to the state it starts from"
    )
    from_step: int | None = Field(None, description="that state's step")


class Diagnosis(BaseModel):
    """Why the step diverged and what to try."""

    learning_rate: float
    loss: float | None
    non_finite_parameters: int
    worst: list[WorstParameter]
    units: list[UnitFlag]
    layers: list[LayerNorm]
    loss_finite: bool = Field(description="false: E already overflows at these parameters")
    lower_learning_rate: LowerRate | None = Field(
        description="null: no alpha / 2^k (k <= 1023) helps, or it is over the work budget"
    )
    lower_after_undo: bool = Field(
        description="true: E already overflows, so the rate is for a step from the oldest "
        "state undo reaches (undo `undo_steps` times, then step at that rate)"
    )
    init: str = Field(description="an init to reset with")
    undo_available: int


class Diverged(BaseModel):
    """A refused, divergent step: nothing changed."""

    detail: str
    diagnosis: Diagnosis | None = Field(None, description="null: over the work budget")
