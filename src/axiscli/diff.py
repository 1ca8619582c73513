"""What changed in the store between two git revisions: records (sources, actors, people, events,
figures, assessments) added, removed, changed field by field or moved to another file, and
figures whose value changed.

A revision is whatever git's revision syntax names (`HEAD~3`, `v0.2`, `@{2025-11-01}`); the
working tree is the store as it is on disk. `axiscli.gitstore` reads each store file at a
revision; this module compares what it read. Records are compared as the plain data their YAML
holds, by kind and id (actors by `code`), so a record that failed its schema is still compared,
and reported. A file that is not valid YAML at one revision is reported, and its records are left
out of the comparison rather than called added or removed. Nothing here prints: `StoreDiff` is
the whole answer.
"""

import json
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from axiscli.errors import UsageError
from axiscli.gitstore import GitStore, StoreFiles

Status = Literal["added", "removed", "changed", "moved"]
FileStatus = Literal["added", "removed", "changed"]
Record = dict[str, Any]

# The kind of record each store file holds, in the order the store loads them.
KIND_OF_FILE = {
    "sources.yaml": "source",
    "actors.yaml": "actor",
    "people.yaml": "person",
    "events.yaml": "event",
    "figures.yaml": "figure",
    "assessments.yaml": "assessment",
}
FILE_OF_KIND = {kind: file for file, kind in KIND_OF_FILE.items()}
KIND_ORDER = tuple(KIND_OF_FILE.values())
# What a figure states about its quantity: a change to any of them changes its value.
VALUE_FIELDS = ("value", "magnitude", "low", "high", "unit", "qualifier")
STATUSES: tuple[Status, ...] = ("added", "removed", "changed", "moved")


