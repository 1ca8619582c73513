"""Where compiled indexes live, and the fingerprints that say whether one is still current.

An index is current when the store's files are exactly the ones it was built from: the same
paths, and for each the same size and content. `stat` answers most of that at once; a file
whose stat changed (an edit, `touch`, a copy) or that was written too close to the build to
tell apart by its timestamps is hashed and compared by content.
"""

import os
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "AXIS_CACHE_DIR"
# A file modified this close to the build may change again within one timestamp tick
# unseen by stat (coarse file-system clocks), so its content is always compared.
RACY_NS = 2_000_000_000


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    """`AXIS_CACHE_DIR`, else the platform's cache directory for axis."""
    if given := environ.get(CACHE_ENV):
        return Path(given).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("axis", appauthor=False))


def index_path(cache_dir: Path, folders: Iterable[Path], key: str) -> Path:
    """One index file per set of store folders and per axis and schema version (`key`).

    The name only has to tell index files apart, so it is made with zlib's checksums rather
    than hashlib, whose import (OpenSSL) would cost every warm query some 4 ms. Two sets that
    shared a name would only cost a recompile: an index answers only for the files it records.
    """
    named = "\n".join(str(folder.resolve()) for folder in folders)
    data = f"{key}\n{named}".encode()
    return cache_dir / f"store-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


@dataclass(frozen=True)
class Fingerprint:
    """A store file as it stood when read: its stat and the hash of its bytes."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha256: str

    def same_stat(self, stat: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode) == (
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
        )


def fingerprint(path: Path) -> Fingerprint:
    """The file's fingerprint, its stat taken before its bytes are read. An entry that cannot
    be read (a folder, a broken link) gets one that matches no file."""
    try:
        stat = path.stat()
        import hashlib  # only when a file must be read: a warm query compares stats alone

        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return Fingerprint(str(path), -1, 0, 0, 0, "")
    return Fingerprint(
        str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, digest
    )


def changed(
    recorded: Iterable[Fingerprint], paths: Iterable[Path], built_ns: int
) -> tuple[set[str], list[Fingerprint]]:
    """The paths added, removed, or no longer holding what was recorded; and the fingerprints
    now, for files whose stat no longer settles it but whose content is what was recorded."""
    by_path = {print_.path: print_ for print_ in recorded}
    current = {str(path) for path in paths}
    differ = current ^ set(by_path)
    verified: list[Fingerprint] = []
    for name in current & set(by_path):
        same, now = _compare(by_path[name], name, built_ns)
        if not same:
            differ.add(name)
        elif now is not None:
            verified.append(now)
    return differ, verified


def _compare(recorded: Fingerprint, name: str, built_ns: int) -> tuple[bool, Fingerprint | None]:
    """Whether the file holds what was recorded, and its fingerprint if that took a hash."""
    try:
        stat = os.stat(name)
    except OSError:
        return False, None
    if stat.st_size != recorded.size:
        return False, None
    racy = stat.st_mtime_ns >= built_ns - RACY_NS
    if not racy and recorded.same_stat(stat):
        return True, None
    now = fingerprint(Path(name))
    return now.sha256 == recorded.sha256, now


def restamp(db: sqlite3.Connection, verified: Sequence[Fingerprint], *, built_ns: int) -> None:
    """Record the stat of files whose content was found unchanged by hash (touched, or written
    just before the index was), so that the next run trusts their stat again."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(
            "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ? "
            "WHERE path = ? AND sha256 = ?",
            ((f.size, f.mtime_ns, f.ctime_ns, f.inode, f.path, f.sha256) for f in verified),
        )
        db.execute("UPDATE meta SET value = ? WHERE key = 'built_ns'", (str(built_ns),))
        db.commit()
    except BaseException:
        db.rollback()
        raise
