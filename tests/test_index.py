"""The compiled index: the same answers as the models give, and never an outdated one."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import axiscli
from axiscli.catalog import Catalog, checked_store, load_catalog
from axiscli.errors import DataError
from axiscli.index import CompiledStore, cache, open_index, update
from axiscli.index.build import Indexer, build, stream
from axiscli.index.cache import fingerprint
from axiscli.match import search
from axiscli.query import Query, build_query, by_date, select, sort_figures, trim
from axiscli.render.formats import json_list, to_json
from axiscli.render.rows import actor_dict, detail_dict, flat_dict, record_dict, source_dict
from axiscli.store import Unstreamable, bundled_data_dir, store_files, yaml_io
from tests.conftest import STORE, Run

BUNDLED = bundled_data_dir()


@pytest.fixture(scope="module")
def bundled() -> tuple[Catalog, CompiledStore]:
    return load_catalog([BUNDLED]), open_index([BUNDLED], cache_dir=None)


# Every filter family, alone and together, as a person would type them.
QUESTIONS: list[dict[str, object]] = [
    {},
    {"actors": ["DPRK"]},
    {"actors": ["RUS", "DPRK"]},
    {"actors": ["RUS", "DPRK"], "any_actor": True},
    {"since": "2023", "until": "2024"},
    {"since": "2023", "until": "2024", "overlap": True},
    {"since": "September 2025", "until": "September 2025"},
    {"until": "1960"},
    {"since": "2024-06"},
    {"domains": ["military", "arms"]},
    {"tags": ["treaty"]},
    {"tags": ["ballistic missile", "western sanction"]},
    {"sources": ["red-carpet-parade-article"]},
    {"claimants": ["officials"]},
    {"grep": "North Korea's"},
    {"grep": "troop"},
    {"actors": ["DPRK"], "since": "2023", "grep": "missile", "overlap": True},
]
FIGURE_QUESTIONS: list[dict[str, object]] = [
    *QUESTIONS,
    {"term": "troops"},
    {"term": "trade"},
    {"term": "shells"},
    {"units": ["USD"]},
]


def _ids(records: list) -> list[str]:  # type: ignore[type-arg]
    return [record.id for record in records]


@pytest.mark.parametrize("asked", QUESTIONS, ids=str)
def test_events_selected_as_the_models_select_them(bundled, asked):
    catalog, store = bundled
    query = build_query(catalog, today="2026-11-23", **asked)  # type: ignore[arg-type]
    assert build_query(store, today="2026-11-23", **asked) == query  # type: ignore[arg-type]
    expected = by_date(select(catalog.events, query))
    assert _ids(store.records(store.select(query, "event"))) == _ids(expected)
    for reverse, limit in ((True, None), (True, 3), (False, 2)):
        trimmed = trim(expected, reverse=reverse, limit=limit)
        numbers = store.trim(store.select(query, "event"), reverse=reverse, limit=limit)
        assert _ids(store.records(numbers)) == _ids(trimmed)
    wider = select(catalog.events, replace(query, overlap=True))
    assert store.imprecise_extra(query, "event") == (
        0 if query.overlap or not query.has_window else len(wider) - len(expected)
    )


@pytest.mark.parametrize("order", ["metric", "date", "value"])
@pytest.mark.parametrize("asked", FIGURE_QUESTIONS, ids=str)
def test_figures_selected_and_sorted_as_the_models_do(bundled, asked, order):
    catalog, store = bundled
    query = build_query(catalog, today="2026-11-23", **asked)  # type: ignore[arg-type]
    expected = sort_figures(select(catalog.figures, query), order)
    assert _ids(store.records(store.select(query, "figure", order))) == _ids(expected)


@pytest.mark.parametrize(
    "text", ["treaty", "ballistic missiles", "North Korea's troops", "shells", "Kim", "trade"]
)
def test_search_ranks_as_the_models_do(bundled, text):
    catalog, store = bundled
    records = (*catalog.events, *catalog.figures, *catalog.assessments)
    expected = [record.id for _, record in search(records, text)]
    assert _ids(store.records(store.search(text))) == expected
    assert expected  # each of these words is in the store


def test_rows_items_and_details_are_the_renderers_own(bundled):
    catalog, store = bundled
    records = [*catalog.events, *catalog.figures]
    numbers = list(range(len(records)))
    assert store.rows(numbers) == [flat_dict(record, catalog) for record in records]
    assert [store.record_row(n) for n in numbers] == [record_dict(r, catalog) for r in records]
    assert [store.detail(n) for n in numbers] == [detail_dict(r, catalog) for r in records]
    printed = "".join(json_list(store.items(numbers)))
    assert printed == to_json([record_dict(record, catalog) for record in records])
    assert "".join(json_list(store.items([]))) == to_json([])
    for source_id in catalog.sources:
        assert store.source_row(source_id) == source_dict(catalog, source_id)
    assert store.source_rows() == [source_dict(catalog, each) for each in catalog.sources]
    assert store.actor_rows() == [actor_dict(catalog, code) for code in catalog.actors]
    assert store.source_row("no-such-source") is None


def test_the_whole_catalog_reads_back_unchanged(bundled):
    catalog, store = bundled
    again = store.catalog()
    for part in ("sources", "actors", "events", "figures"):
        assert getattr(again, part) == getattr(catalog, part)


def test_the_vocabulary_is_the_catalogs(bundled):
    catalog, store = bundled
    assert store.known_tags() == catalog.known_tags()
    assert store.known_sources() == catalog.known_sources()
    assert store.known_units() == catalog.known_units()
    assert sorted(store.metrics()) == sorted({figure.metric for figure in catalog.figures})


# --- through the command line: the cache never changes an answer ----------------------------

COMMANDS = [
    ["timeline", "--json"],
    ["timeline", "-a", "DPRK", "--since", "2023", "-f", "csv"],
    ["timeline", "-a", "RUS", "-a", "CHN", "--any-actor", "-r", "-n", "5", "-f", "plain"],
    ["timeline", "--until", "2000", "--overlap", "-f", "md"],
    ["timeline", "--domain", "diplomatic", "-t", "treaty", "-f", "jsonl"],
    ["timeline", "-g", "missile", "-c", "officials", "-f", "yaml"],
    ["timeline", "-a", "DPRK", "-f", "timeline"],
    ["figure", "troops", "--json"],
    ["figure", "--sort", "value", "-f", "tsv"],
    ["figure", "--unit", "USD", "-f", "table"],
    ["figure", "exercises", "--per", "year", "--json"],
    ["figure", "troops", "--chart"],
    ["show", "russia-dprk-treaty-signed", "--json"],
    ["show", "russia-dprk-treaty-signed"],
    ["show", "red-carpet-parade-article", "-f", "yaml"],
    ["show", "North Korea", "--json"],
    ["search", "ballistic missiles", "--json"],
    ["search", "treaty", "-f", "plain"],
    ["sources", "--json"],
    ["actors", "-f", "csv"],
    ["tags", "--json"],
    ["metrics", "--json"],
    ["claimants", "--json"],
    ["stats", "--json"],
    ["cite", "russia-dprk-treaty-signed", "--style", "apa"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_answers_are_the_same_with_and_without_the_cache(axis: Run, args):
    built = axis(*args)
    cached = axis(*args)
    uncached = axis(*args, "--no-cache")
    assert built.exit_code == 0, built.output
    assert built.stdout == cached.stdout == uncached.stdout
    assert built.stdout.strip()
    assert list(Path(os.environ["AXIS_CACHE_DIR"]).glob("store-*.sqlite"))


def test_no_cache_writes_nothing(axis: Run):
    result = axis("timeline", "--json", "--no-cache")
    assert result.exit_code == 0
    assert not list(Path(os.environ["AXIS_CACHE_DIR"]).iterdir())


# --- never an outdated answer -----------------------------------------------------------------


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(STORE, copy)
    return copy


def _titles(axis: Run, store: Path) -> list[str]:
    result = axis("timeline", "--json", "--no-bundled", "--data", store)
    assert result.exit_code == 0, result.output
    return [event["title"] for event in json.loads(result.stdout)]


def _age(store: Path, seconds: int = 3600) -> None:
    """Date every store file back, so an index built now trusts their stat (not racy)."""
    for path in store.rglob("*.yaml"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns - seconds * 10**9, info.st_mtime_ns - seconds * 10**9))


def _retitle(store: Path, old: str, new: str, *, keep_times: bool) -> None:
    """Replace a title in events.yaml; with `keep_times`, the size and mtime stay as they were."""
    path = store / "events.yaml"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old) == len(new)
    path.write_text(text.replace(old, new), encoding="utf-8")
    if keep_times:
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size


def _first_title(store: Path) -> str:
    return load_catalog([store]).events[0].title


@pytest.mark.parametrize("racy", [False, True], ids=["trusted stat", "racy file"])
def test_an_edit_that_keeps_size_and_mtime_is_seen(axis: Run, store_copy: Path, racy: bool):
    if not racy:
        _age(store_copy)
    title = _first_title(store_copy)
    before = _titles(axis, store_copy)
    assert title in before
    changed = title[::-1]
    _retitle(store_copy, title, changed, keep_times=True)
    after = _titles(axis, store_copy)
    assert changed in after and title not in after


def test_a_new_shard_or_a_removed_file_is_seen(axis: Run, store_copy: Path):
    _age(store_copy)
    before = _titles(axis, store_copy)
    (store_copy / "figures.yaml").unlink()
    assert _titles(axis, store_copy) == before
    result = axis("figure", "--json", "--no-bundled", "--data", store_copy)
    assert json.loads(result.stdout) == []


def _index_files() -> list[Path]:
    return sorted(Path(os.environ["AXIS_CACHE_DIR"]).glob("store-*.sqlite"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a database at all" * 100),
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: path.write_bytes(b""),
        lambda path: path.write_bytes(path.read_bytes()[:100]),
    ],
    ids=["garbage", "truncated", "empty", "header only"],
)
def test_a_damaged_index_is_rebuilt(axis: Run, store_copy: Path, damage):
    before = _titles(axis, store_copy)
    (index,) = _index_files()
    damage(index)
    assert _titles(axis, store_copy) == before
    assert sqlite3.connect(index).execute("SELECT count(*) FROM records").fetchone()[0] > 0


def test_an_index_from_another_version_is_not_used(axis: Run, store_copy, monkeypatch):
    title = _first_title(store_copy)
    _titles(axis, store_copy)
    (index,) = _index_files()
    # Another axis wrote this file: its answers may differ, so it must not be read.
    db = sqlite3.connect(index)
    db.execute("UPDATE meta SET value = 'axis 0.0.1, schema 0' WHERE key = 'key'")
    db.execute("UPDATE records SET row = replace(row, ?, 'WRONG')", (title,))
    db.commit()
    db.close()
    assert title in _titles(axis, store_copy)
    monkeypatch.setattr(axiscli, "__version__", "99.0.0")
    assert title in _titles(axis, store_copy)
    assert len(_index_files()) == 2


def test_a_tampered_index_with_the_right_key_is_trusted_only_by_its_files(axis, store_copy):
    """The files table is what ties an index to the store: drop one row and it is stale."""
    title = _first_title(store_copy)
    _titles(axis, store_copy)
    (index,) = _index_files()
    db = sqlite3.connect(index)
    db.execute("UPDATE records SET row = replace(row, ?, 'WRONG')", (title,))
    db.execute("DELETE FROM files WHERE path LIKE '%events.yaml'")
    db.commit()
    db.close()
    assert title in _titles(axis, store_copy)


def test_a_cache_that_cannot_be_written_only_costs_speed(axis: Run, store_copy, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"AXIS_CACHE_DIR": str(blocker / "cache")}
    result = axis("timeline", "--json", "--no-bundled", "--data", store_copy, env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder(axis: Run, store_copy, tmp_path):
    cache = tmp_path / "read-only"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        env = {"AXIS_CACHE_DIR": str(cache)}
        result = axis("timeline", "--json", "--no-bundled", "--data", store_copy, env=env)
        assert result.exit_code == 0, result.output
        assert not list(cache.iterdir())
    finally:
        cache.chmod(0o700)


def test_a_store_with_a_problem_is_never_cached(axis: Run, store_copy: Path):
    (store_copy / "events.yaml").write_text("- id: broken\n", encoding="utf-8")
    result = axis("timeline", "--no-bundled", "--data", store_copy)
    assert result.exit_code == 1
    assert "events.yaml" in result.stderr
    assert not _index_files()


def test_builders_at_once_leave_one_good_index(store_copy: Path, tmp_path: Path):
    cache = tmp_path / "shared-cache"
    env = {**os.environ, "AXIS_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "axiscli", "timeline", "--json", "--no-bundled"]
    runs = [
        subprocess.Popen([*command, "--data", str(store_copy)], env=env, stdout=subprocess.PIPE)
        for _ in range(6)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert len(set(outputs)) == 1 and json.loads(outputs[0])
    assert len(list(cache.glob("store-*.sqlite"))) == 1
    assert not list(cache.glob(".store-*"))


def test_the_library_never_reads_the_environment(store_copy: Path, monkeypatch, tmp_path):
    monkeypatch.setenv("AXIS_CACHE_DIR", str(tmp_path / "env-cache"))
    store = open_index([store_copy], cache_dir=None)
    assert store.select(Query(), "event")
    assert not (tmp_path / "env-cache").exists()
    cached = open_index([store_copy], cache_dir=tmp_path / "given")
    assert cached.select(Query(), "event") == store.select(Query(), "event")
    assert list((tmp_path / "given").glob("store-*.sqlite"))


# --- a sharded store: an edited shard is re-read alone, in place ----------------------------

SHARDED = STORE.parent / "sharded"


@pytest.fixture
def sharded(tmp_path: Path) -> Path:
    copy = tmp_path / "sharded"
    shutil.copytree(SHARDED, copy)
    _age(copy)
    return copy


def _run_json(axis: Run, store: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = axis(*args, "--json", "--no-bundled", "--data", store)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _inode() -> int:
    (index,) = _index_files()
    return index.stat().st_ino


def _same_as_a_fresh_compile(axis: Run, store: Path) -> None:
    for args in (["timeline"], ["figure"], ["search", "border"], ["stats"], ["tags"]):
        cached = axis(*args, "--json", "--no-bundled", "--data", store)
        fresh = axis(*args, "--json", "--no-bundled", "--data", store, "--no-cache")
        assert cached.stdout == fresh.stdout, args


def test_an_edited_shard_is_applied_in_place(axis: Run, sharded: Path):
    before = _run_json(axis, sharded, "timeline")
    inode = _inode()
    shard = sharded / "events" / "2022-2023.yaml"
    shard.write_text(
        shard.read_text().replace("Joint drills begin", "Joint drills start"), encoding="utf-8"
    )
    after = _run_json(axis, sharded, "timeline")
    assert [e["title"] for e in after] == [
        e["title"].replace("Joint drills begin", "Joint drills start") for e in before
    ]
    assert _inode() == inode  # updated in place, not compiled again
    _same_as_a_fresh_compile(axis, sharded)


def test_a_new_shard_and_a_removed_one_are_applied_in_place(axis: Run, sharded: Path):
    _run_json(axis, sharded, "timeline")
    inode = _inode()
    moved = sharded / "events" / "2024-2025.yaml"
    (sharded / "events" / "2030.yaml").write_text(moved.read_text(), encoding="utf-8")
    moved.unlink()
    titles = [e["id"] for e in _run_json(axis, sharded, "timeline")]
    assert _inode() == inode
    assert titles == [event.id for event in by_date(load_catalog([sharded]).events)]
    _same_as_a_fresh_compile(axis, sharded)


def test_a_problem_in_an_edited_shard_is_reported_by_file(axis: Run, sharded: Path):
    _run_json(axis, sharded, "timeline")
    shard = sharded / "events" / "1961.yaml"
    text = (sharded / "events" / "2022-2023.yaml").read_text()
    shard.write_text(shard.read_text() + "\n" + text.split("\n\n", 1)[1], encoding="utf-8")
    result = axis("timeline", "--no-bundled", "--data", sharded)
    assert result.exit_code == 1
    assert "duplicate record id" in result.stderr and "1961.yaml" in result.stderr


def test_a_change_to_a_registry_compiles_again(axis: Run, sharded: Path):
    _run_json(axis, sharded, "timeline")
    inode = _inode()
    actors = sharded / "actors.yaml"
    actors.write_text(actors.read_text() + "\n", encoding="utf-8")
    _run_json(axis, sharded, "timeline")
    assert _inode() != inode
    _same_as_a_fresh_compile(axis, sharded)


def test_a_file_written_just_before_the_compile_is_trusted_once_verified(axis, sharded):
    shard = sharded / "events" / "1961.yaml"
    shard.write_text(shard.read_text(), encoding="utf-8")  # just written: racy
    _run_json(axis, sharded, "timeline")
    (index,) = _index_files()

    def built_ns() -> int:
        db = sqlite3.connect(index)
        (value,) = db.execute("SELECT value FROM meta WHERE key = 'built_ns'").fetchone()
        db.close()
        return int(value)

    first = built_ns()
    os.utime(shard, ns=(0, shard.stat().st_mtime_ns - 10 * 10**9))  # it is old news now
    _run_json(axis, sharded, "timeline")
    assert built_ns() > first  # its content was checked, and its stat recorded


# --- a generated store: every filter family, the same answers --------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, CompiledStore]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate  # a script's module, in benchmarks/

    folder = tmp_path_factory.mktemp("generated")
    generate.write_store(folder, 400, 300, seed=11, shards=4)
    return load_catalog([folder]), open_index([folder], cache_dir=None)


def _generated_questions(catalog: Catalog) -> list[dict[str, object]]:
    records = [*catalog.events, *catalog.figures]
    tags = sorted({tag for record in records for tag in record.tags})
    claimant = next(c.claimant for r in records for c in r.citations if c.claimant)
    word = catalog.events[0].title.split()[-1]
    return [
        {},
        {"actors": ["DPRK"]},
        {"actors": ["RUS", "DPRK"]},
        {"actors": ["RUS", "CHN"], "any_actor": True},
        {"since": "2023", "until": "2024"},
        {"since": "2023", "until": "2024", "overlap": True},
        {"since": "2024-06", "until": "2024-06"},
        {"until": "2010"},
        {"domains": ["military"]},
        {"tags": tags[:2]},
        {"sources": [next(iter(catalog.sources))]},
        {"claimants": [claimant]},
        {"grep": word},
        {"actors": ["DPRK"], "since": "2023", "tags": tags[:3], "overlap": True},
    ]


def test_a_generated_store_answers_as_its_models_do(generated):
    catalog, store = generated
    for asked in _generated_questions(catalog):
        query = build_query(catalog, today="2026-11-23", **asked)  # type: ignore[arg-type]
        events = by_date(select(catalog.events, query))
        assert _ids(store.records(store.select(query, "event"))) == _ids(events), asked
        for order in ("metric", "date", "value"):
            figures = sort_figures(select(catalog.figures, query), order)
            assert _ids(store.records(store.select(query, "figure", order))) == _ids(figures)
    for metric in sorted({figure.metric for figure in catalog.figures})[:5]:
        query = build_query(catalog, term=metric.split(".")[0])
        figures = sort_figures(select(catalog.figures, query), "metric")
        assert _ids(store.records(store.select(query, "figure", "metric"))) == _ids(figures)
    for text in ("troops", catalog.events[3].title, catalog.figures[5].label):
        found = [r.id for _, r in search((*catalog.events, *catalog.figures), text)]
        assert _ids(store.records(store.search(text))) == found
    numbers = store.select(Query(), "event") + store.select(Query(), "figure")
    assert store.records(numbers) == by_date(catalog.events) + by_date(catalog.figures)


def test_an_index_missing_a_table_is_rebuilt(axis: Run, store_copy: Path):
    before = _titles(axis, store_copy)
    (index,) = _index_files()
    db = sqlite3.connect(index)
    db.execute("DROP TABLE record_tags")
    db.commit()
    db.close()
    assert _titles(axis, store_copy) == before
    tables = sqlite3.connect(index).execute("SELECT name FROM sqlite_master").fetchall()
    assert ("record_tags",) in tables


def test_an_index_spoiled_past_the_checks_is_one_clear_error(axis: Run, monkeypatch):
    def spoiled(*args: object, **kwargs: object) -> list[int]:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(CompiledStore, "select", spoiled)
    result = axis("timeline", "--json")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the store's compiled index cannot be read")
    assert "--no-cache" in result.stderr and "Traceback" not in result.output


# --- a compile streams the store: the index and the problems a whole load gives -------------


def _contents(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS5's own tables aside: `texts` holds their content)."""
    names = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'texts_%'"
    ).fetchall()
    return {
        name: db.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall()
        for (name,) in names
    }


