"""The numpy backprop engine: network, activations, losses, datasets. No HTTP, no JSON."""

from .accuracy import Accuracy, accuracy
from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .chain_rule import FACTOR_KINDS, ChainRule, Factor
from .csv_data import csv_dataset
from .datasets import DATASETS, Dataset, batch_indices, builtin_dataset, generated, inline_dataset
from .errors import DivergenceError, EngineError
from .features import FEATURES, feature_matrix, points_of, with_features
from .gradcheck import GradientCheck, gradient_check
from .initializers import INITIALIZERS
from .losses import LOSSES
from .network import Gradients, Network, StepResult, Trace
from .optimizers import OPTIMIZER_NAMES, OPTIMIZERS, Optimizer
from .penalties import PENALTIES, PENALTY_NAMES
from .session import Session
from .steps import Snapshot, Steps

__all__ = [
    "ACTIVATIONS",
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "DATASETS",
    "FACTOR_KINDS",
    "FEATURES",
    "INITIALIZERS",
    "LOSSES",
    "OPTIMIZERS",
    "OPTIMIZER_NAMES",
    "PENALTIES",
    "PENALTY_NAMES",
    "Optimizer",
    "Accuracy",
    "ChainRule",
    "Dataset",
    "DivergenceError",
    "EngineError",
    "Factor",
    "GradientCheck",
    "Gradients",
    "Network",
    "Session",
    "Snapshot",
    "Steps",
    "StepResult",
    "Trace",
    "accuracy",
    "batch_indices",
    "builtin_dataset",
    "csv_dataset",
    "feature_matrix",
    "generated",
    "points_of",
    "with_features",
    "gradient_check",
    "inline_dataset",
]
