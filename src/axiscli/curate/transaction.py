"""One locked, checked, all-or-nothing change to a store: records added, replaced or removed.

    with Transaction(folders, target) as change:
        change.add("events.yaml", {...})
        written = change.commit()

Inside the lock the store is read afresh, every change is spliced into the text of its file,
and the store as it would be is checked with the rules of `axis check`: the change is refused,
with every problem it would bring, before any file is written. Then each changed file is
replaced atomically, registries first, so that a crash between two files leaves records that
only refer to what is already written.
"""

from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from dataclasses import replace as replace_field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from axiscli.errors import DataError, NotFoundError
from axiscli.store import KINDS, SHARDED, Located, Problem, Store, load_store
from axiscli.store.emit import record_yaml
from axiscli.store.splice import Span, append, record_spans, remove, replace
from axiscli.store.write import store_lock, write_atomic

if TYPE_CHECKING:
    from axiscli.names import ActorNames, PersonNames

ID_KEYS = {"actors.yaml": "code"}  # the key that names a record of each kind ("id" otherwise)


class RejectedError(DataError):
    """The change would leave the store with problems; nothing was written.

    `problems` are located in the store as it is: a record already there at its own line, a
    new one by its file alone (line 0); `planned` are the records the change would have
    written, in the order they were given."""

    def __init__(self, message: str, problems: list[Problem], planned: list["Written"]) -> None:
        super().__init__(message, hint="nothing was written")
        self.problems = problems
        self.planned = planned


@dataclass(frozen=True)
class Written:
    """One record a change wrote, where it now is (for `removed`: where it was)."""

    action: str  # added, replaced, removed
    kind: str
    record_id: str
    file: Path
    line: int
    text: str  # the record's YAML as written (empty when removed)


@dataclass
class _File:
    kind: str
    text: str
    new: bool
    spans: list[Span] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    newline: str = "\n"  # "\r\n" when every line of the file ends so; the lines written too


