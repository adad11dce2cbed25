"""A compiled (numba) training loop, equal to the numpy reference path.

The numpy code in network.py is the source of truth; this module repeats the same
formulas in loops numba compiles, so play mode runs many steps a frame.
A test checks both paths give the same parameters to 1e-12 after the same steps.
"""

import math

import numpy as np
from numba import njit

Array = np.ndarray

ACTIVATION_CODES = {"sigmoid": 0, "tanh": 1, "relu": 2, "leaky_relu": 3, "linear": 4, "softmax": 5}
LOSS_CODES = {"mse": 0, "cross_entropy": 1, "binary_cross_entropy": 2}
LEAKY_SLOPE = 0.01
TINY = np.finfo(np.float64).tiny


@njit(cache=True, inline="always")
def _g(code: int, z: float) -> float:
    # g(z) for the elementwise activations, as in activations.py
    if code == 0:
        ez = math.exp(-abs(z))
        return 1.0 / (1.0 + ez) if z >= 0 else ez / (1.0 + ez)
    if code == 1:
        return math.tanh(z)
    if code == 2:
        return z if z > 0 else 0.0
    if code == 3:
        return z if z > 0 else LEAKY_SLOPE * z
    return z


@njit(cache=True, inline="always")
def _dg(code: int, z: float, a: float) -> float:
    # g'(z), given z and a = g(z)
    if code == 0:
        return a * (1.0 - a)
    if code == 1:
        return 1.0 - a * a
    if code == 2:
        return 1.0 if z > 0 else 0.0
    if code == 3:
        return 1.0 if z > 0 else LEAKY_SLOPE
    return 1.0


@njit(cache=True, inline="always")
def _log1p_exp_neg(x: float) -> float:
    # ln(1 + e^x), written as numpy's logaddexp(0, x) is
    if x == 0.0:
        return math.log(2.0)
    if x > 0:
        return x + math.log1p(math.exp(-x))
    return math.log1p(math.exp(x))


@njit(cache=True)
def _forward(params, layers, w_off, b_off, codes, x, zs, acts):
    # z = a_prev W^T + b, a = g(z), layer by layer; zs/acts: (L, B, max_units)
    n_layers = layers.shape[0] - 1
    rows = x.shape[0]
    for l in range(n_layers):
        n_in, n_out = layers[l], layers[l + 1]
        for b in range(rows):
            for j in range(n_out):
                s = 0.0
                for i in range(n_in):
                    prev = x[b, i] if l == 0 else acts[l - 1, b, i]
                    s += params[w_off[l] + j * n_in + i] * prev
                zs[l, b, j] = s + params[b_off[l] + j]
            if codes[l] == 5:  # softmax over the row, shifted by its max
                m = zs[l, b, 0]
                for j in range(1, n_out):
                    m = max(m, zs[l, b, j])
                total = 0.0
                for j in range(n_out):
                    acts[l, b, j] = math.exp(zs[l, b, j] - m)
                    total += acts[l, b, j]
                for j in range(n_out):
                    acts[l, b, j] /= total
            else:
                for j in range(n_out):
                    acts[l, b, j] = _g(codes[l], zs[l, b, j])


@njit(cache=True)
def _loss(loss_code, out_code, z, a, t, rows, n_out):
    # the batch-averaged loss, as in losses.py
    e = 0.0
    for b in range(rows):
        m, lse = 0.0, 0.0
        if out_code == 5 and loss_code == 1:
            m = z[b, 0]
            for k in range(1, n_out):
                m = max(m, z[b, k])
            lse = 0.0
            for k in range(n_out):
                lse += math.exp(z[b, k] - m)
            lse = math.log(lse)
        for k in range(n_out):
            if loss_code == 0:
                e += 0.5 * (t[b, k] - a[b, k]) ** 2
            elif out_code == 0:  # sigmoid: ln o = -ln(1 + e^-z), ln(1 - o) = -ln(1 + e^z)
                e -= t[b, k] * -_log1p_exp_neg(-z[b, k])
                if loss_code == 2:
                    e -= (1.0 - t[b, k]) * -_log1p_exp_neg(z[b, k])
            elif out_code == 5:
                e -= t[b, k] * (z[b, k] - m - lse)
            else:
                e -= t[b, k] * math.log(max(a[b, k], TINY))
    return e / rows


