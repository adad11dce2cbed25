"""A fully connected feed-forward network: forward trace, backprop, one update."""

from dataclasses import dataclass, field

import numpy as np

from .accuracy import Accuracy, accuracy
from .activations import ACTIVATIONS
from .blowup import diagnosis
from .chain_rule import ChainRule, chain_rule
from .config import check_config, check_learning_rate, weight_shapes
from .errors import DivergenceError, EngineError
from .initializers import INITIALIZERS, initial_weights
from .losses import LOSSES
from .optimizers import Optimizer
from .parameters import layout_for
from .penalties import check_penalty, penalty_gradients, penalty_of
from .validation import as_matrix, as_parameters

Array = np.ndarray


@dataclass
class Trace:
    """Every layer's pre-activation z (`in`) and activation a (`out`) for a batch."""

    inputs: Array  # (B, n_0)
    zs: list[Array]  # zs[l]: (B, n_{l+1}), one per non-input layer
    activations: list[Array]  # activations[l]: (B, n_{l+1})
    loss: float | None = None  # the data loss
    accuracy: Accuracy | None = None  # with targets, when the output has classes
    penalty: float | None = None  # with targets: lambda P(w), the weights' penalty

    @property
    def objective(self) -> float:
        """What training minimises: the data loss plus the penalty."""
        return self.loss + (self.penalty or 0.0)

    @property
    def outputs(self) -> Array:
        """The output layer's activations, (B, n_L)."""
        return self.activations[-1]

    def layer_input(self, layer: int) -> Array:
        """The activations feeding weights[layer]: the inputs for layer 0, (B, n_layer)."""
        return self.inputs if layer == 0 else self.activations[layer - 1]


@dataclass
class Gradients:
    """dE/da, the deltas dE/dz, and dE/dW, dE/db shaped like the parameters."""

    grad_activations: list[Array]  # dE/da per non-input layer, (B, n_{l+1})
    deltas: list[Array]  # dE/dz per non-input layer, (B, n_{l+1})
    weights: list[Array]  # dE/dW[l], (n_{l+1}, n_l)
    biases: list[Array]  # dE/db[l], (n_{l+1},)
    penalty: list[Array] | None = None  # lambda P'(w[l]), already in `weights`; None: none


@dataclass
class StepResult:
    """One update w <- w - alpha * dE/dw, with everything it used."""

    loss: float
    trace: Trace
    targets: Array  # (B, n_L)
    gradients: Gradients
    weights_before: list[Array]
    biases_before: list[Array]
    learning_rate: float


