"""The store's integrity rules, beyond what each record's schema checks on its own."""

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from axiscli.names import ActorNames
from axiscli.store import Located, Problem, Store

_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "‑": "-", "–": "-", "—": "-"})


def _every(store: Store, filename: str) -> list[Located]:
    """The file's records, those that failed their schema included: their ids, references and
    quotes are still checked, so one record's schema error hides nothing about the others."""
    return [*store.records(filename), *store.rejected.get(filename, [])]


def _text_field(item: Located, key: str) -> str | None:
    value = item.raw.get(key)
    return value if isinstance(value, str) else None


def _citations(item: Located) -> list[tuple[int, dict[str, Any]]]:
    citations = item.raw.get("citations")
    if not isinstance(citations, list):
        return []
    return [(index, c) for index, c in enumerate(citations) if isinstance(c, dict)]


def check_store(store: Store, texts_dir: Path | None = None) -> list[Problem]:
    """Every problem of the store: load problems first, then ids, references and quotes."""
    records = [*_every(store, "events.yaml"), *_every(store, "figures.yaml")]
    problems = [
        *store.problems,
        *_duplicates(_every(store, "sources.yaml"), "source id"),
        *_duplicates(_every(store, "actors.yaml"), "actor code", key="code"),
        *_duplicates(records, "record id"),
        *_alias_clashes(store.actors),
        *_references(store, records),
    ]
    if texts_dir is not None:
        problems.extend(check_quotes(store, records, texts_dir))
    return problems


def _duplicates(located: Iterable[Located], what: str, key: str = "id") -> Iterator[Problem]:
    first_seen: dict[str, Located] = {}
    for item in located:
        value = _text_field(item, key)
        if value is None:
            continue
        if value in first_seen:
            earlier = first_seen[value]
            yield Problem(
                item.file,
                item.line,
                f"duplicate {what}; first used at {earlier.file}:{earlier.line}",
                value,
                "give one of them another id",
            )
        else:
            first_seen[value] = item


def _alias_clashes(actors: list[Located]) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for item in actors:
        actor = item.record
        for name in {actor.code.lower(), actor.name.lower(), *(a.lower() for a in actor.aliases)}:
            if owner.setdefault(name, actor.code) != actor.code:
                yield Problem(
                    item.file,
                    item.line_of("aliases"),
                    f"name '{name}' already stands for {owner[name]}",
                    actor.code,
                    "an alias must name one actor",
                )


def _references(store: Store, records: list[Located]) -> Iterator[Problem]:
    codes = {_text_field(item, "code") for item in _every(store, "actors.yaml")}
    names = ActorNames(item.record for item in store.actors)
    source_ids = {_text_field(item, "id") for item in _every(store, "sources.yaml")}
    for item in records:
        record_id = _text_field(item, "id")
        actors = item.raw.get("actors")
        for index, code in enumerate(actors if isinstance(actors, list) else []):
            if isinstance(code, str) and code not in codes:
                yield Problem(
                    item.file,
                    item.line_of("actors", index),
                    f"unknown actor '{code}'",
                    record_id,
                    names.suggestion(code) or "add it to actors.yaml",
                )
        for index, citation in _citations(item):
            source = citation.get("source")
            if isinstance(source, str) and source not in source_ids:
                yield Problem(
                    item.file,
                    item.line_of("citations", index, "source"),
                    f"unknown source '{source}'",
                    record_id,
                    "add it to sources.yaml or fix the id",
                )


def check_quotes(store: Store, records: list[Located], texts_dir: Path) -> Iterator[Problem]:
    """Each quote must stand, character for character, in the text of the source it cites.

    Quotes of sources with no `text_file` cannot be checked; `unchecked_quotes` counts them.
    """
    texts: dict[str, str | None] = {}
    for item in store.sources:
        source = item.record
        texts[source.id] = None
        if source.text_file:
            path = texts_dir / source.text_file
            if path.is_file():
                texts[source.id] = path.read_text(encoding="utf-8")
            else:
                yield Problem(
                    item.file,
                    item.line_of("text_file"),
                    f"text '{source.text_file}' is not in {texts_dir}",
                    source.id,
                    "check the folder or the name",
                )
    for item in records:
        for index, citation in _citations(item):
            quote, source = citation.get("quote"), citation.get("source")
            text = texts.get(source) if isinstance(source, str) else None
            if text is None or not isinstance(quote, str) or quote in text:
                continue
            hint = "copy it from the text again"
            if _loosely(quote) in _loosely(text):
                hint = "it differs only in quotes, dashes, hyphens or spaces; copy them exactly"
            yield Problem(
                item.file,
                item.line_of("citations", index, "quote"),
                f"quote not found verbatim in {source}",
                _text_field(item, "id"),
                hint,
            )


def unchecked_quotes(store: Store) -> int:
    """How many citations cite a source that has no text to check them against."""
    with_text = {item.record.id for item in store.sources if item.record.text_file}
    records = [*store.events, *store.figures]
    return sum(c.source not in with_text for item in records for c in item.record.citations)


def _loosely(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).split())
