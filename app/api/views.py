"""Engine and store objects as plain JSON-ready data, in the API's layout."""

import numpy as np

from app.engine import Accuracy, ChainRule, Dataset, Gradients, Network, StepResult, Trace
from app.engine.penalties import penalty_gradients
from app.store import NetworkRecord

from .packing import Packing

Array = np.ndarray


def lists(arrays: list[Array]) -> list:
    """A list of arrays as nested lists."""
    return [a.tolist() for a in arrays]


def parameters(arrays: list[Array], pack: Packing | None) -> list:
    """Weights or biases as nested lists, or packed (arrays=base64 or binary)."""
    return [pack.array(a) for a in arrays] if pack else lists(arrays)


def dataset_info(dataset: Dataset) -> dict:
    """A dataset's name and sizes."""
    test = 0 if dataset.test_inputs is None else int(dataset.test_inputs.shape[0])
    return {
        "name": dataset.name,
        "description": dataset.description,
        "size": dataset.size,
        "test_size": test,
        "input_dim": int(dataset.inputs.shape[1]),
        "output_dim": int(dataset.targets.shape[1]),
        "csv": dataset.meta or None,
        "generation": dataset.generation,
        "image": None if dataset.image is None else list(dataset.image),
    }


def network_state(record: NetworkRecord, pack: Packing | None = None) -> dict:
    """The NetworkState of a stored network; pack: weights and biases as PackedArrays."""
    s, net = record.session, record.session.network
    return {
        "id": record.id,
        "name": record.name,
        "layers": net.layers,
        "hidden_activation": net.hidden_activation,
        "output_activation": net.output_activation,
        "loss": net.loss,
        "learning_rate": s.learning_rate,
        "batch_size": s.batch_size,
        "use_bias": net.use_bias,
        "init": record.init,
        "seed": s.seed,
        "step": s.step,
        "revision": record.revision,
        "weights": parameters(net.weights, pack),
        "biases": parameters(net.biases, pack),
        "last_loss": record.last_loss,
        "dataset": dataset_info(s.dataset),
        "features": list(s.dataset.features) or None,
        "optimizer": net.optimizer.config,
        "optimizer_state": optimizer_state(net),
        "regularization": net.regularization,
        "regularization_rate": net.regularization_rate,
        "undo_available": record.undo_available,
        "has_last_step": record.last_batch is not None and record.undo_available > 0,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def optimizer_state(net: Network) -> dict:
    """The optimizer's update count and state vectors, each shaped like the parameters."""
    opt, slots = net.optimizer, {}
    for name, row in zip(opt.slots, opt.state, strict=True):
        weights, biases = net.layout.views(row)
        slots[name] = {"weights": lists(weights), "biases": lists(biases)}
    return {"step": opt.step, "slots": slots}


def forward_result(trace: Trace, targets: Array | None, grads: Gradients | None = None) -> dict:
    """The ForwardResult of a trace, with dE/da and the deltas when targets were given."""
    return {
        "inputs": trace.inputs.tolist(),
        "targets": None if targets is None else np.asarray(targets).tolist(),
        "layers": [{"z": z.tolist(), "a": a.tolist()} for z, a in zip(trace.zs, trace.activations)],
        "outputs": trace.outputs.tolist(),
        "loss": trace.loss,
        "accuracy": accuracy(trace.accuracy),
        "grad_activations": None if grads is None else lists(grads.grad_activations),
        "deltas": None if grads is None else lists(grads.deltas),
    }


def accuracy(acc: Accuracy | None) -> dict | None:
    """An AccuracyResult, or None."""
    if acc is None:
        return None
    return {
        "correct": acc.correct,
        "total": acc.total,
        "undecided": acc.undecided,
        "fraction": acc.fraction,
    }


def step_result(
    result: StepResult, record: NetworkRecord, lean: bool = False, pack: Packing | None = None
) -> dict:
    """The StepResult of one applied step; lean leaves out the parameters it started from."""
    g = result.gradients
    return {
        "step": record.session.step,
        "loss": result.loss,
        "inputs": result.trace.inputs.tolist(),
        "targets": result.targets.tolist(),
        "forward": forward_result(result.trace, result.targets),
        "grad_activations": lists(g.grad_activations),
        "deltas": lists(g.deltas),
        "gradients": {"weights": parameters(g.weights, pack), "biases": parameters(g.biases, pack)},
        "weights_before": None if lean else parameters(result.weights_before, pack),
        "biases_before": None if lean else parameters(result.biases_before, pack),
        "learning_rate": result.learning_rate,
        "penalty": result.trace.penalty or 0.0,
        "network": network_state(record, pack),
    }


def penalty_gradient(net: Network, weight: float) -> float:
    """lambda P'(w) for one weight: its penalty's term in dE/dw."""
    rate, name = net.regularization_rate, net.regularization
    return float(penalty_gradients(name, rate, [np.array(weight)])[0])


def formula(net: Network, rule: ChainRule) -> str:
    """The chain rule for this weight in LaTeX."""
    last = rule.layer == len(net.weights) - 1
    target = "b_j" if rule.source is None else "w_{ji}"
    tail = "1" if rule.source is None else "a_i"
    lhs = rf"\frac{{\partial E}}{{\partial {target}}}"
    if last and net.output_activation == "softmax":
        return rf"{lhs} = \frac{{\partial E}}{{\partial z_j}} \cdot {tail}"
    if last:
        return (
            rf"{lhs} = \frac{{\partial E}}{{\partial a_j}} \cdot "
            rf"\frac{{\partial a_j}}{{\partial z_j}} \cdot {tail}"
        )
    return rf"{lhs} = \Big(\sum_k w_{{kj}}\,\delta_k\Big) \cdot g'(z_j) \cdot {tail}"


def explanation(
    rule: ChainRule,
    net: Network,
    kind: str,
    step: int,
    alpha: float,
    update: tuple[float, dict[str, float], dict[str, float]],
) -> dict:
    """The Explanation of one weight's gradient, and the optimizer's update of it."""
    params = net.biases if rule.source is None else net.weights
    weight = params[rule.layer][rule.to]
    if rule.source is not None:
        weight = weight[rule.source]
    return {
        "layer": rule.layer,
        "to": rule.to,
        "from": rule.source,
        "kind": kind,
        "step": step,
        "factors": [
            {
                "symbol": f.symbol,
                "meaning": f.meaning,
                "kind": f.kind,
                "activation": f.activation,
                "values": f.values.tolist(),
            }
            for f in rule.factors
        ],
        "products": rule.products.tolist(),
        "gradient": rule.gradient,
        "penalty_gradient": 0.0 if rule.source is None else penalty_gradient(net, float(weight)),
        "weight": float(weight),
        "learning_rate": alpha,
        "update": update[0],
        "optimizer": net.optimizer.config,
        "optimizer_state": {"step": net.optimizer.step, "slots": update[1]},
        "optimizer_state_after": {"step": net.optimizer.step + 1, "slots": update[2]},
        "formula": formula(net, rule),
    }
