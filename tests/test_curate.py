"""Curating: add, edit, rm and import through the command line, and the layers beneath them
(ids, target files, JSON and CSV records, a record's YAML, splicing a file's text)."""

import csv
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from axiscli.cli.app import app
from axiscli.curate import add_records
from axiscli.curate.importing import from_csv, from_json
from axiscli.curate.records import new_id, slug, target_file
from axiscli.errors import UsageError
from axiscli.store import bundled_data_dir, load_store
from axiscli.store.emit import record_yaml
from axiscli.store.splice import append, record_spans, remove, replace
from axiscli.store.yaml_io import parse
from tests.conftest import FIXTURES, SEEDS, STORE

BUNDLED = bundled_data_dir()
SHARDED = FIXTURES / "sharded"

# An event the fixture store accepts, as flags.
EVENT = [
    "event",
    "--date",
    "2024-07-01",
    "--title",
    "Leaders meet again",
    "--summary",
    "The leaders met again.",
    "--actor",
    "RUS",
    "--actor",
    "DPRK",
    "--domain",
    "diplomatic",
    "--source",
    "alpha-report",
    "--quote",
    "The two states signed",
]
EVENT_ID = "2024-07-01-leaders-meet-again"


# Helpers ------------------------------------------------------------------------------------


def copy_store(tmp_path: Path, source: Path = STORE, name: str = "store") -> Path:
    folder = tmp_path / name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("texts"))
    return folder


def hashes(folder: Path) -> dict[str, str]:
    """The sha256 of every file under `folder` (the lock file aside: taking it is harmless)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".axis.lock"
    }


def temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.name.endswith(".tmp")]


def run(*args: str | Path, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)


def in_store(store: Path, *args: str | Path, input: str | None = None) -> Result:
    """`axis ARGS… --data STORE --no-bundled`."""
    return run(*args, "--data", store, "--no-bundled", input=input)


def shown(store: Path, record_id: str) -> dict[str, Any]:
    result = in_store(store, "show", record_id, "--json")
    assert result.exit_code == 0, result.output
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def record_ids(store: Path, command: str = "timeline") -> list[str]:
    result = in_store(store, command, "--json")
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.stdout)]


def around(text: str, record_id: str) -> tuple[str, str, str]:
    """The file's text before the record `record_id`, the record's own lines, and after."""
    parsed = parse(text)
    spans = record_spans(text, parsed.starts)
    for item, span in zip(parsed.data, spans, strict=True):
        if item.get("id", item.get("code")) == record_id:
            return text[: span.start], text[span.start : span.end], text[span.end :]
    raise AssertionError(f"no record {record_id} in the text")


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


# add ----------------------------------------------------------------------------------------


def test_add_from_flags_writes_the_record_and_says_where(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    result = ok(in_store(store, "add", *EVENT))
    assert result.stdout == f"{EVENT_ID}\n"
    assert f"Added '{EVENT_ID}' to {store / 'events.yaml'}:62." in result.stderr
    record = shown(store, EVENT_ID)
    assert record["title"] == "Leaders meet again"
    assert record["actors"] == ["RUS", "PRK"]  # the alias DPRK written as its code
    assert [(c["source"], c["quote"]) for c in record["citations"]] == [
        ("alpha-report", "The two states signed")
    ]
    assert ok(in_store(store, "check")).stdout.startswith("OK")


def test_add_resolves_names_and_aliases_to_codes(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    flags = [arg for arg in EVENT if arg not in ("RUS", "DPRK", "--actor")]
    actors = [
        "--actor",
        "russia",
        "--actor",
        "north-korea",
        "--actor",
        "People's Republic of China",
    ]
    ok(in_store(store, "add", *flags, *actors))
    assert shown(store, EVENT_ID)["actors"] == ["RUS", "PRK", "CHN"]


def test_add_json_output_says_what_was_written(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    result = ok(in_store(store, "add", *EVENT, "--json"))
    assert json.loads(result.stdout) == [
        {
            "action": "added",
            "kind": "event",
            "id": EVENT_ID,
            "file": str(store / "events.yaml"),
            "line": 62,
            "written": True,
        }
    ]


def test_dry_run_prints_the_yaml_and_writes_nothing(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = ok(in_store(store, "add", *EVENT, "--dry-run"))
    assert hashes(store) == before
    assert not temporaries(store)
    assert yaml.safe_load(result.stdout)[0]["id"] == EVENT_ID
    assert f"Would have added '{EVENT_ID}'" in result.stderr
    # What it printed is what a real run appends.
    ok(in_store(store, "add", *EVENT))
    assert (store / "events.yaml").read_text().endswith(result.stdout)


def test_ids_are_made_once_unique_or_chosen(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    assert ok(in_store(store, "add", *EVENT)).stdout == f"{EVENT_ID}\n"
    assert ok(in_store(store, "add", *EVENT)).stdout == f"{EVENT_ID}-2\n"
    assert ok(in_store(store, "add", *EVENT)).stdout == f"{EVENT_ID}-3\n"
    assert ok(in_store(store, "add", *EVENT, "--id", "my-own-id")).stdout == "my-own-id\n"
    ids = record_ids(store)
    assert sorted(set(ids)) == sorted(ids)
    assert {EVENT_ID, f"{EVENT_ID}-2", f"{EVENT_ID}-3", "my-own-id"} <= set(ids)


def test_ids_are_unique_across_the_stores_read(tmp_path: Path) -> None:
    """A new id in the user store steers clear of the bundled store's ids."""
    taken = "korean-war"
    assert taken in record_ids(BUNDLED)
    fields = {
        "title": "Korean War",
        "summary": "x",
        "actors": ["PRK"],
        "domain": "military",
        "citations": [{"source": "red-carpet-parade-article", "quote": "q"}],
    }
    mine = tmp_path / "mine"
    written = add_records([BUNDLED, mine], mine, [("event", fields)])
    assert [w.record_id for w in written] == ["korean-war-2"]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(lambda r: json.dumps(r[0]), id="object"),
        pytest.param(lambda r: json.dumps(r), id="array"),
        pytest.param(lambda r: "\n".join(json.dumps(x) for x in r) + "\n", id="json-lines"),
    ],
)
@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_add_from_json(tmp_path: Path, document: Any, from_stdin: bool) -> None:
    store = copy_store(tmp_path)
    records = [
        {
            "type": "event",
            "date": "2024-08-0" + str(n),
            "title": f"Event number {n}",
            "summary": "Something happened.",
            "actors": ["RUS", "NK"],
            "domain": "military",
            "citations": [{"source": "beta-notes", "quote": "Since 2022", "claimant": None}],
        }
        for n in (1, 2)
    ]
    text = document(records)
    count = 1 if text.startswith("{") and "\n" not in text else 2
    if from_stdin:
        result = in_store(store, "add", "--from-json", "-", input=text)
    else:
        (tmp_path / "in.json").write_text(text)
        result = in_store(store, "add", "--from-json", tmp_path / "in.json")
    ok(result)
    made = [f"2024-08-0{n}-event-number-{n}" for n in (1, 2)][:count]
    assert result.stdout.split() == made
    for record_id in made:
        assert shown(store, record_id)["actors"] == ["RUS", "PRK"]


