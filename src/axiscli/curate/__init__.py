"""Curating a store: add, edit and remove records, each change locked, checked and atomic.

    from axiscli.curate import add_records
    add_records([bundled, mine], mine, [("event", {"title": …, …})])

Every function takes the folders the store is read from and the one folder it writes to
(`target`, which must be one of them); a change that would bring the store any problem
`axis check` reports is refused with `RejectedError` and writes nothing.
"""

from pathlib import Path
from typing import Any

from axiscli.curate.records import cleaned, kind_file, new_id, target_file
from axiscli.curate.transaction import ID_KEYS, RejectedError, Transaction, Written
from axiscli.errors import DataError, UsageError
from axiscli.store import Located

__all__ = [
    "RejectedError",
    "Written",
    "add_records",
    "edit_record",
    "record_text",
    "remove_record",
]


def add_records(
    folders: list[Path],
    target: Path,
    records: list[tuple[str, dict[str, Any]]],
    *,
    shard: str | None = None,
    texts_dir: Path | None = None,
    dry_run: bool = False,
) -> list[Written]:
    """Add records, each given as (kind, fields) with kind "event", "figure", "assessment",
    "source", "actor" or "person"; records without an id get one (`new_id`). Actors and
    people may be named by any of their names: they are written as codes and ids. All are
    written, or none."""
    with Transaction(folders, target, texts_dir) as change:
        for kind, fields in records:
            filename = kind_file(kind)
            record = _named_as_stored(change, cleaned(fields))
            key = ID_KEYS.get(filename, "id")
            if key not in record:
                record = {key: new_id(kind, record, change.ids()), **record}
            change.add(filename, record, target_file(target, filename, record, shard))
        return change.commit(dry_run=dry_run)


# The fields naming actors (written as codes) and people (written as ids).
_ACTOR_LISTS = ("actors", "subject", "dyad")
_PEOPLE_LISTS = ("people",)


def _named_as_stored(change: Transaction, record: dict[str, Any]) -> dict[str, Any]:
    """The record with every actor it names as a code and every person as an id."""
    for key in _ACTOR_LISTS:
        if isinstance(record.get(key), list):
            record[key] = [change.actor_code(str(name)) for name in record[key]]
    if isinstance(record.get("country"), str):
        record["country"] = change.actor_code(record["country"])
    for key in _PEOPLE_LISTS:
        if isinstance(record.get(key), list):
            record[key] = [change.person_id(str(name)) for name in record[key]]
    return record


def record_text(folders: list[Path], target: Path, record_id: str) -> str:
    """The lines of the record `record_id` as its file has them (what `edit` opens)."""
    with Transaction(folders, target) as change:
        return change.record_text(_writable(change, target, record_id))


def edit_record(
    folders: list[Path],
    target: Path,
    record_id: str,
    *,
    was: str | None = None,
    text: str | None = None,
    changes: dict[str, Any] | None = None,
    citations: list[dict[str, Any]] | None = None,
    texts_dir: Path | None = None,
    dry_run: bool = False,
) -> list[Written]:
    """Change one record: give its new `text` (one list item's YAML, as `record_text` gave it,
    which must still be `was`), or `changes` to its fields (None removes a field) and
    `citations` to add. Only that record's lines change; its id never does."""
    with Transaction(folders, target, texts_dir) as change:
        item = _writable(change, target, record_id)
        current = change.record_text(item)
        if was is not None and current != was:
            raise DataError(
                f"'{record_id}' changed in the store while it was being edited",
                hint="edit it again; nothing was written",
            )
        key = "code" if "code" in _fields(current) else "id"
        if text is None:
            record = {**_fields(current), **(changes or {})}
            record["citations"] = [*record.get("citations", []), *(citations or [])]
            text = _item_text(change, item, cleaned(record))
        elif _fields(text).get(key) != record_id:
            raise UsageError(
                f"the {key} of '{record_id}' cannot change",
                hint="an id is made once; add a new record and remove this one instead",
            )
        change.replace(item, text if text.endswith("\n") else text + "\n")
        return change.commit(dry_run=dry_run)


def remove_record(
    folders: list[Path], target: Path, record_id: str, *, dry_run: bool = False
) -> list[Written]:
    """Remove one record; refused while other records refer to it."""
    with Transaction(folders, target) as change:
        change.remove(_writable(change, target, record_id))
        return change.commit(dry_run=dry_run)


def _writable(change: Transaction, target: Path, record_id: str) -> Located:
    item = change.find(record_id)
    folder = change.folder_of(item)
    if folder != target:
        raise UsageError(
            f"'{record_id}' is in {item.file}, not in the store being written ({target})",
            hint=f"give --data {folder} to change it there",
            field="data",
        )
    return item


def _fields(text: str) -> dict[str, Any]:
    """The fields of one list item's YAML; UsageError unless it is exactly one mapping."""
    import yaml

    from axiscli.store.yaml_io import parse

    try:
        data = parse(text).data
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        reason = getattr(error, "problem", None) or error
        raise UsageError(f"the record is not valid YAML{where}: {reason}") from None
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
        raise UsageError(
            "the text must be exactly one record: a list item starting with '- '",
            hint="keep the record's first line as it was",
        )
    fields: dict[str, Any] = data[0]
    return fields


def _item_text(change: Transaction, item: Located, record: dict[str, Any]) -> str:
    from axiscli.store.emit import record_yaml

    return record_yaml(change.kind_of(item), record)
