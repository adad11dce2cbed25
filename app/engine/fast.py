"""A compiled (numba) training loop, equal to the numpy reference path.

The numpy code in network.py is the source of truth; this module repeats the same
formulas in loops numba compiles, so play mode runs many steps a frame.
A test checks both paths give the same parameters to 1e-12 after the same steps.
error_model="numpy": no ZeroDivisionError branch per division (no batch is empty).
"""

import math

import numpy as np
from numba import njit

from .fast_activations import SOFTMAX, _dg, _g
from .fast_losses import CE_SOFTMAX, MSE_SOFTMAX, _loss, _output_delta
from .fast_optim import _update
from .optimizers import PLAIN
from .penalties import L1, NONE

# the arrays _train refuses to read outside of: it returns -(1 + index) for the first misfit
MISFITS = ("inputs", "targets", "test_inputs", "test_targets", "starts", "rows")
INPUTS, TARGETS, TEST_INPUTS, TEST_TARGETS, STARTS, ROWS = range(len(MISFITS))


@njit(cache=True, inline="always", error_model="numpy")
def _forward(params, layers, w_off, b_off, codes, rows, zs, acts):
    # acts[0, :rows] holds the inputs; z = a_prev W^T + b, a = g(z) into zs/acts[l + 1]
    for l in range(layers.shape[0] - 1):
        n_in, n_out, w0, b0, code = layers[l], layers[l + 1], w_off[l], b_off[l], codes[l]
        for b in range(rows):
            for j in range(n_out):
                s = 0.0
                w = w0 + j * n_in
                for i in range(n_in):
                    s += params[w + i] * acts[l, b, i]
                zs[l + 1, b, j] = s + params[b0 + j]
            if code == SOFTMAX:  # softmax over the row, shifted by its max
                m = zs[l + 1, b, 0]
                for j in range(1, n_out):
                    m = max(m, zs[l + 1, b, j])
                total = 0.0
                for j in range(n_out):
                    acts[l + 1, b, j] = math.exp(zs[l + 1, b, j] - m)
                    total += acts[l + 1, b, j]
                for j in range(n_out):
                    acts[l + 1, b, j] /= total
            else:
                for j in range(n_out):
                    acts[l + 1, b, j] = _g(code, zs[l + 1, b, j])


@njit(cache=True, error_model="numpy")
def _misfit(layers, x, t, rows, starts, test_x, test_t):
    # 1 + the index in MISFITS of the first array the loop would read outside of, else 0
    n_in, n_out = layers[0], layers[-1]
    if x.shape[1] != n_in:
        return 1 + INPUTS
    if t.shape[0] != x.shape[0] or t.shape[1] != n_out:
        return 1 + TARGETS
    if test_x.shape[1] != n_in:
        return 1 + TEST_INPUTS
    if test_t.shape[0] != test_x.shape[0] or test_t.shape[1] != n_out:
        return 1 + TEST_TARGETS
    n_steps = starts.shape[0] - 1
    if n_steps < 0 or starts[0] != 0 or starts[n_steps] > rows.shape[0]:
        return 1 + STARTS
    for s in range(n_steps):
        if starts[s + 1] < starts[s]:
            return 1 + STARTS
    for r in rows:
        if r < 0 or r >= x.shape[0]:
            return 1 + ROWS
    return 0


@njit(cache=True, error_model="numpy")
def _penalize(penalty, rate, params, grads, n_weights):
    # lambda P(w), and dE/dw += lambda P'(w): sign(w) for L1 (0 at 0), w for L2
    total = 0.0
    for p in range(n_weights):
        w = params[p]
        if penalty == L1:
            total += abs(w)
            grads[p] += rate * (1.0 if w > 0 else (-1.0 if w < 0 else 0.0))
        else:
            total += w * w
            grads[p] += rate * w
    return rate * (total if penalty == L1 else total / 2)


