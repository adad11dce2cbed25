"""Warning signs before a network blows up or stalls: dead and saturated units, and each
layer's gradient norm against its weights' (vanishing or exploding)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .network import Gradients, Network, Trace

Array = np.ndarray

SATURATED_AT = 0.99  # a sigmoid unit with a < 0.01 or a > 0.99 (tanh: |a| > 0.99) is saturated
SATURATED_SHARE = 0.9  # flagged when saturated on at least 90% of the rows
EXPLODING_SHARE = 0.5  # alpha |dE/dW| > 0.5 max(|W|, 1): a step moves the layer by half its size
VANISHING_SHARE = 1e-3  # |dE/dW| under a thousandth of the largest layer's
SQUASHING = {"sigmoid": (0.5, 0.5), "tanh": (0.0, 1.0)}  # (middle, half range) of a squasher


@dataclass
class UnitFlag:
    """A unit of non-input layer `layer` (0-based over weight layers) that hardly learns."""

    layer: int
    unit: int
    kind: str  # "dead" (ReLU: z <= 0 on every row) or "saturated"
    share: float  # the share of rows on which it is so


@dataclass
class LayerNorm:
    """One weight layer's gradient and weight norms (weights and biases together)."""

    layer: int
    gradient_norm: float
    weight_norm: float
    step_norm: float  # alpha |dE/dW|: the size of a plain gradient step
    flag: str | None  # "vanishing", "exploding" or None


def unit_flags(net: Network, trace: Trace) -> list[UnitFlag]:
    """Dead ReLUs (z <= 0 on every row) and sigmoid/tanh units saturated on most rows."""
    flags = []
    for layer, (z, a) in enumerate(zip(trace.zs, trace.activations)):
        name = net.activation(layer).name
        if name == "relu":
            share = np.mean(z <= 0, axis=0)
            flags += [UnitFlag(layer, int(u), "dead", 1.0) for u in np.flatnonzero(share == 1)]
        elif name in SQUASHING:
            middle, half = SQUASHING[name]
            share = np.mean(np.abs(a - middle) > SATURATED_AT * half, axis=0)
            flags += [
                UnitFlag(layer, int(u), "saturated", float(share[u]))
                for u in np.flatnonzero(share >= SATURATED_SHARE)
            ]
    return flags


def layer_norms(net: Network, grads: Gradients, alpha: float) -> list[LayerNorm]:
    """Each layer's |dE/dW|, |W| and alpha |dE/dW|, flagged vanishing or exploding."""
    norms = [
        (
            float(np.hypot(np.linalg.norm(g), np.linalg.norm(gb))),
            float(np.hypot(np.linalg.norm(w), np.linalg.norm(b))),
        )
        for g, gb, w, b in zip(grads.weights, grads.biases, net.weights, net.biases)
    ]
    largest = max((g for g, _ in norms), default=0.0)
    result = []
    for layer, (g, w) in enumerate(norms):
        flag = None
        if alpha * g > EXPLODING_SHARE * max(w, 1.0):
            flag = "exploding"
        elif largest > 0 and g < VANISHING_SHARE * largest:
            flag = "vanishing"
        result.append(LayerNorm(layer, g, w, alpha * g, flag))
    return result


def thresholds() -> dict:
    """The rules above as numbers, for the API to show beside its flags."""
    return {
        "saturated_at": SATURATED_AT,
        "saturated_share": SATURATED_SHARE,
        "exploding_share": EXPLODING_SHARE,
        "vanishing_share": VANISHING_SHARE,
    }
