"""Find the store's folders, load and validate their YAML, and merge them into one Store.

Loading never stops at the first problem: every YAML or schema problem is collected as a
Problem with its file and line, so `axis check` can report them all at once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from axiscli.errors import UsageError
from axiscli.model import Actor, Event, Figure, Source

STORE_FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": Source,
    "actors.yaml": Actor,
    "events.yaml": Event,
    "figures.yaml": Figure,
}
DATA_ENV = "AXIS_DATA"


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


@dataclass(frozen=True)
class Located:
    """A record with the file and YAML node it was read from.

    `record` is the validated model; for a record that failed its schema it is None and only
    `raw` (the mapping as written) is there, so the store's other checks can still look at it.
    """

    record: Any
    file: Path
    node: yaml.Node
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def line_of(self, *loc: str | int) -> int:
        """The line of a field inside the record, e.g. `line_of("citations", 2)`."""
        return _node_line(self.node, loc)


@dataclass
class Store:
    """Everything loaded from one or more store folders."""

    folders: list[Path] = field(default_factory=list)
    sources: list[Located] = field(default_factory=list)
    actors: list[Located] = field(default_factory=list)
    events: list[Located] = field(default_factory=list)
    figures: list[Located] = field(default_factory=list)
    rejected: dict[str, list[Located]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """The store files that were read."""
        return [
            folder / name
            for folder in self.folders
            for name in STORE_FILES
            if (folder / name).is_file()
        ]

    def records(self, filename: str) -> list[Located]:
        records: list[Located] = getattr(self, filename.removesuffix(".yaml"))
        return records


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that leaves dates as the strings they are written as."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def bundled_data_dir() -> Path:
    """The store shipped with axis: inside the installed package, or `data/` in a checkout."""
    packaged = Path(str(resources.files("axiscli"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def data_dirs(extra: Sequence[str | Path] = (), *, bundled: bool = True) -> list[Path]:
    """The folders to load: the bundled store (unless `bundled` is false), then the ones given.

    The library reads no environment variable; the CLI adds AXIS_DATA's folders to `extra`.
    """
    folders = [bundled_data_dir()] if bundled else []
    for given in extra:
        folder = Path(given).expanduser()
        if not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise UsageError(
                f"data folder '{given}' {what}; give a folder holding any of "
                f"{', '.join(STORE_FILES)}",
                field="data",
            )
        if not any((folder / name).is_file() for name in STORE_FILES):
            raise UsageError(
                f"'{given}' is not a store folder: it holds none of {', '.join(STORE_FILES)}",
                field="data",
            )
        if folder.resolve() not in [f.resolve() for f in folders]:
            folders.append(folder)
    if not folders:
        raise UsageError(
            "no store to read: the bundled store is left out and no other folder is given",
            hint="give a store folder, or AXIS_DATA",
            field="data",
        )
    return folders


def load_store(folders: Iterable[Path]) -> Store:
    store = Store()
    for folder in folders:
        store.folders.append(folder)
        for filename, model in STORE_FILES.items():
            path = folder / filename
            if path.is_file():
                located, problems = load_file(path, model)
                store.records(filename).extend(item for item in located if item.record)
                rejected = [item for item in located if item.record is None]
                store.rejected.setdefault(filename, []).extend(rejected)
                store.problems.extend(problems)
    return store


def load_file(path: Path, model: type[BaseModel]) -> tuple[list[Located], list[Problem]]:
    """Parse one YAML file of records and validate each against `model`.

    Records that fail validation come back too, with `record` None, beside their problems.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(path, 0, f"cannot read the file: {error}", hint="save it as UTF-8")]
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return [], [
            Problem(
                path,
                mark.line + 1 if mark else 0,
                f"invalid YAML: {reason}",
                hint="check indentation and quoting near that line",
            )
        ]
    finally:
        loader.dispose()
    if not isinstance(data, list):
        return [], [
            Problem(
                path,
                1,
                "the file must be a YAML list of records",
                hint="start each record with '- '",
            )
        ]
    located: list[Located] = []
    problems: list[Problem] = []
    for node, item in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "a record must be a mapping of fields"))
            continue
        record_id = item.get("id") or item.get("code")
        problems.extend(_duplicate_keys(path, node, record_id))
        try:
            located.append(Located(model.model_validate(item), path, node, item))
        except ValidationError as error:
            located.append(Located(None, path, node, item))
            problems.extend(_schema_problems(path, node, record_id, error))
    return located, problems


def _duplicate_keys(path: Path, node: yaml.MappingNode, record_id: str | None) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for key, _ in node.value:
        if key.value in seen:
            problems.append(
                Problem(
                    path,
                    key.start_mark.line + 1,
                    f"field '{key.value}' is given twice",
                    record_id,
                    "keep one of them",
                )
            )
        seen.add(key.value)
    return problems


def _node_line(node: yaml.Node, loc: tuple[str | int, ...]) -> int:
    """The line a validation error's location points at: the deepest key or item it reaches."""
    line = node.start_mark.line + 1
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            pairs = [(key, value) for key, value in node.value if key.value == step]
            if not pairs:
                break
            key, node = pairs[0]
            line = key.start_mark.line + 1
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


_HINTS = {
    "extra_forbidden": "remove it or fix its spelling",
    "missing": "add it",
    "string_type": 'write it as text; quote dates and codes, e.g. date: "2025"',
    "literal_error": "use one of the values listed",
    "string_pattern_mismatch": "use lowercase words joined by '-' (codes: upper case)",
    "too_short": "give at least one",
}


def _schema_problems(
    path: Path, node: yaml.Node, record_id: str | None, error: ValidationError
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        field_name = ".".join(str(part) for part in loc)
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = f"unknown field '{field_name}'"
        elif detail["type"] == "missing":
            message = f"required field '{field_name}' is missing"
        elif loc:
            message = f"{field_name}: {message}"
        problems.append(
            Problem(path, _node_line(node, loc), message, record_id, _HINTS.get(detail["type"]))
        )
    return problems
