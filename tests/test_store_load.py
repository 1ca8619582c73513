"""Loading the store: sharded folders, the fast parse, lines found again, the paused collector."""

import gc
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from axiscli.model import Event
from axiscli.store import (
    Located,
    Unstreamable,
    load_file,
    load_parts,
    load_store,
    store_files,
    yaml_io,
)
from tests.conftest import FIXTURES, STORE, ids

SHARDED = FIXTURES / "sharded"
SERIES = FIXTURES / "series"
REPO = Path(__file__).resolve().parents[1]


def _copy(tmp_path: Path, source: Path = SHARDED) -> Path:
    store = tmp_path / source.name
    shutil.copytree(source, store)
    return store


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, words: str, after: str = "") -> int:
    """The number of the first line holding `words` after the first line holding `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if words in line)


def _check(axis, store: Path) -> list[str]:
    result = axis("check", "--no-bundled", "--data", store)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


# --- the layout --------------------------------------------------------------------------------


def test_single_files_come_first_then_shards_in_order_of_name():
    assert store_files(SHARDED) == [
        ("sources.yaml", SHARDED / "sources.yaml"),
        ("actors.yaml", SHARDED / "actors.yaml"),
        ("events.yaml", SHARDED / "events" / "1961.yaml"),
        ("events.yaml", SHARDED / "events" / "2022-2023.yaml"),
        ("events.yaml", SHARDED / "events" / "2024-2025.yaml"),
        ("figures.yaml", SHARDED / "figures.yaml"),
        ("figures.yaml", SHARDED / "figures" / "later.yaml"),
        ("figures.yaml", SHARDED / "figures" / "trade.yaml"),
    ]


def test_a_sharded_store_answers_as_the_same_store_in_single_files(axis):
    for command in (("timeline",), ("figure",), ("search", "troops")):
        sharded = axis(*command, "--no-bundled", "--data", SHARDED, "--json")
        single = axis(*command, "--no-bundled", "--data", STORE, "--json")
        assert ids(sharded) == ids(single), command
    assert json.loads(sharded.stdout) == json.loads(single.stdout)


def test_a_sharded_store_passes_check_and_counts_its_files(axis):
    result = axis("check", "--no-bundled", "--data", SHARDED, "--texts", STORE / "texts")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"OK: 9 records (5 events, 4 figures, 2 sources, 4 actors) in 8 files under {SHARDED};"
    )


def test_records_load_in_file_order_and_keep_their_shard():
    store = load_store([SHARDED])
    assert [item.record.id for item in store.events] == [
        "pact-1961",
        "joint-drills",
        "containers-crossed",
        "treaty-signed",
        "troops-arrive",
    ]
    drills = store.events[1]
    assert drills.file == SHARDED / "events" / "2022-2023.yaml"
    assert drills.line == _line_of(drills.file, "id: joint-drills")


def test_a_duplicate_id_in_two_shards_names_both_files(axis, tmp_path):
    store = _copy(tmp_path)
    later, earlier = store / "events" / "2024-2025.yaml", store / "events" / "2022-2023.yaml"
    _edit(later, "id: troops-arrive", "id: joint-drills")
    assert _check(axis, store) == [
        f"{later}:{_line_of(later, 'id: joint-drills')}: 'joint-drills': duplicate record id; "
        f"first used at {earlier}:{_line_of(earlier, 'id: joint-drills')} "
        "(give one of them another id)"
    ]


def test_an_id_may_not_stand_for_an_event_in_one_shard_and_a_figure_in_another(axis, tmp_path):
    store = _copy(tmp_path)
    figures = store / "figures" / "trade.yaml"
    _edit(figures, "id: trade-2023", "id: pact-1961")
    problems = _check(axis, store)
    assert problems == [
        f"{figures}:{_line_of(figures, 'id: pact-1961')}: 'pact-1961': duplicate record id; "
        f"first used at {store / 'events' / '1961.yaml'}:3 (give one of them another id)"
    ]


# (shard, text replaced, replacement, words on the expected line, after the line holding, words)
SHARD_PROBLEMS = {
    "closed set": (
        "events/2024-2025.yaml",
        "domain: military",
        "domain: militery",
        "domain: militery",
        "id: troops-arrive",
        "'troops-arrive': domain: Input should be",
    ),
    "unknown field in a citation": (
        "events/2022-2023.yaml",
        "      claimant: Beta analysts",
        "      claimnt: Beta analysts",
        "claimnt:",
        "id: containers-crossed",
        "'containers-crossed': unknown field 'citations.0.claimnt'",
    ),
    "a rule of the whole record": (
        "figures/trade.yaml",
        "low: 4000",
        "low: 5500",
        "id: containers-2023",
        "",
        "'containers-2023': low 5500 is above value 5000",
    ),
    "unknown actor": (
        "events/1961.yaml",
        "actors: [CHN, PRK]",
        "actors: [CHN, DPRK]",
        "actors:",
        "id: pact-1961",
        "'pact-1961': unknown actor 'DPRK' (did you mean PRK?)",
    ),
    "unknown source, second shard of figures": (
        "figures/trade.yaml",
        "source: beta-notes",
        "source: gamma-notes",
        "source: gamma-notes",
        "",
        "'containers-2023': unknown source 'gamma-notes'",
    ),
}


@pytest.mark.parametrize("case", SHARD_PROBLEMS, ids=list(SHARD_PROBLEMS))
def test_problems_in_a_shard_name_the_shard_and_the_line(axis, tmp_path, case):
    shard, old, new, words, after, message = SHARD_PROBLEMS[case]
    store = _copy(tmp_path)
    path = store / shard
    _edit(path, old, new)
    problems = _check(axis, store)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{_line_of(path, words, after)}: {message}")


@pytest.mark.parametrize("text", ["", "\n\n", "# Figures go here.\n# None yet.\n"])
def test_an_empty_or_comments_only_file_is_a_store_with_no_records(axis, tmp_path, text):
    store = _copy(tmp_path, STORE)
    (store / "figures.yaml").write_text(text, encoding="utf-8")
    result = axis("timeline", "--no-bundled", "--data", store, "--json")
    assert ids(result) == ids(axis("timeline", "--no-bundled", "--data", STORE, "--json"))
    assert axis("figure", "--no-bundled", "--data", store, "--json").stdout.strip() == "[]"
    checked = axis("check", "--no-bundled", "--data", store)
    assert checked.exit_code == 0, checked.output
    assert "(5 events, 0 figures," in checked.stdout


def test_a_document_that_is_not_a_list_is_still_a_problem(axis, tmp_path):
    store = _copy(tmp_path, STORE)
    (store / "figures.yaml").write_text("id: trade-2023\n", encoding="utf-8")
    assert _check(axis, store) == [
        f"{store / 'figures.yaml'}:1: the file must be a YAML list of records "
        "(start each record with '- ')"
    ]


def _events_yaml_folder(store: Path) -> None:
    shutil.rmtree(store / "events")
    (store / "events.yaml").mkdir()
    (store / "events.yaml" / "a.yaml").write_text("[]\n", encoding="utf-8")


def _dangling_shard(store: Path) -> None:
    (store / "events" / "2026.yaml").symlink_to(store / "nowhere.yaml")


def _a_yml_shard(store: Path) -> None:
    (store / "events" / "2024-2025.yaml").rename(store / "events" / "2024-2025.yml")


def _notes_in_shards(store: Path) -> None:
    (store / "events" / "README.md").write_text("Events by year.\n", encoding="utf-8")


def _subfolder_of_shards(store: Path) -> None:
    (store / "events" / "old").mkdir()


def _events_is_a_file(store: Path) -> None:
    shutil.rmtree(store / "events")
    (store / "events").write_text("- id: x\n", encoding="utf-8")


# (how the store is spoilt, the entry reported, the message)
ENTRY_PROBLEMS = {
    "folder named events.yaml": (
        _events_yaml_folder,
        "events.yaml",
        "is a folder, not a file of records; shards of events go in events/ "
        "(move its files to events/ and remove the folder)",
    ),
    "broken link": (_dangling_shard, "events/2026.yaml", "is a link to nothing"),
    ".yml shard": (
        _a_yml_shard,
        "events/2024-2025.yml",
        "is not a .yaml file; events/ holds only .yaml shards "
        "(rename it NAME.yaml, or move it out of events/)",
    ),
    "other file among shards": (_notes_in_shards, "events/README.md", "is not a .yaml file"),
    "subfolder of shards": (_subfolder_of_shards, "events/old", "is a folder; shards are not"),
    "events is a file": (
        _events_is_a_file,
        "events",
        "is not a folder; events are read from events.yaml or from events/*.yaml",
    ),
}


@pytest.mark.parametrize("case", ENTRY_PROBLEMS, ids=list(ENTRY_PROBLEMS))
def test_an_entry_that_is_not_a_file_of_records_is_a_problem_not_a_gap(axis, tmp_path, case):
    spoil, entry, message = ENTRY_PROBLEMS[case]
    store = _copy(tmp_path)
    spoil(store)
    problems = _check(axis, store)
    assert any(p.startswith(f"{store / entry}: {message}") for p in problems), problems


def test_a_folder_holding_only_a_folder_named_events_yaml_is_reported_not_refused(axis, tmp_path):
    store = tmp_path / "store"
    (store / "events.yaml").mkdir(parents=True)
    problems = _check(axis, store)
    assert problems == [
        f"{store / 'events.yaml'}: is a folder, not a file of records; shards of events go in "
        "events/ (move its files to events/ and remove the folder)"
    ]


def test_hidden_files_among_shards_are_left_alone(axis, tmp_path):
    store = _copy(tmp_path)
    (store / "events" / ".2024-2025.yaml.swp").write_bytes(b"\x00\xff not yaml")
    (store / "figures" / ".DS_Store").write_bytes(b"\x00")
    assert [path.name for _, path in store_files(store)] == [
        path.name for _, path in store_files(SHARDED)
    ]
    assert axis("check", "--no-bundled", "--data", store).exit_code == 0


# --- keys given twice --------------------------------------------------------------------------

# (file, text replaced, replacement, words on the line of the second key, record, key)
DUPLICATE_KEYS = {
    "in a citation": (
        "events/2022-2023.yaml",
        '      quote: "Since 2022 the partners have held joint drills."',
        '      quote: "Since 2022 the partners have held joint drills."\n'
        '      quote: "The partners held drills."',
        'quote: "The partners held drills."',
        "joint-drills",
        "quote",
    ),
    "in an author of a source": (
        "sources.yaml",
        "    - family: Writer",
        "    - family: Writer\n      family: Author",
        "family: Author",
        "alpha-report",
        "family",
    ),
    "at the top of a record": (
        "figures/trade.yaml",
        "  unit: USD",
        "  unit: USD\n  unit: EUR",
        "unit: EUR",
        "trade-2023",
        "unit",
    ),
}


@pytest.mark.parametrize("case", DUPLICATE_KEYS, ids=list(DUPLICATE_KEYS))
def test_a_key_given_twice_at_any_depth_is_a_problem(axis, tmp_path, case):
    filename, old, new, words, record, key = DUPLICATE_KEYS[case]
    store = _copy(tmp_path)
    path = store / filename
    _edit(path, old, new)
    assert _check(axis, store) == [
        f"{path}:{_line_of(path, words)}: '{record}': field '{key}' is given twice "
        "(keep one of them)"
    ]


def test_keys_given_twice_are_found_in_a_file_parsed_in_chunks(monkeypatch, tmp_path):
    monkeypatch.setattr(yaml_io, "CHUNK", 64)
    path = tmp_path / "events.yaml"
    text = (STORE / "events.yaml").read_text(encoding="utf-8")
    text = text.replace("      claimant: reports", "      claimant: reports\n      claimant: again")
    text = text.replace("  tags: [treaty, history]", "  tags: [treaty]\n  tags: [history]")
    path.write_text(text, encoding="utf-8")
    located, problems = load_file(path, Event)
    assert [(p.line, p.record_id, p.message) for p in problems] == [
        (_line_of(path, "tags: [history]"), "pact-1961", "field 'tags' is given twice"),
        (_line_of(path, "claimant: again"), "troops-arrive", "field 'claimant' is given twice"),
    ]
    assert len(located) == 5


# --- parsing in chunks gives what parsing whole gives ------------------------------------------

TRICKY = {
    "a quoted scalar holding a '- ' line": '- id: a\n  title: "one\n- two"\n- id: b\n',
    "a block scalar": "- id: a\n  summary: |\n    - not an item\n    text\n- id: b\n",
    "anchors across records": "- id: a\n  tags: &t [x, y]\n- id: b\n  tags: *t\n",
    "merge keys": "- &base {kind: state}\n- <<: *base\n  code: X\n  kind: group\n",
    "a document marker first": "---\n- id: a\n- id: b\n",
    "a document end between records": "- id: a\n...\n- id: b\n",
    "two documents": "- id: a\n---\n- id: b\n",
    "CRLF": "- id: a\r\n  n: 1\r\n- id: b\r\n  n: 2\r\n",
    "a mapping with a list": "a:\n- x\n- y\n",
    "an indented list": "  - id: a\n  - id: b\n",
    "a flow list over lines": "[\n  {id: a},\n  {id: b},\n]\n",
    "an unclosed bracket": "- id: a\n  tags: [x,\n- id: b\n",
    "numbers, nulls, booleans, dates": "- {n: 1, f: 1.5, z: null, t: true, d: 2024-01-02}\n- x\n",
    "a key repeated": "- id: a\n  c: {q: 1, q: 2}\n- id: b\n  id: c\n",
    "a tag on the list": "--- !!set\n- a\n",
    "a BOM": "\ufeff- id: a\n- id: b\n",
}


class _Stock(yaml.CSafeLoader):
    """PyYAML's own loader, dates left as strings: what parsing must agree with."""


