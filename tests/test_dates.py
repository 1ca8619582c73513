"""Stored EDTF dates, how they read, and the dates people type."""

from datetime import date

import pytest

from axiscli.dates import Precision, parse_edtf, parse_user_date, when

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


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024-06-19", "2024-06-19", "2024-06-19"),
        ("2023-09?", "2023-09-01", "2023-09-30"),
        ("2022/..", "2022-01-01", "2022-12-31"),
        ("../2023-12", "2023-12-01", "2023-12-31"),
        ("2003/2021", "2003-01-01", "2021-12-31"),
        ("1955~/..", "1955-01-01", "1955-12-31"),
    ],
)
def test_the_anchor_is_what_the_text_names(text, first, last):
    """ "since X" and "by X" anchor on X; an interval on its whole length."""
    assert parse_edtf(text).anchor == (date.fromisoformat(first), date.fromisoformat(last))


def test_records_sort_by_anchor_start_a_day_before_its_month():
    ordered = sorted(["2024", "2024-06", "../2024-06", "2024-06-19", "2023/.."], key=_sort_key)
    assert ordered == ["2023/..", "2024", "2024-06", "../2024-06", "2024-06-19"]
    assert sorted(["2024-06", "2024-06-01"], key=_sort_key) == ["2024-06-01", "2024-06"]


def _sort_key(text):
    return parse_edtf(text).sort_key


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
        ("2024-06-19", None, "2024-06-19"),
        ("2023-09", "September 2023", "2023-09"),
        ("2023-09", "in September 2023", "2023-09"),
        ("2023", None, "2023"),
        ("../2023-12", "by December 2023", "by 2023-12"),
        ("2022/..", "since 2022", "since 2022"),
        ("2003/2021", None, "2003 to 2021"),
        ("2025~", "early 2025", "2025~ · early 2025"),
        ("2025-09?", "early September", "2025-09? · early September"),
        ("2024?", "during the visit", "2024? · during the visit"),
        ("2022", "compared with 2022", "2022 · compared with 2022"),
        (None, None, "undated"),
        (None, "long ago", "undated · long ago"),
    ],
)
def test_when_begins_with_a_sortable_date_and_adds_only_new_wording(edtf, date_text, expected):
    assert when(edtf, date_text) == expected


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


@pytest.mark.parametrize(
    ("typed", "today"), [("yesterday", date(1, 1, 1)), ("next year", date(9999, 6, 1))]
)
def test_relative_dates_past_the_calendar_say_so(typed, today):
    with pytest.raises(ValueError, match="falls outside the calendar"):
        parse_user_date(typed, today)