@dataclass(frozen=True)
class Revision:
    """One side of the comparison: a revision as given and the commit it names, or (both None)
    the working tree."""

    name: str | None
    commit: str | None = None

    @property
    def label(self) -> str:
        if self.name is None:
            return "the working tree"
        short = f" ({self.commit[:10]})" if self.commit and self.commit != self.name else ""
        return f"{self.name}{short}"


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: `field` is a path such as `title`, `citations[1].quote` (list
    items counted from 0); `old` or `new` is None where the field or item is absent."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed, changed (field by field) or only moved to another file.

    `old` and `new` are the record as written at each side (None where it is absent); a changed
    record may also have moved (`moved`)."""

    kind: str
    id: str
    status: Status
    old_file: str | None
    new_file: str | None
    fields: tuple[FieldChange, ...] = ()
    old: Record | None = None
    new: Record | None = None

    @property
    def moved(self) -> bool:
        return None not in (self.old_file, self.new_file) and self.old_file != self.new_file

    @property
    def record(self) -> Record:
        """The record as it is now, or as it was for a removed one."""
        record = self.new if self.new is not None else self.old
        assert record is not None
        return record


@dataclass(frozen=True)
class ValueChange:
    """A figure whose quantity changed: `old` and `new` hold its `VALUE_FIELDS`."""

    id: str
    metric: Any
    label: Any
    old: Record
    new: Record


@dataclass(frozen=True)
class FileChange:
    """A store file added, removed or whose text changed (comments included)."""

    path: str
    status: FileStatus


@dataclass(frozen=True)
class DiffProblem:
    """Something at one revision that could not be compared or is not a valid record."""

    revision: str
    file: str
    line: int
    message: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f"'{self.record_id}': " if self.record_id else ""
        return f"{where} at {self.revision}: {subject}{self.message}"


@dataclass
class StoreDiff:
    """Everything that changed from `old` to `new`, records in kind order, then by id."""

    old: Revision
    new: Revision
    folders: list[str] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    figure_values: list[ValueChange] = field(default_factory=list)
    problems: list[DiffProblem] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(change.status == status for change in self.records)

    @property
    def empty(self) -> bool:
        return not (self.files or self.records or self.problems)


def parse_range(spec: str | None) -> tuple[str, str | None, bool]:
    """`REV..REV`, `REV..` (to the working tree), `REV` alone (against the working tree), or
    nothing (HEAD against the working tree) as (old, new, from_merge_base); `new` is None for
    the working tree. `A...B` compares B with the merge base of A and B, as `git diff` does."""
    if not spec:
        return "HEAD", None, False
    if spec.startswith(":/") or ".." not in spec:
        return spec, None, False
    merge_base = "..." in spec
    old, _, new = spec.partition("..." if merge_base else "..")
    return old or "HEAD", new or None, merge_base


def diff_store(folders: Sequence[Path], revisions: str | None = None) -> StoreDiff:
    """What changed in the store held in `folders` between the revisions `revisions` names
    (see `parse_range`); each folder is read in the git repository that holds it."""
    old_name, new_name, merge_base = parse_range(revisions)
    for name in (old_name, new_name):
        if name is not None and name.startswith("-"):
            raise UsageError(f"'{name}' is not a revision: a revision never starts with '-'")
    stores = [GitStore.of(folder) for folder in folders]
    several = len({store.root for store in stores}) > 1
    old_side: StoreFiles = {}
    new_side: StoreFiles = {}
    old = new = Revision(None)
    for number, store in enumerate(stores):
        new_commit = store.commit(new_name) if new_name is not None else None
        old_commit = store.commit(old_name)
        if merge_base:
            old_commit = store.merge_base(old_commit, new_commit or store.commit("HEAD"))
        if number == 0:
            old, new = Revision(old_name, old_commit), Revision(new_name, new_commit)
        prefix = str(store.root) + os.sep if several else ""
        old_side.update(_named(prefix, store.files_at(old_commit)))
        new_side.update(_named(prefix, store.files_at(new_commit)))
    diff = StoreDiff(old, new, folders=[str(folder) for folder in folders])
    _compare(diff, old_side, new_side)
    return diff


def _named(prefix: str, files: StoreFiles) -> StoreFiles:
    return {prefix + path: value for path, value in files.items()} if prefix else files


# --- comparing ---------------------------------------------------------------------------------


@dataclass
class _Found:
    kind: str
    id: str
    file: str
    line: int
    record: Record


def _compare(diff: StoreDiff, old_files: StoreFiles, new_files: StoreFiles) -> None:
    for path in sorted(old_files.keys() | new_files.keys()):
        if path not in new_files:
            diff.files.append(FileChange(path, "removed"))
        elif path not in old_files:
            diff.files.append(FileChange(path, "added"))
        elif old_files[path][1] != new_files[path][1]:
            diff.files.append(FileChange(path, "changed"))
    # A file whose text is the same at both sides holds the same records: only the others are
    # read, so a diff of a large store costs what changed in it.
    changed = {change.path for change in diff.files}
    old, old_unread = _records(diff.old, old_files, changed, diff.problems)
    new, new_unread = _records(diff.new, new_files, changed, diff.problems)
    for key in sorted(old.keys() | new.keys(), key=lambda key: (KIND_ORDER.index(key[0]), key[1])):
        before, after = old.get(key), new.get(key)
        if after is None:
            assert before is not None
            if before.file not in new_unread:
                diff.records.append(
                    RecordChange(*key, "removed", before.file, None, old=before.record)
                )
        elif before is None:
            if after.file not in old_unread:
                diff.records.append(RecordChange(*key, "added", None, after.file, new=after.record))
                _validate(after, diff.new, diff.problems)
        else:
            fields = tuple(_record_changes(before.record, after.record))
            if fields or before.file != after.file:
                status: Status = "changed" if fields else "moved"
                diff.records.append(
                    RecordChange(
                        *key, status, before.file, after.file, fields, before.record, after.record
                    )
                )
                _validate(after, diff.new, diff.problems)
            if key[0] == "figure" and any(f.field.split("[")[0] in VALUE_FIELDS for f in fields):
                diff.figure_values.append(
                    ValueChange(
                        key[1],
                        after.record.get("metric"),
                        after.record.get("label"),
                        {name: before.record.get(name) for name in VALUE_FIELDS},
                        {name: after.record.get(name) for name in VALUE_FIELDS},
                    )
                )


def _records(
    revision: Revision,
    files: StoreFiles,
    paths: set[str],
    problems: list[DiffProblem],
) -> tuple[dict[tuple[str, str], _Found], set[str]]:
    """The records of the files at `paths`, by (kind, id), and the files that could not be
    read as records."""
    import yaml

    from axiscli.store.yaml_io import parse

    found: dict[tuple[str, str], _Found] = {}
    unread: set[str] = set()
    at = revision.label
    for path in sorted(paths & files.keys()):
        file_kind, content = files[path]
        kind = KIND_OF_FILE[file_kind]
        key_name = "code" if kind == "actor" else "id"
        try:
            if content is None:
                raise OSError("cannot be read")
            parsed = parse(content.decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(DiffProblem(at, path, 0, "cannot read the file: it is not UTF-8"))
            unread.add(path)
            continue
        except OSError:
            problems.append(DiffProblem(at, path, 0, "cannot read the file"))
            unread.add(path)
            continue
        except (yaml.YAMLError, RecursionError) as error:
            problems.append(_yaml_problem(at, path, error))
            unread.add(path)
            continue
        data = [] if parsed.data is None else parsed.data
        if not isinstance(data, list):
            problems.append(DiffProblem(at, path, 1, "the file must be a YAML list of records"))
            unread.add(path)
            continue
        lines = parsed.lines or [0] * len(data)
        for item, line in zip(data, lines, strict=False):
            record_id = item.get(key_name) if isinstance(item, dict) else None
            if not isinstance(record_id, str) or not record_id:
                what = f"a record with no '{key_name}'" if isinstance(item, dict) else "an item"
                problems.append(
                    DiffProblem(at, path, line, f"{what} that is not compared (not a record)")
                )
                continue
            if (kind, record_id) in found:
                first = found[kind, record_id]
                problems.append(
                    DiffProblem(
                        at,
                        path,
                        line,
                        f"{kind} given twice (first at {first.file}:{first.line}); "
                        "the first is compared",
                        record_id,
                    )
                )
                continue
            found[kind, record_id] = _Found(kind, record_id, path, line, item)
    return found, unread


def _yaml_problem(at: str, path: str, error: Exception) -> DiffProblem:
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    line = mark.line + 1 if mark is not None else 0
    return DiffProblem(
        at, path, line, f"invalid YAML: {reason}; its records are not compared at this revision"
    )


def _validate(found: _Found, revision: Revision, problems: list[DiffProblem]) -> None:
    """Report a record that does not match its kind's schema (the rest of the store's rules
    are `axis check`'s)."""
    from pydantic import ValidationError

    from axiscli.store import STORE_FILES, schema_message

    try:
        STORE_FILES[FILE_OF_KIND[found.kind]].model_validate(found.record)
    except ValidationError as error:
        details = error.errors()
        message = schema_message(details[0])
        more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
        problems.append(
            DiffProblem(
                revision.label,
                found.file,
                found.line,
                f"not a valid {found.kind}: {message}{more}",
                found.id,
            )
        )


