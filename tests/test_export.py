"""`axis export` (timelinejs, sqlite, datapackage), CITATION.cff and `axis sources --format
csl-json`: each output checked against what reads it (a JSON Schema of TimelineJS's documented
format, stdlib sqlite3, `frictionless validate`, the CFF schema's rules, CSL-JSON's fields)."""

import json
import re
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from axiscli import __version__
from axiscli.cli.selection import selection_for
from axiscli.export.datapackage import write_datapackage
from axiscli.export.selection import Selection
from axiscli.export.tables import EDTF_PATTERN, TABLES, figure_relations, table_rows
from axiscli.export.timelinejs import to_timeline
from axiscli.model import Citation, Event, Source
from tests.conftest import FIXTURES, STORE

ROOT = Path(__file__).resolve().parents[1]
UNDATED = FIXTURES / "undated"


def _selection(*folders: Path, **filters: object) -> Selection:
    """What `axis export` exports of these folders (the bundled store if none)."""
    return selection_for(list(folders) or None, bool(folders), True, **filters)


def _store_args(*folders: Path) -> list[str | Path]:
    return [a for folder in folders for a in ("--data", folder)] + ["--no-bundled"] * bool(folders)


# --- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("timelinejs",), ("timelinejs", "a.json", "-o", "b.json")],
    ids=["no path", "two paths"],
)
def test_the_path_is_given_exactly_once(fixture_axis, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = fixture_axis("export", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: give the file to write once: as PATH or as -o PATH\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_a_usage_error(fixture_axis, tmp_path):
    result = fixture_axis("export", "pdf", tmp_path / "x")
    assert result.exit_code == 2
    assert "pdf" in result.stderr


@pytest.mark.parametrize("fmt", ["timelinejs", "sqlite", "datapackage"])
def test_export_says_on_stderr_what_it_wrote(fixture_axis, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = fixture_axis("export", fmt, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    held = "5 events" if fmt == "timelinejs" else "5 events, 4 figures"
    assert result.stderr == f"Wrote {held} to {target}.\n"
    assert target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left


def test_the_filters_choose_what_is_exported(fixture_axis, tmp_path):
    target = tmp_path / "chn.db"
    result = fixture_axis("export", "sqlite", target, "--actor", "CHN", "--since", "2000")
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as db:
        assert [r for (r,) in db.execute("SELECT id FROM events")] == ["joint-drills"]
        assert [r for (r,) in db.execute("SELECT id FROM figures")] == ["trade-2023"]
        actors = {code for (code,) in db.execute("SELECT code FROM actors")}
    assert actors == {"CHN", "RUS"}


def test_a_failed_export_leaves_the_old_file_and_nothing_else(fixture_axis, tmp_path, monkeypatch):
    target = tmp_path / "out.db"
    target.write_text("old")

    def broken(selection: Selection) -> dict[str, list[tuple[object, ...]]]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("axiscli.export.sqlite.table_rows", broken)
    result = fixture_axis("export", "sqlite", target)
    assert result.exit_code == 4
    assert result.stderr == "Error: cannot write the output: No space left on device\n"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


# --- timelinejs ------------------------------------------------------------------------------

# Knight Lab's TimelineJS JSON, as https://timeline.knightlab.com/docs/json-format.html documents
# it: an object with `events` (slides), an optional `title` slide, `eras` and `scale`. Only the
# documented fields are allowed, so a field the format does not have fails.
_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer", "minimum": 0, "maximum": 999},
        "display_date": {"type": "string"},
        "format": {"type": "string"},
    },
    "additionalProperties": False,
}
_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
_MEDIA = {
    "type": "object",
    "required": ["url"],
    "properties": {
        name: {"type": "string"}
        for name in ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
    },
    "additionalProperties": False,
}
_SLIDE_FIELDS = {
    "start_date": _DATE,
    "end_date": _DATE,
    "text": _TEXT,
    "media": _MEDIA,
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {
        "type": "object",
        "properties": {name: {"type": "string"} for name in ("url", "alt", "color")},
        "additionalProperties": False,
    },
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string"},
}
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": _SLIDE_FIELDS, "additionalProperties": False},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "properties": _SLIDE_FIELDS,
                "additionalProperties": False,
            },
        },
        "eras": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "end_date"],
                "properties": {"start_date": _DATE, "end_date": _DATE, "text": _TEXT},
                "additionalProperties": False,
            },
        },
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
}


