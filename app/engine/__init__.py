"""The numpy backprop engine: network, activations, losses, datasets. No HTTP, no JSON."""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .datasets import DATASETS, Dataset, batch_indices, builtin_dataset, inline_dataset
from .errors import DivergenceError, EngineError
from .gradcheck import GradientCheck, gradient_check
from .initializers import INITIALIZERS
from .losses import LOSSES
from .network import ChainRule, Gradients, Network, StepResult, Trace
from .session import Session, Snapshot, StepRecord

__all__ = [
    "ACTIVATIONS",
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "DATASETS",
    "INITIALIZERS",
    "LOSSES",
    "ChainRule",
    "Dataset",
    "DivergenceError",
    "EngineError",
    "GradientCheck",
    "Gradients",
    "Network",
    "Session",
    "Snapshot",
    "StepRecord",
    "StepResult",
    "Trace",
    "batch_indices",
    "builtin_dataset",
    "gradient_check",
    "inline_dataset",
]
