"""`axis sources`, `actors`, `stats`, `tags`, `metrics`, `claimants` and `show ACTOR`.

Expected counts are worked out here from the fixture YAML itself, not copied from the output.
"""

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from axiscli.catalog import open_catalog
from axiscli.model import DOMAINS
from axiscli.stats import SOURCE_ITSELF, events_by_year, long_counts, store_counts, year_of
from tests.conftest import STORE

STORE_FILES = ("sources.yaml", "actors.yaml", "events.yaml", "figures.yaml")

# An undated event (citing one claimant twice), an undated figure with a metric of its own and one
# in a second unit, an event over an interval of years (counted under its first), a claimant two
# sources report, one in lower case (sorted case-insensitively), and an actor one of whose aliases
# is a record id and another a source id: those ids must still show the record/source.
UNDATED_EXTRAS = {
    "events.yaml": """
- id: debt-written-off
  date_note: The text gives no date.
  title: An old debt is written off
  summary: An old debt was written off; the text gives no date.
  actors: [RUS, PRK]
  domain: economic
  tags: [debt, treaty]
  citations:
    - source: beta-notes
      quote: "in 1961 a pact was signed"
      claimant: Beta analysts
    - source: beta-notes
      quote: "Since 2022 the partners have held joint drills."
      claimant: Beta analysts

- id: sanctions-years
  date: "2021/2023"
  title: Sanctions are evaded for three years
  summary: From 2021 to 2023 sanctions were evaded.
  actors: [CHN, PRK]
  domain: sanctions
  citations:
    - source: alpha-report
      quote: "Trade reached USD 240 billion in 2023, a record [sic]."
      claimant: Gamma Institute
""",
    "figures.yaml": """
- id: debt-share
  metric: debt.written-off
  label: Share of the old debt written off
  value: 90
  unit: percent
  qualifier: exact
  actors: [PRK, RUS]
  tags: [debt]
  citations:
    - source: alpha-report
      quote: "Trade reached USD 240 billion in 2023, a record [sic]."
    - source: beta-notes
      quote: "in 1961 a pact was signed"
      claimant: Gamma Institute

- id: troops-undated
  metric: troops.prk-in-rus
  label: Soldiers counted, undated
  value: 100
  unit: soldiers
  qualifier: at least
  actors: [PRK, RUS]
  tags: [troops]
  citations:
    - source: beta-notes
      quote: "in 1961 a pact was signed"
      claimant: analysts
""",
    "actors.yaml": """
- code: UN
  name: United Nations
  kind: organisation
  aliases: [pact-1961, alpha-report]
""",
}


@pytest.fixture
def undated_store(tmp_path: Path) -> Path:
    """The fixture store plus the undated records and the clashing actor above."""
    folder = tmp_path / "undated"
    folder.mkdir()
    for name in STORE_FILES:
        text = (STORE / name).read_text(encoding="utf-8")
        (folder / name).write_text(text + UNDATED_EXTRAS.get(name, ""), encoding="utf-8")
    return folder


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    for name in STORE_FILES:
        (folder / name).write_text("[]\n", encoding="utf-8")
    return folder


@pytest.fixture(params=["fixture", "undated"])
def store(request: pytest.FixtureRequest, undated_store: Path) -> Path:
    return STORE if request.param == "fixture" else undated_store


@pytest.fixture
def run(axis):
    """`axis ARGS… --no-bundled --data FOLDER`."""

    def invoke(folder: Path, *args: str):
        return axis(*args, "--no-bundled", "--data", folder)

    return invoke


def load(folder: Path) -> dict[str, list[dict]]:
    return {
        name.removesuffix(".yaml"): yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for name in STORE_FILES
    }


def anchor_year(record: dict) -> str:
    """The year of the first day a date names: the first four digits of any EDTF form here
    (`2024-06-19`, `2025~`, `2022/..`, `../2023-12`), `undated` without a date."""
    if "date" not in record:
        return "undated"
    return re.search(r"\d{4}", record["date"]).group()