def test_add_from_json_takes_what_axis_prints(tmp_path: Path) -> None:
    """A record as `axis show --json` prints it (derived keys, nulls) is a record to add."""
    store = copy_store(tmp_path)
    record = shown(store, "treaty-signed")
    record.update(id=None, title="Treaty signed again")
    ok(in_store(store, "add", "--from-json", "-", input=json.dumps(record)))
    again = shown(store, "2024-06-19-treaty-signed-again")
    assert {**again, "id": None, "title": None} == {**record, "title": None}


def test_add_from_json_and_flags_together_is_a_usage_error(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = in_store(store, "add", "--from-json", "-", "--title", "x", input="{}")
    assert result.exit_code == 2
    assert hashes(store) == before


def test_add_from_bad_json_names_the_line(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    lines = '{"type": "event", "title": "a"}\n{"type": "event", "title": \n'
    result = in_store(store, "add", "--from-json", "-", input=lines)
    assert result.exit_code == 2
    assert "-:2: not JSON" in result.stderr
    assert hashes(store) == before


# Where records are written -------------------------------------------------------------------


def test_the_user_store_is_made_on_first_use_and_read_with_the_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user" / "store"
    monkeypatch.setenv("AXIS_USER_STORE", str(user))
    assert not user.exists()
    fields = [
        "event",
        "--date",
        "2025-01-05",
        "--title",
        "Curated by me",
        "--summary",
        "x",
        "--actor",
        "Pyongyang",
        "--domain",
        "diplomatic",
        "--source",
        "lowy-alliance-needs-no-name",
        "--quote",
        "The Korean War serves as a powerful historical lesson",
    ]
    result = ok(run("add", *fields))
    record_id = "2025-01-05-curated-by-me"
    assert result.stdout == f"{record_id}\n"
    assert f"to {user / 'events.yaml'}:1." in result.stderr
    assert sorted(p.name for p in user.iterdir() if not p.name.startswith(".")) == ["events.yaml"]
    # The bundled store is untouched…
    assert record_id not in record_ids(BUNDLED)
    # …and axis reads both, with no --data.
    listed = ok(run("timeline", "--json"))
    ids = [record["id"] for record in json.loads(listed.stdout)]
    assert record_id in ids and "korean-war" in ids
    assert json.loads(ok(run("show", record_id, "--json")).stdout)["actors"] == ["PRK"]


def test_the_bundled_store_of_an_installed_package_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import axiscli.store.locate as locate

    installed = tmp_path / "site-packages" / "axiscli" / "data"
    shutil.copytree(STORE, installed, ignore=shutil.ignore_patterns("texts"))
    monkeypatch.setattr(locate, "bundled_data_dir", lambda: installed)
    before = hashes(installed)
    result = run("add", *EVENT, "--data", installed)
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert hashes(installed) == before
    # Without --data, the same record goes to the user store, read over the bundled one.
    result = ok(run("add", *EVENT))
    assert hashes(installed) == before
    assert f"{EVENT_ID}\n" == result.stdout
    assert json.loads(ok(run("show", EVENT_ID, "--json")).stdout)["id"] == EVENT_ID


def test_a_missing_data_folder_becomes_a_new_store(tmp_path: Path) -> None:
    registries = copy_store(tmp_path)
    new = tmp_path / "new" / "store"
    ok(run("add", *EVENT, "--no-bundled", "--data", new, env={"AXIS_DATA": str(registries)}))
    assert (new / "events.yaml").read_text().startswith(f"- id: {EVENT_ID}\n")


def test_sharded_store_shard_flag_and_rules(tmp_path: Path) -> None:
    store = copy_store(tmp_path, SHARDED)
    event = [*EVENT[:-4], "--source", "beta-notes", "--quote", "q"]
    # Shards not named by years: the last one by name.
    assert ok(in_store(store, "add", *event)).stdout == f"{EVENT_ID}\n"
    assert f"- id: {EVENT_ID}\n" in (store / "events" / "2024-2025.yaml").read_text()
    # --shard names the file, made if need be.
    result = ok(in_store(store, "add", *event, "--shard", "2026"))
    assert (store / "events" / "2026.yaml").read_text().startswith(f"- id: {EVENT_ID}-2\n")
    assert "events/2026.yaml:1." in result.stderr
    assert in_store(store, "add", *event, "--shard", "../x").exit_code == 2
    assert ok(in_store(store, "check")).stdout.startswith("OK")
    assert {EVENT_ID, f"{EVENT_ID}-2"} <= set(record_ids(store))


def test_sharded_by_year_goes_to_the_records_year(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    (store / "events").mkdir()
    (store / "events.yaml").rename(store / "events" / "2024.yaml")
    event = [*EVENT[:-4], "--source", "beta-notes", "--quote", "q"]
    ok(in_store(store, "add", *event))
    ok(in_store(store, "add", *event, "--date", "2023-02-03"))
    assert f"- id: {EVENT_ID}\n" in (store / "events" / "2024.yaml").read_text()
    assert (store / "events" / "2023.yaml").read_text().startswith("- id: 2023-02-03-leaders")


def test_target_file_rules(tmp_path: Path) -> None:
    plain = copy_store(tmp_path)
    assert target_file(plain, "events.yaml", {"date": "2024"}, None) == plain / "events.yaml"
    assert target_file(plain, "sources.yaml", {}, None) == plain / "sources.yaml"
    assert target_file(plain, "events.yaml", {}, "new") == plain / "events" / "new.yaml"
    assert target_file(plain, "figures.yaml", {}, "x.yaml") == plain / "figures" / "x.yaml"
    for kind, shard in [("sources.yaml", "x"), ("events.yaml", "a/b"), ("events.yaml", ".hid")]:
        with pytest.raises(UsageError):
            target_file(plain, kind, {}, shard)
    years = tmp_path / "years"
    (years / "events").mkdir(parents=True)
    (years / "events" / "2020.yaml").write_text("")
    assert target_file(years, "events.yaml", {"date": "2031-05"}, None) == (
        years / "events" / "2031.yaml"
    )
    (years / "events" / "misc.yaml").write_text("")
    assert target_file(years, "events.yaml", {"date": "2031"}, None) == (
        years / "events" / "misc.yaml"
    )
    empty = tmp_path / "empty"
    (empty / "events").mkdir(parents=True)
    assert target_file(empty, "events.yaml", {"date": "2031"}, None) == empty / "events.yaml"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"date": "2024-06-19", "title": "Putin visits Pyongyang!"},
            "2024-06-19-putin-visits-pyongyang",
        ),
        ({"date": "2024-06/2024-08", "title": "Talks"}, "2024-06-talks"),
        ({"date": "../2023-12", "title": "Before"}, "before"),
        ({"title": "Ünïcödé — “quoted” title"}, "unicode-quoted-title"),
        ({"date": "2024", "label": "Troops sent"}, "2024-troops-sent"),
        ({"published": "2025-03-01", "description": "A report"}, "2025-03-01-a-report"),
        ({"title": "word " * 40}, "-".join(["word"] * 13)),
    ],
)
def test_new_id(record: dict[str, Any], expected: str) -> None:
    assert new_id("event", record, set()) == expected
    assert len(new_id("event", record, set())) <= 64
    assert new_id("event", record, {expected, f"{expected}-2"}) == f"{expected}-3"