_Stock.yaml_implicit_resolvers = yaml_io.Loader.yaml_implicit_resolvers


def _plain_parse(text: str) -> tuple[object, list[int]]:
    loader = _Stock(text.removeprefix("\ufeff"))
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else []
    finally:
        loader.dispose()
    listed = isinstance(data, list) and isinstance(root, yaml.SequenceNode)
    lines = [n.start_mark.line + 1 for n in root.value] if listed else []
    return data, lines


def _texts() -> Iterator[tuple[str, str]]:
    yield from TRICKY.items()
    for folder in (STORE, SERIES, SHARDED, FIXTURES / "hostile", REPO / "data"):
        for _, path in store_files(folder):
            yield str(path), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("chunk", [1, 40, 1 << 18])
def test_parsing_in_chunks_gives_what_parsing_whole_gives(monkeypatch, chunk):
    monkeypatch.setattr(yaml_io, "CHUNK", chunk)
    for name, text in _texts():
        try:
            expected = _plain_parse(text)
        except yaml.YAMLError as error:
            with pytest.raises(yaml.YAMLError) as raised:
                yaml_io.parse(text)
            assert str(raised.value) == str(error), name
            continue
        parsed = yaml_io.parse(text)
        assert (parsed.data, parsed.lines) == expected, name


