"""A dataset's request forms (a name, rows, CSV text, a generated built-in); what a CSV became."""

from typing import Annotated, Literal

from pydantic import Discriminator, Field, StrictBool, Tag

from .schemas import (
    MIN_POINTS,
    NOISE,
    TRAIN_PERCENT,
    Matrix,
    Name,
    Number,
    Rows,
    Seed,
    Strict,
    whole,
)


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
