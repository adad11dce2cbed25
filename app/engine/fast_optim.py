"""The compiled loop's optimizer updates (fast.py), the same formulas as optimizers.py."""

import math

from numba import njit

from .optimizers import MOMENTUM, NESTEROV, RMSPROP


@njit(cache=True, error_model="numpy")
def _update(code, hyper, t, lr, params, grads, fresh, n):
    # optimizers.py's update for MOMENTUM, NESTEROV, RMSPROP or ADAM: params holds the n
    # parameters then the state's slots; the new parameters go to grads, the new state to
    # fresh. Returns 0.0 when every new value is finite (x * 0 is NaN exactly when x is not)
    finite = 0.0
    if code == MOMENTUM or code == NESTEROV:  # noqa: SIM109 (numba: plain ints)
        mu = hyper[0]
        for p in range(n):
            g = grads[p]
            buf = mu * params[n + p] + g
            direction = g + mu * buf if code == NESTEROV else buf
            fresh[p] = buf
            grads[p] = params[p] - lr * direction
            finite += grads[p] * 0.0 + buf * 0.0
    elif code == RMSPROP:
        a, eps = hyper[0], hyper[1]
        for p in range(n):
            g = grads[p]
            square = a * params[n + p] + (1.0 - a) * g * g
            fresh[p] = square
            grads[p] = params[p] - lr * (g / (math.sqrt(square) + eps))
            finite += grads[p] * 0.0 + square * 0.0
    else:  # ADAM
        b1, b2, eps = hyper[0], hyper[1], hyper[2]
        step_size = lr / (1.0 - b1 ** float(t))
        root = math.sqrt(1.0 - b2 ** float(t))
        for p in range(n):
            g, m = grads[p], params[n + p]
            m = m + (1.0 - b1) * (g - m)
            v = b2 * params[2 * n + p] + (1.0 - b2) * g * g
            fresh[p], fresh[n + p] = m, v
            grads[p] = params[p] - step_size * (m / (math.sqrt(v) / root + eps))
            finite += grads[p] * 0.0 + m * 0.0 + v * 0.0
    return finite