class Transaction:
    """A change to the store folder `target`, checked against all of `folders` (which hold it)."""

    def __init__(self, folders: list[Path], target: Path, texts_dir: Path | None = None) -> None:
        self.folders = folders
        self.target = target
        self.texts_dir = texts_dir
        self._files: dict[Path, _File] = {}
        self._written: list[Written] = []
        self._held = ExitStack()
        self.before: Store = Store()
        self._names: ActorNames | None = None
        self._people: PersonNames | None = None

    def __enter__(self) -> "Transaction":
        self.target.mkdir(parents=True, exist_ok=True)
        self._held.enter_context(store_lock(self.target))
        self.before = load_store(self.folders)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._held.close()

    # What the store holds, read inside the lock.
    def ids(self) -> set[str]:
        """Every record id (events, figures, assessments, sources, people) and actor code of
        every folder."""
        taken = {
            _id_of(item, ID_KEYS.get(kind, "id"))
            for kind in KINDS
            for item in _every(self.before, kind)
        }
        for known in self._files.values():
            taken.update(str(known_id) for known_id in known.ids)
        return taken

    def actor_code(self, name: str) -> str:
        """The code of the actor `name` names (a code, a name or an alias, compared as every
        command compares them: case, quotes and dashes aside); else `name`, for the check to
        report."""
        from axiscli.names import ActorNames

        if self._names is None:
            self._names = ActorNames(item.record for item in self.before.actors)
        return self._names.find(name) or name

    def person_id(self, name: str) -> str:
        """The id of the person `name` names (an id, a name, an alias or a native-script
        name, compared as every command compares them); else `name`, for the check to report."""
        from axiscli.names import PersonNames

        if self._people is None:
            self._people = PersonNames(item.record for item in self.before.people)
        return self._people.find(name) or name

    def find(self, record_id: str) -> Located:
        """The record with this id (or actor code), in any folder, valid or not."""
        for kind in KINDS:
            key = ID_KEYS.get(kind, "id")
            for item in _every(self.before, kind):
                if _id_of(item, key) == record_id:
                    return item
        raise NotFoundError(
            f"no record has the id '{record_id}'", hint="`axis search` finds records by their words"
        )

    def kind_of(self, item: Located) -> str:
        """The kind of file ("events.yaml"…) a record read by this transaction is of."""
        return _kind_of(self.before, item)

    def folder_of(self, item: Located) -> Path:
        """The store folder a record read by this transaction is in."""
        return next(
            folder
            for folder in self.folders
            if item.file.parent == folder
            or item.file.parent in (folder / kind.removesuffix(".yaml") for kind in SHARDED)
        )

    def record_text(self, item: Located) -> str:
        """The record's lines as they stand in its file."""
        state = self._file(item.file, _kind_of(self.before, item))
        span = state.spans[state.ids.index(_id_of(item, ID_KEYS.get(state.kind, "id")))]
        return state.text[span.start : span.end]

    # Changes.
    def add(self, kind: str, record: dict[str, Any], path: Path) -> None:
        state = self._file(path, kind)
        text = record_yaml(kind, record)
        old = state.text
        state.text = append(old, state.spans, text)
        if state.spans and state.text.startswith(old):
            # Added after the last record: its span and id are known without parsing the whole
            # file again, which would make an import of n records cost n parses of the file.
            state.spans.append(Span(len(state.text) - len(text), len(state.text)))
            state.ids.append(record.get(ID_KEYS.get(kind, "id")))
        else:
            self._reparse(path, state)
        self._note("added", kind, record, path, text)

    def replace(self, item: Located, text: str) -> None:
        """Put `text` (one list item's YAML) where the record `item` stands."""
        kind = _kind_of(self.before, item)
        state = self._file(item.file, kind)
        index = self._index(state, item)
        state.text = replace(state.text, state.spans[index], text)
        self._reparse(item.file, state)
        self._note("replaced", kind, {"id": state.ids[index]}, item.file, text)

    def remove(self, item: Located) -> None:
        kind = _kind_of(self.before, item)
        state = self._file(item.file, kind)
        index = self._index(state, item)
        record_id = str(state.ids[index])
        line = state.text.count("\n", 0, state.spans[index].start) + 1
        state.text = remove(state.text, state.spans, index)
        self._reparse(item.file, state)
        self._written.append(Written("removed", kind, record_id, item.file, line, ""))

    def commit(self, *, dry_run: bool = False) -> list[Written]:
        """Check the store as it would be; write it unless `dry_run`. Raise RejectedError (and
        write nothing) when the change brings any problem the store did not have."""
        texts = {path: state.text for path, state in self._files.items()}
        after = load_store(self.folders, texts)
        brought = _new_problems(self.before, after, self.texts_dir)
        if brought:
            raise RejectedError(
                f"the change would bring {len(brought)} problem{'s' * (len(brought) != 1)}",
                [self._as_it_is(problem) for problem in brought],
                self._located(self._written),
            )
        if not dry_run:
            order = sorted(self._files.items(), key=lambda pair: KINDS.index(pair[1].kind))
            for path, state in order:
                if state.new:
                    path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, state.text.replace("\n", state.newline))
        return self._located(self._written)

    # Inner workings.
    def _as_it_is(self, problem: Problem) -> Problem:
        """The problem at its record's line in the files as they are, not as they would be."""
        if problem.file not in self._files:
            return problem  # that file does not change: its lines hold
        try:
            item = self.find(problem.record_id or "")
        except NotFoundError:
            return replace_field(problem, line=0)
        return replace_field(problem, file=item.file, line=item.line)

    def _file(self, path: Path, kind: str) -> _File:
        if path not in self._files:
            new = not path.exists()
            state = _File(kind, "" if new else path.read_text(encoding="utf-8"), new)
            if not new and _crlf(path):
                state.newline = "\r\n"
            self._reparse(path, state)
            self._files[path] = state
        return self._files[path]

    def _reparse(self, path: Path, state: _File) -> None:
        from axiscli.store.yaml_io import parse

        parsed = parse(state.text)
        if not isinstance(parsed.data, list):
            raise DataError(f"{path}: the file is not a YAML list of records", hint="`axis check`")
        state.spans = record_spans(state.text, parsed.starts)
        key = ID_KEYS.get(state.kind, "id")
        state.ids = [item.get(key) if isinstance(item, dict) else None for item in parsed.data]

    def _index(self, state: _File, item: Located) -> int:
        return state.ids.index(_id_of(item, ID_KEYS.get(state.kind, "id")))

    def _note(self, action: str, kind: str, record: dict[str, Any], path: Path, text: str) -> None:
        record_id = str(record.get(ID_KEYS.get(kind, "id")))
        self._written.append(Written(action, kind, record_id, path, 0, text))

    def _located(self, written: list[Written]) -> list[Written]:
        """Each written record with the line it now starts at."""
        lines = {path: _line_numbers(state) for path, state in self._files.items()}
        return [
            entry
            if entry.action == "removed" or entry.record_id not in lines[entry.file]
            else Written(
                entry.action,
                entry.kind,
                entry.record_id,
                entry.file,
                lines[entry.file][entry.record_id],
                entry.text,
            )
            for entry in written
        ]


def _line_numbers(state: "_File") -> dict[Any, int]:
    """The line each record of the file starts at, by id, counted in one pass over the text."""
    numbers: dict[Any, int] = {}
    line, counted = 1, 0
    for record_id, span in zip(state.ids, state.spans, strict=True):
        line += state.text.count("\n", counted, span.start)
        counted = span.start
        numbers.setdefault(record_id, line)
    return numbers


def _id_of(item: Located, key: str) -> str:
    return str(item.get(key))


def _every(store: Store, kind: str) -> list[Located]:
    return [*store.records(kind), *store.rejected.get(kind, ())]


def _kind_of(store: Store, item: Located) -> str:
    for kind in KINDS:
        if any(other is item for other in _every(store, kind)):
            return kind
    raise AssertionError("a located record belongs to one of the store's kinds")


def _new_problems(before: Store, after: Store, texts_dir: Path | None) -> list[Problem]:
    """The problems of `after` that `before` did not have (lines aside: a change moves them)."""
    from axiscli.check import check_store

    def key(problem: Problem) -> tuple[Path, str, str | None]:
        return (problem.file, problem.message, problem.record_id)

    had = Counter(key(problem) for problem in check_store(before, texts_dir))
    brought = []
    for problem in check_store(after, texts_dir):
        if had[key(problem)] > 0:
            had[key(problem)] -= 1
        else:
            brought.append(problem)
    return brought


def _crlf(path: Path) -> bool:
    """Whether every line of the file ends in CRLF (reading as text gave them as LF)."""
    raw = path.read_bytes()
    return b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
