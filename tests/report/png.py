"""Just enough PNG decoding (zlib and the five row filters) to look at a browser screenshot
without an imaging library."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    #: bytes per pixel: 3 (RGB) or 4 (RGBA)
    bpp: int
    rows: tuple[bytes, ...]

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = x * self.bpp
        r, g, b = self.rows[y][i : i + 3]
        return (r, g, b)

    def count(self, y: int, rgb: tuple[int, int, int]) -> int:
        """Pixels of exactly this colour in row ``y``."""
        want, row = bytes(rgb), self.rows[y]
        return sum(1 for i in range(0, len(row), self.bpp) if row[i : i + 3] == want)

    def colours(self) -> set[bytes]:
        return {row[i : i + 3] for row in self.rows for i in range(0, len(row), self.bpp)}


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    """Undo one row's filter in place (0 none, 1 sub, 2 up, 3 average, 4 Paeth)."""
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        line[:] = bytes((x + p) & 0xFF for x, p in zip(line, prev, strict=True))
    elif kind == 3:
        for i in range(len(line)):
            line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            a, c = (line[i - bpp], prev[i - bpp]) if i >= bpp else (0, 0)
            line[i] = (line[i] + _paeth(a, prev[i], c)) & 0xFF


def decode(data: bytes) -> Image:
    """An 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == SIGNATURE, "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, line, prev, bpp)
        rows.append(bytes(line))
        prev = line
    return Image(width, height, bpp, tuple(rows))