# nogil: other requests' threads run while a long train does
@njit(cache=True, nogil=True, error_model="numpy")
def _train(params, spec, data, schedule, rings):
    # spec: the network; data: rows and batches; schedule: rates, counters and the
    # optimizer (its code, settings and updates so far); rings: (keep, every, checkpoints).
    # params holds the parameters, then the optimizer's state (optimizers.py), snapshotted
    # with them. `len(starts) - 1` steps; step s trains on x[rows[starts[s]:starts[s + 1]]].
    # The test loss is taken before every step whose count of earlier steps is a multiple
    # of test_every (once an epoch), as Session.test_loss_due says. Before step s the
    # parameters go to snapshots[s % keep] (the last `keep` steps) and, when s % every == 0,
    # to checkpoints[(s // every) % checkpoints]. Returns (steps done, columns, kept):
    # columns (3, steps) the losses, test losses and penalties; kept (keep + checkpoints,
    # P) the snapshots then the checkpoints (one array each: fewer to hand back to Python).
    # Steps done is -(1 + a MISFITS index), with nothing done, when an array would be read
    # outside of.
    layers, w_off, b_off, codes, rule, use_bias = spec
    x, t, rows, starts, test_x, test_t = data
    lr, step0, test_every, opt, hyper, t0, penalty, rate = schedule
    keep, every, n_checkpoints = rings
    n_steps = max(0, starts.shape[0] - 1)
    columns = np.zeros((3, n_steps))
    losses, test_losses, penalties = columns[0], columns[1], columns[2]
    test_losses[:] = np.nan
    keep = min(keep, n_steps)
    kept = np.zeros((keep + n_checkpoints, params.shape[0]))
    snapshots, checkpoints = kept[:keep], kept[keep:]
    misfit = _misfit(layers, x, t, rows, starts, test_x, test_t)
    if misfit:
        return -misfit, columns, kept
    n_layers = layers.shape[0] - 1
    n_in, n_out, out = layers[0], layers[-1], n_layers
    widest = 0
    for n in layers:
        widest = max(widest, n)
    batch_max = test_x.shape[0]
    for s in range(n_steps):
        batch_max = max(batch_max, starts[s + 1] - starts[s])
    # unit layer u: zs/acts/deltas[u]; acts[0] holds the batch's inputs
    zs = np.zeros((n_layers + 1, batch_max, widest))
    acts = np.zeros((n_layers + 1, batch_max, widest))
    deltas = np.zeros((n_layers + 1, batch_max, widest))
    bt = np.zeros((batch_max, n_out))
    n_params = b_off[n_layers - 1] + layers[n_layers]
    grads = np.zeros(n_params)
    fresh = np.zeros(params.shape[0] - n_params)  # the optimizer's new state
    for step in range(n_steps):
        if test_x.shape[0] > 0 and (step0 + step) % test_every == 0:
            acts[0, : test_x.shape[0], :n_in] = test_x
            _forward(params, layers, w_off, b_off, codes, test_x.shape[0], zs, acts)
            test_losses[step] = _loss(rule, zs[out], acts[out], test_t, test_x.shape[0], n_out)
        size = starts[step + 1] - starts[step]
        for b in range(size):
            r = rows[starts[step] + b]
            for i in range(n_in):
                acts[0, b, i] = x[r, i]
            for k in range(n_out):
                bt[b, k] = t[r, k]
        _forward(params, layers, w_off, b_off, codes, size, zs, acts)
        losses[step] = _loss(rule, zs[out], acts[out], bt, size, n_out)
        code = codes[out - 1]
        for b in range(size):
            total_t, dot = 0.0, 0.0
            if rule in (CE_SOFTMAX, MSE_SOFTMAX):
                for k in range(n_out):
                    total_t += bt[b, k]
                    dot += (acts[out, b, k] - bt[b, k]) / size * acts[out, b, k]
            for k in range(n_out):
                deltas[out, b, k] = _output_delta(
                    rule, code, zs[out, b, k], acts[out, b, k], bt[b, k], size, total_t, dot
                )
        # backprop: dE/da_j = sum_k w_kj delta_k, then delta_j = dE/da_j g'(z_j)
        for u in range(out - 1, 0, -1):
            n_here, n_next, w0, code = layers[u], layers[u + 1], w_off[u], codes[u - 1]
            for b in range(size):
                for j in range(n_here):
                    s = 0.0
                    for k in range(n_next):
                        s += deltas[u + 1, b, k] * params[w0 + k * n_here + j]
                    deltas[u, b, j] = s * _dg(code, zs[u, b, j], acts[u, b, j])
        # dE/dW[l] = delta^T a_prev, dE/db[l] = sum_b delta
        for l in range(n_layers):
            n_i, n_o, w0, b0 = layers[l], layers[l + 1], w_off[l], b_off[l]
            for j in range(n_o):
                for i in range(n_i):
                    s = 0.0
                    for b in range(size):
                        s += deltas[l + 1, b, j] * acts[l, b, i]
                    grads[w0 + j * n_i + i] = s
                s = 0.0
                if use_bias:
                    for b in range(size):
                        s += deltas[l + 1, b, j]
                grads[b0 + j] = s
        if penalty != NONE:  # lambda P(w) over the weights (the first b_off[0]), penalties.py
            penalties[step] = _penalize(penalty, rate, params, grads, b_off[0])
        # refuse a step that would make the loss or a parameter non-finite: x * 0 is NaN
        # exactly when x is not finite, so `finite` stays 0 only if every new value is
        finite = losses[step] * 0.0 + penalties[step] * 0.0
        if opt == PLAIN:
            for p in range(n_params):
                grads[p] = params[p] - lr * grads[p]
                finite += grads[p] * 0.0
        else:
            finite += _update(opt, hyper, t0 + step + 1, lr, params, grads, fresh, n_params)
        if finite != 0.0:
            return step, columns, kept
        if keep > 0:
            snapshots[step % keep, :] = params  # a ring of the last `keep` steps
        if n_checkpoints > 0 and step % every == 0:
            checkpoints[(step // every) % n_checkpoints, :] = params
        params[:n_params] = grads
        if opt != PLAIN:
            params[n_params:] = fresh
    return n_steps, columns, kept
