"""Stored EDTF dates, how they read, and the dates people type."""

from datetime import date

import pytest

from axiscli.dates import Precision, describe, parse_edtf, parse_user_date

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "approximate", "uncertain"),
    [
        ("2024-06-19", date(2024, 6, 19), date(2024, 6, 19), Precision.DAY, False, False),
        ("2023-09", date(2023, 9, 1), date(2023, 9, 30), Precision.MONTH, False, False),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH, False, False),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR, False, False),
        ("2025~", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR, True, False),
        ("2025-09?", date(2025, 9, 1), date(2025, 9, 30), Precision.MONTH, False, True),
        ("1955%", date(1955, 1, 1), date(1955, 12, 31), Precision.YEAR, True, True),
    ],
)
def test_points_cover_the_whole_period_they_name(
    text, start, end, precision, approximate, uncertain
):
    span = parse_edtf(text)
    assert (span.start, span.end) == (start, end)
    assert span.first.precision is precision
    assert (span.approximate, span.uncertain) == (approximate, uncertain)
    assert not span.is_interval


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2003/2021", date(2003, 1, 1), date(2021, 12, 31)),
        ("2022/2025-08", date(2022, 1, 1), date(2025, 8, 31)),
        ("2022/..", date(2022, 1, 1), None),
        ("../2023-12", None, date(2023, 12, 31)),
        ("1980~/..", date(1980, 1, 1), None),
    ],
)
def test_intervals_may_be_open_at_either_end(text, start, end):
    span = parse_edtf(text)
    assert (span.start, span.end) == (start, end)
    assert span.is_interval


def test_a_by_date_sorts_at_its_end():
    assert parse_edtf("../2023-12").sort_key == date(2023, 12, 31)
    assert parse_edtf("2022/..").sort_key == date(2022, 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "not a real calendar date"),
        ("2023-02-30", "not a real calendar date"),
        ("June 2024", "is not a date"),
        ("24-06-19", "is not a date"),
        ("../..", "open at both ends"),
        ("2025/2020", "starts after it ends"),
        ("2024-06-19~x", "is not a date"),
    ],
)
def test_invalid_dates_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_edtf(text)


@pytest.mark.parametrize(
    ("edtf", "date_text", "expected"),
    [
        ("2024-06-19", None, "19 Jun 2024"),
        ("2023-09", None, "Sep 2023"),
        ("2023", None, "2023"),
        ("../2023-12", None, "by Dec 2023"),
        ("2022/..", None, "since 2022"),
        ("2003/2021", None, "2003 – 2021"),
        ("2025~", "early 2025", "early 2025 (approx.)"),
        ("2025-09?", None, "Sep 2025 (?)"),
        ("../2023-12", "by December 2023", "by December 2023"),
    ],
)
def test_describe_is_only_as_precise_as_the_date(edtf, date_text, expected):
    assert describe(edtf, date_text) == expected


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023-06", date(2023, 6, 1), date(2023, 6, 30)),
        ("2023-06-19", date(2023, 6, 19), date(2023, 6, 19)),
        ("June 2024", date(2024, 6, 1), date(2024, 6, 30)),
        ("Jun 2024", date(2024, 6, 1), date(2024, 6, 30)),
        ("19 Jun 2024", date(2024, 6, 19), date(2024, 6, 19)),
        ("June 19, 2024", date(2024, 6, 19), date(2024, 6, 19)),
        ("2024Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("Q4 2023", date(2023, 10, 1), date(2023, 12, 31)),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("this year", date(2026, 1, 1), date(2026, 12, 31)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("last quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("today", TODAY, TODAY),
    ],
)
def test_user_dates_mean_the_whole_period_they_name(typed, start, end):
    assert parse_user_date(typed, TODAY) == (start, end)


@pytest.mark.parametrize(("typed", "message"), [("soon", "try 2023"), ("June", "has no year")])
def test_unreadable_user_dates_give_an_example(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_user_date(typed, TODAY)
