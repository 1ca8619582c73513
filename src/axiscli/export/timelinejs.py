"""A selection's events as Knight Lab's TimelineJS JSON (timeline.knightlab.com/docs/json-format).

Each dated event is one slide: `start_date` (and `end_date` for an interval) holding only the
parts of the date the text gives (`2024-06` is a year and a month), `display_date` with the
text's own wording where it has one or the date is approximate, uncertain or open, the title as
headline, and as text the summary and each citation (quote, claimant, source), HTML-escaped.
`group` is the domain, `unique_id` the event's id. TimelineJS needs a start date, so undated
events are left out; it has no place for figures.
"""

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.dates import Point, Precision, sortable
from axiscli.export.output import Written
from axiscli.store.write import write_atomic

if TYPE_CHECKING:
    from axiscli.export.selection import Selection
    from axiscli.model import Citation, Event, Source

Slide = dict[str, Any]
_MARKS = {"~": " (approximate)", "?": " (uncertain)", "%": " (approximate, uncertain)"}


def write_timelinejs(selection: "Selection", path: Path) -> Written:
    """Write the dated events of `selection` as a TimelineJS JSON file at `path`."""
    timeline = to_timeline(selection)
    write_atomic(path, json.dumps(timeline, ensure_ascii=False, indent=2) + "\n")
    undated = len(selection.events) - len(timeline["events"])
    judged = len(selection.assessments)
    left_out = [
        f"{undated} undated event{'s' * (undated != 1)} (TimelineJS needs a date)"
        if undated
        else "",
        f"{judged} assessment{'s' * (judged != 1)} (a timeline has no place for judgements)"
        if judged
        else "",
    ]
    return Written(len(timeline["events"]), None, " and ".join(filter(None, left_out)) or None)


def to_timeline(selection: "Selection") -> dict[str, Any]:
    """The TimelineJS object: a title slide and one slide per dated event."""
    return {
        "title": {"text": {"headline": escape(selection.title)}},
        "events": [_slide(e, selection.sources) for e in selection.events if e.span is not None],
    }


def _slide(event: "Event", sources: "Mapping[str, Source]") -> Slide:
    span = event.span
    start = span.first or span.last if span else None
    assert span is not None and start is not None  # undated events are left out
    # "since X" and "by X" start at X; only a closed interval has an end.
    slide: Slide = {"start_date": date_object(start)}
    if span.is_interval and span.first and span.last:
        slide["end_date"] = date_object(span.last)
    wording = display_date(event)
    if wording:
        slide["display_date"] = escape(wording)
    slide["text"] = {"headline": escape(event.title), "text": _text(event, sources)}
    slide["group"] = event.domain
    slide["unique_id"] = event.id
    return slide


def date_object(point: Point) -> dict[str, int]:
    """The parts of `point` the text gives: the year, the month, the day."""
    day = point.start
    parts = {"year": day.year}
    if point.precision is not Precision.YEAR:
        parts["month"] = day.month
    if point.precision is Precision.DAY:
        parts["day"] = day.day
    return parts


def display_date(event: "Event") -> str | None:
    """The text's wording of the date; else, for a date TimelineJS would print as more certain
    than it is (approximate, uncertain, open), the stored date in words; else None."""
    if event.date_text:
        return " ".join(event.date_text.split())
    span = event.span
    if span is None or not (span.approximate or span.uncertain or span.is_interval):
        return None
    wording = sortable(event.date)
    for mark, words in _MARKS.items():
        wording = wording.replace(mark, words)
    return wording


def _text(event: "Event", sources: "Mapping[str, Source]") -> str:
    paragraphs = [f"<p>{escape(event.summary)}</p>"]
    paragraphs.extend(
        _citation(citation, sources.get(citation.source)) for citation in event.citations
    )
    return "".join(paragraphs)


def _citation(citation: "Citation", source: "Source | None") -> str:
    quote = f"<blockquote>“{escape(citation.quote)}”</blockquote>"
    said = [escape(citation.claimant)] if citation.claimant else []
    said.append(f"<cite>{_source_name(citation.source, source)}</cite>")
    joiner = ", as reported in " if citation.claimant else ""
    return f"{quote}<p>— {joiner.join(said)}</p>"


def _source_name(source_id: str, source: "Source | None") -> str:
    if source is None:
        return escape(source_id)
    name = escape(source.title or f"[{source.description}]")
    url = source.url or ""
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{name}</a>'
    return name