@pytest.mark.parametrize("folders", [(), (STORE, UNDATED)], ids=["bundled", "fixtures"])
def test_timelinejs_has_the_documented_structure(axis, tmp_path, folders):
    target = tmp_path / "timeline.json"
    result = axis("export", "timelinejs", target, *_store_args(*folders))
    assert result.exit_code == 0, result.stderr
    timeline = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(timeline, TIMELINEJS_SCHEMA)
    chosen = _selection(*folders)
    dated = [event.id for event in chosen.events if event.date is not None]
    undated = len(chosen.events) - len(dated)
    assert undated > 0
    assert [slide["unique_id"] for slide in timeline["events"]] == dated
    assert timeline["title"]["text"]["headline"] == chosen.title
    judged = len(chosen.assessments)
    left_out = f"Left out {undated} undated event{'s' * (undated != 1)} (TimelineJS needs a date)"
    if judged:
        left_out += f" and {judged} assessments (a timeline has no place for judgements)"
    assert result.stderr.splitlines() == [f"Wrote {len(dated)} events to {target}.", left_out + "."]


def test_timelinejs_dates_hold_only_the_parts_the_text_gives(fixture_axis, tmp_path):
    target = tmp_path / "timeline.json"
    assert fixture_axis("export", "timelinejs", target).exit_code == 0
    slides = {s["unique_id"]: s for s in json.loads(target.read_text())["events"]}
    dates = {
        name: (s["start_date"], s.get("end_date"), s.get("display_date"))
        for name, s in slides.items()
    }
    assert dates == {
        "pact-1961": ({"year": 1961}, None, None),
        "joint-drills": ({"year": 2022}, None, "since 2022"),
        "containers-crossed": ({"year": 2023, "month": 12}, None, "by December 2023"),
        "treaty-signed": ({"year": 2024, "month": 6, "day": 19}, None, None),
        "troops-arrive": ({"year": 2025}, None, "early 2025"),
    }
    treaty = slides["treaty-signed"]
    assert treaty["group"] == "diplomatic"
    assert treaty["text"]["headline"] == "Treaty of friendship signed"
    assert treaty["text"]["text"] == (
        "<p>The two states signed a treaty of friendship.</p>"
        "<blockquote>“The two states signed a “treaty of friendship” on 19 June 2024 in the "
        "capital.”</blockquote>"
        '<p>— <cite><a href="https://example.org/alpha">Alpha Report</a></cite></p>'
    )
    claimed = slides["containers-crossed"]["text"]["text"]
    assert claimed.endswith("<p>— Beta analysts, as reported in <cite>Beta Notes</cite></p>")


def _event(**fields: object) -> Event:
    values: dict[str, object] = {
        "id": "e",
        "title": "T",
        "summary": "S",
        "actors": ["RUS"],
        "domain": "military",
        "citations": [Citation(source="s", quote="Q")],
    }
    return Event.model_validate({**values, **fields})


def _one(event: Event, source: Source) -> Selection:
    return Selection("T", (event,), (), {source.id: source}, {})


def test_timelinejs_escapes_store_text_and_links_only_web_addresses():
    event = _event(
        date="2003/2021?",
        title="<script>alert(1)</script>",
        summary="A & B <i>",
        citations=[Citation(source="s", quote='"<b>"', claimant="<X>")],
    )
    source = Source(id="s", title="<T>", url="javascript:alert(1)", kind="news")
    (slide,) = to_timeline(_one(event, source))["events"]
    assert slide["start_date"] == {"year": 2003}
    assert slide["end_date"] == {"year": 2021}
    assert slide["display_date"] == "2003 to 2021 (uncertain)"
    assert slide["text"] == {
        "headline": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "text": "<p>A &amp; B &lt;i&gt;</p><blockquote>“&quot;&lt;b&gt;&quot;”</blockquote>"
        "<p>— &lt;X&gt;, as reported in <cite>&lt;T&gt;</cite></p>",
    }


# --- sqlite ----------------------------------------------------------------------------------


def _export_db(axis, tmp_path: Path, *folders: Path) -> sqlite3.Connection:
    target = tmp_path / "axis.db"
    result = axis("export", "sqlite", target, *_store_args(*folders))
    assert result.exit_code == 0, result.stderr
    return sqlite3.connect(target)


def _count(db: sqlite3.Connection, table: str) -> int:
    (n,) = db.execute(f"SELECT count(*) FROM [{table}]").fetchone()
    return int(n)


