"""The article's worked example (seed notes, section 5) and the chain-rule breakdown."""

import math

import numpy as np
import pytest

from app.engine import Network

from .cases import COMBINATIONS, make_case


def article_network(w1: float, w2: float, loss: str = "cross_entropy") -> Network:
    """x -> h -> y, no bias, sigmoid on h and y: the article's three-unit chain."""
    return Network.create(
        [1, 1, 1], "sigmoid", "sigmoid", loss, use_bias=False, weights=[[[w1]], [[w2]]]
    )


def by_hand(w1: float, w2: float, x: float = 10.0, d: float = 1.0) -> dict[str, float]:
    """The article's formulas, one scalar at a time."""
    g = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731
    h = g(w1 * x)
    y = g(w2 * h)
    de_dw2 = (-d / y) * y * (1 - y) * h
    de_dw1 = (-d / y) * y * (1 - y) * w2 * h * (1 - h) * x
    return {"h": h, "y": y, "dw1": de_dw1, "dw2": de_dw2}


# w1, w2 | y before | dE/dw1 | dE/dw2 | w1, w2 after | y after   (alpha = 0.5, x = 10, d = 1)
TABLE = [
    ((0.1, 0.1), 0.5183, -0.0947, -0.3522, (0.1474, 0.2761), 0.5559),
    ((-0.2, 5.0), 0.6447, -1.8650, -0.0423, (0.7325, 5.0212), 0.9934),
]


def test_article_step_to_six_places():
    net = article_network(-0.2, 5.0)
    assert net.forward([[10.0]]).outputs[0, 0] == pytest.approx(0.644744, abs=5e-7)
    result = net.step([[10.0]], [[1.0]], 0.5)
    assert result.gradients.weights[0][0, 0] == pytest.approx(-1.864980, abs=5e-7)
    assert result.gradients.weights[1][0, 0] == pytest.approx(-0.042348, abs=5e-7)
    assert result.trace.outputs[0, 0] == pytest.approx(0.644744, abs=5e-7)
    assert net.forward([[10.0]]).outputs[0, 0] == pytest.approx(0.993425, abs=5e-7)
    assert result.weights_before[0][0, 0] == -0.2  # the step reports the weights it used
    assert result.loss == pytest.approx(-math.log(0.644744), abs=1e-6)


@pytest.mark.parametrize("loss", ["cross_entropy", "binary_cross_entropy"])
@pytest.mark.parametrize(("start", "y0", "dw1", "dw2", "after", "y1"), TABLE)
def test_article_table(loss, start, y0, dw1, dw2, after, y1):
    """Both rows of the table; with d = 1 binary cross-entropy gives the same numbers."""
    net = article_network(*start, loss=loss)
    hand = by_hand(*start)
    result = net.step([[10.0]], [[1.0]], 0.5)
    gw1, gw2 = result.gradients.weights[0][0, 0], result.gradients.weights[1][0, 0]
    assert result.trace.outputs[0, 0] == pytest.approx(y0, abs=5e-5)
    assert (gw1, gw2) == pytest.approx((dw1, dw2), abs=5e-5)
    assert (gw1, gw2) == pytest.approx((hand["dw1"], hand["dw2"]), rel=1e-12)
    assert (net.weights[0][0, 0], net.weights[1][0, 0]) == pytest.approx(after, abs=5e-5)
    assert net.forward([[10.0]]).outputs[0, 0] == pytest.approx(y1, abs=5e-5)


def test_article_chain_rule_factors():
    """dE/dw2 = dE/dy * dy/d(in_y) * d(in_y)/dw2 with each factor as in the article."""
    net = article_network(-0.2, 5.0)
    hand = by_hand(-0.2, 5.0)
    trace = net.forward([[10.0]], [[1.0]])
    grads = net.backward(trace, [[1.0]])
    rule = net.chain_rule(trace, grads, layer=1, to=0, source=0)
    y, h = hand["y"], hand["h"]
    values = [float(f.values[0]) for f in rule.factors]
    assert values == pytest.approx([-1.0 / y, y * (1 - y), h], rel=1e-12)
    assert rule.gradient == pytest.approx(hand["dw2"], rel=1e-12)
    inner = net.chain_rule(trace, grads, layer=0, to=0, source=0)
    values = [float(f.values[0]) for f in inner.factors]
    # sum_k w_kj delta_k = w2 * (dE/dy * dy/d(in_y)), then h(1 - h), then x
    assert values == pytest.approx([5.0 * (-1.0 / y) * y * (1 - y), h * (1 - h), 10.0])
    assert inner.gradient == pytest.approx(hand["dw1"], rel=1e-12)


@pytest.mark.parametrize("combo", COMBINATIONS[::3], ids=lambda c: "-".join(map(str, c)))
def test_chain_rule_products_equal_gradients(combo):
    """For every weight and bias of every layer: the factors multiply to the products, and
    the products summed over the batch are the backprop gradient."""
    for seed in (0, 1):
        net, x, t = make_case(*combo, seed=seed)
        trace = net.forward(x, t)
        grads = net.backward(trace, t)
        for l, w in enumerate(net.weights):
            for j in range(w.shape[0]):
                sources = [*range(w.shape[1]), *([None] if net.use_bias else [])]
                for i in sources:
                    rule = net.chain_rule(trace, grads, l, j, i)
                    product = np.prod([f.values for f in rule.factors], axis=0)
                    np.testing.assert_allclose(rule.products, product, rtol=1e-12)
                    exact = grads.biases[l][j] if i is None else grads.weights[l][j, i]
                    assert rule.gradient == exact
                    assert rule.products.sum() == pytest.approx(exact, rel=1e-9, abs=1e-15)
