"""One flat layout of a network's parameters: every weight, then every bias, as one vector.

The compiled loop works on it, and the store writes it as bytes; weights[l] is
(n_{l+1}, n_l) as everywhere else, laid out row by row.
"""

import functools

import numpy as np

Array = np.ndarray


class Layout:
    """Where each layer's weights and biases sit in the flat vector."""

    def __init__(self, layers: list[int]):
        self.layers = [int(n) for n in layers]
        sizes = [n_in * n_out for n_in, n_out in zip(self.layers, self.layers[1:])]
        self.w_off = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.b_off = (sum(sizes) + np.concatenate([[0], np.cumsum(self.layers[1:])[:-1]])).astype(
            np.int64
        )
        self.size = sum(sizes) + sum(self.layers[1:])
        pairs = list(zip(self.layers, self.layers[1:]))
        self._weight_slices = [
            (int(o), int(o) + n_in * n_out, (n_out, n_in))
            for o, (n_in, n_out) in zip(self.w_off, pairs)
        ]
        self._bias_slices = [(int(o), int(o) + n) for o, n in zip(self.b_off, self.layers[1:])]

    def pack(self, weights: list[Array], biases: list[Array]) -> Array:
        """Weights then biases as one float64 vector."""
        return np.concatenate([p.ravel() for p in (*weights, *biases)], dtype=np.float64)

    def unpack(self, flat: Array) -> tuple[list[Array], list[Array]]:
        """The inverse of pack, as copies."""
        weights = [
            flat[o : o + n_in * n_out].reshape(n_out, n_in).copy()
            for o, n_in, n_out in zip(self.w_off, self.layers, self.layers[1:])
        ]
        biases = [flat[o : o + n].copy() for o, n in zip(self.b_off, self.layers[1:])]
        return weights, biases

    def views(self, flat: Array) -> tuple[list[Array], list[Array]]:
        """unpack without copies: views into `flat` (read-only where `flat` is)."""
        weights = [flat[a:b].reshape(shape) for a, b, shape in self._weight_slices]
        return weights, [flat[a:b] for a, b in self._bias_slices]

    def to_bytes(self, weights: list[Array], biases: list[Array]) -> bytes:
        """pack as little-endian float64 bytes, bit for bit."""
        return self.pack(weights, biases).astype("<f8").tobytes()

    def from_bytes(self, blob: bytes) -> tuple[list[Array], list[Array]]:
        """The inverse of to_bytes."""
        return self.unpack(np.frombuffer(blob, dtype="<f8").astype(np.float64))


@functools.lru_cache(maxsize=64)
def layout_for(layers: tuple[int, ...]) -> Layout:
    """The Layout of these layer sizes, made once (a Layout is never changed)."""
    return Layout(list(layers))
