"""A store folder's files as git holds them at a revision, or as they are on disk.

`GitStore.of(folder)` finds the git repository that holds a store folder; `commit` names the
commit a revision names (whatever git's revision syntax allows: `HEAD~3`, `v0.2`,
`@{2025-11-01}`), and `files_at` reads every store file at a commit (`ls-tree` to list them,
`cat-file --batch` to read them) or, given None, in the working tree. git is run as a list of
arguments, never through a shell. Files are returned as bytes: parsing them is the caller's.
"""

import os
import subprocess
from pathlib import Path, PurePosixPath

from axiscli.errors import AxisError, NotFoundError, UsageError
from axiscli.store.locate import KINDS, SHARDED, store_files

# Each store file's path from the repository's root → (the kind of store file it is, as
# `store_files` names them, and its bytes, or None where it cannot be read).
StoreFiles = dict[str, tuple[str, bytes | None]]


class GitStore:
    """A store folder, the git repository that holds it (`root`) and its path inside (`path`)."""

    def __init__(self, folder: Path, root: Path, path: PurePosixPath) -> None:
        self.folder = folder
        self.root = root
        self.path = path
        self._commits: dict[str, str] = {}

    @classmethod
    def of(cls, folder: Path) -> "GitStore":
        """The store in `folder`; UsageError where the folder is not in a git repository."""
        if not folder.is_dir():
            raise UsageError(f"store folder '{folder}' does not exist", field="data")
        done = _git(["rev-parse", "--show-toplevel"], folder.resolve())
        if done.returncode != 0:
            message = _first_line(done.stderr)
            if "not a git repository" in message.lower() or not message:
                raise UsageError(
                    f"the store folder '{folder}' is not in a git repository, so it has no "
                    "revisions to compare",
                    hint="diff a store kept in a git clone, such as data/ in a clone of axis",
                )
            raise AxisError(f"git cannot read the repository of '{folder}': {message}")
        root = Path(os.fsdecode(done.stdout.rstrip(b"\n"))).resolve()
        relative = folder.resolve().relative_to(root)
        return cls(folder, root, PurePosixPath(relative.as_posix()))

    def commit(self, name: str) -> str:
        """The commit `name` names; NotFoundError for a name git does not know."""
        if name not in self._commits:
            done = self._run(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"])
            if done.returncode != 0 or not done.stdout.strip():
                raise NotFoundError(
                    f"unknown revision '{name}' in the git repository at {self.root}",
                    hint="name a commit, branch or tag, e.g. HEAD~1, main or @{2025-11-01}",
                )
            self._commits[name] = done.stdout.decode("ascii").strip()
        return self._commits[name]

    def merge_base(self, first: str, second: str) -> str:
        """The best common ancestor of two commits; NotFoundError where they have none."""
        done = self._run(["merge-base", first, second])
        if done.returncode != 0:
            raise NotFoundError(f"revisions '{first}' and '{second}' have no common ancestor")
        return done.stdout.decode("ascii").strip()

    def files_at(self, commit: str | None) -> StoreFiles:
        """Each store file at `commit`, or on disk where `commit` is None."""
        if commit is None:
            return self._files_on_disk()
        args = ["ls-tree", "-r", "-z", commit]
        if str(self.path) != ".":
            args += ["--", str(self.path)]
        done = self._run(args)
        if done.returncode != 0:
            raise AxisError(f"git cannot list the store at {commit}: {_first_line(done.stderr)}")
        wanted: dict[str, tuple[str, str]] = {}
        for entry in done.stdout.split(b"\0"):
            if not entry:
                continue
            info, _, raw_path = entry.partition(b"\t")
            mode, kind, oid = info.decode("ascii").split()
            path = PurePosixPath(os.fsdecode(raw_path))
            file_kind = _kind_of(path, self.path)
            if kind == "blob" and mode in ("100644", "100755") and file_kind:
                wanted[str(path)] = (file_kind, oid)
        blobs = self._blobs([oid for _, oid in wanted.values()])
        return {path: (kind, blobs.get(oid)) for path, (kind, oid) in wanted.items()}

    def _run(
        self, args: list[str], stdin: bytes | None = None
    ) -> "subprocess.CompletedProcess[bytes]":
        return _git(["--literal-pathspecs", *args], self.root, stdin)

    def _blobs(self, oids: list[str]) -> dict[str, bytes]:
        if not oids:
            return {}
        done = self._run(["cat-file", "--batch"], "\n".join(oids).encode("ascii") + b"\n")
        if done.returncode != 0:
            raise AxisError(f"git cannot read the store's files: {_first_line(done.stderr)}")
        blobs: dict[str, bytes] = {}
        out, at = done.stdout, 0
        while at < len(out):
            header_end = out.index(b"\n", at)
            header = out[at:header_end].decode("ascii").split()
            if len(header) < 3:  # "<oid> missing"
                at = header_end + 1
                continue
            size = int(header[2])
            start = header_end + 1
            blobs[header[0]] = out[start : start + size]
            at = start + size + 1
        return blobs

    def _files_on_disk(self) -> StoreFiles:
        files: StoreFiles = {}
        for kind, path in store_files(self.folder):
            relative = self.path / path.relative_to(self.folder).as_posix()
            if path.suffix != ".yaml" or not path.is_file():
                continue
            try:
                files[str(relative)] = (kind, path.read_bytes())
            except OSError:
                files[str(relative)] = (kind, None)
        return files


def in_git_repository(folder: Path) -> bool:
    """Whether `folder` lies in a git work tree (False too where git cannot be run)."""
    try:
        done = _git(["rev-parse", "--is-inside-work-tree"], folder.resolve())
    except AxisError:
        return False
    return done.returncode == 0 and done.stdout.strip() == b"true"


def _kind_of(path: PurePosixPath, folder: PurePosixPath) -> str | None:
    """The kind of store file `path` is in the store at `folder`, as `store_files` lists them."""
    try:
        parts = path.relative_to(folder).parts if str(folder) != "." else path.parts
    except ValueError:
        return None
    if len(parts) == 1 and parts[0] in KINDS:
        return parts[0]
    if len(parts) == 2 and f"{parts[0]}.yaml" in SHARDED:
        name = parts[1]
        if name.endswith(".yaml") and not name.startswith("."):
            return f"{parts[0]}.yaml"
    return None


def _git(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> "subprocess.CompletedProcess[bytes]":
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise AxisError(
            "git is not installed (or not on PATH); axis diff reads the store's history with it"
        ) from None
    except OSError as error:
        raise AxisError(f"git cannot be run: {error.strerror or error}") from None


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else ""
