"""How a response writes its parameter arrays: nested lists, base64 or binary (?arrays=)."""

import base64
import struct
from typing import Annotated, Literal

import numpy as np
import orjson
from fastapi import Depends, Query, Response

from .deps import JSON

Arrays = Literal["lists", "base64", "binary"]
BINARY_TYPE = "application/octet-stream"
HEADER_LENGTH = struct.Struct("<I")  # the JSON header's length in bytes, little-endian
ALIGN = 8  # the arrays start at a multiple of 8 bytes: a Float64Array views them in place
BINARY = {  # a route's OpenAPI responses: its 200 also comes as ?arrays=binary
    200: {"content": {BINARY_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
}


class Packing:
    """One response's arrays: lists (falsy), base64 PackedArrays, or BinaryArrays whose
    bytes follow the JSON header (one Packing per request: it collects them)."""

    def __init__(self, arrays: Arrays = "lists"):
        self.arrays = arrays
        self._chunks: list[np.ndarray] = []  # contiguous float64: joined once, not copied first
        self._size = 0  # bytes collected so far

    def __bool__(self) -> bool:
        return self.arrays != "lists"

    def array(self, array: np.ndarray) -> dict:
        """A PackedArray (base64) or a BinaryArray (offset into the bytes after the header)."""
        data = np.ascontiguousarray(array, dtype="<f8")
        if self.arrays == "base64":
            return {"shape": list(array.shape), "float64": base64.b64encode(data).decode("ascii")}
        offset, self._size = self._size, self._size + data.nbytes
        self._chunks.append(data)
        return {"shape": list(array.shape), "offset": offset}

    def response(self, content: dict, headers: dict[str, str] | None = None) -> Response:
        """The JSON response, or for binary: [u32 n][n bytes of JSON][zeros to a multiple
        of 8][the arrays' float64 little-endian bytes]."""
        if self.arrays != "binary":
            return JSON(content, headers=headers)
        header = orjson.dumps(content)
        pad = -(HEADER_LENGTH.size + len(header)) % ALIGN
        body = b"".join([HEADER_LENGTH.pack(len(header)), header, bytes(pad), *self._chunks])
        return Response(body, media_type=BINARY_TYPE, headers=headers)


async def packing(
    arrays: Annotated[
        Arrays,
        Query(
            description="weights, biases and gradients as nested lists; as PackedArrays "
            "(shape + base64 float64: exact, about half the size); or binary: an "
            "application/octet-stream of a JSON header (a little-endian uint32 length, the "
            "JSON, zeros to a multiple of 8 bytes) followed by the arrays' float64 "
            "little-endian bytes, each array in the header a BinaryArray (shape + offset "
            "into them): exact, a quarter smaller than base64 and read without parsing"
        ),
    ] = "lists",
) -> Packing:
    """How this request's response writes its parameter arrays (async: no thread hop)."""
    return Packing(arrays)


PackedDep = Annotated[Packing, Depends(packing)]
