"""The compiled index: the checked store in one SQLite file, so that a question costs what it
returns rather than what the store holds.

`open_index` answers from the cache when its index was made by this axis from exactly the
store's files (`cache.changed`); when only shards of events or figures changed, it updates the
index in place (`update.refresh`); otherwise it loads and checks the YAML and compiles it
again. A new index is written to a temporary file in the cache directory and moved into
place, so a reader never sees half of one; a cache directory that cannot be written only costs
speed (the index is then built in memory). Nothing here reads the environment.
"""

import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from axiscli.index.cache import Fingerprint, changed, fingerprint, index_path
from axiscli.index.compiled import CompiledStore
from axiscli.index.schema import SCHEMA_VERSION, TABLE_NAMES

__all__ = ["CompiledStore", "open_index"]

# Temporary files a killed build left behind are removed once they are this old.
_STALE_SECONDS = 3600
# How long to wait for another process writing the same index.
_BUSY_SECONDS = 30.0


def _key() -> str:
    from axiscli import __version__

    return f"axis {__version__}, schema {SCHEMA_VERSION}"


def open_index(folders: Sequence[Path], *, cache_dir: Path | None) -> CompiledStore:
    """The compiled index of exactly these store folders; with no `cache_dir`, one built in
    memory. Raise DataError (from the checks) when the store has a problem."""
    from axiscli.store import store_files

    files = [entry for folder in folders for entry in store_files(folder)]
    if cache_dir is None:
        return CompiledStore(_compile(folders, files, None))
    target = index_path(cache_dir, folders, _key())
    opened = _open(target)
    if opened is not None:
        db, writable = opened
        if _current(db, files, writable):
            return CompiledStore(db)
        db.close()
    return CompiledStore(_compile(folders, files, target))


def _open(path: Path) -> tuple[sqlite3.Connection, bool] | None:
    """The index at `path`, whole and made by this axis, inside a read transaction (one
    consistent snapshot for the whole command), and whether it may be written."""
    for mode, writable in (("rw", True), ("ro", False)):
        try:
            db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=_BUSY_SECONDS
            )
        except (OSError, sqlite3.Error):
            continue
        try:
            db.execute("BEGIN")
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            (page_size,) = db.execute("PRAGMA page_size").fetchone()
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            marks = ", ".join("?" for _ in TABLE_NAMES)
            (tables,) = db.execute(
                f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
                TABLE_NAMES,
            ).fetchone()
            whole = page_size * pages == path.stat().st_size and tables == len(TABLE_NAMES)
            if meta.get("key") == _key() and whole:
                return db, writable
        except (OSError, sqlite3.Error):
            pass
        db.close()
        return None
    return None


def _current(db: sqlite3.Connection, files: Sequence[tuple[str, Path]], writable: bool) -> bool:
    """Whether `db` answers for the store's `files` now, bringing it up to date in place when
    that is cheaper than a compile and possible."""
    started_ns = time.time_ns()
    try:
        (built_ns,) = db.execute("SELECT value FROM meta WHERE key = 'built_ns'").fetchone()
        recorded = [
            Fingerprint(*row)
            for row in db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, inode, sha256 FROM files ORDER BY rank"
            )
        ]
        differ, verified = changed(recorded, [path for _, path in files], int(built_ns))
        if not differ:
            if verified and writable:
                from axiscli.index.cache import restamp

                db.commit()
                restamp(db, verified, built_ns=started_ns)
                db.execute("BEGIN")
            return True
        if not writable:
            return False
        from axiscli.index.update import refresh

        db.commit()
        known = {print_.path: print_ for print_ in [*recorded, *verified]}
        done = refresh(db, files, differ, known=known, built_ns=started_ns)
        db.execute("BEGIN")
        return done
    except (sqlite3.Error, ValueError, TypeError):
        return False


def _compile(
    folders: Sequence[Path], files: Sequence[tuple[str, Path]], target: Path | None
) -> sqlite3.Connection:
    from axiscli.catalog import checked_store
    from axiscli.index.build import build, stream
    from axiscli.store import Unstreamable
    from axiscli.store.yaml_io import gc_paused

    built_ns = time.time_ns()
    # Fingerprints are taken before the files are read: an edit made while they are being
    # read leaves an index that the next run finds stale, never one that looks current.
    prints = [(kind, fingerprint(path)) for kind, path in files]
    meta = {"key": _key(), "built_ns": str(built_ns)}
    # A compile makes no garbage cycles worth the collector walking what it holds.
    with gc_paused():
        try:
            return _fill(target, lambda db: stream(db, folders, prints, meta=meta))
        except Unstreamable:
            # Loaded whole, the store's problems are found and reported as `check` reports
            # them; a store without any (a file that only parses whole) is compiled from it.
            store = checked_store(list(folders))
            return _fill(target, lambda db: build(db, store, prints, meta=meta))


def _fill(target: Path | None, fill: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """A database filled by `fill`: the index at `target`, or in memory where there is no
    target or it cannot be written."""
    if target is not None:
        written = _write(target, fill)
        if written is not None:
            return written
    db = sqlite3.connect(":memory:")
    fill(db)
    return db


def _write(target: Path, fill: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection | None:
    """Fill a new database in a temporary file beside `target`, then move it into place;
    None (and nothing left behind) when the cache directory cannot take it."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target.parent)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".store-", suffix=".building")
        os.close(handle)
    except OSError:
        return None
    temporary = Path(name)
    try:
        db = sqlite3.connect(temporary)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -65536")  # 64 MiB while the tables fill
        fill(db)
        db.close()
        _fsync(temporary)
        # A journal left by an update that was killed belongs to the file being replaced.
        Path(f"{target}-journal").unlink(missing_ok=True)
        os.replace(temporary, target)
        _fsync(target.parent)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)
        return None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    opened = _open(target)
    return opened[0] if opened else None


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove_stale(cache_dir: Path) -> None:
    cutoff = time.time() - _STALE_SECONDS
    for leftover in cache_dir.glob(".store-*.building"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass
