"""Text matching: what --grep, --claimant, --tag, figure TERM and `axis search` find.

Text is folded (`textindex.fold`) and stemmed by SQLite FTS5, so "North Korea's" finds "North
Korea’s", "high-profile" finds "high‑profile" and "shell" finds "shells". The index is built
over the records given, once per call, and only when there is text to match.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from axiscli.errors import UsageError
from axiscli.textindex import TextIndex, all_of, any_of, phrase, stems, words

if TYPE_CHECKING:
    from axiscli.model import Assessment, Event, Figure
    from axiscli.query import Query

    Record = Event | Figure | Assessment

COLUMNS = ("title", "tags", "metric", "summary", "quotes", "claimants")
GREP_COLUMNS = ("title", "metric", "summary", "quotes")
TERM_COLUMNS = ("title", "tags", "metric")
# bm25 weights: a word in a title says more about a record than the same word in a quote.
WEIGHTS = {
    "title": 8.0,
    "tags": 4.0,
    "metric": 4.0,
    "summary": 2.0,
    "quotes": 1.0,
    "claimants": 1.0,
}


def text_row(record: "Record") -> tuple[str, ...]:
    """The record's text, one string per column of COLUMNS (a figure's label is its title, an
    assessment's statement; an assessment's summary is its holder and the horizon's words)."""
    from axiscli.model import Assessment, Event

    if isinstance(record, Event):
        title, metric, summary = record.title, "", record.summary
    elif isinstance(record, Assessment):
        title, metric = record.statement, ""
        summary = "\n".join(filter(None, (record.holder, record.horizon_text)))
    else:
        title, metric, summary = record.label, record.metric, record.note or ""
    return (
        title,
        ", ".join(record.tags),
        metric,
        summary,
        "\n".join(citation.quote for citation in record.citations),
        "\n".join(citation.claimant or "" for citation in record.citations),
    )


def _index(records: "Sequence[Record]") -> TextIndex:
    return TextIndex.in_memory(COLUMNS, map(text_row, records))


def _words(text: str, field: str | None) -> list[str]:
    found = words(text)
    if not found:
        raise UsageError(f"'{text}' has no word to look for; give at least one", field=field)
    return found


def metrics_named(term: str, metrics: Iterable[str]) -> set[str]:
    """The metrics `term` names: those with a dotted segment or a dotted prefix equal to it,
    word by word, once folded and stemmed (`troops` names `troops.dprk-in-russia`, so do
    `troop` and `troops.dprk-in-russia`; `dprk-in-russia` names it and
    `casualties.dprk-in-russia`). Empty when it names none."""
    metrics = sorted(set(metrics))
    parts = [
        (metric, part)
        for metric in metrics
        for segments in [metric.split(".")]
        for part in {
            *segments,
            *(".".join(segments[: n + 1]) for n in range(len(segments))),
        }
    ]
    keys = stems([term, *(part for _, part in parts)])
    wanted = keys[0]
    if not wanted:
        return set()
    return {metric for (metric, _), key in zip(parts, keys[1:], strict=True) if key == wanted}


def select_text(
    records: "Sequence[Record]", query: "Query", *, metrics: Iterable[str] | None = None
) -> "list[Record]":
    """The records that pass the query's text filters (grep, claimants, tags, term), in order.

    grep: a phrase in the title, summary, metric, label, note or quotes; claimants: a phrase in
    a claimant; term: the figures of the metrics it names (`metrics_named`, among `metrics`,
    by default those of `records`), else a phrase in a title, label, metric or tags (the last
    word of each phrase may be the start of a word); tags: a tag equal to one of them, word by
    word, once folded and stemmed.
    """
    known = metrics if metrics is not None or query.term is None else _metrics(records)
    named, expressions = text_filters(query, known or ())
    keep = set(range(len(records)))
    if named:
        keep = {n for n, r in enumerate(records) if getattr(r, "metric", None) in named}
    if expressions:
        index = _index(records)
        for expression in expressions:
            keep &= index.find(expression)
    if query.tags:
        keep &= _tagged(records, query.tags)
    return [record for number, record in enumerate(records) if number in keep]


def text_filters(query: "Query", metrics: Iterable[str]) -> tuple[set[str], list[str]]:
    """The query's text filters as the metrics TERM names (`metrics_named`, among `metrics`)
    and the FTS5 expressions a record must match, each of them (see `select_text`)."""
    named = metrics_named(query.term, metrics) if query.term is not None else set()
    expressions: list[str] = []
    if query.grep is not None:
        expressions.append(phrase(_words(query.grep, "grep"), GREP_COLUMNS, prefix=True))
    if query.claimants:
        names = [_words(name, "claimant") for name in query.claimants]
        expressions.append(any_of(phrase(name, ["claimants"], prefix=True) for name in names))
    if query.term is not None and not named:
        expressions.append(phrase(_words(query.term, None), TERM_COLUMNS, prefix=True))
    return named, expressions


def _metrics(records: "Iterable[Record]") -> list[str]:
    return [metric for record in records if (metric := getattr(record, "metric", None))]


def _tagged(records: "Sequence[Record]", tags: Sequence[str]) -> set[int]:
    known = sorted({tag for record in records for tag in record.tags})
    key = dict(zip(known, tag_keys(known), strict=True))
    wanted = set(filter(None, tag_keys(tags)))
    return {n for n, record in enumerate(records) if any(key[t] in wanted for t in record.tags)}


def tag_keys(tags: Sequence[str]) -> list[str]:
    """What --tag compares: each tag folded and stemmed word by word ('' for one with no word)."""
    return [" ".join(key) for key in stems(tags)]


def unknown_tags(given: Sequence[str], known: Iterable[str]) -> list[str]:
    """The tags of `given` that match none of `known` under the --tag rule."""
    stored = list(known)
    keys = stems([*stored, *given])
    known_keys = set(keys[: len(stored)])
    return [
        tag for tag, key in zip(given, keys[len(stored) :], strict=True) if key not in known_keys
    ]


def search(records: "Sequence[Record]", text: str) -> "list[tuple[float, Record]]":
    """Records holding every word of `text` in any field, best first, with their score
    (see `rank_search`)."""
    ranked = rank_search(_index(records), text, lambda numbers: _newest_first(records, numbers))
    return [(score, records[number]) for score, number in ranked]


def rank_search(
    index: TextIndex, text: str, newest_first: Callable[[Iterable[int]], list[int]]
) -> list[tuple[float, int]]:
    """The rows of `index` holding every word of `text` in any field, best first, with scores.

    A record whose title (or label) holds the words as a phrase comes first, then one whose
    title holds them all; then the record whose words sit in the weightier fields (WEIGHTS,
    counted per word and field); then the newer (`newest_first` orders row numbers); then bm25
    under the same WEIGHTS. The score is 2 for a title phrase or 1 for title words, plus the
    weighted share of fields hit (0…1).
    """
    wanted = words(text)
    if not wanted:
        raise UsageError("search needs at least one word (letters or digits), e.g. treaty")
    relevance = index.rank(all_of(wanted), WEIGHTS)
    tiers = (index.find(phrase(wanted, ["title"])), index.find(all_of(wanted, ["title"])))
    hits = dict.fromkeys(relevance, 0.0)
    for word in wanted:
        for column, weight in WEIGHTS.items():
            for number in index.find(all_of([word], [column])) & hits.keys():
                hits[number] += weight
    most = len(wanted) * sum(WEIGHTS.values())
    scored = {
        number: sum(number in tier for tier in tiers) + hits[number] / (most + 1)
        for number in relevance
    }
    newest = {number: place for place, number in enumerate(newest_first(relevance))}
    ranked = sorted(relevance, key=lambda n: (-scored[n], newest[n], -relevance[n]))
    return [(scored[number], number) for number in ranked]


def _newest_first(records: "Sequence[Record]", numbers: Iterable[int]) -> list[int]:
    """The numbers of the given records in the model's date order reversed, undated last."""
    numbers = list(numbers)
    # An assessment is undated (its horizon is not when it was made): `sort_key` says so.
    dated = [number for number in numbers if not records[number].sort_key[0]]
    undated = [number for number in numbers if records[number].sort_key[0]]
    return sorted(dated, key=lambda number: records[number].sort_key, reverse=True) + undated
