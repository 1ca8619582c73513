"""Curating assessments and people: `axis add assessment`/`person` (flags and prompts), `edit`,
`rm` and `import` on them, written in the store's style and refused when `axis check` would
gain a problem."""

import json
import shutil
from pathlib import Path

import pytest

from axiscli.curate.records import kind_file, new_id, target_file
from axiscli.store.emit import record_yaml
from tests.conftest import FIXTURES, STORE
from tests.test_curate import hashes, in_store, ok, shown

JUDGED = FIXTURES / "judged"

# An assessment the judged store accepts, as flags.
OUTLOOK = [
    "assessment",
    "--statement",
    "Moscow could reward Pyongyang with technology.",
    "--assessment-kind",
    "outlook",
    "--subject",
    "Russia",
    "--dyad",
    "RUS",
    "--dyad",
    "DPRK",
    "--person",
    "Putin",
    "--holder",
    "the author",
    "--likelihood",
    "could",
    "--tag",
    "technology",
    "--source",
    "gamma-outlook",
    "--quote",
    "Moscow could reward it with technology",
    "--rests-on",
    "treaty-signed",
]
OUTLOOK_ID = "moscow-could-reward-pyongyang-with-technology"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The fixture store with the judged one's people, assessments and source in it."""
    folder = tmp_path / "store"
    shutil.copytree(STORE, folder, ignore=shutil.ignore_patterns("texts"))
    for name in ("people.yaml", "assessments.yaml"):
        shutil.copy(JUDGED / name, folder / name)
    sources = (folder / "sources.yaml").read_text() + "\n" + (JUDGED / "sources.yaml").read_text()
    (folder / "sources.yaml").write_text(sources)
    return folder


def assessment(store: Path, record_id: str) -> dict[str, object]:
    records = json.loads(ok(in_store(store, "assess", "--json")).stdout)
    found: dict[str, object] = next(r for r in records if r["id"] == record_id)
    return found


# add ----------------------------------------------------------------------------------------


def test_add_assessment_writes_the_stores_style_with_codes_and_ids(store: Path) -> None:
    result = ok(in_store(store, "add", *OUTLOOK))
    assert result.stdout == f"{OUTLOOK_ID}\n"
    assert result.stderr == f"Added '{OUTLOOK_ID}' to {store / 'assessments.yaml'}:40.\n"
    text = (store / "assessments.yaml").read_text(encoding="utf-8")
    # Appended after a blank line, as the file sets its records apart; names given as aliases
    # and names are written as codes and ids.
    assert text.endswith(
        "\n\n"
        f"- id: {OUTLOOK_ID}\n"
        "  statement: Moscow could reward Pyongyang with technology.\n"
        "  kind: outlook\n"
        "  subject: [RUS]\n"
        "  dyad: [RUS, PRK]\n"
        "  people: [vladimir-putin]\n"
        "  holder: the author\n"
        "  likelihood: could\n"
        "  tags: [technology]\n"
        "  citations:\n"
        "    - source: gamma-outlook\n"
        "      quote: Moscow could reward it with technology\n"
        "  rests_on: [treaty-signed]\n"
    )
    record = assessment(store, OUTLOOK_ID)
    assert record["likelihood_level"] is None and record["kind"] == "outlook"
    assert ok(in_store(store, "check")).stdout.startswith("OK")