@pytest.mark.parametrize("folders", [(), (STORE, UNDATED)], ids=["bundled", "fixtures"])
def test_sqlite_holds_the_selection_with_every_key_resolving(axis, tmp_path, folders):
    db = _export_db(axis, tmp_path, *folders)
    chosen = _selection(*folders)
    records = (*chosen.events, *chosen.figures, *chosen.assessments)
    assert _count(db, "events") == len(chosen.events)
    assert _count(db, "figures") == len(chosen.figures)
    assert _count(db, "citations") == sum(len(record.citations) for record in records)
    assert _count(db, "sources") == len(chosen.cited_sources())
    assert _count(db, "event_actors") == sum(len(set(e.actors)) for e in chosen.events)
    assert _count(db, "figure_tags") == sum(len(set(f.tags)) for f in chosen.figures)
    assert [r for (r,) in db.execute("SELECT id FROM events ORDER BY position")] == [
        event.id for event in chosen.events
    ]
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    declared = {
        table: sorted((r[3], r[2], r[4]) for r in db.execute(f"PRAGMA foreign_key_list({table})"))
        for table in ("citations", "event_actors", "relations")
    }
    assert declared == {
        "citations": [("assessment", "assessments", "id"), ("event", "events", "id"),
                      ("figure", "figures", "id"), ("source", "sources", "id")],
        "event_actors": [("actor", "actors", "code"), ("event", "events", "id")],
        "relations": [("figure", "figures", "id"), ("target", "figures", "id")],
    }  # fmt: skip


@pytest.mark.parametrize("folders", [(), (STORE, UNDATED)], ids=["bundled", "fixtures"])
def test_every_row_has_a_value_for_each_declared_column(folders):
    rows = table_rows(_selection(*folders))
    assert list(rows) == [table.name for table in TABLES]
    for table in TABLES:
        assert {len(row) for row in rows[table.name]} <= {len(table.columns)}, table.name


def test_sqlite_relations_link_figures(axis, tmp_path):
    db = _export_db(axis, tmp_path)
    relations = db.execute("SELECT figure, relation, target FROM relations").fetchall()
    expected = [(f.id, *named) for f in _selection().figures for named in figure_relations(f)]
    assert len(expected) == 3
    assert sorted(relations) == sorted(expected)


def test_a_relation_to_a_figure_left_out_is_left_out(axis, tmp_path):
    series = FIXTURES / "series"
    whole = _export_db(axis, tmp_path, series)
    named = whole.execute("SELECT figure, target FROM relations WHERE relation = 'updates'")
    ((later, earlier),) = named.fetchall()
    (date,) = whole.execute("SELECT anchor_start FROM figures WHERE id = ?", (later,)).fetchone()
    (tmp_path / "axis.db").unlink()
    after = axis("export", "sqlite", tmp_path / "axis.db", *_store_args(series), "--since", date)
    assert after.exit_code == 0, after.stderr
    with sqlite3.connect(tmp_path / "axis.db") as db:
        ids = {figure for (figure,) in db.execute("SELECT id FROM figures")}
        assert later in ids and earlier not in ids
        kept = db.execute("SELECT figure, target FROM relations").fetchall()
        assert all(earlier not in pair for pair in kept)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_full_text_search_finds_a_quote_word(axis, tmp_path):
    db = _export_db(axis, tmp_path, STORE)
    found = db.execute(
        "SELECT citations.event, citations.figure FROM citations_fts "
        "JOIN citations ON citations.id = citations_fts.rowid "
        "WHERE citations_fts MATCH 'containers' ORDER BY citations.id"
    ).fetchall()
    assert found == [("containers-crossed", None), (None, "containers-2023")]
    # Porter stemming: "soldier" finds "soldiers"; the search box datasette offers is the
    # table's own rowid.
    events = db.execute(
        "SELECT id FROM events WHERE rowid IN "
        "(SELECT rowid FROM events_fts WHERE events_fts MATCH 'soldier')"
    ).fetchall()
    assert events == [("troops-arrive",)]


def test_sqlite_anchor_columns_of_imprecise_and_undated_records(axis, tmp_path):
    db = _export_db(axis, tmp_path, STORE, UNDATED)
    columns = "date, anchor_start, anchor_end, span_start, span_end, precision, approximate"
    rows = {
        row[0]: row[1:]
        for row in db.execute(f"SELECT id, {columns} FROM events")
        if row[0] in ("containers-crossed", "troops-arrive", "summit-remembered")
    }
    assert rows == {
        "containers-crossed": (
            "../2023-12", "2023-12-01", "2023-12-31", None, "2023-12-31", "month", 0,
        ),
        "troops-arrive": ("2025~", "2025-01-01", "2025-12-31", "2025-01-01", "2025-12-31",
                          "year", 1),
        "summit-remembered": (None, None, None, None, None, None, None),
    }  # fmt: skip


