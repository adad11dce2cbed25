"""What a forward pass, a step, a training run and its frame are asked to do."""

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from .schemas import GRID_RESOLUTION, Count, PositiveRate, Rows, Strict


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