def _compiled(folders: list[Path], *, whole: bool) -> sqlite3.Connection:
    """The index of `folders`, streamed, or built from the store loaded and checked whole."""
    prints = [(kind, fingerprint(path)) for folder in folders for kind, path in store_files(folder)]
    db = sqlite3.connect(":memory:")
    if whole:
        build(db, checked_store(folders), prints, meta={"key": "test"})
    else:
        stream(db, folders, prints, meta={"key": "test"})
    return db


@pytest.fixture
def two_folders(sharded: Path, tmp_path: Path) -> list[Path]:
    """The sharded store, and a folder of one more shard of events citing its registries."""
    more = tmp_path / "more"
    (more / "events").mkdir(parents=True)
    text = (sharded / "events" / "1961.yaml").read_text(encoding="utf-8")
    (more / "events" / "extra.yaml").write_text(text.replace("pact-1961", "pact-again"))
    return [sharded, more]


@pytest.mark.parametrize("chunk", [64, 1 << 18], ids=["many chunks", "one chunk"])
def test_a_streamed_compile_holds_what_a_whole_one_does(two_folders, monkeypatch, chunk):
    monkeypatch.setattr(yaml_io, "CHUNK", chunk)
    for folders in ([BUNDLED], two_folders):
        streamed, whole = _compiled(folders, whole=False), _compiled(folders, whole=True)
        assert _contents(streamed) == _contents(whole)


