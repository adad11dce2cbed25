"""The optimizer's request and response models, made from the engine's registry."""

import functools
import operator
from typing import Annotated, Literal

from pydantic import AllowInfNan, BaseModel, ConfigDict, Field, StrictBool, create_model

from app.engine import OPTIMIZERS
from app.engine.optimizers import Setting

Matrix = list[list[float]]


class _Strict(BaseModel):
    """Unknown settings are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


def _bounds(setting: Setting) -> dict:
    """The setting's interval as JSON Schema bounds."""
    return {
        ("gt" if setting.low_open else "ge"): setting.low,
        ("lt" if setting.high_open else "le"): setting.high,
    }


def _field(setting: Setting) -> tuple:
    """A pydantic (type, Field) for one setting."""
    if isinstance(setting.default, bool):
        return StrictBool, Field(setting.default, description=setting.meaning)
    number = Annotated[float, AllowInfNan(False), Field(strict=True, **_bounds(setting))]
    if isinstance(setting.default, tuple):
        kind = tuple[(number,) * len(setting.default)]
        return kind, Field(setting.default, description=setting.meaning)
    return number, Field(setting.default, description=setting.meaning)


def _model(name: str) -> type[BaseModel]:
    """The request model of one rule: its name and settings, each with its default."""
    rule = OPTIMIZERS[name]
    fields = {key: _field(setting) for key, setting in rule.settings.items()}
    return create_model(
        f"{name.capitalize()}Optimizer",
        __base__=_Strict,
        __doc__=f"{name}: {rule.formula}",
        name=(Literal[name], ...),
        **fields,
    )


OPTIMIZER_MODELS = tuple(_model(name) for name in OPTIMIZERS)
OptimizerSpec = Annotated[
    functools.reduce(operator.or_, OPTIMIZER_MODELS), Field(discriminator="name")
]
OPTIMIZER_TEXT = "the update rule and its settings (default: plain SGD); see GET /api/config"


class ParameterSlot(_Strict):
    """One state vector of the optimizer, shaped like the parameters."""

    weights: list[Matrix]
    biases: list[list[float]]


class OptimizerState(_Strict):
    """The optimizer's state: its updates so far (Adam's t) and its vectors, torch's names."""

    step: Annotated[int, Field(ge=0, le=2**53, strict=True)]
    slots: dict[str, ParameterSlot] = Field(
        description="momentum_buffer (SGD with momentum), square_avg (RMSprop), "
        "exp_avg and exp_avg_sq (Adam); plain SGD keeps none"
    )


class WeightState(BaseModel):
    """One parameter's optimizer state: the update count and each slot's number."""

    step: int
    slots: dict[str, float]


class SettingInfo(BaseModel):
    """One setting of an update rule, its default and its interval."""

    name: str
    default: float | bool | list[float]
    minimum: float | None
    maximum: float | None
    exclusive_minimum: bool
    exclusive_maximum: bool
    meaning: str


class OptimizerInfo(BaseModel):
    """An update rule, its settings and its formula."""

    name: Literal[tuple(OPTIMIZERS)]
    settings: list[SettingInfo]
    formula: str


def optimizer_catalog() -> list[dict]:
    """Every rule as GET /api/config lists it."""
    return [
        {
            "name": name,
            "settings": [
                {
                    "name": key,
                    "default": list(s.default) if isinstance(s.default, tuple) else s.default,
                    "minimum": s.low,
                    "maximum": s.high,
                    "exclusive_minimum": s.low_open,
                    "exclusive_maximum": s.high_open,
                    "meaning": s.meaning,
                }
                for key, s in rule.settings.items()
            ],
            "formula": rule.formula,
        }
        for name, rule in OPTIMIZERS.items()
    ]