@dataclass
class Network:
    """A feed-forward network; weights[l][j][i] joins unit i of layer l to unit j of l+1."""

    layers: list[int]
    hidden_activation: str = "sigmoid"
    output_activation: str = "sigmoid"
    loss: str = "mse"
    use_bias: bool = True
    weights: list[Array] = field(default_factory=list)
    biases: list[Array] = field(default_factory=list)
    optimizer: Optimizer | None = None  # None: plain SGD, w <- w - alpha dE/dw
    regularization: str = "none"  # penalties.py: none, l1 or l2 over the weights
    regularization_rate: float = 0.0  # lambda >= 0

    def __post_init__(self):
        if self.optimizer is None:
            self.optimizer = Optimizer.fresh("sgd", {}, self.layout.size)

    @property
    def layout(self):
        """The flat layout of the parameters (parameters.py) the optimizer's state shares."""
        return layout_for(tuple(self.layers))

    @classmethod
    def create(
        cls,
        layers: list[int],
        hidden_activation: str = "sigmoid",
        output_activation: str = "sigmoid",
        loss: str = "mse",
        use_bias: bool = True,
        init: str = "xavier",
        seed: int | None = None,
        weights: object = None,
        biases: object = None,
        optimizer: Optimizer | None = None,
        regularization: str = "none",
        regularization_rate: float = 0.0,
    ) -> "Network":
        """A validated network, from given parameters or initialised from `init` and `seed`."""
        check_config(layers, hidden_activation, output_activation, loss)
        penalty = check_penalty(regularization, regularization_rate)
        if init not in INITIALIZERS:
            raise EngineError("init", f"unknown init {init!r}; one of {sorted(INITIALIZERS)}")
        shapes = weight_shapes(layers)
        if weights is None:
            w = initial_weights(layers, init, seed)
        else:
            w = as_parameters(weights, shapes, "weights")
        bias_shapes = [(n,) for n in layers[1:]]
        if biases is None or not use_bias:
            b = [np.zeros(s) for s in bias_shapes]
            if biases is not None and not use_bias:
                raise EngineError("biases", "given while use_bias is false")
        else:
            b = as_parameters(biases, bias_shapes, "biases")
        net = cls(list(layers), hidden_activation, output_activation, loss, use_bias, w, b)
        net.optimizer = optimizer or net.optimizer
        net.regularization, net.regularization_rate = penalty
        return net

    def activation(self, layer: int):
        """The activation of non-input layer `layer` (0-based over weight layers)."""
        last = layer == len(self.weights) - 1
        return ACTIVATIONS[self.output_activation if last else self.hidden_activation]

    def with_parameters(self, weights: list[Array], biases: list[Array]) -> "Network":
        """The same architecture and optimizer with other (already checked) parameters."""
        return Network(
            self.layers,
            self.hidden_activation,
            self.output_activation,
            self.loss,
            self.use_bias,
            weights,
            biases,
            self.optimizer,
            self.regularization,
            self.regularization_rate,
        )

    def forward(self, inputs: object, targets: object = None) -> Trace:
        """The forward pass: z = a_prev W^T + b, a = g(z), layer by layer."""
        x = as_matrix(inputs, self.layers[0], "inputs")
        zs, activations = [], []
        a = x
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ np.ascontiguousarray(w.T) + b  # (B, n_{l+1}); contiguous: BLAS, 9x faster
            a = self.activation(layer).forward(z)
            zs.append(z)
            activations.append(a)
        trace = Trace(x, zs, activations)
        if targets is not None:
            t = self.check_targets(targets, x.shape[0])
            trace.loss = LOSSES[self.loss].value(zs[-1], a, t, self.output_activation)
            trace.accuracy = accuracy(a, t, self.output_activation)
            trace.penalty = penalty_of(self.regularization, self.regularization_rate, self.weights)
        return trace

    def check_targets(self, targets: object, rows: int) -> Array:
        """Targets as a (B, n_L) float matrix matching `rows` inputs."""
        t = as_matrix(targets, self.layers[-1], "targets")
        if t.shape[0] != rows:
            raise EngineError("targets", f"{t.shape[0]} rows for {rows} input rows")
        if self.loss in ("cross_entropy", "binary_cross_entropy") and (
            np.any(t < 0) or np.any(t > 1)
        ):
            raise EngineError("targets", f"{self.loss} needs targets in [0, 1]")
        return t

    def check_learnable(self, *targets: Array | None) -> None:
        """Refuse a setup that cannot learn from these (checked) targets, naming the reason."""
        if self.output_activation == "softmax" and self.layers[-1] == 1:
            raise EngineError(
                "output_activation",
                "softmax on a single output unit is always 1, so E is 0 from the start and "
                "nothing can learn; use sigmoid with binary_cross_entropy",
                fix={"output_activation": "sigmoid", "loss": "binary_cross_entropy"},
                code="softmax_single_output",
            )
        below_one = any(np.any(t < 1) for t in targets if t is not None)
        if self.loss == "cross_entropy" and self.output_activation == "sigmoid" and below_one:
            raise EngineError(
                "loss",
                "cross_entropy -d ln y on a sigmoid output can learn only targets of 1: "
                "a target of 0 adds nothing to E or its gradient, and any d > 0 pushes y "
                "towards 1; use binary_cross_entropy",
                fix={"loss": "binary_cross_entropy"},
                code="cross_entropy_zero_target",
            )

    def backward(self, trace: Trace, targets: object) -> Gradients:
        """The backward pass: deltas from the output back to the input, then dE/dW, dE/db."""
        t = self.check_targets(targets, trace.inputs.shape[0])
        n = len(self.weights)
        grad_a: list[Array] = [np.empty(0)] * n
        deltas: list[Array] = [np.empty(0)] * n
        loss = LOSSES[self.loss]
        out_z, out_a = trace.zs[-1], trace.activations[-1]
        grad_a[-1] = loss.grad_output(out_a, t)  # dE/da at the output, (B, n_L)
        deltas[-1] = loss.delta(out_z, out_a, t, self.activation(n - 1))  # dE/dz, (B, n_L)
        for layer in range(n - 2, -1, -1):
            # backprop through the weights: dE/da_j = sum_k w_kj delta_k     (B, n_{l+1})
            grad_a[layer] = deltas[layer + 1] @ self.weights[layer + 1]
            # backprop through the activation: delta_j = dE/da_j * g'(z_j)
            z, a = trace.zs[layer], trace.activations[layer]
            deltas[layer] = self.activation(layer).backward(z, a, grad_a[layer])
        # dE/dW[l] = delta^T a_prev   (n_{l+1}, n_l);   dE/db[l] = sum_b delta   (n_{l+1},)
        grad_w = [deltas[l].T @ trace.layer_input(l) for l in range(n)]
        grad_b = [
            deltas[l].sum(axis=0) if self.use_bias else np.zeros_like(self.biases[l])
            for l in range(n)
        ]
        if self.regularization == "none" or not self.regularization_rate:
            return Gradients(grad_a, deltas, grad_w, grad_b)
        # the penalty's term: dE/dW[l] gains lambda P'(W[l])
        penalty = penalty_gradients(self.regularization, self.regularization_rate, self.weights)
        grad_w = [g + p for g, p in zip(grad_w, penalty)]
        return Gradients(grad_a, deltas, grad_w, grad_b, penalty)

    def step(self, inputs: object, targets: object, learning_rate: float) -> StepResult:
        """One update by the optimizer (plain SGD: w <- w - alpha dE/dw); refused, with
        nothing changed, if it diverges."""
        alpha = check_learning_rate(learning_rate)
        layout = self.layout
        # overflow is caught by the finiteness check below, not reported as a RuntimeWarning
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            trace = self.forward(inputs, targets)
            t = self.check_targets(targets, trace.inputs.shape[0])
            grads = self.backward(trace, t)
            gradient = layout.pack(grads.weights, grads.biases)
            changes, optimizer = self.optimizer.changes(gradient, alpha)
            params = layout.pack(self.weights, self.biases) + changes
        finite = np.all(np.isfinite(params)) and np.all(np.isfinite(optimizer.state))
        if not np.isfinite(trace.objective) or not finite:
            raise DivergenceError(
                "the step would make the loss, a parameter or the optimizer's state "
                "non-finite (diverged); lower the learning rate or undo",
                lambda: diagnosis(self, trace, t, grads, changes, alpha),
            )
        result = StepResult(trace.loss, trace, t, grads, self.weights, self.biases, alpha)
        self.weights, self.biases = layout.unpack(params)
        self.optimizer = optimizer
        return result

    def chain_rule(
        self, trace: Trace, grads: Gradients, layer: int, to: int, source: int | None
    ) -> ChainRule:
        """dE/dw for weights[layer][to][source] (or the bias when source is None) as factors."""
        return chain_rule(self, trace, grads, layer, to, source)

    def check_index(self, layer: int, to: int, source: int | None) -> None:
        """Refuse a (layer, to, from) that names no weight or bias."""
        if not 0 <= layer < len(self.weights):
            raise EngineError("layer", f"must be in 0..{len(self.weights) - 1}")
        if not 0 <= to < self.layers[layer + 1]:
            raise EngineError("to", f"must be in 0..{self.layers[layer + 1] - 1}")
        if source is not None and not 0 <= source < self.layers[layer]:
            raise EngineError("from", f"must be in 0..{self.layers[layer] - 1}")
        if source is None and not self.use_bias:
            raise EngineError("from", "this network has no biases; give a source unit")

    def set_parameter(self, layer: int, to: int, source: int | None, value: float) -> None:
        """Set one weight (or a bias when source is None) to a finite value."""
        self.check_index(layer, to, source)
        if isinstance(value, bool) or not np.isfinite(value):
            raise EngineError("value", "must be a finite number")
        if source is None:
            self.biases[layer] = self.biases[layer].copy()
            self.biases[layer][to] = value
        else:
            self.weights[layer] = self.weights[layer].copy()
            self.weights[layer][to, source] = value

    def parameter_count(self) -> int:
        """How many weights and biases the network has."""
        n = sum(w.size for w in self.weights)
        return n + (sum(b.size for b in self.biases) if self.use_bias else 0)