def test_a_file_that_parses_only_whole_is_compiled_whole(sharded: Path, monkeypatch):
    monkeypatch.setattr(yaml_io, "CHUNK", 64)
    shard = sharded / "events" / "2024-2025.yaml"
    text = shard.read_text(encoding="utf-8")
    # A title over two lines, the second a "- " line: a chunk cut there does not parse.
    shard.write_text(
        text.replace("Troops present in early 2025", '"Troops\n- present in early 2025"')
    )
    with pytest.raises(Unstreamable):
        stream(sqlite3.connect(":memory:"), [sharded], [], meta={})
    store = open_index([sharded], cache_dir=None)
    titles = [record.title for record in store.records(store.select(Query(), "event"))]
    assert "Troops - present in early 2025" in titles


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


_EVENT = "- id: {id}\n  title: T\n  summary: S\n  domain: military\n  date: '2024'\n" + (
    "  actors: [{actor}]\n  citations:\n    - source: {source}\n      quote: Q\n"
)

# Problems only a look across files finds, and others, each made in a copy of the sharded store.
STORE_PROBLEMS = {
    "an id used in two shards": lambda s: _append(
        s / "events" / "1961.yaml",
        _EVENT.format(id="joint-drills", actor="PRK", source="alpha-report"),
    ),
    "an event with a figure's id": lambda s: _append(
        s / "events" / "1961.yaml",
        _EVENT.format(id="trade-2023", actor="PRK", source="alpha-report"),
    ),
    "an unknown actor": lambda s: _append(
        s / "events" / "1961.yaml", _EVENT.format(id="new", actor="XYZ", source="alpha-report")
    ),
    "an unknown source": lambda s: _append(
        s / "events" / "1961.yaml", _EVENT.format(id="new", actor="PRK", source="no-such")
    ),
    "an update of a figure that is not there": lambda s: _replace(
        s / "figures" / "trade.yaml",
        "  qualifier: exact\n",
        "  qualifier: exact\n  updates: gone\n",
    ),
    "a dispute with a figure of another metric, in another file": lambda s: _replace(
        s / "figures" / "trade.yaml",
        "  qualifier: exact\n",
        "  qualifier: exact\n  disputes: [troops-2025]\n",
    ),
    "an update of a later figure": lambda s: _replace(
        s / "figures.yaml",
        "  qualifier: at least\n",
        "  qualifier: at least\n  updates: troops-2025\n",
    ),
    "a record that fails its schema": lambda s: _replace(
        s / "events" / "2024-2025.yaml", "  domain:", "  colour: red\n  domain:"
    ),
    "invalid YAML": lambda s: _append(s / "figures" / "later.yaml", "- id: [unclosed\n"),
    "a file that is not a shard": lambda s: (s / "events" / "notes.txt").write_text("notes"),
    "a source id used twice": lambda s: _append(
        s / "sources.yaml", (s / "sources.yaml").read_text(encoding="utf-8").split("\n\n")[-1]
    ),
}