@pytest.mark.parametrize("chunk", [1, 40, 1 << 18])
def test_parts_add_up_to_what_parsing_whole_gives(monkeypatch, chunk):
    monkeypatch.setattr(yaml_io, "CHUNK", chunk)
    for name, text in _texts():
        try:
            parts = list(yaml_io.parse_parts(text))
        except (yaml.YAMLError, yaml_io.Unsplittable):
            continue  # `parse` parses it whole
        parsed = yaml_io.parse(text)
        if len(parts) == 1:
            assert parts[0] == parsed, name
            continue
        assert [item for part in parts for item in part.data] == parsed.data, name
        assert [line for part in parts for line in part.lines] == parsed.lines, name
        assert [start for part in parts for start in part.starts] == parsed.starts, name


def test_a_chunk_that_does_not_parse_after_others_did_stops_the_parts(monkeypatch):
    monkeypatch.setattr(yaml_io, "CHUNK", 1)
    text = '- id: z\n- id: a\n  title: "one\n- two"\n- id: b\n'
    parts = yaml_io.parse_parts(text)
    assert next(parts).data == [{"id": "z"}]
    with pytest.raises(yaml_io.Unsplittable):
        next(parts)
    assert yaml_io.parse(text).data == [{"id": "z"}, {"id": "a", "title": "one - two"}, {"id": "b"}]


