"""Bar charts as inline SVG: no script, no library, no external font or stylesheet.

Geometry is computed in whole pixels and written with fixed formatting, so the same numbers
always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

#: one colour per series (colour-blind-safe blue, orange, green, purple)
PALETTE = ("#1f77b4", "#e8842c", "#2ca05a", "#7b5aa6")
WIDTH = 720
LABEL = 260
BAR = 18
GAP = 8
TOP = 30
VALUE_ROOM = 70


def bar_chart(title: str, series: Sequence[str], bars: Sequence[tuple[str, Sequence[int]]]) -> str:
    """Horizontal bars, one per label; several series stack left to right."""
    span = WIDTH - LABEL - VALUE_ROOM
    biggest = max((sum(values) for _, values in bars), default=0) or 1
    height = TOP + len(bars) * (BAR + GAP) + GAP
    parts = [
        f'<svg width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title, quote=True)}">'
    ]
    x = LABEL
    for i, name in enumerate(series if len(series) > 1 else ()):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="16" font-size="12" fill="#333">{escape(name)}</text>')
        x += 24 + 8 * len(name)
    for row, (label, values) in enumerate(bars):
        y = TOP + row * (BAR + GAP)
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 13}" font-size="12" text-anchor="end" '
            f'fill="#1b1b1b">{escape(label)}</text>'
        )
        x = LABEL
        for i, value in enumerate(values):
            width = round(span * value / biggest)
            if width > 0:
                colour = PALETTE[i % len(PALETTE)]
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{width}" height="{BAR}" fill="{colour}"/>'
                )
            x += width
        parts.append(
            f'<text x="{x + 6}" y="{y + 13}" font-size="12" fill="#333">{sum(values):,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
