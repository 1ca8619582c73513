"""Find the store: the bundled folder, the folders given, and the files each one holds.

A store folder holds `sources.yaml`, `actors.yaml` and (optionally) `people.yaml`, and its
events, figures and assessments either in one file (`events.yaml`, `figures.yaml`,
`assessments.yaml`), or split over shards in a folder of that name (`events/*.yaml`,
`figures/*.yaml`, `assessments/*.yaml`, read in order of file name), or both (the single file
first). Inside a shard folder, names starting with '.' are left alone (editors' swap files,
`.DS_Store`); anything else that is not a `.yaml` file (a `.yml` file, a README, a subfolder)
is listed all the same, so that loading reports it rather than reading fewer records than the
folder holds. No YAML is read here: this module costs nothing to import.
"""

import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from axiscli.errors import UsageError

# The kinds of store file, in the order they load: records refer to sources and actors.
KINDS = (
    "sources.yaml",
    "actors.yaml",
    "people.yaml",
    "events.yaml",
    "figures.yaml",
    "assessments.yaml",
)
SHARDED = ("events.yaml", "figures.yaml", "assessments.yaml")
DATA_ENV = "AXIS_DATA"
USER_STORE_ENV = "AXIS_USER_STORE"


def store_files(folder: Path, adding: Collection[Path] = ()) -> list[tuple[str, Path]]:
    """Every entry of `folder` that loading reads, as (kind, path) in load order.

    The kind is the name of the file it stands for ("events.yaml" for `events/2024.yaml`). An
    entry is listed even when it cannot be read (a folder named `events.yaml`, a broken link,
    `events/notes.txt`): loading reports each of those as a problem (`entry_problem`).
    `adding` names files of the folder about to be written, listed as if they were there.
    """
    files: list[tuple[str, Path]] = []
    for kind in KINDS:
        single = folder / kind
        if os.path.lexists(single) or single in adding:
            files.append((kind, single))
        if kind in SHARDED:
            shards = folder / kind.removesuffix(".yaml")
            names = {path.name for path in adding if path.parent == shards}
            if shards.is_dir() or names:
                names.update(os.listdir(shards) if shards.is_dir() else ())
                files.extend(
                    (kind, shards / name) for name in sorted(names) if not name.startswith(".")
                )
            elif os.path.lexists(shards):
                files.append((kind, shards))
    return files


def entry_problem(folder: Path, kind: str, path: Path) -> tuple[str, str] | None:
    """Why `path`, listed by `store_files(folder)`, cannot be read as a file of records
    (message, hint); None when it is a file to read."""
    shard_folder = folder / kind.removesuffix(".yaml")
    if path == shard_folder:
        return (
            f"is not a folder; {shard_folder.name} are read from {kind} or from "
            f"{shard_folder.name}/*.yaml",
            f"rename it {kind}, or make it a folder of .yaml shards",
        )
    if not path.exists():
        return "is a link to nothing", "fix the link or remove it"
    if path.is_dir():
        if path.parent != shard_folder:
            return (
                f"is a folder, not a file of records; shards of {shard_folder.name} go in "
                f"{shard_folder.name}/",
                f"move its files to {shard_folder.name}/ and remove the folder",
            )
        return "is a folder; shards are not read from subfolders", "move its files up one level"
    if path.parent == shard_folder and path.suffix != ".yaml":
        return (
            f"is not a .yaml file; {shard_folder.name}/ holds only .yaml shards",
            f"rename it NAME.yaml, or move it out of {shard_folder.name}/",
        )
    return None


def bundled_data_dir() -> Path:
    """The store shipped with axis: inside the installed package, or `data/` in a checkout.

    The package is always unpacked on disk (a wheel installs it so), so its folder is found
    from this file rather than through `importlib.resources`, which costs a command 4 ms."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "data"


def user_store_dir(environ: Mapping[str, str]) -> Path:
    """Where `axis add` writes when no store is named: `AXIS_USER_STORE`, else a `store`
    folder in the platform's data directory for axis. Read with the bundled store once it
    exists; the bundled store inside an installed package is never written."""
    if given := environ.get(USER_STORE_ENV):
        return Path(given).expanduser()
    from platformdirs import user_data_path

    return user_data_path("axis", appauthor=False) / "store"


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
                f"data folder '{given}' {what}; give a folder holding any of {_LAYOUT}",
                field="data",
            )
        if not store_files(folder):
            raise UsageError(
                f"'{given}' is not a store folder: it holds none of {_LAYOUT}", field="data"
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


_LAYOUT = (
    "sources.yaml, actors.yaml, people.yaml, events.yaml (or events/*.yaml), figures.yaml "
    "(or figures/*.yaml), assessments.yaml (or assessments/*.yaml)"
)