# --- datapackage -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("folders", [(), (STORE, UNDATED)], ids=["bundled", "fixtures"])
def test_the_data_package_passes_frictionless_validate(axis, tmp_path, folders):
    folder = tmp_path / "package"
    result = axis("export", "datapackage", folder, *_store_args(*folders))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["datapackage.json", *(f"{table.name}.csv" for table in TABLES)]
    )
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")["schema"]
    date = next(field for field in events["fields"] if field["name"] == "date")
    assert date["constraints"] == {"pattern": EDTF_PATTERN}
    assert events["primaryKey"] == ["id"]
    validated = _frictionless(folder)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def _frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", folder / "datapackage.json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=folder,
    )


@pytest.mark.slow
def test_frictionless_catches_a_broken_date_and_a_dangling_key(tmp_path):
    folder = tmp_path / "package"
    write_datapackage(_selection(STORE), folder)
    events = folder / "events.csv"
    events.write_text(events.read_text().replace(",2025~,", ",2025x,"), encoding="utf-8")
    tags = folder / "event_tags.csv"
    tags.write_text(tags.read_text() + "nowhere,treaty\n", encoding="utf-8")
    report = json.loads(_frictionless(folder).stdout)
    kinds = sorted(error["type"] for task in report["tasks"] for error in task["errors"])
    assert kinds == ["constraint-error", "foreign-key"]


def test_the_edtf_pattern_matches_exactly_the_stored_dates():
    pattern = re.compile(EDTF_PATTERN)
    stored = [r.date for r in (*_selection().events, *_selection().figures) if r.date]
    good = [*stored, "2024-06-19", "2023-09?", "2025%", "2022/..", "../2023-12", "2003/2021"]
    assert all(pattern.fullmatch(date) for date in good)
    bad = ["2025x", "24-06", "../..", "..", "2024-06-19/", "2024/06", "x2024"]
    assert not [date for date in bad if pattern.fullmatch(date)]


def test_a_folder_with_files_is_not_replaced_without_force(fixture_axis, tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    result = fixture_axis("export", "datapackage", folder)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {folder} is a folder with files in it (name a new folder, or add --force)\n"
    )
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    result = fixture_axis("export", "datapackage", folder, "--force")
    assert result.exit_code == 0, result.stderr
    assert "mine.txt" not in {p.name for p in folder.iterdir()}
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


def test_an_empty_folder_is_filled_and_a_file_refused(fixture_axis, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert fixture_axis("export", "datapackage", empty).exit_code == 0
    assert (empty / "datapackage.json").is_file()
    file = tmp_path / "file"
    file.write_text("x")
    result = fixture_axis("export", "datapackage", file, "--force")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {file} is a file; a data package is a folder\n"


# --- CITATION.cff ----------------------------------------------------------------------------

# What the Citation File Format 1.2.0 schema requires of a file (cffconvert, which checks the
# whole schema, does not install on Python 3.11+: its pinned ruamel.yaml 0.15 does not build).
CFF_SCHEMA = {
    "type": "object",
    "required": ["cff-version", "message", "title", "authors"],
    "properties": {
        "cff-version": {"const": "1.2.0"},
        "message": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "abstract": {"type": "string", "minLength": 1},
        "type": {"enum": ["dataset", "software"]},
        "authors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "anyOf": [
                    {"type": "object", "required": ["name"]},
                    {"type": "object", "required": ["family-names"]},
                    {"type": "object", "required": ["given-names"]},
                ]
            },
        },
        "license": {"type": "string"},
        "version": {"type": "string"},
        "date-released": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "keywords": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": False,
}


def test_citation_cff_is_valid_and_agrees_with_the_package():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(cff, CFF_SCHEMA)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["type"] == "dataset"
    assert cff["version"] == __version__ == project["version"]
    assert cff["license"] == project["license"]


# --- axis sources --format csl-json ----------------------------------------------------------


@pytest.mark.parametrize("folders", [(), (STORE,)], ids=["bundled", "fixtures"])
def test_sources_as_csl_json(axis, folders):
    result = axis("sources", "--format", "csl-json", *_store_args(*folders))
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    chosen = _selection(*folders)
    assert [item["id"] for item in items] == list(chosen.sources)
    for item in items:
        source = chosen.sources[item["id"]]
        assert item["type"] in ("report", "dataset", "webpage", "document")
        assert item.get("title") == source.title
        if source.authors:
            assert item["author"] == [
                person.model_dump(exclude_none=True) for person in source.authors
            ]
        else:
            assert "author" not in item
    assert any("author" in item for item in items)


def test_sources_json_is_unchanged_by_the_csl_json_format(fixture_axis):
    listed = json.loads(fixture_axis("sources", "--json").stdout)
    assert [row["id"] for row in listed] == ["alpha-report", "beta-notes"]
    assert "records" in listed[0]
