"""What curators give `add`, `edit` and `import`: flags, JSON, CSV, prompts and an editor,
turned into records, and a refused change's problems listed one a line."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.cli.output import note
from axiscli.errors import UsageError

if TYPE_CHECKING:
    from axiscli.curate import Written
    from axiscli.curate.importing import Numbered

# Which options each kind of record takes, by the name of the command's parameter, and the
# field each fills where the names differ.
_DATED = {"record_id", "date", "date_text", "date_note", "actors", "tags", "sources"}
_KIND_OPTIONS = {
    "event": _DATED | {"title", "summary", "domain", "location", "people"},
    "figure": _DATED
    | {"metric", "label", "value", "magnitude", "low", "high", "unit", "qualifier"}
    | {"figure_note", "updates", "disputes", "equivalent_to"},
    "source": {"record_id", "title", "description", "authors", "publisher", "published", "url"}
    | {"source_kind", "text_file", "notes"},
    "actor": {"code", "name", "actor_kind", "aliases"},
    "assessment": {"record_id", "statement", "assessment_kind", "subject", "dyad", "people"}
    | {"holder", "horizon", "horizon_text", "likelihood", "tags", "sources", "rests_on"}
    | {"disputes"},
    "person": {"record_id", "name", "aliases", "country"},
}
_FIELD_NAMES = {
    "record_id": "id",
    "figure_note": "note",
    "source_kind": "kind",
    "actor_kind": "kind",
    "assessment_kind": "kind",
}
# The flag of a parameter whose name is not the flag's ("people" is --person).
_FLAGS = {
    "people": "--person",
    "record_id": "--id",
    "figure_note": "--note",
    "aliases": "--alias",
    "disputes": "--disputes",
    "statement": "--statement",
}
_NUMBERS = {"value", "low", "high"}


def flag_record(kind: str, given: dict[str, Any]) -> dict[str, Any]:
    """The record the flags describe; UsageError for a flag that does not fit the kind."""
    from axiscli.curate.records import kind_file

    kind_file(kind)
    citation_flags = ("sources", "quotes", "claimants")
    record: dict[str, Any] = {}
    for name, value in given.items():
        if value is None or value == [] or name in citation_flags[1:]:
            continue
        if name not in _KIND_OPTIONS[kind]:
            flag = _FLAGS.get(name) or "--" + name.removesuffix("s").replace("_", "-")
            raise UsageError(
                f"{'people' if kind == 'person' else kind + 's'} have no {flag}",
                hint=f"`axis add {kind} --help` lists theirs",
            )
        if name == "sources":
            continue
        field = _FIELD_NAMES.get(name, name)
        record[field] = number_of(field, value) if field in _NUMBERS else value
    if "authors" in record:
        record["authors"] = [_person(name) for name in record["authors"]]
    citations = citations_of(given.get("sources"), given.get("quotes"), given.get("claimants"))
    if citations:
        record["citations"] = citations
    return record


def citations_of(
    sources: list[str] | None, quotes: list[str] | None, claimants: list[str] | None
) -> list[dict[str, Any]]:
    """Citations from repeated --source/--quote/--claimant: the n-th of each go together."""
    sources, quotes, claimants = sources or [], quotes or [], claimants or []
    if len(quotes) != len(sources) or (claimants and len(claimants) != len(sources)):
        raise UsageError(
            f"{len(sources)} sources, {len(quotes)} quotes and {len(claimants)} claimants: "
            "each source needs its quote, and claimants go one per source or not at all",
            hint="give --claimant '' for a citation with none, or use --from-json",
            field="quote",
        )
    return [
        {"source": source, "quote": quote, "claimant": claimant or None}
        for source, quote, claimant in zip(
            sources, quotes, claimants or [""] * len(sources), strict=True
        )
    ]


def number_of(field: str, text: str) -> int | float:
    try:
        number = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise UsageError(f"'{text}' is not a number", field=field) from None
    return (
        int(number)
        if number.is_integer() and "." not in text and "e" not in text.lower()
        else number
    )


def _person(name: str) -> dict[str, str]:
    """'Lee, Seong-Hyon' is a person (family, given); a name without a comma an organisation."""
    family, comma, given = (part.strip() for part in name.partition(","))
    if not comma:
        return {"literal": name.strip()}
    return {"family": family, "given": given} if given else {"family": family}


def parsed_sets(sets: list[str]) -> dict[str, Any]:
    """`--set field=value` as fields: the value read as YAML (`[RUS, PRK]`, `1200`); empty: None."""
    import yaml

    from axiscli.store.yaml_io import Loader

    changes: dict[str, Any] = {}
    for assignment in sets:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            raise UsageError(f"'{assignment}' is not FIELD=VALUE", field="set")
        try:
            changes[name.strip()] = yaml.load(value, Loader=Loader) if value.strip() else None
        except yaml.YAMLError as error:
            raise UsageError(f"'{value}' is not a YAML value: {error}", field="set") from None
    if "id" in changes or "code" in changes:
        raise UsageError("a record's id never changes", hint="add a new record, remove this one")
    return changes


def json_records(source: str, kind: str | None) -> "list[Numbered]":
    from axiscli.curate.importing import from_json

    return from_json(_read(source), kind, source)


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(f"cannot read '{source}': {reason}", field="file") from None


def import_all(
    source: str,
    kind: str | None,
    folders: list[Path],
    target: Path,
    *,
    texts_dir: Path | None,
    dry_run: bool,
) -> "list[Written]":
    """Add every record of a CSV or JSON file in one transaction."""
    from axiscli.curate import add_records
    from axiscli.curate.importing import from_csv, from_json

    text = _read(source)
    as_csv = source.lower().endswith((".csv", ".tsv")) or (
        source == "-" and not text.lstrip().startswith(("{", "[")) and text.strip() != ""
    )
    numbered = (from_csv if as_csv else from_json)(text, kind, source)
    if not numbered:
        raise UsageError(f"'{source}' holds no records", field="file")
    rows = [number for number, _, _ in numbered]
    with problems_listed(source, rows):
        return add_records(
            folders,
            target,
            [(record_kind, fields) for _, record_kind, fields in numbered],
            texts_dir=texts_dir,
            dry_run=dry_run,
        )


@contextmanager
def problems_listed(source: str | None = None, rows: list[int] | None = None) -> Iterator[None]:
    """A refused change's problems, one a line on stderr, before its one-line error: a new
    record's by the row or line of `source` it came from."""
    from axiscli.curate import RejectedError

    try:
        yield
    except RejectedError as refused:
        where = {
            written.record_id: f"{source}:{row}" if source else "the new record"
            for written, row in zip(
                refused.planned, rows or [0] * len(refused.planned), strict=False
            )
        }
        for problem in refused.problems:
            if problem.line:
                note(str(problem))
            else:
                subject = f"'{problem.record_id}': " if problem.record_id else ""
                hint = f" ({problem.hint})" if problem.hint else ""
                place = where.get(problem.record_id or "", str(problem.file))
                note(f"{place}: {subject}{problem.message}{hint}")
        raise