@pytest.mark.parametrize("make", STORE_PROBLEMS.values(), ids=list(STORE_PROBLEMS))
def test_a_compile_reports_a_problem_as_a_whole_load_does(sharded: Path, monkeypatch, make):
    monkeypatch.setattr(yaml_io, "CHUNK", 64)
    make(sharded)
    with pytest.raises(Unstreamable):
        stream(sqlite3.connect(":memory:"), [sharded], [], meta={})
    with pytest.raises(DataError) as whole:
        checked_store([sharded])
    with pytest.raises(DataError) as compiled:
        open_index([sharded], cache_dir=None)
    assert str(compiled.value) == str(whole.value)


@pytest.mark.parametrize(
    "make",
    [
        STORE_PROBLEMS[name]
        for name in (
            "an id used in two shards",
            "an event with a figure's id",
            "an unknown actor",
            "an unknown source",
            "an update of a figure that is not there",
            "a dispute with a figure of another metric, in another file",
        )
    ],
    ids=[
        "duplicate id",
        "event with a figure's id",
        "unknown actor",
        "unknown source",
        "update of nothing",
        "dispute across metrics",
    ],
)
def test_an_edited_shard_with_a_problem_is_never_applied(axis: Run, sharded: Path, make):
    before = _run_json(axis, sharded, "timeline")
    make(sharded)
    result = axis("timeline", "--no-bundled", "--data", sharded)
    assert result.exit_code == 1
    with pytest.raises(DataError) as whole:
        checked_store([sharded])
    assert result.stderr.startswith(f"Error: {whole.value}")
    shutil.rmtree(sharded)
    shutil.copytree(SHARDED, sharded)
    assert _run_json(axis, sharded, "timeline") == before
    _same_as_a_fresh_compile(axis, sharded)