def test_add_assessment_dry_run_prints_the_yaml_and_writes_nothing(store: Path) -> None:
    before = hashes(store)
    result = ok(in_store(store, "add", *OUTLOOK, "--dry-run"))
    assert result.stdout.startswith(f"- id: {OUTLOOK_ID}\n  statement: Moscow could")
    assert hashes(store) == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (["--likelihood", "likely"], "likelihood 'likely' is in none of the record's quotes"),
        (["--rests-on", "no-such-event"], "no event or figure 'no-such-event'"),
        (["--person", "Nobody Known"], "unknown person 'Nobody Known'"),
        (["--subject", "Atlantis"], "Atlantis"),
        (["--assessment-kind", "hunch"], "kind: Input should be 'motivation'"),
    ],
    ids=["likelihood not quoted", "rests on nothing", "unknown person", "unknown actor", "kind"],
)
def test_an_assessment_check_would_refuse_is_not_written(
    store: Path, change: list[str], problem: str
) -> None:
    flags = list(OUTLOOK)
    for flag, value in zip(change[::2], change[1::2], strict=True):
        at = flags.index(flag)
        flags[at + 1] = value
    before = hashes(store)
    result = in_store(store, "add", *flags)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert problem in result.stderr
    assert result.stderr.splitlines()[-1].startswith("Error: the change would bring")
    assert hashes(store) == before


def test_a_flag_of_another_kind_is_a_usage_error(store: Path) -> None:
    result = in_store(store, "add", *OUTLOOK, "--domain", "military")
    assert result.exit_code == 2
    assert "assessments have no --domain" in result.stderr
    person = in_store(store, "add", "person", "--name", "Choe Son-hui", "--statement", "x")
    assert person.exit_code == 2 and "people have no --statement" in person.stderr


def test_add_person_and_link_an_event_to_them(store: Path) -> None:
    added = in_store(
        store, "add", "person", "--name", "Choe Son-hui", "--alias", "Choe", "--country", "DPRK"
    )
    assert ok(added).stdout == "choe-son-hui\n"
    assert (
        (store / "people.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "\n\n- id: choe-son-hui\n  name: Choe Son-hui\n  aliases: [Choe]\n  country: PRK\n"
        )
    )
    event = [
        "event",
        "--date",
        "2024-11-01",
        "--title",
        "Choe visits Moscow",
        "--summary",
        "Choe visited Moscow.",
        "--actor",
        "PRK",
        "--person",
        "Choe",
        "--domain",
        "diplomatic",
        "--source",
        "alpha-report",
        "--quote",
        "The two states signed",
    ]
    ok(in_store(store, "add", *event))
    assert shown(store, "2024-11-01-choe-visits-moscow")["people"] == ["choe-son-hui"]
    # A person an event names cannot be removed while it does.
    refused = in_store(store, "rm", "choe-son-hui", "--yes")
    assert refused.exit_code == 1 and "choe-son-hui" in refused.stderr


@pytest.mark.usefixtures("at_terminal")
def test_add_assessment_prompts_for_what_is_missing(store: Path) -> None:
    answers = [
        "Pyongyang needs Moscow's money.",
        "motivation",
        "NK, Russia",
        "Gamma analysts",
        "",  # no estimative word
        "gamma-outlook",
        "Kim Jong Un, North Korea's leader, needs hard currency.",
        "",  # no claimant
        "",  # no more citations
    ]
    result = in_store(store, "add", "assessment", input="\n".join(answers) + "\n")
    ok(result)
    assert result.stdout.splitlines()[-1] == "pyongyang-needs-moscow-s-money"
    record = assessment(store, "pyongyang-needs-moscow-s-money")
    assert record["subject"] == ["PRK", "RUS"] and record["holder"] == "Gamma analysts"
    assert record["likelihood"] is None


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import axiscli.cli.curate as curate

    monkeypatch.setattr(curate, "_at_terminal", lambda: True)


# edit and rm --------------------------------------------------------------------------------


