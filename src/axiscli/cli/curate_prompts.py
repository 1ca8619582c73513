"""Prompts for the fields `axis add` was not given, at a terminal, with Tab completion from
the registries (actors, sources, metrics, units and the vocabularies) where the platform has
readline."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, get_args

from axiscli.vocab import ASSESSMENT_KINDS, DOMAINS, QUALIFIERS, ActorKind, SourceKind

# What each kind needs, in the order asked; (field, question, completions, many).
_CITATION = ("citations", "Cited source id", "sources", True)
_DATE = ("date", "Date (EDTF, Enter if the text gives none)", "", False)
_ACTORS = ("actors", "Actors (codes or aliases, separated by ',')", "actors", True)
_ASKED: dict[str, list[tuple[str, str, str, bool]]] = {
    "event": [
        _DATE,
        ("title", "Title", "", False),
        ("summary", "Summary", "", False),
        _ACTORS,
        ("domain", "Domain", "domains", False),
        _CITATION,
    ],
    "figure": [
        ("metric", "Metric", "metrics", False),
        ("label", "Label", "", False),
        ("value", "Value (Enter for a vague magnitude)", "", False),
        ("unit", "Unit", "units", False),
        ("qualifier", "Qualifier", "qualifiers", False),
        _DATE,
        _ACTORS,
        _CITATION,
    ],
    "assessment": [
        ("statement", "Statement (the judgement restated faithfully, hedges kept)", "", False),
        ("kind", "Kind", "assessment kinds", False),
        ("subject", "About which actors (codes or aliases, separated by ',')", "actors", True),
        ("holder", "Whose judgement, as the text names them ('the author')", "", False),
        ("likelihood", "Estimative word as in the quote (Enter if none)", "", False),
        _CITATION,
    ],
    "person": [
        ("name", "Name, as the texts write it", "", False),
        ("country", "Country (actor code, Enter if none)", "actors", False),
    ],
    "source": [
        ("title", "Title", "", False),
        ("kind", "Kind", "source kinds", False),
    ],
    "actor": [
        ("code", "Code (upper case)", "", False),
        ("name", "Name", "", False),
        ("kind", "Kind", "actor kinds", False),
    ],
}


def ask_missing(kind: str, record: dict[str, Any], folders: list[Path]) -> dict[str, Any]:
    import typer

    record = dict(record)
    choices = _registries(folders)
    for field, question, completions, many in _ASKED[kind]:
        if field in record:
            continue
        with _completing(choices.get(completions, [])):
            if field == "citations":
                record["citations"] = _ask_citations(question)
                continue
            answer = typer.prompt(question, default="", show_default=False, err=True).strip()
        if not answer:
            continue
        if many:
            record[field] = [part.strip() for part in answer.split(",") if part.strip()]
        elif field == "value":
            from axiscli.cli.curate_input import number_of

            record[field] = number_of(field, answer)
        else:
            record[field] = answer
    return record


def _ask_citations(question: str) -> list[dict[str, Any]]:
    import typer

    citations: list[dict[str, Any]] = []
    while True:
        source = typer.prompt(
            f"{question} (Enter when done)", default="", show_default=False, err=True
        ).strip()
        if not source:
            return citations
        quote = typer.prompt("Verbatim quote", err=True)
        claimant = typer.prompt(
            "Claimant (Enter if none)", default="", show_default=False, err=True
        ).strip()
        citations.append({"source": source, "quote": quote, "claimant": claimant or None})


def _registries(folders: list[Path]) -> dict[str, list[str]]:
    from axiscli.store import load_store

    store = load_store(folders)
    return {
        "actors": sorted(str(item.get("code")) for item in store.actors),
        "sources": sorted(str(item.get("id")) for item in store.sources),
        "metrics": sorted({str(item.get("metric")) for item in store.figures}),
        "units": sorted({str(item.get("unit")) for item in store.figures}),
        "domains": list(DOMAINS),
        "qualifiers": list(QUALIFIERS),
        "source kinds": list(get_args(SourceKind)),
        "actor kinds": list(get_args(ActorKind)),
        "assessment kinds": list(ASSESSMENT_KINDS),
    }


@contextmanager
def _completing(words: list[str]) -> Iterator[None]:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: prompts work, without Tab
        yield
        return
    previous = readline.get_completer()

    def complete(text: str, state: int) -> str | None:
        matches = [word for word in words if word.lower().startswith(text.lower())]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" ,")  # each of "RUS, PRK" completes on its own
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)
