"""The store as loaded: every record with the file and line it was read from, and the problems.

Loading never stops at the first problem: every YAML or schema problem is collected as a
Problem with its file and line, so `axis check` can report them all at once. `locate` finds
the folders and the files they hold, `yaml_io` parses them; this module validates the records
against the model. YAML and pydantic are imported when a store is loaded, not before: finding
a store's files must stay cheap for a command that answers from the compiled index.
"""

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any

from axiscli.store.locate import (
    DATA_ENV,
    KINDS,
    SHARDED,
    bundled_data_dir,
    data_dirs,
    entry_problem,
    store_files,
)

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from axiscli.store.yaml_io import FieldLines, Parsed

    # The model of each kind of store file, e.g. STORE_FILES["events.yaml"] is Event.
    STORE_FILES: dict[str, type[BaseModel]]

__all__ = [
    "DATA_ENV",
    "KINDS",
    "SHARDED",
    "STORE_FILES",
    "Located",
    "Problem",
    "Store",
    "Unstreamable",
    "bundled_data_dir",
    "data_dirs",
    "load_file",
    "load_parts",
    "load_store",
    "schema_message",
    "store_files",
]


def __getattr__(name: str) -> Any:
    if name == "STORE_FILES":
        return _models()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _models() -> "dict[str, type[BaseModel]]":
    from axiscli.model import Actor, Assessment, Event, Figure, Individual, Source

    return {
        "sources.yaml": Source,
        "actors.yaml": Actor,
        "people.yaml": Individual,
        "events.yaml": Event,
        "figures.yaml": Figure,
        "assessments.yaml": Assessment,
    }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the store, located as precisely as we can."""

    file: Path
    line: int
    message: str
    record_id: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        subject = f"'{self.record_id}': " if self.record_id else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{subject}{self.message}{hint}"


_AS_VALIDATED: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Located:
    """A record with the file and line it was read from.

    `record` is the validated model. For a record that failed its schema it is None, and `raw`
    holds the mapping as written, so the store's other checks can still look at it; `get`
    reads a field from either. (A valid record keeps no `raw`: the model holds its fields, and
    a second copy of a large store would double what loading it costs.) `fields` finds the
    lines of fields inside the record, the `index`-th of its file.
    """

    record: Any
    file: Path
    line: int
    raw: Mapping[str, Any] = field(default_factory=lambda: _AS_VALIDATED)
    fields: "FieldLines | None" = field(default=None, repr=False, compare=False)
    index: int = 0

    def get(self, key: str) -> Any:
        """The field `key` (None where it is not given): the model's, or as written."""
        if self.record is not None:
            return getattr(self.record, key, None)
        return self.raw.get(key)

    def line_of(self, *loc: str | int) -> int:
        """The line of a field inside the record, e.g. `line_of("citations", 2)`: the deepest
        key or item of the path that is written in the file."""
        if self.fields is None or not loc:
            return self.line
        return self.fields.line_of(self.index, self.line, loc)