def test_a_file_loaded_in_parts_gives_what_loading_it_whole_gives(monkeypatch):
    monkeypatch.setattr(yaml_io, "CHUNK", 64)
    path = STORE / "events.yaml"
    parts = list(load_parts(path, Event))
    located, problems = load_file(path, Event)
    assert len(parts) > 1 and not problems
    streamed = [item for part in parts for item in part]
    assert [(i.record, i.file, i.line, i.index) for i in streamed] == [
        (i.record, i.file, i.line, i.index) for i in located
    ]


@pytest.mark.parametrize(
    "text",
    ["- id: [unclosed\n", "id: one-record\n", "- just text\n", "- id: x\n  colour: red\n"],
    ids=["invalid YAML", "not a list", "not a mapping", "a schema problem"],
)
def test_a_file_with_a_problem_is_not_loaded_in_parts(tmp_path, text):
    path = tmp_path / "events.yaml"
    path.write_text((STORE / "events.yaml").read_text(encoding="utf-8") + text)
    with pytest.raises(Unstreamable):
        list(load_parts(path, Event))
    with pytest.raises(Unstreamable):
        list(load_parts(tmp_path / "missing.yaml", Event))


def test_records_are_parsed_in_chunks_of_a_big_file(monkeypatch):
    calls = []
    real = yaml_io.Loader.get_single_node

    def counted(self):  # type: ignore[no-untyped-def]
        calls.append(self)
        return real(self)

    monkeypatch.setattr(yaml_io, "CHUNK", 400)
    monkeypatch.setattr(yaml_io.Loader, "get_single_node", counted)
    parsed = yaml_io.parse((STORE / "events.yaml").read_text(encoding="utf-8"))
    assert len(parsed.data) == 5
    assert len(calls) > 1