def test_an_update_hashes_only_the_files_that_changed(sharded: Path, tmp_path: Path, monkeypatch):
    open_index([sharded], cache_dir=tmp_path).close()
    shard = sharded / "events" / "1961.yaml"
    _replace(shard, "pact-1961", "pact-1962")
    hashed: list[Path] = []

    def counted(path: Path) -> cache.Fingerprint:
        hashed.append(path)
        return fingerprint(path)

    monkeypatch.setattr(cache, "fingerprint", counted)
    monkeypatch.setattr(update, "fingerprint", counted)
    store = open_index([sharded], cache_dir=tmp_path)
    assert "pact-1962" in _ids(store.records(store.select(Query(), "event")))
    assert set(hashed) == {shard}


def test_an_update_indexes_again_only_the_records_the_edit_changed(sharded, tmp_path, monkeypatch):
    open_index([sharded], cache_dir=tmp_path).close()
    shard = sharded / "events" / "2022-2023.yaml"
    # Every record of the shard moves down a line; one of them changes.
    text = "# Moved down.\n" + shard.read_text(encoding="utf-8")
    shard.write_text(text.replace("Joint drills begin", "Joint drills start"), encoding="utf-8")
    indexed: list[str] = []
    real = Indexer.add

    def spied(self: Indexer, located: list) -> None:  # type: ignore[type-arg]
        indexed.extend(item.record.id for item in located)
        real(self, located)

    monkeypatch.setattr(Indexer, "add", spied)
    updated = open_index([sharded], cache_dir=tmp_path)
    assert indexed == ["joint-drills"]
    fresh = open_index([sharded], cache_dir=None)
    where = "SELECT id, file, line, row FROM records ORDER BY id"
    assert updated.db.execute(where).fetchall() == fresh.db.execute(where).fetchall()