def edit_in_editor(
    folders: list[Path], target: Path, record_id: str, *, texts_dir: Path | None, dry_run: bool
) -> "list[Written]":
    """Open the record in $VISUAL or $EDITOR; write it back once it passes the checks."""
    import shlex
    import subprocess
    import tempfile

    import typer

    from axiscli.curate import RejectedError, edit_record, record_text

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError(
            "no editor to open: set VISUAL or EDITOR", hint="or change fields with --set"
        )
    was = record_text(folders, target, record_id)
    text = was
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{record_id}.yaml"
        while True:
            path.write_text(text, encoding="utf-8")
            try:
                subprocess.run([*shlex.split(editor), str(path)], check=True)
            except (OSError, subprocess.CalledProcessError) as error:
                raise UsageError(f"the editor '{editor}' failed: {error}") from None
            text = path.read_text(encoding="utf-8")
            if text == was:
                note(f"'{record_id}' is unchanged; nothing written.")
                return []
            try:
                with problems_listed():
                    return edit_record(
                        folders,
                        target,
                        record_id,
                        was=was,
                        text=text,
                        texts_dir=texts_dir,
                        dry_run=dry_run,
                    )
            except (RejectedError, UsageError) as refused:
                if not (sys.stdin.isatty() and sys.stderr.isatty()):
                    raise
                note(f"Error: {refused.message}")
                if not typer.confirm("Open the editor again?", default=True, err=True):
                    raise