def claimant_of(citation: dict) -> str:
    return citation.get("claimant") or SOURCE_ITSELF


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- stats -------------------------------------------------------------------------------------


def test_stats_long_table_has_every_cell_with_its_count(run, store):
    result = run(store, "stats", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout)
    assert list(rows[0]) == ["table", "key", "column", "count"]
    got = {(row["table"], row["key"], row["column"]): int(row["count"]) for row in rows}
    assert len(got) == len(rows)
    data = load(store)
    by_year = Counter((anchor_year(event), event["domain"]) for event in data["events"])
    years = {year for year, _ in by_year}
    expected = {
        ("events_by_year", year, domain): by_year[year, domain]
        for year in years
        for domain in DOMAINS
    }
    for actor in data["actors"]:
        for kind in ("events", "figures"):
            count = sum(actor["code"] in record["actors"] for record in data[kind])
            expected["records_by_actor", actor["code"], kind] = count
    assert got == expected


def test_stats_years_ascend_and_undated_comes_last(run, undated_store):
    rows = csv_rows(run(undated_store, "stats", "-f", "csv").stdout)
    keys = list(dict.fromkeys(row["key"] for row in rows if row["table"] == "events_by_year"))
    assert keys[-1] == "undated"
    assert keys[:-1] == sorted(keys[:-1], key=int)
    undated = {row["column"]: int(row["count"]) for row in rows if row["key"] == "undated"}
    assert undated["economic"] == 1 and sum(undated.values()) == 1


def test_stats_default_in_a_pipe_is_the_long_table_without_header(run):
    # CliRunner's stdout is not a terminal, as in `axis stats | less`.
    piped = run(STORE, "stats")
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == run(STORE, "stats", "-f", "plain").stdout
    delimited = run(STORE, "stats", "-f", "tsv").stdout.splitlines()
    assert delimited[0] == "table\tkey\tcolumn\tcount"
    assert piped.stdout.splitlines() == delimited[1:]


@pytest.mark.parametrize("shell_redirect", ["| cat", "> {file}"])
def test_stats_in_a_real_pipe_and_file(tmp_path, shell_redirect):
    file = tmp_path / "stats.txt"
    command = [sys.executable, "-m", "axiscli", "stats", "--no-bundled", "--data", str(STORE)]
    shell = f"set -o pipefail; {shlex.join(command)} {shell_redirect.format(file=file)}"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout if "|" in shell_redirect else file.read_text(encoding="utf-8")
    assert "records_by_actor\tRUS\tevents\t4\n" in out
    assert all(len(line.split("\t")) == 4 for line in out.splitlines())


def test_stats_json_and_yaml_are_the_two_tables(run, undated_store):
    stats = json.loads(run(undated_store, "stats", "--json").stdout)
    assert list(stats) == ["events_by_year", "records_by_actor"]
    years = [row["year"] for row in stats["events_by_year"]]
    data = load(undated_store)
    dated = sorted({int(anchor_year(e)) for e in data["events"] if "date" in e})
    assert years == [*dated, "undated"]
    assert list(stats["events_by_year"][0]) == ["year", *DOMAINS]
    assert [row["code"] for row in stats["records_by_actor"]] == [a["code"] for a in data["actors"]]
    assert list(stats["records_by_actor"][0]) == ["code", "name", "events", "figures"]
    assert yaml.safe_load(run(undated_store, "stats", "-f", "yaml").stdout) == stats


def test_stats_view_shows_both_tables_with_bars(run, undated_store):
    table = run(undated_store, "stats", "-f", "table").stdout
    assert "Events by year and domain" in table and "Records by actor" in table
    assert "█" in table
    assert re.search(r"^\s*undated\s", table, re.M)


