"""Formatting shared by every detector's evidence, so findings read alike across detectors.

Evidence lists are capped (an analyst reads twenty examples, not ten thousand) and always
carry the total next to the capped list.
"""

from __future__ import annotations

from datetime import datetime

#: Ids, times and samples listed per finding; totals are given beside the capped lists.
CAP = 20
#: Characters of a sample text kept in the evidence.
TEXT_CHARS = 280


def iso(ts: datetime) -> str:
    """A timestamp to the second, as evidence shows it."""
    return ts.isoformat(timespec="seconds")


def clip(text: str) -> str:
    """A sample text cut to ``TEXT_CHARS`` with an ellipsis."""
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def span(first: datetime, last: datetime) -> str:
    """``between 2024-03-01 10:02 and 11:40 UTC``, with the date once when it is one day."""
    start = first.strftime("%Y-%m-%d %H:%M")
    end = last.strftime("%H:%M" if first.date() == last.date() else "%Y-%m-%d %H:%M")
    return f"between {start} and {end} UTC"
