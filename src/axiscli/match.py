"""Text matching: what --grep, --claimant, --tag, figure TERM and `axis search` find."""

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from axiscli.errors import UsageError
from axiscli.model import Event, Figure

if TYPE_CHECKING:
    from axiscli.query import Query

Record = Event | Figure


def select_text(records: Sequence[Record], query: "Query") -> list[Record]:
    """The records that pass the query's text filters: grep, claimants, tags and term."""
    return [record for record in records if _matches_text(record, query)]


def _matches_text(record: Record, query: "Query") -> bool:
    claimants = " ".join(c.claimant or "" for c in record.citations).lower()
    return all(
        (
            not query.tags or any(tag in record.tags for tag in query.tags),
            not query.claimants or any(name.lower() in claimants for name in query.claimants),
            not query.grep or query.grep.lower() in _text(record),
            not query.term or _term_matches(record, query.term),
        )
    )


def _text(record: Record) -> str:
    parts = (
        [record.title, record.summary]
        if isinstance(record, Event)
        else [record.metric, record.label, record.note or ""]
    )
    return " ".join([*parts, *(c.quote for c in record.citations)]).lower()


def _term_matches(record: Record, term: str) -> bool:
    """TERM within a figure's metric, label or tags, or an event's title or tags."""
    named = [record.metric, record.label] if isinstance(record, Figure) else [record.title]
    return term.lower() in " ".join([*named, *record.tags]).lower()


_WORD = re.compile(r"\w[\w.'‑-]*")


def search(records: Sequence[Record], text: str) -> list[tuple[float, Record]]:
    """Records matching every word of `text`, best first: title and tag hits weigh most."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        raise UsageError("search needs at least one word, e.g. axis search treaty")
    phrase = " ".join(words)
    scored = []
    for record in records:
        heading = (record.title if isinstance(record, Event) else record.label).lower()
        tags = " ".join(record.tags) + " " + getattr(record, "metric", "")
        body = _text(record)
        if not all(word in body or word in tags for word in words):
            continue
        score = sum(3 * (w in heading) + 2 * (w in tags) + body.count(w) for w in words)
        score += 5 * (phrase in body) if len(words) > 1 else 0
        scored.append((score, record))
    return sorted(scored, key=lambda pair: (-pair[0], pair[1].span.sort_key, pair[1].id))