def test_new_id_needs_words() -> None:
    with pytest.raises(UsageError):
        new_id("event", {"title": "!!!"}, set())
    assert slug("  A  b—C ") == "a-b-c"
    assert slug("Russia–North Korea: Ünïcödé’s") == "russia-north-korea-unicode-s"


# Byte for byte ------------------------------------------------------------------------------

ACTOR = ["actor", "--code", "ZZZ", "--name", "Zedland", "--actor-kind", "state"]


def _bundled_copy(tmp_path: Path) -> Path:
    store = tmp_path / "bundled"
    shutil.copytree(BUNDLED, store)
    return store


def _with_events(text: str) -> Any:
    def make(tmp_path: Path) -> Path:
        store = copy_store(tmp_path)
        (store / "events.yaml").write_text(text)
        (store / "figures.yaml").write_text("")  # figures refer to nothing then
        return store

    return make


BUNDLED_EVENT = [
    "event",
    "--date",
    "2025-10-10",
    "--title",
    "A curated event",
    "--summary",
    "x",
    "--actor",
    "RUS",
    "--domain",
    "military",
    "--source",
    "lowy-alliance-needs-no-name",
    "--quote",
    "q",
]
FIXTURE_EVENT = [*EVENT[:-4], "--source", "beta-notes", "--quote", "q"]
NO_NEWLINE = (STORE / "events.yaml").read_text().rstrip("\n")