def test_edit_an_assessment_and_a_person_in_place(store: Path) -> None:
    before = (store / "assessments.yaml").read_text(encoding="utf-8")
    ok(in_store(store, "edit", "prk-needs-currency", "--set", "holder=Gamma Institute"))
    after = (store / "assessments.yaml").read_text(encoding="utf-8")
    # Only that record's lines change: the others stay byte for byte.
    first, rest = before.split("\n\n", 1)
    assert after.endswith("\n\n" + rest)
    assert "  holder: Gamma Institute\n  tags: [munitions]\n" in after.split("\n\n", 1)[0]
    assert assessment(store, "prk-needs-currency")["holder"] == "Gamma Institute"
    ok(in_store(store, "edit", "vladimir-putin", "--set", "aliases=[Putin, V. Putin]"))
    text = (store / "people.yaml").read_text(encoding="utf-8")
    assert "  aliases: [Putin, V. Putin]\n" in text
    # A person's roles and native names keep their keys in the store's order when rewritten.
    ok(in_store(store, "edit", "kim-jong-un", "--set", "aliases=[Kim Jong-un]"))
    person = (store / "people.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    assert person.splitlines()[:7] == [
        "- id: kim-jong-un",
        "  name: Kim Jong Un",
        "  aliases: [Kim Jong-un]",
        "  country: PRK",
        "  roles:",
        "    - title: leader of North Korea",
        "      date: 2025-05",
    ]
    assert "    - name: 김정은\n      lang: ko\n      source:" in person


def test_edit_refuses_a_likelihood_its_quotes_do_not_hold(store: Path) -> None:
    before = hashes(store)
    result = in_store(store, "edit", "moscow-may-reward", "--set", "likelihood=almost certainly")
    assert result.exit_code == 1
    assert "likelihood 'almost certainly' is in none of the record's quotes" in result.stderr
    assert hashes(store) == before


def test_rm_an_assessment_another_disputes_is_refused_then_both_go(store: Path) -> None:
    refused = in_store(store, "rm", "shells-keep-flowing", "--yes")
    assert refused.exit_code == 1
    assert "'moscow-may-reward': disputes: no assessment 'shells-keep-flowing'" in refused.stderr
    ok(in_store(store, "rm", "moscow-may-reward", "--yes"))
    ok(in_store(store, "rm", "shells-keep-flowing", "--yes"))
    ids = [r["id"] for r in json.loads(ok(in_store(store, "assess", "--json")).stdout)]
    assert ids == ["prk-needs-currency"]


# import -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_import_what_assess_prints_gives_back_the_same_assessments(
    store: Path, tmp_path: Path, fmt: str
) -> None:
    asked = ["--json"] if fmt == "json" else ["-f", "csv"]
    printed = ok(in_store(store, "assess", *asked)).stdout
    path = tmp_path / f"judged.{fmt}"
    path.write_text(printed, encoding="utf-8")
    want = ok(in_store(store, "assess", "--json")).stdout
    (store / "assessments.yaml").unlink()
    made = ok(in_store(store, "import", path)).stdout.split()
    assert made == ["prk-needs-currency", "shells-keep-flowing", "moscow-may-reward"]
    assert ok(in_store(store, "assess", "--json")).stdout == want


def test_import_refuses_every_assessment_when_one_is_wrong(store: Path, tmp_path: Path) -> None:
    rows = [
        {"type": "assessment", "statement": "Fine.", "kind": "outlook", "subject": ["RUS"],
         "holder": "the author", "citations": [{"source": "gamma-outlook", "quote": "q"}]},
        {"type": "assessment", "statement": "Bad.", "kind": "outlook", "subject": ["RUS"],
         "holder": "the author", "likelihood": "likely",
         "citations": [{"source": "gamma-outlook", "quote": "q"}]},
    ]  # fmt: skip
    path = tmp_path / "new.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    before = hashes(store)
    result = in_store(store, "import", path)
    assert result.exit_code == 1
    assert f"{path}:2: 'bad': likelihood 'likely' is in none" in result.stderr
    assert hashes(store) == before


# the layers beneath -------------------------------------------------------------------------


