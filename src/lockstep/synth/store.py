"""Append-only column stores the world's tables grow in while it is generated.

Each generator appends a block of rows as whole columns (NumPy arrays, Arrow strings and
lists); a column is concatenated only when someone reads it. Row references between tables
(a reply's parent post, an engagement's account) stay integer row numbers until the writer
turns them into ids, so generators never handle id strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from lockstep.synth import arrow as A

NUMERIC: dict[str, type[np.generic]] = {
    "i64": np.int64,
    "i32": np.int32,
    "i16": np.int16,
    "i8": np.int8,
    "u64": np.uint64,
    "u32": np.uint32,
    "f64": np.float64,
    "bool": np.bool_,
}
#: Null timestamp and null row reference in numeric columns.
NULL_TIME = np.iinfo(np.int64).min
NO_ROW = -1


@dataclass(frozen=True)
class Col:
    """A column: ``kind`` is a NUMERIC key, ``str`` or a list (``lstr``, ``li64``)."""

    kind: str
    default: float = 0


class Columns:
    """A table under construction: named columns appended to block by block."""

    def __init__(self, spec: dict[str, Col]) -> None:
        self.spec = spec
        self._n = 0
        self._chunks: dict[str, list[Any]] = {name: [] for name in spec}

    def __len__(self) -> int:
        return self._n

    def add(self, n: int, **cols: Any) -> A.I64:
        """Append ``n`` rows; omitted columns take their default. Returns the new row numbers."""
        unknown = set(cols) - set(self.spec)
        if unknown:
            raise KeyError(f"unknown column(s) {sorted(unknown)}")
        for name, col in self.spec.items():
            self._chunks[name].append(self._block(name, col, n, cols.get(name)))
        start = self._n
        self._n += n
        return np.arange(start, self._n, dtype=np.int64)

    def _block(self, name: str, col: Col, n: int, value: Any) -> Any:
        if col.kind in NUMERIC:
            dtype = NUMERIC[col.kind]
            if value is None:
                return np.full(n, col.default, dtype=dtype)
            arr = np.asarray(value)
            if arr.ndim == 0:
                return np.full(n, arr, dtype=dtype)
            if len(arr) != n:
                raise ValueError(f"column {name}: {len(arr)} values for {n} rows")
            return arr.astype(dtype, copy=False)
        if value is None:
            if col.kind == "str":
                return A.nulls(n)
            return A.empty_lists(n, pa.string() if col.kind == "lstr" else pa.int64())
        if isinstance(value, str):
            return A.strings([value] * n) if n else A.nulls(0)
        if len(value) != n:
            raise ValueError(f"column {name}: {len(value)} values for {n} rows")
        return value

    def _consolidate(self, name: str) -> Any:
        chunks = self._chunks[name]
        if len(chunks) != 1:
            kind = self.spec[name].kind
            if not chunks:
                merged = self._block(name, self.spec[name], 0, None)
            elif kind in NUMERIC:
                merged = np.concatenate(chunks)
            elif kind == "str":
                merged = A.concat(chunks)
            else:
                merged = A.concat_lists(chunks)
            self._chunks[name] = [merged]
        return self._chunks[name][0]

    def num(self, name: str) -> npt.NDArray[Any]:
        """A numeric column, whole."""
        out: npt.NDArray[Any] = self._consolidate(name)
        return out

    def text(self, name: str) -> A.Arr:
        """A string column, whole."""
        out: A.Arr = self._consolidate(name)
        return out

    def list(self, name: str) -> A.ListArr:
        """A list column, whole."""
        out: A.ListArr = self._consolidate(name)
        return out

    def gather(self, name: str, rows: A.I64) -> npt.NDArray[Any]:
        """Values of a numeric column at ``rows`` without concatenating its blocks."""
        chunks = self._chunks[name]
        if len(chunks) == 1:
            out: npt.NDArray[Any] = chunks[0][rows]
            return out
        ends = np.cumsum([len(c) for c in chunks])
        which = np.searchsorted(ends, rows, side="right")
        result = np.empty(len(rows), dtype=NUMERIC[self.spec[name].kind])
        for c in np.unique(which):
            sel = which == c
            start = ends[c] - len(chunks[c])
            result[sel] = chunks[c][rows[sel] - start]
        return result

    def set(self, name: str, rows: A.I64, values: Any) -> None:
        """Overwrite a numeric column at ``rows`` (labels and profiles set after creation)."""
        if self.spec[name].kind not in NUMERIC:
            raise TypeError(f"column {name} is not numeric")
        self.num(name)[rows] = values
