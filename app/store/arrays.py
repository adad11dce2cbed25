"""Float64 arrays as compact bytes, exactly: each in the narrowest dtype that holds it."""

import numpy as np

Array = np.ndarray

INTEGER_DTYPES = ("|i1", "|u1", "<i2", "<i4")


def narrowest_dtype(values: Array) -> str:
    """The smallest little-endian dtype that stores these float64 values bit for bit."""
    if values.size == 0:
        return "|i1"
    negative_zero = np.any(np.signbit(values) & (values == 0))
    if not negative_zero and np.array_equal(np.trunc(values), values):
        low, high = values.min(), values.max()
        for dtype in INTEGER_DTYPES:
            if np.iinfo(dtype).min <= low and high <= np.iinfo(dtype).max:
                return dtype
    with np.errstate(over="ignore"):
        if np.array_equal(values.astype("<f4"), values):  # float32 keeps -0.0's sign
            return "<f4"
    return "<f8"


def encode_arrays(arrays: dict[str, Array | None]) -> tuple[dict, bytes]:
    """{"shapes", "dtypes"} for a JSON header (None for a missing array), and the bytes."""
    given = {k: a for k, a in arrays.items() if a is not None}
    dtypes = {k: narrowest_dtype(a) for k, a in given.items()}
    shapes = {k: None if a is None else list(a.shape) for k, a in arrays.items()}
    data = b"".join(a.astype(dtypes[k]).tobytes() for k, a in given.items())
    return {"shapes": shapes, "dtypes": dtypes}, data


def decode_arrays(header: dict, data: bytes | None) -> dict[str, Array | None]:
    """The inverse of encode_arrays: float64 arrays, None where the header says so."""
    data = data or b""
    arrays: dict[str, Array | None] = {}
    at = 0
    for key, shape in header["shapes"].items():
        if shape is None:
            arrays[key] = None
            continue
        dtype = np.dtype(header["dtypes"][key])
        count = int(np.prod(shape))
        if at + count * dtype.itemsize > len(data):
            raise ValueError(f"the stored bytes end before {key}'s {count} numbers")
        flat = np.frombuffer(data, dtype=dtype, count=count, offset=at)
        arrays[key] = flat.astype(np.float64).reshape(shape)
        at += count * dtype.itemsize
    if at != len(data):
        raise ValueError(f"{len(data)} bytes are stored, the header accounts for {at}")
    return arrays
