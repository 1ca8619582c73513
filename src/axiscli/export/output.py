"""Writing an export: a file or a folder that appears whole or not at all, and what went in it.

A file is made under a temporary name beside its path and moved over it (`os.replace`); a folder
is filled under a temporary name beside its path and renamed into place, so a reader never sees
half an export, and a failed one leaves nothing behind.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The mode a new file takes and the folder flush are the store writer's: one way to write.
from axiscli.store.write import mode_for, sync_folder


@dataclass(frozen=True)
class Written:
    """How many records an export holds; `figures` and `assessments` are None for a format
    that holds none, `left_out` says what the format could not hold."""

    events: int
    figures: int | None
    left_out: str | None = None
    assessments: int | None = None


@contextmanager
def new_file(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write; moved over `path` when the block ends, removed
    if it raises."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.chmod(temporary, mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def has_files(folder: Path) -> bool:
    """Whether `folder` is there and holds anything."""
    return folder.is_dir() and any(folder.iterdir())


@contextmanager
def new_folder(path: Path) -> Iterator[Path]:
    """A new temporary folder beside `path` to fill; renamed to `path` when the block ends (a
    folder already there is replaced), removed if it raises."""
    temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield temporary
        for written in temporary.iterdir():
            _fsync(written)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o777 & ~umask)
        sync_folder(temporary)
        _move_into_place(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    sync_folder(path.parent)


def _move_into_place(folder: Path, path: Path) -> None:
    if not path.exists():
        os.replace(folder, path)
        return
    # A folder with files cannot be renamed over: set it aside, then remove it.
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
    os.replace(path, old / path.name)
    try:
        os.replace(folder, path)
    except BaseException:
        os.replace(old / path.name, path)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