@njit(cache=True, nogil=True)  # other requests' threads run while a long train does
def _train(
    params,
    layers,
    w_off,
    b_off,
    codes,
    loss_code,
    use_bias,
    lr,
    x,
    t,
    rows,
    starts,
    test_x,
    test_t,
    step0,
    test_every,
    keep,
    snapshots,
    losses,
    test_losses,
):
    # `len(starts) - 1` steps; step s trains on x[rows[starts[s]:starts[s + 1]]]
    # the test loss is taken before every step whose count of earlier steps is a multiple
    # of test_every (once an epoch), as Session.test_loss_due says
    n_layers = layers.shape[0] - 1
    widest = 0
    for n in layers:
        widest = max(widest, n)
    batch_max = 0
    for s in range(starts.shape[0] - 1):
        batch_max = max(batch_max, starts[s + 1] - starts[s])
    batch_max = max(batch_max, test_x.shape[0])
    zs = np.zeros((n_layers, batch_max, widest))
    acts = np.zeros((n_layers, batch_max, widest))
    deltas = np.zeros((n_layers, batch_max, widest))
    bx = np.zeros((batch_max, layers[0]))
    bt = np.zeros((batch_max, layers[-1]))
    grads = np.zeros_like(params)
    n_steps = starts.shape[0] - 1
    out = n_layers - 1
    n_out = layers[-1]
    for step in range(n_steps):
        if test_x.shape[0] > 0 and (step0 + step) % test_every == 0:
            _forward(params, layers, w_off, b_off, codes, test_x, zs, acts)
            test_losses[step] = _loss(
                loss_code, codes[out], zs[out], acts[out], test_t, test_x.shape[0], n_out
            )
        size = starts[step + 1] - starts[step]
        for b in range(size):
            r = rows[starts[step] + b]
            bx[b, :] = x[r, :]
            bt[b, :] = t[r, :]
        xb, tb = bx[:size], bt[:size]
        _forward(params, layers, w_off, b_off, codes, xb, zs, acts)
        losses[step] = _loss(loss_code, codes[out], zs[out], acts[out], tb, size, n_out)
        # output deltas dE/dz, fused where the pair has a closed form (losses.py)
        for b in range(size):
            total_t, dot = 0.0, 0.0
            for k in range(n_out):
                total_t += tb[b, k]
                dot += (acts[out, b, k] - tb[b, k]) / size * acts[out, b, k]
            for k in range(n_out):
                a, z, tk = acts[out, b, k], zs[out, b, k], tb[b, k]
                if loss_code == 1 and codes[out] == 5:
                    d = (a * total_t - tk) / size
                elif loss_code == 1 and codes[out] == 0:
                    d = -tk * (1.0 - a) / size
                elif loss_code == 2:
                    d = (a - tk) / size
                elif codes[out] == 5:  # mse through softmax: a (dE/da - sum dE/da a)
                    d = a * ((a - tk) / size - dot)
                else:
                    d = (a - tk) / size * _dg(codes[out], z, a)
                deltas[out, b, k] = d
        # backprop: dE/da_j = sum_k w_kj delta_k, then delta_j = dE/da_j g'(z_j)
        for l in range(out - 1, -1, -1):
            n_here, n_next = layers[l + 1], layers[l + 2]
            for b in range(size):
                for j in range(n_here):
                    s = 0.0
                    for k in range(n_next):
                        s += deltas[l + 1, b, k] * params[w_off[l + 1] + k * n_here + j]
                    deltas[l, b, j] = s * _dg(codes[l], zs[l, b, j], acts[l, b, j])
        # dE/dW[l] = delta^T a_prev, dE/db[l] = sum_b delta
        for l in range(n_layers):
            n_in, n_o = layers[l], layers[l + 1]
            for j in range(n_o):
                for i in range(n_in):
                    s = 0.0
                    for b in range(size):
                        prev = xb[b, i] if l == 0 else acts[l - 1, b, i]
                        s += deltas[l, b, j] * prev
                    grads[w_off[l] + j * n_in + i] = s
                s = 0.0
                if use_bias:
                    for b in range(size):
                        s += deltas[l, b, j]
                grads[b_off[l] + j] = s
        # refuse a step that would make the loss or a parameter non-finite
        ok = math.isfinite(losses[step])
        for p in range(params.shape[0]):
            if not math.isfinite(params[p] - lr * grads[p]):
                ok = False
        if not ok:
            return step
        if keep > 0:
            snapshots[step % keep, :] = params  # a ring of the last `keep` steps
        for p in range(params.shape[0]):
            params[p] = params[p] - lr * grads[p]
    return n_steps


