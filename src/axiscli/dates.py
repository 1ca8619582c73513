"""Dates: the EDTF subset the store is written in, the dates users type, and how both read.

A stored date is a point (`2024-06-19`, `2023-09`, `2025`, each optionally followed by `~`
approximate, `?` uncertain or `%` both) or an interval of two points, either end open (`..`).
Every date covers a span of days: `start` is the earliest day it can mean, `end` the latest
(None where the interval is open on that side).

Every date also has an anchor: the days the text actually names. A point anchors on itself,
"since X" (`X/..`) and "by X" (`../X`) on X, an interval `A/B` on A to B. Date windows and
sorting go by the anchor; `--overlap`-style questions go by the whole span.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

EDTF_EXAMPLES = "2024-06-19, 2023-09, 2025, 2025~, 2022/.., ../2023-12 or 2003/2021"
USER_DATE_EXAMPLES = "2023, 2023-06, 2023-06-19, 'June 2024', '19 Jun 2024', 2024Q2 or 'last year'"

# ASCII digits only: `\d` would read Arabic-Indic or full-width digits (`٢٠٢٤-٠٦`) as a date.
_POINT = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<mark>[~?%])?", re.ASCII
)
_QUARTER = re.compile(
    r"(?:(?P<y1>\d{4})-?Q(?P<q1>[1-4])|Q(?P<q2>[1-4])[ -]?(?P<y2>\d{4}))", re.I | re.ASCII
)
_RELATIVE = re.compile(r"(?P<which>this|last|next) (?P<unit>year|quarter|month)", re.I)
OPEN = ".."


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_PRECISION_ORDER = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
UNDATED = "undated"


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
    def anchor(self) -> tuple[date, date]:
        """The first and last day of what the text names: X for "since X" and "by X"."""
        first = self.first or self.last
        last = self.last or self.first
        assert first is not None and last is not None  # parse_edtf refuses `../..`
        if self.first is None or self.last is None:
            return first.start, first.end
        return first.start, last.end

    @property
    def precision(self) -> Precision:
        """How precise the anchor's first point is: a day sorts before its month."""
        point = self.first or self.last
        assert point is not None
        return point.precision

    @property
    def sort_key(self) -> tuple[date, int, date]:
        """Anchor start, then the more precise first, then anchor end."""
        start, end = self.anchor
        return start, _PRECISION_ORDER[self.precision], end


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


def sortable(edtf: str | None) -> str:
    """A stored date as it sorts and reads in a column: `2025-09?`, `by 2023-12`, `since 2022`,
    `2003 to 2021`, or `undated`."""
    if edtf is None:
        return UNDATED
    left, slash, right = edtf.strip().partition("/")
    if not slash:
        return left
    if left == OPEN:
        return f"by {right}"
    if right == OPEN:
        return f"since {left}"
    return f"{left} to {right}"


_FILLER = re.compile(r"^(?:(?:in|on|by|since|from|as of|at|during|the|of)\s+)+", re.I)


@lru_cache(maxsize=4096)
def when(edtf: str | None, date_text: str | None = None) -> str:
    """The When column: the sortable date, then the text's own wording where it adds something:
    `2025-09? · early September`, `2023-09` (not `2023-09 · September 2023`)."""
    column = sortable(edtf)
    if date_text and not _restates(edtf, date_text):
        column += f" · {' '.join(date_text.split())}"
    return column


def _restates(edtf: str | None, date_text: str) -> bool:
    """Whether the wording names exactly the date's anchor ("in September 2023" for 2023-09)."""
    if edtf is None:
        return False
    span = parse_edtf(edtf)
    words = _FILLER.sub("", " ".join(date_text.split())).rstrip(".,")
    try:
        named = parse_user_date(words, span.anchor[0])
    except ValueError:
        return False
    return named == span.anchor and not (span.approximate or span.uncertain)


def parse_user_date(text: str, today: date) -> tuple[date, date]:
    """The span of days a date typed by a user covers; a partial date means the whole period.

    `2023` is all of 2023, `2024Q2` April to June 2024, `last year` the calendar year before
    `today`'s. Raise ValueError naming the forms that work.
    """
    cleaned = " ".join(text.split())
    if any(char.isdigit() and not char.isascii() for char in cleaned):
        raise ValueError(f"'{text}' has digits other than 0-9; try {USER_DATE_EXAMPLES}")
    if _POINT.fullmatch(cleaned) and cleaned[-1].isdigit():
        point = parse_point(cleaned)
        return point.start, point.end
    if quarter := _QUARTER.fullmatch(cleaned):
        year = int(quarter["y1"] or quarter["y2"])
        first_month = 3 * int(quarter["q1"] or quarter["q2"]) - 2
        return date(year, first_month, 1), _period(year, first_month + 2, None)[1]
    try:
        relative = _parse_relative(cleaned.lower(), today)
    except (OverflowError, ValueError):
        raise ValueError(f"'{text}' seen from {today} falls outside the calendar") from None
    return relative or _parse_written_date(cleaned)


def _parse_relative(text: str, today: date) -> tuple[date, date] | None:
    from dateutil.relativedelta import relativedelta

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
    from dateutil import parser as dateutil_parser

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
