"""The few Arrow operations the generators build text and lists with, typed once.

Generators build every text column by indexing small phrase pools with NumPy and joining the
pieces with Arrow kernels, never by looping over rows in Python. pyarrow's type stubs describe
these kernels more narrowly than they behave (array separators, nullable inputs, list
arguments), so the package calls them through this module, which states the types it relies
on in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

#: A string array; lists of strings and of int64 use ListArr.
Arr: TypeAlias = "pa.Array[Any]"
ListArr: TypeAlias = "pa.ListArray[Any]"
I64: TypeAlias = npt.NDArray[np.int64]
U64: TypeAlias = npt.NDArray[np.uint64]
F64: TypeAlias = npt.NDArray[np.float64]
Bool: TypeAlias = npt.NDArray[np.bool_]

_pc: Any = pc
_pa: Any = pa

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def scatter(n: int, parts: Sequence[tuple[npt.NDArray[np.integer[Any]], Arr]]) -> Arr:
    """An ``n``-row string column from (rows, values) parts; rows no part covers are null."""
    rows = np.concatenate(
        [np.asarray(r, dtype=np.int64) for r, _ in parts] + [np.zeros(0, np.int64)]
    )
    index = np.full(n, -1, dtype=np.int64)
    index[rows] = np.arange(len(rows), dtype=np.int64)
    values = [v for _, v in parts]
    return take(concat(values) if values else nulls(0), index)


def strings(values: Sequence[str]) -> Arr:
    """A string array of Python strings (for pools, not for rows)."""
    out: Arr = pa.array(list(values), type=pa.string())
    return out


def take(arr: Arr, idx: npt.NDArray[np.integer[Any]]) -> Arr:
    """Rows ``idx`` of ``arr``; negative indices give null."""
    index = np.asarray(idx, dtype=np.int64)
    neg = index < 0
    if neg.any():
        out: Arr = arr.take(_pa.array(np.where(neg, 0, index), mask=neg))
        return out
    result: Arr = arr.take(_pa.array(index))
    return result


def take_lists(arr: ListArr, idx: npt.NDArray[np.integer[Any]]) -> ListArr:
    """Rows ``idx`` of a list array."""
    out: ListArr = arr.take(_pa.array(np.asarray(idx, dtype=np.int64)))
    return out


def pick(rng: np.random.Generator, pool: Sequence[str], n: int) -> Arr:
    """``n`` draws with replacement from a small pool of strings."""
    return take(strings(pool), rng.integers(0, len(pool), n))


def join(*parts: Arr | str, sep: str | Arr = " ") -> Arr:
    """Element-wise join of string arrays (or constants), skipping nulls."""
    out: Arr = _pc.binary_join_element_wise(*parts, sep, null_handling="skip")
    return out


def concat(arrays: Sequence[Arr]) -> Arr:
    out: Arr = _pa.concat_arrays(list(arrays))
    return out


def nulls(n: int, type_: pa.DataType | None = None) -> Arr:
    out: Arr = _pa.nulls(n, type=type_ or pa.string())
    return out


def where(mask: Bool, a: Arr | str, b: Arr | str) -> Arr:
    """``a`` where mask holds, else ``b`` (either may be a constant)."""
    out: Arr = _pc.if_else(_pa.array(mask), a, b)
    return out


def null_where(mask: Bool, arr: Arr) -> Arr:
    """``arr`` with nulls where ``mask`` holds."""
    out: Arr = _pc.if_else(_pa.array(mask), _pa.scalar(None, type=arr.type), arr)
    return out


def replace(arr: Arr, pattern: str, repl: str) -> Arr:
    out: Arr = _pc.replace_substring(arr, pattern=pattern, replacement=repl)
    return out


def upper(arr: Arr) -> Arr:
    out: Arr = _pc.utf8_upper(arr)
    return out


def lower(arr: Arr) -> Arr:
    out: Arr = _pc.utf8_lower(arr)
    return out


def ints(values: npt.NDArray[np.integer[Any]]) -> Arr:
    """Integers as decimal strings."""
    out: Arr = _pc.cast(_pa.array(np.asarray(values, dtype=np.int64)), pa.string())
    return out


def empty_lists(n: int, value_type: pa.DataType) -> ListArr:
    return lists(np.zeros(n + 1, dtype=np.int64), pa.array([], type=value_type))


def lists(offsets: npt.NDArray[np.integer[Any]], values: Arr) -> ListArr:
    """A list array from offsets (length rows + 1) and flat values."""
    out: ListArr = _pa.ListArray.from_arrays(_pa.array(np.asarray(offsets, dtype=np.int32)), values)
    return out


def lists_from_counts(counts: npt.NDArray[np.integer[Any]], values: Arr) -> ListArr:
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return lists(offsets, values)


def list_offsets(arr: ListArr) -> I64:
    """Offsets of a list array, relative to its own values."""
    raw: I64 = np.asarray(arr.offsets.to_numpy(), dtype=np.int64)
    out: I64 = raw - raw[0]
    return out


def list_values(arr: ListArr) -> Arr:
    """The flat values of a list array (only those its rows reach)."""
    out: Arr = _pc.list_flatten(arr)
    return out


def list_lengths(arr: ListArr) -> I64:
    return np.diff(list_offsets(arr))


def join_lists(arr: ListArr, sep: str | Arr) -> Arr:
    """Each row's list joined with ``sep`` (empty list -> empty string)."""
    out: Arr = _pc.binary_join(arr, sep)
    return out


def concat_lists(arrays: Sequence[ListArr]) -> ListArr:
    out: ListArr = _pa.concat_arrays(list(arrays))
    return out


def fixed_width(codes: npt.NDArray[np.uint8]) -> Arr:
    """Rows of an (n, w) ASCII byte matrix as strings of width w."""
    n, w = codes.shape
    offsets = np.arange(0, n * w + 1, w, dtype=np.int32)
    data = np.ascontiguousarray(codes).tobytes()
    out: Arr = _pa.StringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data))
    return out


def hex16(values: U64) -> Arr:
    """64-bit values as 16 lower-case hex digits (perceptual hashes, device ids)."""
    v = np.asarray(values, dtype=np.uint64)
    shifts = np.arange(60, -4, -4, dtype=np.uint64)
    digits = ((v[:, None] >> shifts[None, :]) & np.uint64(15)).astype(np.intp)
    return fixed_width(_HEX[digits])


def numbered(prefix: str, values: I64, width: int) -> Arr:
    """``prefix`` + zero-padded decimal ``values`` (ids that sort like their numbers)."""
    digits = _pc.utf8_lpad(ints(values), width=width, padding="0")
    return join(prefix, digits, sep="")


def to_numpy_int(arr: Arr) -> I64:
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)