def _record_changes(old: Record, new: Record) -> Iterator[FieldChange]:
    for name in dict.fromkeys([*old, *new]):
        yield from _value_changes(str(name), old.get(name), new.get(name))


def _value_changes(path: str, old: Any, new: Any) -> Iterator[FieldChange]:
    if same(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            yield from _value_changes(f"{path}.{key}", old.get(key), new.get(key))
    elif _mappings(old) and _mappings(new):
        yield from _list_changes(path, old, new)
    else:
        yield FieldChange(path, old, new)


def _mappings(value: Any) -> bool:
    """A list of mappings (citations, authors), compared item by item."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _list_changes(path: str, old: list[Any], new: list[Any]) -> Iterator[FieldChange]:
    """Items inserted or removed, and items changed in place, field by field."""
    keys = [[_canonical(item) for item in items] for items in (old, new)]
    matcher = SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            yield from _value_changes(f"{path}[{j1 + offset}]", old[i1 + offset], new[j1 + offset])
        for index in range(i1 + paired, i2):
            yield FieldChange(f"{path}[{index}]", old[index], None)
        for index in range(j1 + paired, j2):
            yield FieldChange(f"{path}[{index}]", None, new[index])


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def same(old: Any, new: Any) -> bool:
    """Whether two values are the same plain data: `3000` is not `3000.0`, nor `1` `true`; a
    mapping's key order does not count, nor an absent field against `null`."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        keys = old.keys() | new.keys()
        return all(same(old.get(key), new.get(key)) for key in keys)
    if isinstance(old, list):
        return len(old) == len(new) and all(map(same, old, new))
    if isinstance(old, float) and math.isnan(old):
        return math.isnan(new)
    return bool(old == new)