class Kernel:
    """The flat-parameter view of a network that the compiled loops work on."""

    def __init__(self, layers: list[int], hidden: str, output: str, loss: str, use_bias: bool):
        self.layers = np.array(layers, dtype=np.int64)
        sizes = [n_in * n_out for n_in, n_out in zip(layers, layers[1:])]
        self.w_off = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.b_off = (sum(sizes) + np.concatenate([[0], np.cumsum(layers[1:])[:-1]])).astype(
            np.int64
        )
        n = len(layers) - 1
        self.codes = np.array(
            [ACTIVATION_CODES[hidden]] * (n - 1) + [ACTIVATION_CODES[output]], dtype=np.int64
        )
        self.loss_code, self.use_bias = LOSS_CODES[loss], use_bias

    def pack(self, weights: list[Array], biases: list[Array]) -> Array:
        """Weights then biases as one float64 vector."""
        return np.concatenate([p.ravel() for p in (*weights, *biases)])

    def unpack(self, flat: Array) -> tuple[list[Array], list[Array]]:
        """The inverse of pack."""
        layers = [int(n) for n in self.layers]
        weights = [
            flat[o : o + n_in * n_out].reshape(n_out, n_in).copy()
            for o, n_in, n_out in zip(self.w_off, layers, layers[1:])
        ]
        biases = [flat[o : o + n].copy() for o, n in zip(self.b_off, layers[1:])]
        return weights, biases

    def unpack_rows(self, flat: Array) -> tuple[list[Array], list[Array]]:
        """unpack for every row of a (rows, P) array at once, as read-only views into it.

        weights[l] is (rows, n_out, n_in) and biases[l] (rows, n_out): row r's parameters
        are weights[l][r] and biases[l][r], without one copy per row.
        """
        flat = flat.view()
        flat.flags.writeable = False
        rows, layers = flat.shape[0], [int(n) for n in self.layers]
        weights = [
            flat[:, o : o + n_in * n_out].reshape(rows, n_out, n_in)
            for o, n_in, n_out in zip(self.w_off, layers, layers[1:])
        ]
        biases = [flat[:, o : o + n] for o, n in zip(self.b_off, layers[1:])]
        return weights, biases

    def train(
        self,
        params: Array,
        lr: float,
        x: Array,
        t: Array,
        rows: Array,
        starts: Array,
        test_x: Array | None,
        test_t: Array | None,
        step0: int,
        test_every: int,
        keep: int,
    ):
        """Run the steps in place on `params`; (steps done, losses, test losses, snapshots).

        snapshots[s % keep] holds the parameters from before step s, for the last `keep`.
        """
        n_steps = len(starts) - 1
        keep = min(keep, n_steps)
        snapshots = np.zeros((keep, params.shape[0]))
        losses, test_losses = np.zeros(n_steps), np.full(n_steps, np.nan)
        if test_x is None:
            test_x, test_t = np.zeros((0, x.shape[1])), np.zeros((0, t.shape[1]))
        done = _train(
            params,
            self.layers,
            self.w_off,
            self.b_off,
            self.codes,
            self.loss_code,
            self.use_bias,
            lr,
            x,
            t,
            rows,
            starts,
            test_x,
            test_t,
            step0,
            test_every,
            keep,
            snapshots,
            losses,
            test_losses,
        )
        return done, losses, test_losses, snapshots


def warm_up() -> None:
    """Compile (or load from numba's cache) the training loop, so no request waits for it."""
    kernel = Kernel([1, 1], "sigmoid", "sigmoid", "mse", True)
    one = np.ones((1, 1))
    kernel.train(
        np.zeros(2),
        0.1,
        one,
        one,
        np.zeros(1, dtype=np.int64),
        np.array([0, 1], dtype=np.int64),
        None,
        None,
        0,
        1,
        1,
    )
