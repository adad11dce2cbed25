"""The compiled loop's activations: each g(z) beside its derivative, as activations.py."""

import math

from numba import njit

from .activations import ACTIVATIONS, LEAKY_SLOPE

# activation codes, derived from the registry (numba freezes them as constants)
ACTIVATION_CODES = {name: code for code, name in enumerate(ACTIVATIONS)}
SIGMOID, TANH = ACTIVATION_CODES["sigmoid"], ACTIVATION_CODES["tanh"]
RELU, LEAKY_RELU = ACTIVATION_CODES["relu"], ACTIVATION_CODES["leaky_relu"]
SOFTMAX = ACTIVATION_CODES["softmax"]


@njit(cache=True, inline="always", error_model="numpy")
def _tanh(x: float) -> float:
    # (1 - e^-2|x|) / (1 + e^-2|x|) with x's sign, from expm1: within 2 ulp of libm's tanh
    # and no library call or data-dependent branch per unit (libm's splits at |x| = 1)
    e = math.expm1(-2.0 * abs(x))
    return math.copysign(-e / (e + 2.0), x)


@njit(cache=True, inline="always", error_model="numpy")
def _g(code: int, z: float) -> float:
    # g(z) for the elementwise activations, as in activations.py
    if code == SIGMOID:
        ez = math.exp(-abs(z))
        return 1.0 / (1.0 + ez) if z >= 0 else ez / (1.0 + ez)
    if code == TANH:
        return _tanh(z)
    if code == RELU:
        return z if z > 0 else 0.0
    if code == LEAKY_RELU:
        return z if z > 0 else LEAKY_SLOPE * z
    return z


@njit(cache=True, inline="always", error_model="numpy")
def _dg(code: int, z: float, a: float) -> float:
    # g'(z), given z and a = g(z)
    if code == SIGMOID:
        return a * (1.0 - a)
    if code == TANH:
        return 1.0 - a * a
    if code == RELU:
        return 1.0 if z > 0 else 0.0
    if code == LEAKY_RELU:
        return 1.0 if z > 0 else LEAKY_SLOPE
    return 1.0
