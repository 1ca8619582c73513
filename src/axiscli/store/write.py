"""Write store files so that no reader, crash or rival writer ever sees half of one.

A file is written whole to a temporary file beside it, flushed to disk, and moved over the old
one (`os.replace`, atomic on POSIX and Windows); the folder is flushed too, so the move itself
survives a power cut. Writers of one store take its lock (`store_lock`) for the whole of
read → check → write, so two writers never both start from the same old text.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from axiscli.errors import DataError, WriteError

LOCK_NAME = ".axis.lock"
# How long a writer waits for another to finish before it gives up.
LOCK_TIMEOUT_S = 60.0


@contextmanager
def store_lock(folder: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the store's write lock (`.axis.lock` in its folder, which loading never reads)."""
    from filelock import FileLock, Timeout

    lock = FileLock(folder / LOCK_NAME, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            f"another axis process has held the store {folder} for over {timeout:.0f} s",
            hint=f"wait for it to finish; if none is running, remove {folder / LOCK_NAME}",
        ) from None
    except OSError as error:  # a read-only folder: nothing can be written there
        raise WriteError(
            f"cannot write in the store {folder}: {error.strerror or error}",
            hint="nothing was written; allow writing there, or write to another store",
        ) from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace `path`'s content with `text` (UTF-8 if a str), all at once; a new file gets
    mode 0644 (as umask allows), an existing one keeps its mode."""
    folder = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _unwritable(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode_for(path))
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk, a quota: the old file stands
            raise _unwritable(path, error) from None
        raise
    sync_folder(folder)


def _unwritable(path: Path, error: OSError) -> WriteError:
    if not path.parent.is_dir():
        hint = f"the folder {path.parent} does not exist; make it, or write somewhere else"
    elif os.path.lexists(path):
        hint = f"{path.name} is as it was; make room or allow writing there, and run it again"
    else:
        hint = "nothing was written; make room or allow writing there, and run it again"
    return WriteError(f"cannot write {path}: {error.strerror or error}", hint=hint)


def mode_for(path: Path) -> int:
    """The mode a file written over `path` gets: the old file's, else what umask allows."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries, so that a file moved into it stays moved after a power cut."""
    if os.name != "posix":
        return  # Windows cannot open a folder to flush it; os.replace is durable there.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
