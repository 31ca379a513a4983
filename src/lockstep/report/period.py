"""The reporting period of ``lockstep report``: a calendar month or an inclusive date range.

A period is half-open in UTC, ``[start, end)``, so consecutive months neither overlap nor
leave a gap, and the ledger is read as it stood at ``end``: rerunning a past month's report
gives the same figures however much the ledger has grown since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from lockstep.errors import BadInputError

_MONTH = re.compile(r"(\d{4})-(\d{2})")
#: English month names, independent of the machine's locale (``%B`` is not)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last`` inclusive; ``month`` when it is exactly one calendar month."""

    first: date
    last: date
    month: bool = False

    @property
    def start(self) -> datetime:
        return datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return self.start + timedelta(days=(self.last - self.first).days + 1)

    def covers(self, ts: datetime | None) -> bool:
        return ts is not None and self.start <= ts < self.end

    @property
    def title(self) -> str:
        """``December 2024`` for a month, else ``1 December 2024 to 15 January 2025``."""
        if self.month:
            return f"{_name(self.first)} {self.first.year}"
        return f"{_day(self.first)} to {_day(self.last)}"

    @property
    def between(self) -> str:
        """The span in seed 002's words: ``December 1-31, 2024``."""
        a, b = self.first, self.last
        if (a.year, a.month) == (b.year, b.month):
            days = f"{a.day}" if a == b else f"{a.day}-{b.day}"
            return f"{_name(a)} {days}, {a.year}"
        if a.year == b.year:
            return f"{_name(a)} {a.day} - {_name(b)} {b.day}, {a.year}"
        return f"{_name(a)} {a.day}, {a.year} - {_name(b)} {b.day}, {b.year}"

    def to_dict(self) -> dict[str, str]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


def _name(d: date) -> str:
    return MONTHS[d.month - 1]


def _day(d: date) -> str:
    return f"{d.day} {_name(d)} {d.year}"


def month_period(text: str) -> Period:
    """``YYYY-MM`` as a period; anything else is bad input."""
    m = _MONTH.fullmatch(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise BadInputError(f"--month {text!r} is not a month written YYYY-MM")
    year, month = int(m.group(1)), int(m.group(2))
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), month=True)


def _parse_date(option: str, text: str) -> date:
    if not _DATE.fullmatch(text.strip()):
        raise BadInputError(f"{option} {text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadInputError(f"{option} {text!r} is not a date: {exc}") from exc


def range_period(first: str, last: str) -> Period:
    """``--from`` to ``--to``, both days included."""
    a, b = _parse_date("--from", first), _parse_date("--to", last)
    if a > b:
        raise BadInputError(f"--from {a.isoformat()} is after --to {b.isoformat()}")
    return Period(a, b)


def choose_period(month: str | None, first: str | None, last: str | None) -> Period:
    """The period the options name: ``--month``, or both ``--from`` and ``--to``."""
    if month is not None:
        if first is not None or last is not None:
            raise BadInputError("give either --month or --from/--to, not both")
        return month_period(month)
    if first is None or last is None:
        raise BadInputError("give --month YYYY-MM, or both --from DATE and --to DATE")
    return range_period(first, last)