def test_short_strings_are_shared_between_records():
    parsed = yaml_io.parse((STORE / "events.yaml").read_text(encoding="utf-8"))
    first, second = parsed.data[0], parsed.data[1]
    assert next(k for k in first if k == "citations") is next(k for k in second if k == "citations")
    assert first["actors"][1] is parsed.data[3]["actors"][1]  # PRK, one string object
    assert first["citations"][0]["source"] is parsed.data[4]["citations"][0]["source"]


# --- lines of fields, found again --------------------------------------------------------------


def _paths(node: yaml.Node, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, int]]:
    """Every path into a record's node with the line it is written on (as line_of finds it)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield (*loc, key.value), key.start_mark.line + 1
            yield from _paths(value, (*loc, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield (*loc, index), item.start_mark.line + 1
            yield from _paths(item, (*loc, index))


def _layouts(tmp_path: Path) -> list[Path]:
    odd = tmp_path / "odd"
    shutil.copytree(STORE, odd)
    events = odd / "events.yaml"
    # a record opened by '-' on a line of its own; CRLF line ends
    _edit(events, "- id: joint-drills", "-\n  id: joint-drills")
    # an alias to another record: that record's text cannot be composed on its own
    figures = odd / "figures.yaml"
    _edit(figures, "  tags: [troops]", "  tags: &troops [troops]")
    _edit(figures, "  tags: [troops]", "  tags: *troops")
    figures.write_bytes(figures.read_bytes().replace(b"\n", b"\r\n"))
    return [STORE, SERIES, SHARDED, odd]


def test_the_line_of_every_field_is_the_line_it_is_written_on(tmp_path):
    store = load_store(_layouts(tmp_path))
    located: list[Located] = [
        *store.sources,
        *store.actors,
        *store.events,
        *store.figures,
    ]
    checked = 0
    roots = {}
    for item in located:
        if item.file not in roots:
            roots[item.file] = yaml.compose(item.file.read_text(encoding="utf-8"))
        node = roots[item.file].value[item.index]
        assert item.line == node.start_mark.line + 1
        for loc, line in _paths(node):
            assert item.line_of(*loc) == line, (item.file, item.index, loc)
            checked += 1
        assert item.line_of("no-such-field") == item.line
    assert checked > 500


def test_a_field_line_is_found_without_composing_the_whole_file(monkeypatch):
    store = load_store([STORE])
    composed: list[int] = []
    real = yaml_io.compose

    def counted(text: str):  # type: ignore[no-untyped-def]
        composed.append(len(text))
        return real(text)

    monkeypatch.setattr(yaml_io, "compose", counted)
    drills = store.events[1]
    assert drills.line_of("citations", 0, "quote") == _line_of(
        drills.file, "quote:", "id: joint-drills"
    )
    assert composed and max(composed) < len(drills.file.read_text(encoding="utf-8")) / 2


# --- the collector -----------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_found(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        store = load_store([SHARDED])
        assert len(store.events) == 5
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_found_after_an_error(monkeypatch, enabled):
    seen = []

    def failing(text: str, strings: object = None) -> None:
        seen.append(gc.isenabled())
        raise RuntimeError("parser broke")

    monkeypatch.setattr(yaml_io, "parse", failing)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(RuntimeError, match="parser broke"):
            load_store([SHARDED])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False]


def test_finding_a_store_imports_neither_yaml_nor_pydantic():
    code = (
        "import sys; from axiscli.store import data_dirs, store_files; "
        f"[store_files(f) for f in data_dirs([{str(SHARDED)!r}])]; "
        "print(sorted(m for m in ('yaml', 'pydantic', 'axiscli.model') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
