"""An epoch's row order, compiled: numpy's default_rng([seed, epoch]).permutation(size).

Seeding a numpy generator costs more than an epoch of a small network, and play mode
starts a new epoch on nearly every call; this repeats numpy's own steps (SeedSequence's
hash, PCG64's seeding and 64-bit output, Generator.shuffle's bounded draws) in code numba
compiles, and gives the same order bit for bit (tests/engine/test_shuffle.py checks it).
"""

import functools

import numpy as np
from numba import njit, uint64

M32 = 0xFFFFFFFF
# SeedSequence (numpy/random/bit_generator.pyx)
INIT_A, MULT_A, INIT_B, MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
MIX_MULT_L, MIX_MULT_R, POOL = 0xCA01F9DD, 0x4973F715, 4
# PCG64's 128-bit multiplier (numpy/random/src/pcg64), as high and low 64-bit words
MULT_HI, MULT_LO = 0x2360ED051FC65DA4, 0x4385DF649FCCF645


@njit(cache=True)
def _entropy_words(seed, epoch):
    # the uint32 words SeedSequence takes from [seed, epoch]: each little-endian, 0 -> [0]
    words, n = np.zeros(4, dtype=np.uint64), 0
    for value in (seed, epoch):
        words[n], n = value & M32, n + 1
        if value >> 32:
            words[n], n = value >> 32, n + 1
    return words[:n]


@njit(cache=True, inline="always")
def _hashmix(value, hash_const):
    # one SeedSequence hashmix: (mixed value, next hash constant), 32-bit words in uint64
    value = (value ^ hash_const) & uint64(M32)
    hash_const = (hash_const * uint64(MULT_A)) & uint64(M32)
    value = (value * hash_const) & uint64(M32)
    return value ^ (value >> uint64(16)), hash_const


@njit(cache=True, inline="always")
def _mix(x, y):
    result = (uint64(MIX_MULT_L) * x - uint64(MIX_MULT_R) * y) & uint64(M32)
    return result ^ (result >> uint64(16))


@njit(cache=True, inline="always")
def _mul64(a, b):
    # the 128-bit product of two 64-bit words, as (high, low)
    m = uint64(M32)
    a0, a1, b0, b1 = a & m, a >> uint64(32), b & m, b >> uint64(32)
    p00, p01, p10, p11 = a0 * b0, a0 * b1, a1 * b0, a1 * b1
    mid = (p00 >> uint64(32)) + (p01 & m) + (p10 & m)
    low = (p00 & m) | (mid << uint64(32))
    return p11 + (p01 >> uint64(32)) + (p10 >> uint64(32)) + (mid >> uint64(32)), low


@njit(cache=True, inline="always")
def _step(hi, lo, inc_hi, inc_lo):
    # PCG64's state <- state * multiplier + inc, modulo 2^128
    top, low = _mul64(lo, uint64(MULT_LO))
    top = top + lo * uint64(MULT_HI) + hi * uint64(MULT_LO)
    new_lo = low + inc_lo
    carry = uint64(1) if new_lo < low else uint64(0)
    return top + inc_hi + carry, new_lo


@njit(cache=True, inline="always")
def _output(hi, lo):
    # PCG64's XSL-RR output: rotate (high ^ low) right by the state's top 6 bits
    x, r = hi ^ lo, hi >> uint64(58)
    return (x >> r) | (x << ((uint64(64) - r) & uint64(63)))


@njit(cache=True)
def _permutation(seed, epoch, size):
    # SeedSequence([seed, epoch]).generate_state(4, uint64)
    words = _entropy_words(seed, epoch)
    pool = np.zeros(POOL, dtype=np.uint64)
    h = uint64(INIT_A)
    for i in range(POOL):
        pool[i], h = _hashmix(words[i] if i < words.shape[0] else uint64(0), h)
    for i_src in range(POOL):
        for i_dst in range(POOL):
            if i_src != i_dst:
                mixed, h = _hashmix(pool[i_src], h)
                pool[i_dst] = _mix(pool[i_dst], mixed)
    for i_src in range(POOL, words.shape[0]):
        for i_dst in range(POOL):
            mixed, h = _hashmix(words[i_src], h)
            pool[i_dst] = _mix(pool[i_dst], mixed)
    state = np.zeros(8, dtype=np.uint64)
    h = uint64(INIT_B)
    for i in range(8):
        value = (pool[i % POOL] ^ h) & uint64(M32)
        h = (h * uint64(MULT_B)) & uint64(M32)
        value = (value * h) & uint64(M32)
        state[i] = value ^ (value >> uint64(16))
    seed = np.zeros(4, dtype=np.uint64)
    for i in range(4):
        seed[i] = state[2 * i] | (state[2 * i + 1] << uint64(32))
    # PCG64: state 0, inc = (initseq << 1) | 1, step, state += initstate, step
    inc_hi = (seed[2] << uint64(1)) | (seed[3] >> uint64(63))
    inc_lo = (seed[3] << uint64(1)) | uint64(1)
    hi, lo = _step(uint64(0), uint64(0), inc_hi, inc_lo)
    new_lo = lo + seed[1]
    hi = hi + seed[0] + (uint64(1) if new_lo < lo else uint64(0))
    hi, lo = _step(hi, new_lo, inc_hi, inc_lo)
    # Generator.permutation: arange, then for i = size-1 .. 1 swap with random_interval(i)
    order = np.arange(size)
    spare, has_spare = uint64(0), False
    for i in range(size - 1, 0, -1):
        top = uint64(i)
        mask = top
        for shift in (1, 2, 4, 8, 16, 32):
            mask |= mask >> uint64(shift)
        while True:
            if top <= uint64(M32):  # 32-bit draws, two from each 64-bit output
                if has_spare:
                    draw, has_spare = spare, False
                else:
                    hi, lo = _step(hi, lo, inc_hi, inc_lo)
                    out = _output(hi, lo)
                    draw, spare, has_spare = out & uint64(M32), out >> uint64(32), True
            else:
                hi, lo = _step(hi, lo, inc_hi, inc_lo)
                draw = _output(hi, lo)
            value = draw & mask
            if value <= top:
                break
        j = np.int64(value)
        order[i], order[j] = order[j], order[i]
    return order


@functools.lru_cache(maxsize=16)
def epoch_order(size: int, epoch: int, seed: int) -> np.ndarray:
    """datasets.batch_permutation's order, compiled (read-only: kept for the next call)."""
    if seed < 0 or epoch < 0:
        raise ValueError("seeds are non-negative")
    order = _permutation(seed, epoch, size)
    order.flags.writeable = False
    return order