@pytest.mark.parametrize(
    ("make", "filename", "args", "expected"),
    [
        # (the store, the file written, the add, the file as it must be: OLD + RECORD)
        (_bundled_copy, "events.yaml", BUNDLED_EVENT, "{old}\n{record}"),  # blank line between
        (_bundled_copy, "actors.yaml", ACTOR, "{old}{record}"),  # no blank lines
        (_with_events(NO_NEWLINE), "events.yaml", FIXTURE_EVENT, "{old}\n\n{record}"),
        (_with_events(""), "events.yaml", FIXTURE_EVENT, "{record}"),
        (_with_events("# Events\n# of a store\n"), "events.yaml", FIXTURE_EVENT, "{old}{record}"),
        (_with_events("# Events\n\n"), "events.yaml", FIXTURE_EVENT, "{old}{record}"),
        (_with_events("[]\n"), "events.yaml", FIXTURE_EVENT, "{record}"),
        (_with_events("# Events\n[]  # none yet\n"), "events.yaml", FIXTURE_EVENT,
         "# Events\n# none yet\n{record}"),
    ],
    ids=["bundled-events", "bundled-actors", "no-final-newline", "empty", "comments-only",
         "header-and-blank", "empty-list", "empty-list-with-comments"],
)  # fmt: skip
def test_add_keeps_every_other_byte(
    tmp_path: Path, make: Any, filename: str, args: list[str], expected: str
) -> None:
    store = make(tmp_path)
    path = store / filename
    old = path.read_text()
    others = {name: digest for name, digest in hashes(store).items() if name != filename}
    record = ok(in_store(store, "add", *args, "--dry-run")).stdout
    added = ok(in_store(store, "add", *args)).stdout.strip()
    new = path.read_text()
    assert new == expected.format(old=old, record=record)
    # The file with the record's lines removed is the file as it was.
    before, lines, after = around(new, added)
    assert lines == record and after == ""
    assert {name: d for name, d in hashes(store).items() if name != filename} == others
    # …and removing the record again gives back every byte (`[]` aside: an empty file).
    ok(in_store(store, "rm", added, "--yes"))
    if "[]" in old:
        assert path.read_text() == expected.format(old=old, record="")
    elif old.endswith("\n") or not old:
        assert path.read_text() == old
    else:
        assert path.read_text() == old + "\n"  # a final newline is the one byte it adds


# Refused records ----------------------------------------------------------------------------


def _flags(*pairs: tuple[str, str]) -> list[str]:
    """EVENT with some of its flags' values replaced."""
    args = list(EVENT)
    for flag, value in pairs:
        args[args.index(flag) + 1] = value
    return args