def test_kinds_ids_and_files_of_the_new_records(tmp_path: Path) -> None:
    assert kind_file("assessment") == "assessments.yaml"
    assert kind_file("person") == "people.yaml"
    record = {"statement": "Russia turned to North Korea because it needed shells badly."}
    assert new_id("assessment", record, set()) == "russia-turned-to-north-korea-because"
    assert new_id("person", {"name": "Kim Jong Un"}, {"kim-jong-un"}) == "kim-jong-un-2"
    # Assessments shard like events: by the horizon's year where every shard is a year.
    (tmp_path / "assessments").mkdir()
    (tmp_path / "assessments" / "2025.yaml").write_text("")
    to = target_file(tmp_path, "assessments.yaml", {"horizon": "../2026"}, None)
    assert to == tmp_path / "assessments" / "2026.yaml"
    assert target_file(tmp_path, "assessments.yaml", {}, "lowy") == (
        tmp_path / "assessments" / "lowy.yaml"
    )
    assert target_file(tmp_path, "people.yaml", {}, None) == tmp_path / "people.yaml"


def test_a_person_in_the_stores_style() -> None:
    person = {
        "native_names": [{"quote": "Korean: 김정은", "source": "https://x.example", "lang": "ko",
                          "name": "김정은"}],
        "roles": [{"citations": [{"quote": "the leader: Kim", "source": "s"}], "date": "2024-06",
                   "title": "leader of North Korea"}],
        "country": "PRK",
        "name": "Kim Jong Un",
        "id": "kim-jong-un",
    }  # fmt: skip
    assert record_yaml("people.yaml", person) == (
        "- id: kim-jong-un\n"
        "  name: Kim Jong Un\n"
        "  country: PRK\n"
        "  roles:\n"
        "    - title: leader of North Korea\n"
        "      date: 2024-06\n"
        "      citations:\n"
        "        - source: s\n"
        '          quote: "the leader: Kim"\n'
        "  native_names:\n"
        "    - name: 김정은\n"
        "      lang: ko\n"
        "      source: https://x.example\n"
        '      quote: "Korean: 김정은"\n'
    )


def test_import_what_axis_people_prints_gives_back_the_same_people(
    store: Path, tmp_path: Path
) -> None:
    printed = ok(in_store(store, "people", "--json")).stdout
    path = tmp_path / "people.json"
    path.write_text(printed, encoding="utf-8")
    (store / "assessments.yaml").unlink()  # they name the people
    (store / "people.yaml").unlink()
    made = ok(in_store(store, "import", path, "--kind", "person")).stdout.split()
    assert made == ["kim-jong-un", "vladimir-putin"]
    # The counts `axis people` adds are not fields: the people come back as they were.
    assert ok(in_store(store, "people", "--json")).stdout == printed.replace(
        '"assessments": 1', '"assessments": 0'
    )


def test_assessments_in_shards_are_edited_in_place_and_added_to_the_last(store: Path) -> None:
    shards = store / "assessments"
    shards.mkdir()
    (store / "assessments.yaml").rename(shards / "gamma.yaml")
    edited = ok(in_store(store, "edit", "shells-keep-flowing", "--set", "holder=Gamma"))
    assert edited.stderr == f"Changed 'shells-keep-flowing' in {shards / 'gamma.yaml'}:14.\n"
    added = ok(in_store(store, "add", *OUTLOOK, "--shard", "later"))
    assert added.stderr.startswith(f"Added '{OUTLOOK_ID}' to {shards / 'later.yaml'}:1.")
    assert sorted(path.name for path in shards.iterdir()) == ["gamma.yaml", "later.yaml"]


@pytest.mark.usefixtures("at_terminal")
def test_add_person_prompts_for_the_name_and_country(store: Path) -> None:
    result = in_store(store, "add", "person", input="Choe Son-hui\nNorth Korea\n")
    assert ok(result).stdout.splitlines()[-1] == "choe-son-hui"
    people = json.loads(ok(in_store(store, "people", "--json")).stdout)
    assert [(p["id"], p["name"], p["country"]) for p in people][-1] == (
        "choe-son-hui",
        "Choe Son-hui",
        "PRK",
    )
