"""Reporting periods: months and inclusive date ranges, half-open in UTC, and bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lockstep.errors import BadInputError
from lockstep.report.period import choose_period, month_period, range_period


def test_a_month_runs_from_its_first_day_to_the_next_month() -> None:
    dec = month_period("2024-12")
    assert (dec.start, dec.end) == (
        datetime(2024, 12, 1, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    )
    assert dec.title == "December 2024"
    assert dec.between == "December 1-31, 2024"  # seed 002's words
    assert month_period("2024-02").last == date(2024, 2, 29)
    assert month_period("2023-02").between == "February 1-28, 2023"


def test_a_range_includes_both_days() -> None:
    p = range_period("2024-11-20", "2024-12-05")
    assert p.start == datetime(2024, 11, 20, tzinfo=UTC)
    assert p.end == datetime(2024, 12, 6, tzinfo=UTC)
    assert p.covers(datetime(2024, 12, 5, 23, 59, 59, tzinfo=UTC))
    assert not p.covers(datetime(2024, 12, 6, tzinfo=UTC))
    assert not p.covers(datetime(2024, 11, 19, 23, 59, tzinfo=UTC))
    assert p.between == "November 20 - December 5, 2024"
    assert p.title == "20 November 2024 to 5 December 2024"
    assert range_period("2024-12-20", "2025-01-05").between == "December 20, 2024 - January 5, 2025"
    assert range_period("2024-12-07", "2024-12-07").between == "December 7, 2024"


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(9998, 12, 1)))
def test_consecutive_months_meet_without_gap_or_overlap(day: date) -> None:
    this = month_period(f"{day.year:04d}-{day.month:02d}")
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    after = month_period(f"{following.year:04d}-{following.month:02d}")
    assert this.end == after.start
    assert this.first <= day <= this.last


@pytest.mark.parametrize(
    ("month", "first", "last", "message"),
    [
        ("2024-13", None, None, "--month '2024-13' is not a month written YYYY-MM"),
        ("2024-1", None, None, "is not a month written YYYY-MM"),
        ("December", None, None, "is not a month written YYYY-MM"),
        ("2024-00", None, None, "is not a month"),
        (None, "2024-12-10", "2024-12-01", "--from 2024-12-10 is after --to 2024-12-01"),
        (None, "2024-02-30", "2024-03-01", "--from '2024-02-30' is not a date"),
        (None, "12/01/2024", "2024-12-31", "is not a date written YYYY-MM-DD"),
        (None, "2024-12-01", None, "give --month YYYY-MM, or both --from DATE and --to DATE"),
        (None, None, None, "give --month YYYY-MM, or both"),
        ("2024-12", "2024-12-01", "2024-12-31", "either --month or --from/--to, not both"),
    ],
)
def test_bad_periods_say_what_is_wrong(
    month: str | None, first: str | None, last: str | None, message: str
) -> None:
    with pytest.raises(BadInputError) as err:
        choose_period(month, first, last)
    assert message in str(err.value)
