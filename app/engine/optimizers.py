"""The update rules, exactly torch.optim's: SGD (momentum, Nesterov), RMSprop and Adam.

Each works on the flat parameter vector of parameters.py (every weight, then every bias)
and keeps its state as vectors of the same layout, one a slot, named as torch names them.
g is dE/dw, alpha the learning rate, t the number of updates so far including this one.
"""

from dataclasses import dataclass, field

import numpy as np

from .errors import EngineError
from .parameters import layout_for
from .validation import as_parameters

Array = np.ndarray


@dataclass(frozen=True)
class Setting:
    """One setting of a rule: its default and, for numbers, the interval it must lie in."""

    default: float | bool | tuple[float, ...]
    low: float | None = None
    high: float | None = None
    low_open: bool = False  # low itself excluded
    high_open: bool = True  # high itself excluded
    meaning: str = ""


@dataclass(frozen=True)
class Rule:
    """An update rule: its settings and its formula, written once."""

    settings: dict[str, Setting]
    formula: str


UNIT = {"low": 0.0, "high": 1.0}  # [0, 1)
EPS = Setting(1e-8, 0.0, 1.0, low_open=True, high_open=False, meaning="added to the root")
OPTIMIZERS: dict[str, Rule] = {
    "sgd": Rule(
        {
            "momentum": Setting(0.0, **UNIT, meaning="mu: how much velocity is kept a step"),
            "nesterov": Setting(False, meaning="look ahead along the velocity (needs mu > 0)"),
        },
        "b <- mu b + g; w <- w - alpha (g + mu b if nesterov else b); mu = 0: w <- w - alpha g",
    ),
    "rmsprop": Rule(
        {"alpha": Setting(0.99, **UNIT, meaning="how much of the mean square is kept"), "eps": EPS},
        "v <- alpha v + (1 - alpha) g^2; w <- w - lr g / (sqrt(v) + eps)",
    ),
    "adam": Rule(
        {
            "betas": Setting((0.9, 0.999), **UNIT, meaning="(beta1, beta2): moments kept"),
            "eps": EPS,
        },
        "m <- beta1 m + (1 - beta1) g; v <- beta2 v + (1 - beta2) g^2; "
        "w <- w - alpha / (1 - beta1^t) m / (sqrt(v) / sqrt(1 - beta2^t) + eps)",
    ),
}
OPTIMIZER_NAMES = tuple(OPTIMIZERS)
PLAIN, MOMENTUM, NESTEROV, RMSPROP, ADAM = range(5)  # the compiled loop's codes (fast.py)