@dataclass
class Store:
    """Everything loaded from one or more store folders."""

    folders: list[Path] = field(default_factory=list)
    sources: list[Located] = field(default_factory=list)
    actors: list[Located] = field(default_factory=list)
    people: list[Located] = field(default_factory=list)
    events: list[Located] = field(default_factory=list)
    figures: list[Located] = field(default_factory=list)
    assessments: list[Located] = field(default_factory=list)
    rejected: dict[str, list[Located]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """The store files of its folders (`store_files`), shards included."""
        return [path for folder in self.folders for _, path in store_files(folder)]

    def records(self, filename: str) -> list[Located]:
        """The valid records of one kind of file, e.g. `records("events.yaml")`."""
        records: list[Located] = getattr(self, filename.removesuffix(".yaml"))
        return records


def load_store(
    folders: Iterable[Path],
    texts: Mapping[Path, str] | None = None,
    *,
    kinds: Collection[str] = KINDS,
) -> Store:
    """Load every file of these store folders, in order, shards included; with `kinds`, only
    the files of those kinds (e.g. the registries, `("sources.yaml", "actors.yaml")`).

    `texts` gives some files' text instead of what is on disk, files not written yet included:
    a write is checked this way before anything is written."""
    from axiscli.store.yaml_io import gc_paused

    texts = texts or {}
    store = Store()
    strings: dict[str, str] = {}
    with gc_paused():
        for folder in folders:
            store.folders.append(folder)
            for kind, path in store_files(folder, adding=texts):
                if kind not in kinds:
                    continue
                wrong = None if path in texts else entry_problem(folder, kind, path)
                if wrong is not None:
                    message, hint = wrong
                    store.problems.append(Problem(path, 0, message, hint=hint))
                    continue
                located, problems = load_file(
                    path, _models()[kind], strings=strings, text=texts.get(path)
                )
                store.records(kind).extend(item for item in located if item.record)
                rejected = [item for item in located if item.record is None]
                store.rejected.setdefault(kind, []).extend(rejected)
                store.problems.extend(problems)
    return store


def load_file(
    path: Path,
    model: "type[BaseModel]",
    *,
    strings: dict[str, str] | None = None,
    text: str | None = None,
) -> tuple[list[Located], list[Problem]]:
    """Parse one YAML file of records and validate each against `model`.

    Records that fail validation come back too, with `record` None, beside their problems. An
    empty file, or one of comments only, holds no records. `strings` shares short strings
    between the files of one store; `text`, when given, is read instead of the file.
    """
    import yaml

    from axiscli.store.yaml_io import FieldLines, TooBig, TooDeep, gc_paused, parse

    if text is None:
        read = _read(path)
        if isinstance(read, Problem):
            return [], [read]
        text = read
    with gc_paused():
        try:
            parsed = parse(text, strings)
        except yaml.reader.ReaderError as error:
            # PyYAML's own wording spans two lines and gives an offset, not a line.
            character = error.character
            shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
            return [], [
                Problem(
                    path,
                    text.count("\n", 0, error.position) + 1,
                    f"invalid YAML: the control character {shown} cannot stand in a store file",
                    hint="remove it; inside double quotes an escape such as \\t stands for one",
                )
            ]
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            # A reader's error spans lines ("…\n  in "<unicode string>", position 0"): one line.
            reason = " ".join((getattr(error, "problem", None) or str(error)).split())
            message, hint = (
                f"invalid YAML: {reason}",
                "check indentation and quoting near that line",
            )
            if isinstance(error, TooDeep | TooBig):
                message = f"refused: {reason}"
                hint = "write each record out in full, without anchors, aliases or merge keys"
                if isinstance(error, TooDeep):
                    hint = "records nest a few levels deep; flatten the data"
            elif "constructor for the tag" in reason:
                hint = "store files hold plain text, numbers, lists and mappings: remove the tag"
            elif "too long" in reason:
                hint = "write it with fewer digits, or quote it as text"
            elif "end of stream" in reason and "quoted" in str(getattr(error, "context", "")):
                # The end of the file is where it was noticed; the quote opened where it began.
                mark = getattr(error, "context_mark", None) or mark
                message = "invalid YAML: a quoted text that starts on this line is never closed"
                hint = "close the quote, or escape the quote marks inside it"
            elif mark is not None and (opened := _quote_left_open(text, mark)) is not None:
                # A quote left open swallows the lines after it until the next quote mark; the
                # parser stumbles only there, lines later.
                message = (
                    f"invalid YAML: {reason} on line {mark.line + 1}, after a quote opened on "
                    "this line and not closed on it"
                )
                hint = "close the quote on this line, or escape the quote marks inside it"
                mark = opened
            line = mark.line + 1 if mark else 0
            return [], [Problem(path, line, message, hint=hint)]
        del text
        if not _listed(parsed):
            return [], [
                Problem(
                    path,
                    1,
                    "the file must be a YAML list of records",
                    hint="start each record with '- '",
                )
            ]
        return _validated(path, model, parsed, FieldLines(path, parsed.starts))


class Unstreamable(Exception):
    """A file cannot be loaded a part at a time: it has a problem, or must be parsed whole.
    `load_file` reads it whole and says what the problem is."""


def load_parts(path: Path, model: "type[BaseModel]") -> Iterator[list[Located]]:
    """The records of a file thought to be clean, validated a chunk of records at a time
    (`yaml_io.parse_parts`, each chunk sharing short strings within itself), so that a caller
    can use each chunk and let it go before the next is read. Raise Unstreamable at the first
    problem of any kind."""
    import yaml

    from axiscli.store.yaml_io import Unsplittable, parse_parts

    text = _read(path)
    if isinstance(text, Problem):
        raise Unstreamable(text)
    first = 0
    try:
        for parsed in parse_parts(text):
            if not _listed(parsed):
                raise Unstreamable(f"{path}: not a list of records")
            located, problems = _validated(path, model, parsed, None, first)
            if problems:
                raise Unstreamable(problems[0])
            first += len(located)
            yield located
    except (yaml.YAMLError, Unsplittable) as error:
        raise Unstreamable(f"{path}: to be parsed whole") from error


def _read(path: Path) -> "str | Problem":
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Problem(path, 0, f"cannot read the file: {error}", hint="save it as UTF-8")
    except OSError as error:
        reason = error.strerror or str(error)
        return Problem(path, 0, f"cannot read the file: {reason}")


def _listed(parsed: "Parsed") -> bool:
    """Whether the document is a list of records (rather than one mapping, or a scalar)."""
    return isinstance(parsed.data, list) and len(parsed.lines) == len(parsed.data)


def _validated(
    path: Path,
    model: "type[BaseModel]",
    parsed: "Parsed",
    fields: "FieldLines | None",
    first: int = 0,
) -> tuple[list[Located], list[Problem]]:
    """The records of `parsed`, the `first`-th record of the file onward, each validated."""
    from pydantic import ValidationError

    duplicates = _by_record(parsed.lines, parsed.duplicates)
    located: list[Located] = []
    problems: list[Problem] = []
    records = parsed.data
    for index, line in enumerate(parsed.lines):
        # Each mapping is let go once validated: a valid record's model holds its values, so
        # a file's mappings and the store's models are never all alive at once.
        item, records[index] = records[index], None
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "a record must be a mapping of fields"))
            continue
        record_id = item.get("id") or item.get("code")
        problems.extend(
            Problem(path, at, f"field '{key}' is given twice", record_id, "keep one of them")
            for at, key in duplicates.get(index, ())
        )
        try:
            record = model.model_validate(item)
        except ValidationError as error:
            rejected = Located(None, path, line, item, fields, first + index)
            located.append(rejected)
            problems.extend(_schema_problems(rejected, record_id, error))
        else:
            located.append(Located(record, path, line, _AS_VALIDATED, fields, first + index))
    return located, problems