@pytest.mark.parametrize(
    "fmt", ["table", "timeline", "plain", "json", "jsonl", "csv", "tsv", "md", "yaml"]
)
def test_stats_prints_every_format(run, fmt):
    result = run(STORE, "stats", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "RUS" in result.stdout


def test_stats_of_an_empty_store_keeps_each_shape(run, empty_store):
    assert json.loads(run(empty_store, "stats", "--json").stdout) == {
        "events_by_year": [],
        "records_by_actor": [],
    }
    assert run(empty_store, "stats", "-f", "csv").stdout == "table,key,column,count\n"
    for fmt in ("plain", "jsonl"):
        result = run(empty_store, "stats", "-f", fmt)
        assert (result.exit_code, result.stdout) == (0, "")
    assert run(empty_store, "stats", "-f", "table").exit_code == 0


def test_stats_core_counts_years_by_the_anchor_first_day(undated_store):
    catalog = open_catalog([undated_store], bundled=False)
    years = {event.id: year_of(event) for event in catalog.events}
    assert years["joint-drills"] == 2022  # 2022/.. : since 2022
    assert years["containers-crossed"] == 2023  # ../2023-12 : by December 2023
    assert years["sanctions-years"] == 2021  # 2021/2023
    assert years["debt-written-off"] == "undated"
    assert [row["year"] for row in events_by_year(catalog.events)][-1] == "undated"
    cells = long_counts(store_counts(catalog))
    assert sum(cell["count"] for cell in cells if cell["table"] == "events_by_year") == len(
        catalog.events
    )


# --- sources and actors ------------------------------------------------------------------------


def test_sources_count_the_records_citing_each(run, store):
    rows = json.loads(run(store, "sources", "--json").stdout)
    records = [*load(store)["events"], *load(store)["figures"]]
    for row in rows:
        citing = [[c for c in r["citations"] if c["source"] == row["id"]] for r in records]
        assert row["records"] == sum(1 for found in citing if found)
        assert row["citations"] == sum(len(found) for found in citing)


def test_actors_list_every_alias_and_count(run):
    rows = {row["code"]: row for row in json.loads(run(STORE, "actors", "--json").stdout)}
    assert rows["PRK"]["aliases"] == ["DPRK", "NK"]
    data = load(STORE)
    for kind in ("events", "figures"):
        assert rows["PRK"][kind] == sum("PRK" in record["actors"] for record in data[kind])
    table = run(STORE, "actors", "-f", "table").stdout
    counts = rf"{rows['PRK']['events']}\s+{rows['PRK']['figures']}\s+0"
    assert re.search(rf"^PRK\s+North Korea\s+state\s+DPRK;\s?NK\s+{counts}\s*$", table, re.M)


# --- tags, metrics, claimants ------------------------------------------------------------------


def expected_tags(data: dict) -> dict[str, dict]:
    tags: dict[str, dict] = {}
    for kind in ("events", "figures"):
        for record in data[kind]:
            for tag in record.get("tags", []):
                tags.setdefault(tag, {"events": 0, "figures": 0})[kind] += 1
    return tags


def expected_metrics(data: dict) -> dict[str, dict]:
    metrics: dict[str, dict] = {}
    for figure in data["figures"]:
        row = metrics.setdefault(
            figure["metric"], {"units": set(), "figures": 0, "claimants": set()}
        )
        row["units"].add(figure["unit"])
        row["figures"] += 1
        row["claimants"].update(claimant_of(c) for c in figure["citations"])
    return metrics


def expected_claimants(data: dict) -> dict[str, dict]:
    claimants: dict[str, dict] = {}
    for kind in ("events", "figures"):
        for record in data[kind]:
            named = {c["claimant"]: c for c in record["citations"] if c.get("claimant")}
            for claimant in named:
                row = claimants.setdefault(claimant, {"events": 0, "figures": 0, "sources": set()})
                row[kind] += 1
            for citation in record["citations"]:
                if citation.get("claimant"):
                    claimants[citation["claimant"]]["sources"].add(citation["source"])
    return claimants


def test_tags_count_events_and_figures(run, store):
    rows = json.loads(run(store, "tags", "--json").stdout)
    assert [row["tag"] for row in rows] == sorted(expected_tags(load(store)))
    assert {row["tag"]: {"events": row["events"], "figures": row["figures"]} for row in rows} == (
        expected_tags(load(store))
    )
    assert list(rows[0]) == ["tag", "events", "figures", "first", "last"]


def test_tags_first_and_last_are_dated_records_in_timeline_order(run, undated_store):
    rows = {row["tag"]: row for row in json.loads(run(undated_store, "tags", "--json").stdout)}
    # treaty: pact-1961 (1961), treaty-signed (2024-06-19) and the undated debt write-off
    assert (rows["treaty"]["first"], rows["treaty"]["last"]) == ("1961", "2024-06-19")
    # troops: 2024-10, ../2025~ (by early 2025) and 2025~, which ties with it and sorts by id
    assert (rows["troops"]["first"], rows["troops"]["last"]) == ("2024-10", "2025~")
    assert (rows["exercise"]["first"], rows["munitions"]["last"]) == ("since 2022", "by 2023-12")
    assert (rows["debt"]["first"], rows["debt"]["last"]) == ("undated", "undated")


def test_metrics_have_units_counts_dates_and_claimants(run, store):
    rows = json.loads(run(store, "metrics", "--json").stdout)
    expected = expected_metrics(load(store))
    assert [row["metric"] for row in rows] == sorted(expected)
    for row in rows:
        want = expected[row["metric"]]
        assert row["units"] == sorted(want["units"])
        assert row["figures"] == want["figures"]
        assert set(row["claimants"]) == want["claimants"]
    assert list(rows[0]) == ["metric", "units", "figures", "first", "last", "claimants"]


def test_metrics_date_range_and_the_source_itself(run, undated_store):
    rows = {
        row["metric"]: row for row in json.loads(run(undated_store, "metrics", "--json").stdout)
    }
    assert (rows["troops.prk-in-rus"]["first"], rows["troops.prk-in-rus"]["last"]) == (
        "2024-10",
        "by 2025~",
    )
    assert (rows["debt.written-off"]["first"], rows["debt.written-off"]["last"]) == (
        "undated",
        "undated",
    )
    # named claimants alphabetically, a citation without one as the source's own claim, last
    assert rows["debt.written-off"]["claimants"] == ["Gamma Institute", SOURCE_ITSELF]
    assert rows["trade.chn-rus"]["claimants"] == [SOURCE_ITSELF]


def test_claimants_count_records_and_name_their_sources(run, store):
    rows = json.loads(run(store, "claimants", "--json").stdout)
    expected = expected_claimants(load(store))
    assert {row["claimant"] for row in rows} == set(expected)
    assert SOURCE_ITSELF not in {row["claimant"] for row in rows}
    for row in rows:
        want = expected[row["claimant"]]
        assert (row["events"], row["figures"]) == (want["events"], want["figures"])
        assert row["sources"] == sorted(want["sources"])
    assert [row["claimant"] for row in rows] == sorted(expected, key=str.casefold)


LISTINGS = {
    "tags": ("tag", ["tag", "events", "figures", "first", "last"], expected_tags),
    "metrics": (
        "metric",
        ["metric", "units", "figures", "first", "last", "claimants"],
        expected_metrics,
    ),
    "claimants": ("claimant", ["claimant", "events", "figures", "sources"], expected_claimants),
}


@pytest.mark.parametrize("command", LISTINGS)
@pytest.mark.parametrize("fmt", ["json", "csv", "plain", "table", "jsonl", "tsv", "md", "yaml"])
def test_every_listing_prints_every_format(run, undated_store, command, fmt):
    key, fields, expected = LISTINGS[command]
    names = sorted(expected(load(undated_store)), key=str.casefold)
    result = run(undated_store, command, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        assert [row[key] for row in json.loads(out)] == names
    elif fmt == "csv":
        rows = csv_rows(out)
        assert list(rows[0]) == fields and [row[key] for row in rows] == names
    elif fmt == "plain":
        lines = [line.split("\t") for line in out.splitlines()]
        assert [line[0] for line in lines] == names
        assert {len(line) for line in lines} == {len(fields)}
    else:
        assert all(name in out for name in names)
        assert fields[-1] in out


@pytest.mark.parametrize("command", LISTINGS)
def test_listing_fields_pick_columns_and_refuse_unknown_ones(run, command):
    key, fields, _ = LISTINGS[command]
    picked = run(STORE, command, "-f", "csv", "--fields", f"{fields[1]},{key}")
    assert picked.stdout.splitlines()[0] == f"{fields[1]},{key}"
    wrong = run(STORE, command, "--fields", "nope")
    assert wrong.exit_code == 2
    assert "unknown field 'nope'" in wrong.stderr and fields[-1] in wrong.stderr


@pytest.mark.parametrize("command", LISTINGS)
def test_a_listing_of_an_empty_store_keeps_its_shape(run, empty_store, command):
    _, fields, _ = LISTINGS[command]
    result = run(empty_store, command, "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert "The store has no" in result.stderr
    assert run(empty_store, command, "-f", "csv").stdout == ",".join(fields) + "\n"
    for fmt in ("plain", "jsonl"):
        assert run(empty_store, command, "-f", fmt).stdout == ""
    assert run(empty_store, command, "-f", "table").exit_code == 0


# --- show ACTOR --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [["--json"], ["-f", "yaml"], ["-f", "table"], ["-f", "csv"]])
def test_show_an_actor_by_code_alias_or_any_case(run, fmt):
    outputs = {
        name: run(STORE, "show", name, *fmt) for name in ("PRK", "North Korea", "prk", "dprk")
    }
    assert {result.exit_code for result in outputs.values()} == {0}
    assert len({result.stdout for result in outputs.values()}) == 1


def test_actor_profile_numbers_match_the_store(run, undated_store):
    profile = json.loads(run(undated_store, "show", "PRK", "--json").stdout)
    assert yaml.safe_load(run(undated_store, "show", "PRK", "-f", "yaml").stdout) == profile
    data = load(undated_store)
    events = [e for e in data["events"] if "PRK" in e["actors"]]
    figures = [f for f in data["figures"] if "PRK" in f["actors"]]
    assert list(profile) == [
        "code",
        "name",
        "kind",
        "aliases",
        "native_names",
        "events",
        "figures",
        "first_event",
        "last_event",
        "metrics",
        "claimants",
        "assessments",
    ]
    actor = next(a for a in data["actors"] if a["code"] == "PRK")
    assert {k: profile[k] for k in ("code", "name", "kind", "aliases")} == actor
    assert (profile["events"], profile["figures"]) == (len(events), len(figures))
    assert profile["metrics"] == sorted({f["metric"] for f in figures})
    cited = Counter(
        claimant
        for record in (*events, *figures)
        for claimant in {claimant_of(c) for c in record["citations"]}
    )
    shown = {row["claimant"]: row["records"] for row in profile["claimants"]}
    assert len(cited) > 5 and len(shown) == 5
    assert all(cited[claimant] == n for claimant, n in shown.items())
    assert max(n for claimant, n in cited.items() if claimant not in shown) <= min(shown.values())
    counts = [row["records"] for row in profile["claimants"]]
    assert counts == sorted(counts, reverse=True)
    # the first and last *dated* events: the undated write-off involves PRK but is neither
    assert profile["first_event"] == {
        "id": "pact-1961",
        "when": "1961",
        "title": "A pact is signed",
    }
    assert profile["last_event"]["id"] == "troops-arrive"
    assert profile["last_event"]["when"] == "2025~ · early 2025"


def test_actor_profile_keeps_the_top_five_claimants(tmp_path, run):
    folder = tmp_path / "many"
    folder.mkdir()
    for name in ("sources.yaml", "actors.yaml"):
        (folder / name).write_text((STORE / name).read_text(encoding="utf-8"), encoding="utf-8")
    events = [
        {
            "id": f"claim-{n}",
            "date": f"20{10 + n}",
            "title": f"Claim {n}",
            "summary": "A claim.",
            "actors": ["UKR"],
            "domain": "military",
            "citations": [
                {"source": "beta-notes", "quote": "q", "claimant": f"Claimant {m}"}
                for m in range(n + 1)
            ],
        }
        for n in range(7)
    ]
    (folder / "events.yaml").write_text(yaml.safe_dump(events), encoding="utf-8")
    profile = json.loads(run(folder, "show", "Ukraine", "--json").stdout)
    assert profile["claimants"] == [
        {"claimant": f"Claimant {m}", "records": 7 - m} for m in range(5)
    ]
    assert profile["figures"] == 0 and profile["metrics"] == []
    assert (profile["first_event"]["id"], profile["last_event"]["id"]) == ("claim-0", "claim-6")


def test_actor_profile_view_for_people(run):
    view = run(STORE, "show", "PRK", "-f", "table").stdout
    assert view.startswith("actor PRK")
    for expected in ("North Korea", "DPRK, NK", "pact-1961", "troops-arrive", "troops.prk-in-rus"):
        assert expected in view
    assert re.search(r"^claimants\s+2\s+\(the source itself\)\s*$", view, re.M)
    assert re.search(r"^\s+1\s+officials\s*$", view, re.M)


def test_actor_profile_as_one_flat_row(run):
    rows = csv_rows(run(STORE, "show", "NK", "-f", "csv").stdout)
    assert len(rows) == 1
    assert rows[0]["first_event"] == "pact-1961" and rows[0]["last_when"] == "2025~ · early 2025"
    assert rows[0]["metrics"] == "munitions.containers;troops.prk-in-rus"


def test_an_actor_with_nothing_recorded(run, undated_store):
    profile = json.loads(run(undated_store, "show", "United Nations", "--json").stdout)
    assert (profile["events"], profile["first_event"], profile["claimants"]) == (0, None, [])
    assert run(undated_store, "show", "UN", "-f", "table").exit_code == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [("pact-1961", '"type": "event"'), ("alpha-report", '"title": "Alpha Report"')],
)
def test_a_record_or_source_id_wins_over_an_actor_alias(run, undated_store, name, expected):
    result = run(undated_store, "show", name, "--json")
    assert result.exit_code == 0 and expected in result.stdout
    assert '"code": "UN"' not in result.stdout


def test_show_an_unknown_name_exits_3_with_the_closest(run):
    result = run(STORE, "show", "treaty-signd")
    assert result.exit_code == 3 and result.stdout == ""
    assert (
        "no event, figure or assessment with id 'treaty-signd'; closest: treaty-signed"
        in result.stderr
    )
    near_actor = run(STORE, "show", "Nort Korea")
    assert near_actor.exit_code == 3
    assert "nor an actor's name; did you mean PRK?" in near_actor.stderr


def test_actor_profile_view_prints_store_text_as_written(tmp_path, run):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "sources.yaml").write_text((STORE / "sources.yaml").read_text(encoding="utf-8"))
    actors = [{"code": "ODD", "name": "[bold]Odd[/bold] State", "kind": "state"}]
    event = {
        "id": "odd-event",
        "date": "2024",
        "title": "A title that clears the screen\x1b[2J",
        "summary": "s",
        "actors": ["ODD"],
        "domain": "domestic",
        "citations": [{"source": "beta-notes", "quote": "q", "claimant": "[red]Claimant[/red]"}],
    }
    (folder / "actors.yaml").write_text(yaml.safe_dump(actors), encoding="utf-8")
    (folder / "events.yaml").write_text(yaml.safe_dump([event]), encoding="utf-8")
    view = run(folder, "show", "odd", "-f", "table").stdout
    assert "[bold]Odd[/bold] State" in view and "[red]Claimant[/red]" in view
    assert "\x1b" not in view and "screen\\x1b[2J" in view
