"""Assessments, people and native-script names: the model, the checks, the index and the CLI,
on a small store of their own (tests/fixtures/assessed) and on the bundled one."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, Run
from typer.testing import Result

from axiscli.catalog import open_catalog
from axiscli.check import check_store
from axiscli.model import Assessment, Individual
from axiscli.query import build_query, select
from axiscli.store import load_store

ASSESSED = FIXTURES / "assessed"
TEXTS = ASSESSED / "texts"

ASSESSMENT_KEYS = [
    "type",
    "id",
    "kind",
    "statement",
    "subject",
    "dyad",
    "people",
    "holder",
    "likelihood",
    "likelihood_level",
    "likelihood_term",
    "horizon",
    "horizon_text",
    "tags",
    "rests_on",
    "disputes",
    "citations",
]


@pytest.fixture
def judged(axis: Run) -> Run:
    """`axis` reading only the assessed fixture store."""

    def run(*args: str | Path) -> Result:
        return axis(*args, "--no-bundled", "--data", ASSESSED)

    return run


def _ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


# --- the model ---------------------------------------------------------------------------------


def _assessment(**fields: object) -> dict[str, object]:
    return {
        "id": "x",
        "statement": "s",
        "kind": "outlook",
        "subject": ["RUS"],
        "holder": "the author",
        "citations": [{"source": "a", "quote": "q"}],
        **fields,
    }


def test_an_assessment_computes_its_likelihood_level():
    assert Assessment.model_validate(_assessment(likelihood="is likely to")).likelihood_level == 5
    assert Assessment.model_validate(_assessment(likelihood="could")).likelihood_level is None


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "prediction"},
        {"dyad": ["RUS", "PRK", "CHN"]},
        {"dyad": ["RUS"]},
        {"subject": []},
        {"citations": []},
        {"horizon": "by 2026"},
        {"likelihood_level": 5},
    ],
    ids=["kind", "dyad of 3", "dyad of 1", "no subject", "no citation", "horizon", "level"],
)
def test_the_model_refuses_a_malformed_assessment(fields):
    with pytest.raises(ValueError):
        Assessment.model_validate(_assessment(**fields))


def test_a_native_name_needs_a_language_tag_and_a_source():
    person = {"id": "p", "name": "P", "native_names": [{"name": "П", "lang": "ru"}]}
    with pytest.raises(ValueError, match="source"):
        Individual.model_validate(person)
    person["native_names"] = [{"name": "П", "lang": "Russian", "source": "x"}]
    with pytest.raises(ValueError, match="lang"):
        Individual.model_validate(person)


# --- the checks ----------------------------------------------------------------------------------


def test_the_assessed_fixture_is_clean_with_its_texts(judged: Run):
    result = judged("check", "--texts", TEXTS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "OK: 7 records (1 events, 1 figures, 5 assessments, 1 sources, 4 actors, 2 people)"
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(ASSESSED, folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each rule, broken once: (file, text, replacement, what the problem says).
BROKEN = {
    "unknown subject": (
        "assessments.yaml",
        "subject: [CHN]",
        "subject: [Chian]",
        "subject: unknown actor 'Chian' (did you mean CHN?)",
    ),
    "dyad of one actor twice": (
        "assessments.yaml",
        "dyad: [Moscow, PRK]",
        "dyad: [Moscow, RUS]",
        "dyad names RUS twice",
    ),
    "likelihood not quoted": (
        "assessments.yaml",
        "likelihood: likely",
        "likelihood: very likely",
        "likelihood 'very likely' is in none of the record's quotes",
    ),
    "rests on nothing": (
        "assessments.yaml",
        "rests_on: [shells-needed]",
        "rests_on: [shells-neded]",
        "rests_on: no event or figure 'shells-neded' (did you mean shells-needed?)",
    ),
    "rests on an assessment": (
        "assessments.yaml",
        "rests_on: [summit-2024]",
        "rests_on: [moscow-needs-shells]",
        "rests_on: no event or figure 'moscow-needs-shells' (it is an assessment",
    ),
    "disputes an event": (
        "assessments.yaml",
        "disputes: [alignment-deepens]",
        "disputes: [summit-2024]",
        "disputes: no assessment 'summit-2024' (it is an event",
    ),
    "disputes itself": (
        "assessments.yaml",
        "disputes: [alignment-deepens]",
        "disputes: [alignment-unravels]",
        "disputes names the assessment itself",
    ),
    "unknown person in an assessment": (
        "assessments.yaml",
        "people: [kim-jong-un]",
        "people: [kim-jong-il]",
        "unknown person 'kim-jong-il' (did you mean kim-jong-un?)",
    ),
    "a person by name, not id": (
        "events.yaml",
        "people: [kim-jong-un, vladimir-putin]",
        "people: [kim-jong-un, Putin]",
        "unknown person 'Putin' (give the person's id, vladimir-putin)",
    ),
    "unknown country": (
        "people.yaml",
        "country: PRK",
        "country: PKR",
        "unknown actor 'PKR' as country",
    ),
    "role cites an unknown source": (
        "people.yaml",
        '        - source: gamma-essay\n          quote: "Putin',
        '        - source: gamma-esay\n          quote: "Putin',
        "role cites unknown source 'gamma-esay'",
    ),
    "person id is an actor's name": (
        "people.yaml",
        "id: vladimir-putin",
        "id: moscow",
        "person id 'moscow' is also a name of actor RUS",
    ),
    "person id is a record's": (
        "people.yaml",
        "id: vladimir-putin",
        "id: summit-2024",
        "person id 'summit-2024' is also the id of a record",
    ),
    "one alias for two people": (
        "people.yaml",
        "name: Kim Jong Un",
        "name: Kim Jong Un\n  aliases: [Putin]",
        "name 'Putin' already stands for person kim-jong-un",
    ),
    "a native name of another actor": (
        "actors.yaml",
        "name: Россия",
        "name: КНДР",
        "name 'КНДР' already stands for RUS",
    ),
    "a native name equal to another actor's alias": (
        "actors.yaml",
        "name: 中国",
        "name: pyongyang",
        "name 'Pyongyang' already stands for CHN",
    ),
    "a person's native name without its quote": (
        "people.yaml",
        '      quote: "Korean: 김정은"\n',
        "",
        "a person's native name needs the `quote` of the page that gives it",
    ),
    "an id both a figure's and an assessment's": (
        "assessments.yaml",
        "id: tighten-sanctions",
        "id: shells-needed",
        "duplicate record id",
    ),
}


@pytest.mark.parametrize(("name", "old", "new", "message"), BROKEN.values(), ids=BROKEN)
def test_each_rule_fails_when_broken(judged: Run, axis: Run, copy: Path, name, old, new, message):
    _edit(copy, name, old, new)
    result = axis("check", "--no-bundled", "--data", copy)
    assert result.exit_code == 1, result.output
    assert message in result.stdout
    assert f"{copy / name}:" in result.stdout


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "people.yaml",
            "Putin, the Russian president",
            "Putin, Russia's president",
            "quote not found verbatim in gamma-essay",
        ),
        (
            "people.yaml",
            "date_text: June 2024",
            "date_text: mid-2024",
            "date_text 'mid-2024' is not in the text of gamma-essay",
        ),
        (
            "assessments.yaml",
            "horizon_text: by 2026",
            "horizon_text: by late 2026",
            "horizon_text 'by late 2026' is not in the text of gamma-essay",
        ),
        (
            "assessments.yaml",
            "China is likely to keep",
            "China is likely to keep",
            None,
        ),
    ],
    ids=["role quote", "role date_text", "horizon_text", "a statement is no quote"],
)
def test_texts_check_roles_and_horizons(axis: Run, copy: Path, name, old, new, message):
    _edit(copy, name, old, new)
    result = axis("check", "--no-bundled", "--data", copy, "--texts", copy / "texts")
    if message is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert message in result.stdout


def test_an_actor_used_only_by_assessments_is_used(copy: Path):
    store = load_store([copy])
    assert check_store(store, curation=True) == []
    _edit(copy, "assessments.yaml", "subject: [USA]", "subject: [RUS]")
    problems = check_store(load_store([copy]), curation=True)
    assert [problem.message for problem in problems] == ["actor USA is used by no record"]


# --- the library --------------------------------------------------------------------------------


def test_the_catalog_names_subjects_by_code():
    catalog = open_catalog([ASSESSED], bundled=False)
    shells = catalog.assessment("moscow-needs-shells")
    assert shells.dyad == ["RUS", "PRK"]  # written [Moscow, PRK]
    assert catalog.person("김정은").id == "kim-jong-un"
    assert catalog.person("putin").id == "vladimir-putin"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ({"actors": ["КНДР"]}, ["moscow-needs-shells", "alignment-deepens", "alignment-unravels"]),
        ({"people": ["Kim Jong Un"]}, ["alignment-deepens"]),
        ({"kinds": ["outlook"]}, ["alignment-deepens", "alignment-unravels"]),
        ({"holders": ["author"]}, ["moscow-needs-shells", "tighten-sanctions"]),
        ({"likelihood": "likely.."}, ["beijing-keeps-distance", "alignment-deepens"]),
        ({"likelihood": "..likely"}, ["beijing-keeps-distance"]),
    ],
)
def test_the_models_select_assessments(asked, expected):
    catalog = open_catalog([ASSESSED], bundled=False)
    query = build_query(catalog, **asked)
    assert [a.id for a in select(catalog.assessments, query)] == expected


# --- axis assess ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            [],
            [
                "moscow-needs-shells",
                "beijing-keeps-distance",
                "alignment-deepens",
                "alignment-unravels",
                "tighten-sanctions",
            ],
        ),
        (["--actor", "КНДР"], ["moscow-needs-shells", "alignment-deepens", "alignment-unravels"]),
        (["--actor", "中国"], ["beijing-keeps-distance"]),
        (["--actor", "RUS", "--actor", "CHN"], []),
        (
            ["--actor", "USA", "--actor", "CHN", "--any-actor"],
            ["beijing-keeps-distance", "tighten-sanctions"],
        ),
        (["--person", "김정은"], ["alignment-deepens"]),
        (["--person", "kim-jong-un"], ["alignment-deepens"]),
        (["--kind", "outlook"], ["alignment-deepens", "alignment-unravels"]),
        (
            ["--kind", "motivation", "--kind", "recommendation"],
            ["moscow-needs-shells", "tighten-sanctions"],
        ),
        (["--holder", "the author"], ["moscow-needs-shells", "tighten-sanctions"]),
        (["--holder", "LOWY"], ["alignment-deepens"]),
        (["--holder", "Low"], []),
        (["--likelihood", "likely"], ["beijing-keeps-distance"]),
        (["--likelihood", "likely.."], ["beijing-keeps-distance", "alignment-deepens"]),
        (["--likelihood", "very likely.."], ["alignment-deepens"]),
        (["--likelihood", "..unlikely"], []),
        (["--grep", "near term"], ["alignment-unravels"]),
        (["--tag", "munitions"], ["moscow-needs-shells"]),
        (["--claimant", "analysts"], ["beijing-keeps-distance"]),
        (["--source", "gamma-essay", "--limit", "1"], ["moscow-needs-shells"]),
        (["sanctions"], ["tighten-sanctions"]),
        (["alignment"], ["alignment-deepens", "alignment-unravels"]),
    ],
)
def test_assess_filters(judged: Run, args, expected):
    assert _ids(judged("assess", *args, "--json")) == expected


def test_assess_json_contract(judged: Run):
    rows = json.loads(judged("assess", "--json").stdout)
    deepens = next(row for row in rows if row["id"] == "alignment-deepens")
    assert list(deepens) == ASSESSMENT_KEYS
    assert (deepens["likelihood"], deepens["likelihood_level"], deepens["likelihood_term"]) == (
        "almost certainly",
        7,
        "almost certain",
    )
    unravels = next(row for row in rows if row["id"] == "alignment-unravels")
    assert (unravels["likelihood_level"], unravels["likelihood_term"]) == (None, None)
    shells = next(row for row in rows if row["id"] == "moscow-needs-shells")
    assert shells["dyad"] == ["RUS", "PRK"]
    assert list(shells["citations"][0]) == [
        "source",
        "source_title",
        "source_publisher",
        "source_url",
        "claimant",
        "quote",
    ]


def test_assess_json_is_the_same_without_the_cache(judged: Run):
    assert judged("assess", "--json").stdout == judged("assess", "--json", "--no-cache").stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_assess_in_delimited_formats(judged: Run, fmt: str):
    out = judged("assess", "-f", fmt).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert [row["id"] for row in rows][:2] == ["moscow-needs-shells", "beijing-keeps-distance"]
    assert rows[1]["likelihood_level"] == "5"
    assert rows[0]["quote"].startswith("Moscow needs")


@pytest.mark.parametrize("fmt", ["table", "plain", "md", "yaml", "jsonl"])
def test_assess_in_every_format(judged: Run, fmt: str):
    result = judged("assess", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "China is likely to keep its distance" in result.stdout


def test_the_assess_table_shows_the_scale_step(judged: Run):
    out = judged("assess", "-f", "table", "--kind", "outlook").stdout
    assert "almost certainly (7/7)" in out
    assert "by 2026" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--likelihood", "could"], "'could' is no step of the likelihood scale"),
        (["--likelihood", "likely..unlikely"], "write the lower end first"),
        (["--person", "Kim Jong Il"], "unknown person 'Kim Jong Il'"),
        (["--person", "Puttin"], "did you mean Putin (vladimir-putin)?"),
        (["--kind", "prediction"], "prediction"),
    ],
)
def test_assess_refuses_what_does_not_resolve(judged: Run, args, message):
    result = judged("assess", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


# --- --person and native names elsewhere --------------------------------------------------------


@pytest.mark.parametrize("name", ["КНДР", "북한", "朝鲜", "DPRK", "north korea"])
def test_timeline_answers_to_native_names(judged: Run, name: str):
    assert _ids(judged("timeline", "--actor", name, "--json")) == ["summit-2024"]


@pytest.mark.parametrize("name", ["Владимир Путин", "putin", "Vladimir Putin", "vladimir-putin"])
def test_timeline_by_person(judged: Run, name: str):
    assert _ids(judged("timeline", "--person", name, "--json")) == ["summit-2024"]


def test_figures_name_no_people(judged: Run):
    result = judged("figure", "--person", "Putin", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "북한",
            {
                "summit-2024",
                "shells-needed",
                "moscow-needs-shells",
                "alignment-deepens",
                "alignment-unravels",
            },
        ),
        (
            "Россия",
            {
                "summit-2024",
                "shells-needed",
                "moscow-needs-shells",
                "alignment-deepens",
                "alignment-unravels",
            },
        ),
        ("김정은", {"summit-2024", "alignment-deepens"}),
        ("almost certainly", {"alignment-deepens"}),
        ("Lowy", {"alignment-deepens"}),
    ],
)
def test_search_matches_across_scripts(judged: Run, text: str, first: set[str]):
    assert set(_ids(judged("search", text, "--json"))) == first


def test_search_puts_text_matches_before_linked_records(judged: Run):
    found = _ids(judged("search", "Pyongyang", "--json"))
    # The records whose text says Pyongyang come first, then the others about North Korea.
    assert found[:3] == ["summit-2024", "shells-needed", "moscow-needs-shells"]
    assert set(found[3:]) == {"alignment-deepens", "alignment-unravels"}


# --- show, people, disputes ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kim-jong-un", "Kim Jong Un", "김정은", "KIM JONG UN"])
def test_show_a_person_by_any_name(judged: Run, name: str):
    profile = json.loads(judged("show", name, "--json").stdout)
    assert list(profile) == [
        "id",
        "name",
        "aliases",
        "country",
        "roles",
        "native_names",
        "events",
        "assessments",
    ]
    assert profile["native_names"] == [
        {
            "name": "김정은",
            "lang": "ko",
            "source": "https://example.org/kim",
            "quote": "Korean: 김정은",
        }
    ]
    assert profile["roles"][0]["title"] == "leader of North Korea"
    assert profile["events"] == [
        {"id": "summit-2024", "when": "2024-06", "title": "Kim and Putin meet in Pyongyang"}
    ]
    assert [row["id"] for row in profile["assessments"]] == ["alignment-deepens"]


@pytest.mark.parametrize("fmt", ["table", "csv", "yaml", "md"])
def test_show_a_person_in_every_format(judged: Run, fmt: str):
    result = judged("show", "Putin", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "Владимир Путин" in result.stdout


def test_show_an_unknown_person_suggests_one(judged: Run):
    result = judged("show", "Vladimir Putn")
    assert result.exit_code == 3
    assert "nor a person's name; did you mean vladimir-putin?" in result.stderr


def test_show_an_assessment(judged: Run):
    row = json.loads(judged("show", "alignment-deepens", "--json").stdout)
    assert list(row) == ASSESSMENT_KEYS
    table = judged("show", "alignment-deepens", "-f", "table").stdout
    assert "according to Lowy Institute" in table


def test_show_an_actor_lists_its_assessments_and_native_names(judged: Run):
    profile = json.loads(judged("show", "북한", "--json").stdout)
    assert profile["code"] == "PRK"
    assert [n["name"] for n in profile["native_names"]] == ["КНДР", "북한", "朝鲜"]
    assert [row["id"] for row in profile["assessments"]] == [
        "moscow-needs-shells",
        "alignment-deepens",
        "alignment-unravels",
    ]
    table = judged("show", "PRK", "-f", "table").stdout
    assert "Lowy Institute: The alignment will almost certainly deepen" in " ".join(table.split())


def test_people_lists_the_registry(judged: Run):
    rows = json.loads(judged("people", "--json").stdout)
    assert [(r["id"], r["events"], r["assessments"]) for r in rows] == [
        ("kim-jong-un", 1, 1),
        ("vladimir-putin", 1, 0),
    ]
    out = judged("people", "-f", "csv").stdout
    assert "김정은 (ko)" in out and "leader of North Korea (June 2024)" in out


def test_actors_list_native_names_and_assessments(judged: Run):
    rows = {row["code"]: row for row in json.loads(judged("actors", "--json").stdout)}
    assert rows["USA"]["assessments"] == 1
    assert rows["PRK"]["native_names"][0] == {
        "name": "КНДР",
        "lang": "ru",
        "source": "Unicode CLDR 46 (Babel 2.17)",
    }
    assert "КНДР (ru);북한 (ko);朝鲜 (zh-Hans)" in judged("actors", "-f", "csv").stdout


def test_disputes_side_by_side(judged: Run):
    pairs = json.loads(judged("disputes", "--json").stdout)
    assert [(p["type"], p["record"]["id"], p["disputed"]["id"]) for p in pairs] == [
        ("assessment", "alignment-unravels", "alignment-deepens")
    ]
    assert pairs[0]["disputed"]["holder"] == "Lowy Institute"
    table = " ".join(judged("disputes", "-f", "table").stdout.split())
    assert "others: The alignment" in table and "Lowy Institute: The alignment" in table
    rows = list(csv.DictReader(io.StringIO(judged("disputes", "-f", "csv").stdout)))
    assert rows[0]["disputed_holder"] == "Lowy Institute"


@pytest.mark.parametrize("columns", ["120", "40"])
def test_disputes_name_both_ids_whole_and_stack_the_sides_when_narrow(
    judged: Run, monkeypatch: pytest.MonkeyPatch, columns: str
):
    monkeypatch.setenv("COLUMNS", columns)
    lines = judged("disputes", "-f", "table").stdout.splitlines()
    heading = " ".join(line for line in lines[:2] if not line.startswith(" ")).split()
    assert heading == ["assessment", "alignment-unravels", "disputes", "alignment-deepens"]
    stacked = [line.strip() for line in lines].count("disputes") == 1
    assert stacked == (columns == "40")
    assert max(len(line) for line in lines) <= int(columns)


def test_disputes_include_figures(axis: Run):
    series = FIXTURES / "series"
    pairs = json.loads(axis("disputes", "--json", "--no-bundled", "--data", series).stdout)
    figures = yaml.safe_load((series / "figures.yaml").read_text(encoding="utf-8"))
    disputing = [(f["id"], other) for f in figures for other in f.get("disputes", [])]
    assert disputing
    assert [(p["type"], p["record"]["id"], p["disputed"]["id"]) for p in pairs] == [
        ("figure", *pair) for pair in disputing
    ]
    table = axis("disputes", "-f", "table", "--no-bundled", "--data", series).stdout
    assert disputing[0][0] in table and disputing[0][1] in table


def test_a_pair_declared_on_both_sides_is_listed_once(axis: Run, copy: Path):
    _edit(
        copy,
        "assessments.yaml",
        "  rests_on: [summit-2024]",
        "  rests_on: [summit-2024]\n  disputes: [alignment-unravels]",
    )
    pairs = json.loads(axis("disputes", "--json", "--no-bundled", "--data", copy).stdout)
    assert [(p["record"]["id"], p["disputed"]["id"]) for p in pairs] == [
        ("alignment-deepens", "alignment-unravels")
    ]


def test_a_store_without_assessments_or_people(axis: Run):
    result = axis("assess", "--no-bundled", "--data", FIXTURES / "store", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = axis("people", "--no-bundled", "--data", FIXTURES / "store", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


# --- the index: assessments in shards, updated in place ----------------------------------------


@pytest.fixture
def sharded(copy: Path) -> Path:
    """The assessed store with its assessments in two shards: a.yaml those that name no other
    record, b.yaml those that rest on or dispute one."""
    records = (copy / "assessments.yaml").read_text(encoding="utf-8").split("\n\n")
    alone = [records[1], records[4]]
    linked = [records[0], records[2], records[3]]
    (copy / "assessments").mkdir()
    (copy / "assessments" / "a.yaml").write_text("\n\n".join(alone), encoding="utf-8")
    (copy / "assessments" / "b.yaml").write_text("\n\n".join(linked), encoding="utf-8")
    (copy / "assessments.yaml").unlink()
    return copy


def _index_inode(cache: Path) -> int:
    (index,) = [p for p in cache.rglob("*") if p.is_file() and p.suffix in (".sqlite", ".db")]
    return index.stat().st_ino


def test_a_sharded_store_of_assessments_compiles_and_updates(
    axis: Run, sharded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("AXIS_CACHE_DIR", str(cache))

    def listed() -> list[dict[str, object]]:
        result = axis("assess", "--json", "--no-bundled", "--data", sharded)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    before = listed()
    assert [row["id"] for row in before] == [
        "beijing-keeps-distance",
        "tighten-sanctions",
        "moscow-needs-shells",
        "alignment-deepens",
        "alignment-unravels",
    ]
    inode = _index_inode(cache)
    shard = sharded / "assessments" / "a.yaml"
    shard.write_text(
        shard.read_text(encoding="utf-8").replace("holder: analysts", "holder: Chinese officials"),
        encoding="utf-8",
    )
    after = listed()
    assert [row["holder"] for row in after][0] == "Chinese officials"
    assert _index_inode(cache) == inode  # updated in place
    fresh = axis("assess", "--json", "--no-bundled", "--data", sharded, "--no-cache")
    assert json.loads(fresh.stdout) == after
    found = axis("assess", "--holder", "officials", "--json", "--no-bundled", "--data", sharded)
    assert _ids(found) == ["beijing-keeps-distance"]
    # An edit touching an assessment that disputes another compiles again, and still answers.
    other = sharded / "assessments" / "b.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("holder: others", "holder: skeptics"),
        encoding="utf-8",
    )
    assert [row["holder"] for row in listed()][4] == "skeptics"


def test_a_broken_assessment_shard_is_reported(axis: Run, sharded: Path):
    axis("assess", "--json", "--no-bundled", "--data", sharded)
    shard = sharded / "assessments" / "a.yaml"
    shard.write_text(
        shard.read_text(encoding="utf-8").replace("kind: constraint", "kind: worry"),
        encoding="utf-8",
    )
    result = axis("assess", "--json", "--no-bundled", "--data", sharded)
    assert result.exit_code == 1
    assert "a.yaml" in result.stderr and "kind" in result.stderr


# --- the bundled store ---------------------------------------------------------------------------

DATA = Path(__file__).resolve().parents[1] / "data"


def _bundled(name: str) -> list[dict[str, object]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"the bundled store has no {name} yet")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def test_the_bundled_assessments_list_with_their_levels(axis: Run):
    from axiscli.likelihood import level_of, scale_term

    filed = _bundled("assessments.yaml")
    rows = json.loads(axis("assess", "--json").stdout)
    assert [row["id"] for row in rows] == [record["id"] for record in filed]
    for row in rows:
        assert row["likelihood_level"] == level_of(row["likelihood"])
        assert row["likelihood_term"] == scale_term(row["likelihood_level"])
    for kind in {row["kind"] for row in rows}:
        listed = _ids(axis("assess", "--kind", kind, "--json"))
        assert listed == [row["id"] for row in rows if row["kind"] == kind]


def test_the_bundled_actors_answer_to_their_native_names(axis: Run):
    actors = _bundled("actors.yaml")
    named = [(a["code"], n["name"]) for a in actors for n in a.get("native_names", [])]
    if not named:
        pytest.skip("the bundled actors have no native names yet")
    for code, name in named[:12]:
        by_name = axis("timeline", "--actor", name, "--json")
        assert by_name.stdout == axis("timeline", "--actor", code, "--json").stdout, name


def test_the_bundled_people_answer_to_every_name(axis: Run):
    for person in _bundled("people.yaml"):
        names = [person["name"], *person.get("aliases", [])]
        names += [native["name"] for native in person.get("native_names", [])]
        expected = axis("show", person["id"], "--json")
        assert expected.exit_code == 0, expected.output
        for name in names:
            assert axis("show", name, "--json").stdout == expected.stdout, name
        by_person = axis("timeline", "--person", person["id"], "--json")
        events = [e["id"] for e in _bundled("events.yaml") if person["id"] in e.get("people", [])]
        assert sorted(_ids(by_person)) == sorted(events)


# --- the index answers as the models do ------------------------------------------------------


@pytest.mark.parametrize(
    "asked",
    [
        {},
        {"actors": ["PRK"]},
        {"actors": ["RUS", "CHN"], "any_actor": True},
        {"people": ["kim-jong-un"]},
        {"kinds": ["outlook", "constraint"]},
        {"holders": ["author", "lowy"]},
        {"likelihood": "likely.."},
        {"likelihood": "1..7"},
        {"grep": "alignment"},
        {"tags": ["munitions"]},
        {"term": "alignment"},
        {"claimants": ["analysts"]},
    ],
)
def test_the_index_selects_assessments_as_the_models_do(asked):
    from axiscli.index import open_index

    catalog = open_catalog([ASSESSED], bundled=False)
    with open_index([ASSESSED], cache_dir=None) as store:
        query = build_query(store, **asked)
        found = store.assessments(store.select(query, "assessment", "store"))
    assert [a.id for a in found] == [a.id for a in select(catalog.assessments, query)]
    assert found == [a for a in catalog.assessments if a.id in {f.id for f in found}]


def test_a_streamed_compile_of_assessments_holds_what_a_whole_one_does():
    import sqlite3

    from axiscli.catalog import checked_store
    from axiscli.index.build import build, stream
    from axiscli.index.cache import fingerprint
    from axiscli.store import store_files

    prints = [(kind, fingerprint(path)) for kind, path in store_files(ASSESSED)]
    tables = []
    for whole in (True, False):
        db = sqlite3.connect(":memory:")
        if whole:
            build(db, checked_store([ASSESSED]), prints, meta={"key": "test"})
        else:
            stream(db, [ASSESSED], prints, meta={"key": "test"})
        names = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'texts_%'"
        ).fetchall()
        tables.append(
            {name: db.execute(f"SELECT rowid, * FROM {name}").fetchall() for (name,) in names}
        )
    assert tables[0] == tables[1]
    assert len(tables[0]["assessments"]) == 5
    assert ("kim-jong-un", 0) in [row[1:] for row in tables[0]["record_people"]]


def test_store_text_in_judgements_prints_as_written(axis: Run, copy: Path):
    _edit(copy, "assessments.yaml", "holder: others", 'holder: "[bold]others\\x1b[2J"')
    out = axis("assess", "-f", "table", "--no-bundled", "--data", copy).stdout
    assert "[bold]others\\x1b[2J" in out
    assert "\x1b" not in out
    out = axis("disputes", "-f", "table", "--no-bundled", "--data", copy).stdout
    assert "[bold]others\\x1b[2J" in out and "\x1b" not in out


def test_cite_an_assessment(judged: Run):
    result = judged("cite", "beijing-keeps-distance", "--style", "text")
    assert result.exit_code == 0, result.output
    assert "Beijing is likely to keep its distance from the pact, analysts say." in result.stdout
    assert "Gamma Essay" in result.stdout