def _by_record(
    lines: list[int], duplicates: list[tuple[int, str]]
) -> dict[int, list[tuple[int, str]]]:
    """The repeated keys of each record (by its place in the file), from their lines."""
    grouped: dict[int, list[tuple[int, str]]] = {}
    for line, key in duplicates:
        index = max(bisect_right(lines, line) - 1, 0)
        grouped.setdefault(index, []).append((line, key))
    return grouped


# A line whose value (or list item) opens a quote: `  title: "Joint…`, `- 'x…`.
_OPENS_QUOTE = re.compile(r"""\s*(?:-\s+)?(?:[\w.-]+:\s+)?(?P<quote>["'])(?P<rest>.*)""")


def _quote_left_open(text: str, mark: Any, within: int = 60) -> Any:
    """The nearest line at or above `mark` (at most `within` lines up) whose value opens a quote
    that its line does not close, as a mark with a `line` (0-based); None if there is none. A
    store writes each value on one line, so such a line is where an error further down began."""
    end = text.find("\n", mark.index)
    start = mark.index
    for _ in range(within):
        start = text.rfind("\n", 0, start)
        if start < 0:
            break
    lines = text[start + 1 : len(text) if end < 0 else end].split("\n")
    first = mark.line - (len(lines) - 1)
    for offset in range(len(lines) - 1, -1, -1):
        opens = _OPENS_QUOTE.fullmatch(lines[offset])
        if opens is None:
            continue
        rest = opens["rest"]
        if opens["quote"] == '"':
            rest = re.sub(r"\\.", "", rest)
        else:
            rest = rest.replace("''", "")
        if opens["quote"] not in rest and first + offset < mark.line:
            return SimpleNamespace(line=first + offset)
    return None


_HINTS = {
    "extra_forbidden": "remove it or fix its spelling",
    "missing": "add it",
    "string_type": 'write it as text; quote dates and codes, e.g. date: "2025"',
    "literal_error": "use one of the values listed",
    "string_pattern_mismatch": "use lowercase words joined by '-' (codes: upper case)",
    "too_short": "give at least one",
}


def _schema_problems(
    item: Located, record_id: str | None, error: "ValidationError"
) -> list[Problem]:
    return [
        Problem(
            item.file,
            item.line_of(*detail["loc"]),
            schema_message(detail),
            record_id,
            _HINTS.get(detail["type"]),
        )
        for detail in error.errors()
    ]


def schema_message(detail: "ErrorDetails") -> str:
    """One of pydantic's validation errors as axis words it: "unknown field 'x'", "required
    field 'title' is missing", "citations.0.quote: String should have at least 1 character"."""
    loc = detail["loc"]
    field_name = ".".join(str(part) for part in loc)
    message = detail["msg"].removeprefix("Value error, ")
    if detail["type"] == "extra_forbidden":
        return f"unknown field '{field_name}'"
    if detail["type"] == "missing":
        return f"required field '{field_name}' is missing"
    return f"{field_name}: {message}" if loc else message