def _check_number(value: object, setting: Setting, at: str) -> float:
    """A number within the setting's interval, or an EngineError naming `at`."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise EngineError(at, "must be a number")
    low = "(" if setting.low_open else "["
    high = ")" if setting.high_open else "]"
    inside = (
        np.isfinite(value)
        and (value > setting.low if setting.low_open else value >= setting.low)
        and (value < setting.high if setting.high_open else value <= setting.high)
    )
    if not inside:
        raise EngineError(at, f"must be in {low}{setting.low}, {setting.high}{high}")
    return float(value)


def check_settings(name: object, given: dict) -> dict:
    """Every setting of rule `name`: the given ones checked, the rest their defaults."""
    if name not in OPTIMIZERS:
        raise EngineError("optimizer.name", f"unknown {name!r}; one of {OPTIMIZER_NAMES}")
    rule = OPTIMIZERS[name]
    for key in given:
        if key not in rule.settings:
            raise EngineError(f"optimizer.{key}", f"{name} has no setting {key!r}")
    out = {}
    for key, setting in rule.settings.items():
        value = given.get(key, setting.default)
        if isinstance(setting.default, bool):
            if not isinstance(value, bool):
                raise EngineError(f"optimizer.{key}", "must be true or false")
            out[key] = value
        elif isinstance(setting.default, tuple):
            if not isinstance(value, list | tuple) or len(value) != len(setting.default):
                raise EngineError(f"optimizer.{key}", f"must be {len(setting.default)} numbers")
            out[key] = tuple(
                _check_number(v, setting, f"optimizer.{key}.{i}") for i, v in enumerate(value)
            )
        else:
            out[key] = _check_number(value, setting, f"optimizer.{key}")
    if name == "sgd" and out["nesterov"] and out["momentum"] == 0:
        raise EngineError("optimizer.nesterov", "needs a momentum above 0 (as torch.optim.SGD)")
    return out


def slots_of(name: str, settings: dict) -> tuple[str, ...]:
    """The state vectors a rule keeps with these settings (plain SGD keeps none)."""
    if name == "sgd":
        return ("momentum_buffer",) if settings["momentum"] else ()
    return ("square_avg",) if name == "rmsprop" else ("exp_avg", "exp_avg_sq")


@dataclass
class Optimizer:
    """An update rule with its settings and state: `step` updates so far, state (slots, P)."""

    name: str = "sgd"
    settings: dict = field(default_factory=lambda: check_settings("sgd", {}))
    step: int = 0
    state: Array = field(default_factory=lambda: np.zeros((0, 0)))

    @classmethod
    def fresh(cls, name: str, given: dict, size: int) -> "Optimizer":
        """A checked rule with zero state for `size` parameters."""
        settings = check_settings(name, given)
        return cls(name, settings, 0, np.zeros((len(slots_of(name, settings)), size)))

    @property
    def slots(self) -> tuple[str, ...]:
        """The names of the state's rows."""
        return slots_of(self.name, self.settings)

    @property
    def config(self) -> dict:
        """The rule's name and settings, as the API writes them."""
        return {"name": self.name, **{k: _plain(v) for k, v in self.settings.items()}}

    def keeps_state_of(self, other: "Optimizer") -> bool:
        """Whether switching from `other` to this keeps other's state: same rule and slots."""
        return self.name == other.name and self.slots == other.slots

    def with_state(self, step: int, state: Array) -> "Optimizer":
        """These settings with another (checked) state."""
        return Optimizer(self.name, dict(self.settings), step, state)

    def changes(self, grads: Array, alpha: float) -> tuple[Array, "Optimizer"]:
        """One update's change to every parameter (w <- w + change) and the new optimizer.

        w + (-(alpha d)) is w - alpha d to the bit, so the change is the update itself.
        """
        g, s, t = grads, self.settings, self.step + 1
        if self.name == "sgd":
            if not self.slots:
                return -(alpha * g), self.with_state(t, self.state)
            mu = s["momentum"]
            buf = mu * self.state[0] + g  # torch: b = g on the first step; mu 0 + g is g
            direction = g + mu * buf if s["nesterov"] else buf
            return -(alpha * direction), self.with_state(t, buf[None, :])
        if self.name == "rmsprop":
            a = s["alpha"]
            square = a * self.state[0] + (1 - a) * g * g
            change = -(alpha * (g / (np.sqrt(square) + s["eps"])))
            return change, self.with_state(t, square[None, :])
        (b1, b2), m, v = s["betas"], self.state[0], self.state[1]
        m = m + (1 - b1) * (g - m)  # torch's lerp(m, g, 1 - beta1)
        v = b2 * v + (1 - b2) * g * g
        step_size = alpha / (1 - b1**t)
        denom = np.sqrt(v) / np.sqrt(1 - b2**t) + s["eps"]
        return -(step_size * (m / denom)), self.with_state(t, np.stack([m, v]))


NONNEGATIVE_SLOTS = ("square_avg", "exp_avg_sq")  # means of squares, whose root is taken


def given_state(opt: Optimizer, step: object, slots: dict, layers: list[int]) -> Optimizer:
    """opt with a state given as {slot: (weights, biases)} (an import), checked by field."""
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise EngineError("optimizer_state.step", "must be a whole number >= 0")
    if set(slots) != set(opt.slots):
        raise EngineError("optimizer_state.slots", f"{opt.name} keeps {list(opt.slots) or 'none'}")
    layout = layout_for(tuple(layers))
    shapes = [(n_out, n_in) for n_in, n_out in zip(layers, layers[1:])]
    rows = []
    for slot in opt.slots:
        at = f"optimizer_state.slots.{slot}"
        weights, biases = slots[slot]
        w = as_parameters(weights, shapes, f"{at}.weights")
        b = as_parameters(biases, [(n,) for n in layers[1:]], f"{at}.biases")
        rows.append(layout.pack(w, b))
        if slot in NONNEGATIVE_SLOTS and np.any(rows[-1] < 0):
            raise EngineError(at, "a mean of squares cannot be negative")
    state = np.stack(rows) if rows else np.zeros((0, layout.size))
    return opt.with_state(step, state)


def _plain(value: object) -> object:
    """A setting as JSON-ready data (tuples as lists)."""
    return list(value) if isinstance(value, tuple) else value


def optimizer_codes(opt: Optimizer) -> tuple[int, tuple[float, float, float]]:
    """The compiled loop's code for a rule and its settings as three floats (fast.py)."""
    s = opt.settings
    if opt.name == "sgd":
        code = PLAIN if not opt.slots else (NESTEROV if s["nesterov"] else MOMENTUM)
        return code, (float(s["momentum"]), 0.0, 0.0)
    if opt.name == "rmsprop":
        return RMSPROP, (float(s["alpha"]), float(s["eps"]), 0.0)
    b1, b2 = s["betas"]
    return ADAM, (float(b1), float(b2), float(s["eps"]))
