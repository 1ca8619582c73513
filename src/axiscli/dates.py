"""Dates: the EDTF subset the store is written in, the dates users type, and how both read.

A stored date is a point (`2024-06-19`, `2023-09`, `2025`, each optionally followed by `~`
approximate, `?` uncertain or `%` both) or an interval of two points, either end open (`..`).
Every date covers a span of days: `start` is the earliest day it can mean, `end` the latest
(None where the interval is open on that side).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

EDTF_EXAMPLES = "2024-06-19, 2023-09, 2025, 2025~, 2022/.., ../2023-12 or 2003/2021"
USER_DATE_EXAMPLES = "2023, 2023-06, 2023-06-19, 'June 2024', '19 Jun 2024', 2024Q2 or 'last year'"

_POINT = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<mark>[~?%])?")
_QUARTER = re.compile(r"(?:(?P<y1>\d{4})-?Q(?P<q1>[1-4])|Q(?P<q2>[1-4])[ -]?(?P<y2>\d{4}))", re.I)
_RELATIVE = re.compile(r"(?P<which>this|last|next) (?P<unit>year|quarter|month)", re.I)
OPEN = ".."


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Point:
    """One date of the store, e.g. `2023-09~`."""

    start: date
    end: date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False


@dataclass(frozen=True)
class DateSpan:
    """A parsed stored date: a point, or an interval whose ends may be open."""

    first: Point | None
    last: Point | None
    is_interval: bool

    @property
    def start(self) -> date | None:
        return self.first.start if self.first else None

    @property
    def end(self) -> date | None:
        return self.last.end if self.last else None

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.first, self.last) if p)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.first, self.last) if p)

    @property
    def sort_key(self) -> date:
        """The day a record sorts at: its start, or its end for a "by X" date."""
        return self.start or self.end or date.min


def _period(year: int, month: int | None, day: int | None) -> tuple[date, date, Precision]:
    if day is not None and month is not None:
        exact = date(year, month, day)
        return exact, exact, Precision.DAY
    if month is not None:
        last_day = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last_day), Precision.MONTH
    return date(year, 1, 1), date(year, 12, 31), Precision.YEAR


def parse_point(text: str) -> Point:
    """Parse one EDTF point such as `2024-06-19`, `2023-09?` or `2025~`."""
    match = _POINT.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write it as one of {EDTF_EXAMPLES}")
    month, day = match["month"], match["day"]
    try:
        start, end, precision = _period(
            int(match["year"]), int(month) if month else None, int(day) if day else None
        )
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None
    mark = match["mark"] or ""
    return Point(
        start, end, precision, approximate=mark in ("~", "%"), uncertain=mark in ("?", "%")
    )


def parse_edtf(text: str) -> DateSpan:
    """Parse a stored date; raise ValueError with a fix-it message when it is not valid."""
    text = text.strip()
    if "/" not in text:
        return DateSpan(parse_point(text), parse_point(text), is_interval=False)
    left, _, right = text.partition("/")
    if left == OPEN and right == OPEN:
        raise ValueError(f"'{text}' is open at both ends; give at least one date")
    first = None if left == OPEN else parse_point(left)
    last = None if right == OPEN else parse_point(right)
    if first and last and first.start > last.end:
        raise ValueError(f"'{text}' starts after it ends; put the earlier date first")
    return DateSpan(first, last, is_interval=True)


def _format_point(point: Point) -> str:
    if point.precision is Precision.DAY:
        text = f"{point.start.day} {point.start:%b %Y}"
    elif point.precision is Precision.MONTH:
        text = f"{point.start:%b %Y}"
    else:
        text = f"{point.start.year}"
    return text


def describe(edtf: str, date_text: str | None = None) -> str:
    """Read a stored date as people write it: "19 Jun 2024", "by Dec 2023", "early 2025 (approx.)".

    The document's own wording (`date_text`) wins when it is there; the derived wording is only
    as precise as the date.
    """
    span = parse_edtf(edtf)
    if date_text:
        text = date_text
    elif not span.is_interval:
        text = _format_point(span.first)  # type: ignore[arg-type]
    elif span.first is None:
        text = f"by {_format_point(span.last)}"  # type: ignore[arg-type]
    elif span.last is None:
        text = f"since {_format_point(span.first)}"
    else:
        text = f"{_format_point(span.first)} – {_format_point(span.last)}"
    if span.approximate and "approx" not in text:
        text += " (approx.)"
    if span.uncertain and "?" not in text:
        text += " (?)"
    return text


def parse_user_date(text: str, today: date) -> tuple[date, date]:
    """The span of days a date typed by a user covers; a partial date means the whole period.

    `2023` is all of 2023, `2024Q2` April to June 2024, `last year` the calendar year before
    `today`'s. Raise ValueError naming the forms that work.
    """
    cleaned = " ".join(text.split())
    if _POINT.fullmatch(cleaned) and cleaned[-1].isdigit():
        point = parse_point(cleaned)
        return point.start, point.end
    if quarter := _QUARTER.fullmatch(cleaned):
        year = int(quarter["y1"] or quarter["y2"])
        first_month = 3 * int(quarter["q1"] or quarter["q2"]) - 2
        return date(year, first_month, 1), _period(year, first_month + 2, None)[1]
    if relative := _parse_relative(cleaned.lower(), today):
        return relative
    return _parse_written_date(cleaned)


def _parse_relative(text: str, today: date) -> tuple[date, date] | None:
    if text in ("today", "yesterday"):
        day = today if text == "today" else today - relativedelta(days=1)
        return day, day
    match = _RELATIVE.fullmatch(text)
    if not match:
        return None
    step = {"this": 0, "last": -1, "next": 1}[match["which"]]
    unit = match["unit"]
    if unit == "year":
        year = today.year + step
        return date(year, 1, 1), date(year, 12, 31)
    months = 3 if unit == "quarter" else 1
    first_month = today.month - (today.month - 1) % months
    start = date(today.year, first_month, 1) + relativedelta(months=step * months)
    return start, start + relativedelta(months=months, days=-1)


def _parse_written_date(text: str) -> tuple[date, date]:
    """Parse "June 2024" or "19 Jun 2024", keeping only the fields the user wrote."""
    failure = ValueError(f"cannot read '{text}' as a date; try {USER_DATE_EXAMPLES}")
    try:
        one = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
        two = dateutil_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise failure from None
    if one.year != two.year:
        raise ValueError(f"'{text}' has no year; add one, e.g. '{text} 2024'")
    month = one.month if one.month == two.month else None
    day = one.day if month and one.day == two.day else None
    start, end, _ = _period(one.year, month, day)
    return start, end
