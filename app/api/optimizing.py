"""Turning a request's optimizer into the network's: fresh, switched, or imported."""

from pydantic import BaseModel

from app.engine import Network, Optimizer
from app.engine.optimizers import given_state

from .deps import fields_in
from .optimizer_schemas import OptimizerState


def fresh_optimizer(spec: BaseModel | dict | None, net: Network) -> Optimizer:
    """The rule a request names, with zero state for this network; plain SGD without one."""
    given = spec.model_dump() if isinstance(spec, BaseModel) else dict(spec or {"name": "sgd"})
    name = given.pop("name")
    with fields_in("body"):
        return Optimizer.fresh(name, given, net.layout.size)


def switched(net: Network, spec: BaseModel | None) -> bool:
    """Give the network the optimizer `spec` asks for; whether its state was kept.

    The state is kept when the rule and its state vectors stay (as torch keeps a param
    group's state when its settings change); another rule, or SGD's momentum to or from 0,
    starts afresh.
    """
    if spec is None:
        return True
    wanted, current = fresh_optimizer(spec, net), net.optimizer
    kept = wanted.keeps_state_of(current)
    net.optimizer = wanted.with_state(current.step, current.state) if kept else wanted
    return kept


def imported_state(net: Network, state: OptimizerState | None) -> None:
    """Give the network's optimizer an export's state (none given: the fresh one)."""
    if state is None:
        return
    slots = {name: (slot.weights, slot.biases) for name, slot in state.slots.items()}
    with fields_in("body"):
        net.optimizer = given_state(net.optimizer, state.step, slots, net.layers)