@pytest.mark.parametrize(
    ("args", "problems"),
    [
        (_flags(("--domain", "diplomacy")), ["domain: Input should be"]),
        (_flags(("--actor", "XYZ")), ["unknown actor 'XYZ'"]),
        (_flags(("--source", "no-such-source")), ["unknown source 'no-such-source'"]),
        ([*EVENT, "--id", "treaty-signed"], ["duplicate record id"]),
        (
            _flags(("--domain", "diplomacy"), ("--actor", "XYZ"), ("--source", "nope")),
            ["domain: Input should be", "unknown actor 'XYZ'", "unknown source 'nope'"],
        ),
        (
            ["figure", "--metric", "troops.prk-in-rus", "--label", "x", "--value", "1",
             "--unit", "troops", "--qualifier", "about", "--date", "2024", "--actor", "PRK",
             "--updates", "no-such-figure", "--source", "alpha-report", "--quote", "q"],
            ["updates: no figure 'no-such-figure'"],
        ),
    ],
    ids=["domain", "actor", "source", "duplicate-id", "all-at-once", "relation"],
)  # fmt: skip
def test_an_invalid_record_is_refused_and_nothing_changes(
    tmp_path: Path, args: list[str], problems: list[str]
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = in_store(store, "add", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    for problem in problems:
        assert problem in result.stderr
    assert f"would bring {len(problems)} problem" in result.stderr
    assert hashes(store) == before
    assert not temporaries(store)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the repository")
def test_a_quote_not_in_its_source_is_refused(tmp_path: Path) -> None:
    store = _bundled_copy(tmp_path)
    before = hashes(store)
    args = [*BUNDLED_EVENT[:-1], "The Korean War was a picnic"]
    result = in_store(store, "add", *args, "--texts", SEEDS)
    assert result.exit_code == 1
    assert "quote not found verbatim in lowy-alliance-needs-no-name" in result.stderr
    assert hashes(store) == before and not temporaries(store)
    # Without the texts the quote cannot be checked; with a verbatim one it is written.
    args[-1] = "The Korean War serves as a powerful historical lesson"
    ok(in_store(store, "add", *args, "--texts", SEEDS))
    assert ok(in_store(store, "check", "--texts", SEEDS)).stdout.startswith("OK")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the repository")
def test_axis_texts_gives_the_texts_when_texts_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _bundled_copy(tmp_path)
    before = hashes(store)
    monkeypatch.setenv("AXIS_TEXTS", str(SEEDS))
    result = in_store(store, "add", *BUNDLED_EVENT[:-1], "The Korean War was a picnic")
    assert result.exit_code == 1
    assert "quote not found verbatim" in result.stderr
    assert hashes(store) == before


def test_a_refused_json_record_is_named_by_its_line(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    good = {
        "type": "event",
        "title": "Good",
        "summary": "x",
        "actors": ["RUS"],
        "domain": "military",
        "citations": [{"source": "beta-notes", "quote": "q"}],
    }
    bad = {**good, "title": "Bad", "domain": "nope"}
    lines = "\n".join(json.dumps(record) for record in (good, good, bad)) + "\n"
    result = in_store(store, "add", "--from-json", "-", input=lines)
    assert result.exit_code == 1
    assert "-:3: 'bad': domain" in result.stderr
    assert hashes(store) == before


# edit ---------------------------------------------------------------------------------------


def test_edit_set_changes_only_that_records_lines(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    old = (store / "events.yaml").read_text()
    result = ok(in_store(store, "edit", "joint-drills", "--set", "tags=[exercise, navy]",
                         "--set", "location=the sea", "--set", "date_text="))  # fmt: skip
    assert result.stdout == "joint-drills\n"
    assert "Changed 'joint-drills' in" in result.stderr
    new = (store / "events.yaml").read_text()
    old_before, old_lines, old_after = around(old, "joint-drills")
    new_before, new_lines, new_after = around(new, "joint-drills")
    assert (new_before, new_after) == (old_before, old_after)
    assert new_lines != old_lines
    record = shown(store, "joint-drills")
    assert record["tags"] == ["exercise", "navy"]
    assert record["location"] == "the sea"
    assert record["date_text"] is None
    assert ok(in_store(store, "check")).stdout.startswith("OK")


def test_edit_add_citation(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    quote = "By December 2023 around 5,000 containers had crossed the border."
    citation = ["--add-citation", "beta-notes", "--quote", quote, "--claimant", "Beta analysts"]
    ok(in_store(store, "edit", "treaty-signed", *citation, "--texts", STORE / "texts"))
    citations = shown(store, "treaty-signed")["citations"]
    assert [(c["source"], c["quote"], c["claimant"]) for c in citations] == [
        ("alpha-report", citations[0]["quote"], None),
        ("beta-notes", quote, "Beta analysts"),
    ]
    # A quote its source does not hold is refused.
    before = hashes(store)
    result = in_store(store, "edit", "treaty-signed", "--add-citation", "beta-notes",
                      "--quote", "never said", "--texts", STORE / "texts")  # fmt: skip
    assert result.exit_code == 1
    assert "quote not found verbatim in beta-notes" in result.stderr
    assert hashes(store) == before


def _editor(tmp_path: Path, old: str, new: str) -> dict[str, str]:
    """A $VISUAL that replaces `old` by `new` in the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"path.write_text(path.read_text().replace({old!r}, {new!r}))\n"
    )
    return {"VISUAL": f"{sys.executable} {script}", "EDITOR": ""}


def test_edit_in_the_editor(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    old = (store / "events.yaml").read_text()
    env = _editor(tmp_path, "Joint drills begin", "Joint drills begin at sea")
    result = CliRunner().invoke(
        app, ["edit", "joint-drills", "--data", str(store), "--no-bundled"], env=env
    )
    ok(result)
    new = (store / "events.yaml").read_text()
    assert new == old.replace("Joint drills begin\n", "Joint drills begin at sea\n")
    assert shown(store, "joint-drills")["title"] == "Joint drills begin at sea"


@pytest.mark.parametrize(
    ("old", "new", "code", "says"),
    [
        ("domain: military", "domain: navy", 1, "domain: Input should be"),
        ("source: beta-notes", "source: gamma", 1, "unknown source 'gamma'"),
        ("- id: joint-drills", "- id: other-drills", 2, "cannot change"),
        ("  title:", "title:", 2, "not valid YAML"),
    ],
    ids=["invalid-field", "unknown-source", "id-change", "broken-yaml"],
)
def test_a_bad_edit_outside_a_terminal_writes_nothing(
    tmp_path: Path, old: str, new: str, code: int, says: str
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = CliRunner().invoke(
        app,
        ["edit", "joint-drills", "--data", str(store), "--no-bundled"],
        env=_editor(tmp_path, old, new),
    )
    assert result.exit_code == code, result.output
    assert says in result.stderr
    assert hashes(store) == before and not temporaries(store)


def test_edit_refuses_an_id_change_and_a_record_of_another_store(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    assert in_store(store, "edit", "joint-drills", "--set", "id=new-id").exit_code == 2
    assert in_store(store, "edit", "no-such-record", "--set", "title=x").exit_code != 0
    mine = tmp_path / "mine"
    result = run("edit", "korean-war", "--set", "title=x", "--data", mine)
    assert result.exit_code == 2
    assert f"--data {BUNDLED}" in result.stderr
    assert hashes(store) == before


# rm -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "args", "filename"),
    [
        (copy_store, FIXTURE_EVENT, "events.yaml"),
        (_bundled_copy, BUNDLED_EVENT, "events.yaml"),
        (_bundled_copy, ACTOR, "actors.yaml"),
        (copy_store, ["source", "--title", "New", "--source-kind", "news"], "sources.yaml"),
    ],
    ids=["fixture-event", "bundled-event", "bundled-actor", "source"],
)  # fmt: skip
def test_add_then_rm_gives_back_every_byte(
    tmp_path: Path, make: Any, args: list[str], filename: str
) -> None:
    store = make(tmp_path)
    before = hashes(store)
    added = ok(in_store(store, "add", *args)).stdout.strip()
    assert hashes(store) != before
    result = ok(in_store(store, "rm", added, "--yes"))
    assert result.stdout == f"{added}\n"
    assert f"Removed '{added}' from {store / filename}" in result.stderr
    assert hashes(store) == before


def test_rm_a_record_in_the_middle(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    old = (store / "events.yaml").read_text()
    ok(in_store(store, "rm", "containers-crossed", "--yes"))
    before, lines, after = around(old, "containers-crossed")
    assert (store / "events.yaml").read_text() == before + after.lstrip("\n")
    assert "containers-crossed" not in record_ids(store)


@pytest.mark.parametrize(
    ("record_id", "says"),
    [
        ("alpha-report", "unknown source 'alpha-report'"),
        ("UKR", "unknown actor 'UKR'"),
        ("troops-2024-10", "updates: no figure 'troops-2024-10'"),
        ("troops-2025", "disputes: no figure 'troops-2025'"),
    ],
)
def test_rm_is_refused_while_the_record_is_referred_to(
    tmp_path: Path, record_id: str, says: str
) -> None:
    store = copy_store(tmp_path)
    figure = ["figure", "--metric", "troops.prk-in-rus", "--label", "More troops",
              "--value", "5000", "--unit", "troops", "--qualifier", "about", "--date", "2024-11",
              "--actor", "PRK", "--updates", "troops-2024-10", "--disputes", "troops-2025",
              "--source", "alpha-report", "--quote", "q"]  # fmt: skip
    ok(in_store(store, "add", *figure))
    before = hashes(store)
    result = in_store(store, "rm", record_id, "--yes")
    assert result.exit_code == 1
    assert says in result.stderr
    assert hashes(store) == before and not temporaries(store)


def test_rm_asks_and_outside_a_terminal_needs_yes(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = in_store(store, "rm", "pact-1961")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    result = ok(in_store(store, "rm", "pact-1961", "--dry-run"))
    assert "Would have removed 'pact-1961'" in result.stderr
    assert hashes(store) == before
    assert in_store(store, "rm", "no-such-id", "--yes").exit_code != 0
    assert hashes(store) == before


# import -------------------------------------------------------------------------------------


def _registries_of(tmp_path: Path, store: Path) -> Path:
    target = tmp_path / "target"
    target.mkdir()
    for name in ("sources.yaml", "actors.yaml", "people.yaml"):
        if (store / name).exists():
            shutil.copy(store / name, target / name)
    return target


def _by_id(store: Path) -> dict[str, dict[str, Any]]:
    """Every event as `axis show ID --json` prints it (`timeline --json` prints the same)."""
    result = ok(in_store(store, "timeline", "--json"))
    return {record["id"]: record for record in json.loads(result.stdout)}


@pytest.mark.parametrize("source", [STORE, BUNDLED], ids=["fixture", "bundled"])
def test_import_the_json_axis_prints_gives_back_the_same_records(
    tmp_path: Path, source: Path
) -> None:
    exported = ok(in_store(source, "timeline", "--json")).stdout
    (tmp_path / "events.json").write_text(exported)
    target = _registries_of(tmp_path, source)
    result = ok(in_store(target, "import", tmp_path / "events.json"))
    made = result.stdout.split()
    assert made == [record["id"] for record in json.loads(exported)]
    want, got = _by_id(source), _by_id(target)
    assert list(got) == list(want)
    for record_id in made:
        assert got[record_id] == want[record_id]
    assert shown(target, made[0]) == shown(source, made[0])


@pytest.mark.parametrize("source", [STORE, BUNDLED], ids=["fixture", "bundled"])
def test_import_the_csv_axis_prints_gives_back_the_same_records(
    tmp_path: Path, source: Path
) -> None:
    exported = ok(in_store(source, "timeline", "-f", "csv")).stdout
    (tmp_path / "events.csv").write_text(exported)
    target = _registries_of(tmp_path, source)
    made = ok(in_store(target, "import", tmp_path / "events.csv")).stdout.split()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert made == [row["id"] for row in rows]
    want, got = _by_id(source), _by_id(target)
    assert list(got) == list(want)
    for record_id in made:
        # The CSV carries one citation a row: each record comes back with its first.
        assert got[record_id]["citations"] == want[record_id]["citations"][:1]
        assert {**got[record_id], "citations": None} == {**want[record_id], "citations": None}
    assert any(len(record["citations"]) > 1 for record in want.values()) or source == STORE


def test_csv_rows_with_the_same_id_add_citations(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    target = _registries_of(tmp_path, store)
    row = shown(store, "treaty-signed")
    header = "type,id,date,title,summary,actors,domain,source,quote,claimant\n"
    first = f"event,a-id,2024,T,S,RUS;NK,diplomatic,alpha-report,{row['citations'][0]['quote']},\n"
    second = "event,a-id,,,,,,beta-notes,Since 2022,Beta\n"
    (tmp_path / "two.csv").write_text(header + first + second)
    ok(in_store(target, "import", tmp_path / "two.csv"))
    record = shown(target, "a-id")
    assert record["actors"] == ["RUS", "PRK"]
    assert [(c["source"], c["claimant"]) for c in record["citations"]] == [
        ("alpha-report", None),
        ("beta-notes", "Beta"),
    ]


@pytest.mark.parametrize("form", ["csv", "json-lines", "json-array"])
def test_one_bad_row_rejects_the_whole_import(tmp_path: Path, form: str) -> None:
    store = copy_store(tmp_path)
    fmt = ["-f", "csv"] if form == "csv" else ["--json"]
    exported = ok(in_store(store, "timeline", *fmt)).stdout
    target = _registries_of(tmp_path, store)
    suffix = form.partition("-")[0]
    if form == "csv":
        rows = list(csv.DictReader(io.StringIO(exported)))
        rows[3]["domain"] = "nonsense"  # row 5 of the file, with its header
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        text, where = out.getvalue(), "5"
    elif form == "json-lines":
        records = json.loads(exported)
        records[3]["domain"] = "nonsense"
        text, where = "\n".join(json.dumps(record) for record in records) + "\n", "4"
    else:  # as `axis timeline --json` prints it: the line where the record starts
        records = json.loads(exported)
        records[3]["domain"] = "nonsense"
        text = json.dumps(records, indent=2)
        where = str(_start_line(text, 3))
    path = tmp_path / f"bad.{suffix}"
    path.write_text(text)
    before = hashes(target)
    result = in_store(target, "import", path)
    assert result.exit_code == 1
    assert f"{path}:{where}: " in result.stderr and "domain" in result.stderr
    assert result.stdout == ""
    assert hashes(target) == before and not temporaries(target)


def _start_line(text: str, index: int) -> int:
    """The line the `index`-th object of an indented JSON array starts on."""
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line == "  {"]
    return starts[index]


def test_from_json_forms_and_line_numbers() -> None:
    record = {"type": "event", "title": "x"}
    assert from_json(json.dumps(record), None, "f") == [(1, "event", record)]
    assert from_json(json.dumps([record, record]), None, "f") == [(1, "event", record)] * 2
    indented = json.dumps([record, {"a": "[{", "b": [1, {}]}, {"type": "actor"}], indent=2)
    assert [(n, kind) for n, kind, _ in from_json(indented, "source", "f")] == [
        (2, "event"),
        (6, "source"),
        (13, "actor"),
    ]
    assert from_json(" [ ] ", None, "f") == []
    lines = f"{json.dumps(record)}\n\n{json.dumps({'title': 'y'})}\n"
    assert from_json(lines, "figure", "f") == [(1, "event", record), (3, "figure", {"title": "y"})]
    with pytest.raises(UsageError, match="f:3: the record has no `type`"):
        from_json(lines, None, "f")
    with pytest.raises(UsageError, match="f:2: not JSON"):
        from_json(f"{json.dumps(record)}\n{{oops\n", None, "f")
    with pytest.raises(UsageError, match="must be a JSON object"):
        from_json("[1]", None, "f")


def test_from_csv_cells() -> None:
    text = "type,id,actors,value,low,quote,source\nfigure,f1,RUS;PRK,1200,2.5,,\n"
    [(row, kind, fields)] = from_csv(text, None, "f")
    assert (row, kind) == (2, "figure")
    assert fields == {"type": "figure", "id": "f1", "actors": ["RUS", "PRK"], "value": 1200,
                      "low": 2.5, "citations": []}  # fmt: skip
    with pytest.raises(UsageError, match="f:2: the row has more cells"):
        from_csv("type,id\nevent,a,extra\n", None, "f")


# The compiled index sees every write ----------------------------------------------------------


def test_queries_right_after_a_write_see_it(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    assert EVENT_ID not in record_ids(store)  # compiles the index into the cache
    ok(in_store(store, "add", *EVENT))
    assert EVENT_ID in record_ids(store)
    assert shown(store, EVENT_ID)["summary"] == "The leaders met again."
    ok(in_store(store, "edit", EVENT_ID, "--set", "summary=They met once more."))
    assert shown(store, EVENT_ID)["summary"] == "They met once more."
    searched = ok(in_store(store, "search", "once more", "--json")).stdout
    assert EVENT_ID in searched
    ok(in_store(store, "edit", EVENT_ID, "--set", "summary=They met twice more."))  # same size
    assert shown(store, EVENT_ID)["summary"] == "They met twice more."
    ok(in_store(store, "rm", EVENT_ID, "--yes"))
    assert EVENT_ID not in record_ids(store)
    assert in_store(store, "show", EVENT_ID).exit_code != 0


# The layers beneath -------------------------------------------------------------------------

TRICKY = [
    "plain words",
    "a: colon and # hash",
    "- leading dash",
    "yes",
    "123",
    "2024-06-19",
    "null",
    "“curly” quotes and 'single' ones",
    'double "quotes"',
    "[brackets] {braces}",
    "trailing space ",
    "ünïcödé — dash",
    "two\nlines",
    "*star &amp !bang %pct @at `tick`",
]


@pytest.mark.parametrize("text", TRICKY)
def test_record_yaml_reads_back_as_the_record(text: str) -> None:
    record = {
        "id": "x",
        "citations": [{"claimant": text, "quote": text, "source": "s"}],
        "title": text,
        "date": "2024-06-19",
        "actors": ["RUS", "PRK"],
        "tags": [text],
    }
    written = record_yaml("events.yaml", record)
    assert yaml.safe_load(written) == [record]
    lines = written.splitlines()
    assert lines[0] == "- id: x"
    assert [line.split(":")[0].strip() for line in lines[1:5]] == [
        "date",
        "title",
        "actors",
        "tags",
    ]
    assert "  actors: [RUS, PRK]" in lines
    assert lines[5:7] == ["  citations:", "    - source: s"]


def test_record_yaml_orders_the_fields_of_each_kind() -> None:
    actor = record_yaml(
        "actors.yaml", {"aliases": ["A"], "kind": "state", "code": "AAA", "name": "N"}
    )
    assert actor == "- code: AAA\n  name: N\n  kind: state\n  aliases: [A]\n"
    source = record_yaml(
        "sources.yaml",
        {"kind": "news", "authors": [{"given": "G", "family": "F"}], "id": "s", "extra": 1},
    )
    assert source == (
        "- id: s\n  authors:\n    - family: F\n      given: G\n  kind: news\n  extra: 1\n"
    )


def test_splice_append_replace_remove() -> None:
    text = "# head\n\n- id: a\n  x: 1\n\n# about b\n- id: b\n  x: 2\n"
    spans = record_spans(text, parse(text).starts)
    assert [text[s.start : s.end] for s in spans] == ["- id: a\n  x: 1\n", "- id: b\n  x: 2\n"]
    assert append(text, spans, "- id: c\n") == text + "\n- id: c\n"
    assert replace(text, spans[0], "- id: a\n  x: 9\n") == text.replace("x: 1", "x: 9")
    assert remove(text, spans, 0) == "# head\n\n# about b\n- id: b\n  x: 2\n"
    # A heading comment stays: it is not the record's.
    assert remove(text, spans, 1) == "# head\n\n- id: a\n  x: 1\n\n# about b\n"
    no_newline = text.rstrip("\n")
    spans = record_spans(no_newline, parse(no_newline).starts)
    assert replace(no_newline, spans[1], "- id: b\n  x: 3\n") == no_newline.replace("2", "3")


@pytest.mark.parametrize(
    "text",
    ["", "\n", "# c\n", "# c\n\n", "- id: a\n", "- id: a\n- id: b\n", "- id: a\n\n- id: b\n",
     "- id: a\n\n\n", "- id: a\n# tail comment\n", "- id: a\n  note: |\n    two\n    lines\n"],
)  # fmt: skip
def test_splice_append_then_remove_is_the_identity(text: str) -> None:
    spans = record_spans(text, parse(text).starts)
    added = append(text, spans, "- id: new\n  x: 1\n")
    parsed = parse(added)
    assert parsed.data[-1] == {"id": "new", "x": 1}
    assert parsed.data[:-1] == (parse(text).data or [])
    assert remove(added, record_spans(added, parsed.starts), len(parsed.data) - 1) == text


def test_the_store_loads_what_add_records_wrote(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    fields = {"title": "From the library", "summary": "x", "actors": ["NK"], "domain": "arms",
              "citations": [{"source": "beta-notes", "quote": "q"}]}  # fmt: skip
    [written] = add_records([store], store, [("event", fields)], dry_run=True)
    assert written.action == "added" and not (store / ".events.yaml.tmp").exists()
    [written] = add_records([store], store, [("event", fields)])
    loaded = load_store([store])
    assert not loaded.problems
    assert [item.get("actors") for item in loaded.events][-1] == ["PRK"]
    assert written.line == loaded.events[-1].line


def test_import_the_figures_csv_axis_prints(tmp_path: Path) -> None:
    target = _registries_of(tmp_path, BUNDLED)
    (tmp_path / "events.json").write_text(ok(in_store(BUNDLED, "timeline", "--json")).stdout)
    ok(in_store(target, "import", tmp_path / "events.json"))
    (tmp_path / "figures.csv").write_text(ok(in_store(BUNDLED, "figure", "-f", "csv")).stdout)
    ok(in_store(target, "import", tmp_path / "figures.csv"))
    want = json.loads(ok(in_store(BUNDLED, "figure", "--json")).stdout)
    got = {
        record["id"]: record for record in json.loads(in_store(target, "figure", "--json").stdout)
    }
    assert sorted(got) == sorted(record["id"] for record in want)
    for record in want:
        assert got[record["id"]]["citations"] == record["citations"][:1]
        assert {**got[record["id"]], "citations": None} == {**record, "citations": None}
    assert ok(in_store(target, "check")).stdout.startswith("OK")


# At a terminal ------------------------------------------------------------------------------


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import axiscli.cli.curate as curate

    monkeypatch.setattr(curate, "_at_terminal", lambda: True)


@pytest.mark.usefixtures("at_terminal")
def test_add_prompts_for_what_is_missing(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    answers = [
        "",  # date: none
        "A prompted event",
        "Asked for, field by field.",
        "Russia, NK",
        "military",
        "beta-notes",
        "Since 2022 the partners have held joint drills.",
        "Beta analysts",
        "",  # no more citations
    ]
    result = in_store(store, "add", "event", input="\n".join(answers) + "\n")
    ok(result)
    # (CliRunner echoes the answers to stdout, as a terminal would show them.)
    assert result.stdout.splitlines()[-1] == "a-prompted-event"
    record = shown(store, "a-prompted-event")
    assert record["actors"] == ["RUS", "PRK"]
    assert record["date"] is None
    assert [(c["source"], c["claimant"]) for c in record["citations"]] == [
        ("beta-notes", "Beta analysts")
    ]
    # Fields given as flags are not asked for.
    given = [*EVENT[:-4], "--source", "beta-notes", "--quote", "q"]
    assert ok(in_store(store, "add", *given, input="")).stdout.strip() == EVENT_ID


@pytest.mark.usefixtures("at_terminal")
def test_rm_at_a_terminal_shows_the_record_and_asks(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    result = ok(in_store(store, "rm", "pact-1961", input="n\n"))
    assert "- id: pact-1961" in result.stderr and "Nothing removed." in result.stderr
    assert hashes(store) == before
    ok(in_store(store, "rm", "pact-1961", input="y\n"))
    assert "pact-1961" not in record_ids(store)
