"""`axis diff`: what changed in the store between git revisions, in temporary git repositories."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from axiscli.diff import DiffProblem, StoreDiff, diff_store, parse_range, same
from axiscli.errors import ExitCode, NotFoundError, UsageError

SOURCES = """\
- id: alpha-report
  title: Alpha Report
  kind: analysis
"""
ACTORS = """\
- code: RUS
  name: Russia
  kind: state
- code: PRK
  name: North Korea
  kind: state
"""
TREATY = """\
- id: treaty-signed
  date: "2024-06-19"
  title: Treaty signed
  summary: The two states signed a treaty.
  actors: [RUS, PRK]
  domain: diplomatic
  citations:
    - source: alpha-report
      quote: "The two states signed a treaty."
"""
DRILLS = """\
- id: joint-drills
  date: "2023"
  title: Joint drills
  summary: The partners held joint drills.
  actors: [RUS, PRK]
  domain: military
  citations:
    - source: alpha-report
      quote: "The partners held joint drills."
"""
TROOPS = """\
- id: troops-sent
  metric: troops.prk-in-rus
  label: Troops sent
  value: 3000
  unit: troops
  qualifier: at least
  date: "2024-10"
  actors: [PRK, RUS]
  citations:
    - source: alpha-report
      quote: "At least 3,000 troops were sent."
"""


@pytest.fixture(autouse=True)
def plain_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """git as a fresh install runs it: no user or system configuration, no parent repository."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Axis Test", "-c", "user.email=axis@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def commit(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds a small store in `data/`."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(
        root / "data",
        {
            "sources.yaml": SOURCES,
            "actors.yaml": ACTORS,
            "events.yaml": TREATY + "\n" + DRILLS,
            "figures.yaml": TROOPS,
        },
    )
    commit(root, "first")
    return root


def diff_of(repo: Path, revisions: str | None = None) -> StoreDiff:
    return diff_store([repo / "data"], revisions)


def statuses(diff: StoreDiff) -> dict[str, str]:
    return {change.id: change.status for change in diff.records}


# --- what changed ------------------------------------------------------------------------------


def test_records_added_removed_and_changed_field_by_field(repo):
    changed = TREATY.replace("Treaty signed", "Treaty of friendship signed").replace(
        '"The two states', '"The two states formally'
    )
    new_event = DRILLS.replace("joint-drills", "new-drills").replace("2023", "2025")
    write(repo / "data", {"events.yaml": changed + "\n" + new_event})
    first = git(repo, "rev-parse", "HEAD")
    commit(repo)

    diff = diff_of(repo, f"{first}..HEAD")

    assert statuses(diff) == {
        "new-drills": "added",
        "joint-drills": "removed",
        "treaty-signed": "changed",
    }
    treaty = next(change for change in diff.records if change.id == "treaty-signed")
    assert [(f.field, f.old, f.new) for f in treaty.fields] == [
        ("title", "Treaty signed", "Treaty of friendship signed"),
        (
            "citations[0].quote",
            "The two states signed a treaty.",
            "The two states formally signed a treaty.",
        ),
    ]
    assert not treaty.moved and treaty.old_file == treaty.new_file == "data/events.yaml"
    added = next(change for change in diff.records if change.id == "new-drills")
    assert added.old_file is None and added.new_file == "data/events.yaml"
    assert added.record["date"] == "2025"  # dates stay the strings they are written as
    assert diff.figure_values == [] and diff.problems == []
    assert [(f.path, f.status) for f in diff.files] == [("data/events.yaml", "changed")]


def test_a_citation_added_and_actors_changed_read_as_items_and_lists(repo):
    extra = (
        '    - source: alpha-report\n      quote: "A second quote."\n      claimant: officials\n'
    )
    write(
        repo / "data",
        {"events.yaml": TREATY.replace("[RUS, PRK]", "[RUS, PRK, CHN]") + extra + "\n" + DRILLS},
    )
    (change,) = diff_of(repo).records
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("actors", ["RUS", "PRK"], ["RUS", "PRK", "CHN"]),
        (
            "citations[1]",
            None,
            {"source": "alpha-report", "quote": "A second quote.", "claimant": "officials"},
        ),
    ]


def test_a_figure_whose_value_changed_is_called_out(repo):
    write(repo / "data", {"figures.yaml": TROOPS.replace("value: 3000", "value: 12000")})
    diff = diff_of(repo)
    (value,) = diff.figure_values
    assert (value.id, value.metric, value.old["value"], value.new["value"]) == (
        "troops-sent",
        "troops.prk-in-rus",
        3000,
        12000,
    )
    assert value.new["qualifier"] == "at least"


def test_a_label_change_is_not_a_value_change(repo):
    write(repo / "data", {"figures.yaml": TROOPS.replace("label: Troops sent", "label: Sent")})
    diff = diff_of(repo)
    assert statuses(diff) == {"troops-sent": "changed"} and diff.figure_values == []


def test_reordering_keys_or_reformatting_changes_no_record(repo):
    reordered = TREATY.replace("  domain: diplomatic\n", "").replace(
        "  title:", "  domain: diplomatic\n  title:"
    )
    write(repo / "data", {"events.yaml": "# a comment\n" + reordered + "\n\n" + DRILLS})
    diff = diff_of(repo)
    assert diff.records == [] and [f.status for f in diff.files] == ["changed"]


def test_records_moved_between_shards_are_moves_not_adds_and_removes(repo):
    (repo / "data" / "events.yaml").unlink()
    write(
        repo / "data",
        {
            "events/2023.yaml": DRILLS,
            "events/2024.yaml": TREATY.replace("Treaty signed", "Treaty concluded"),
        },
    )
    diff = diff_of(repo)
    assert statuses(diff) == {"joint-drills": "moved", "treaty-signed": "changed"}
    drills, treaty = diff.records[0], diff.records[1]
    assert (drills.old_file, drills.new_file, drills.fields) == (
        "data/events.yaml",
        "data/events/2023.yaml",
        (),
    )
    assert treaty.moved and [f.field for f in treaty.fields] == ["title"]
    assert [(f.path, f.status) for f in diff.files] == [
        ("data/events.yaml", "removed"),
        ("data/events/2023.yaml", "added"),
        ("data/events/2024.yaml", "added"),
    ]


def test_a_shard_removed_removes_its_records(repo):
    write(repo / "data", {"events/extra.yaml": DRILLS.replace("joint-drills", "more-drills")})
    commit(repo)
    (repo / "data" / "events" / "extra.yaml").unlink()
    diff = diff_of(repo)
    assert statuses(diff) == {"more-drills": "removed"}
    assert diff.records[0].old_file == "data/events/extra.yaml"


def test_actors_are_compared_by_code(repo):
    write(
        repo / "data", {"actors.yaml": ACTORS.replace("name: Russia", "name: Russian Federation")}
    )
    (change,) = diff_of(repo).records
    assert (change.kind, change.id, change.fields[0].field) == ("actor", "RUS", "name")


# --- which revisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (None, ("HEAD", None, False)),
        ("", ("HEAD", None, False)),
        ("HEAD~2..HEAD", ("HEAD~2", "HEAD", False)),
        ("v1..", ("v1", None, False)),
        ("v1", ("v1", None, False)),
        ("..v1", ("HEAD", "v1", False)),
        ("@{2025-11-01}..", ("@{2025-11-01}", None, False)),
        ("main@{1.week.ago}", ("main@{1.week.ago}", None, False)),
        ("main...topic", ("main", "topic", True)),
        (":/fix..it", (":/fix..it", None, False)),
    ],
)
def test_revision_ranges(spec, expected):
    assert parse_range(spec) == expected


@pytest.fixture
def three_states(repo: Path) -> tuple[Path, str, str]:
    """A: the first commit (troops 3000); B: HEAD (troops 4000); the working tree: 5000."""
    first = git(repo, "rev-parse", "HEAD")
    write(repo / "data", {"figures.yaml": TROOPS.replace("3000", "4000")})
    second = commit(repo)
    write(repo / "data", {"figures.yaml": TROOPS.replace("3000", "5000")})
    return repo, first, second


@pytest.mark.parametrize(
    ("spec", "old", "new"),
    [
        (None, 4000, 5000),  # HEAD against the working tree
        ("{A}..{B}", 3000, 4000),
        ("{A}..", 3000, 5000),
        ("{A}", 3000, 5000),
        ("HEAD~1..HEAD", 3000, 4000),
        ("HEAD~1", 3000, 5000),
        ("{B}..{A}", 4000, 3000),
        ("{A}...{B}", 3000, 4000),
    ],
)
def test_each_form_of_range_compares_the_right_sides(three_states, spec, old, new):
    repo, first, second = three_states
    revisions = spec.format(A=first, B=second) if spec else None
    diff = diff_of(repo, revisions)
    (value,) = diff.figure_values
    assert (value.old["value"], value.new["value"]) == (old, new)
    assert diff.old.commit in (first, second)
    assert (diff.new.commit is None) == (new == 5000)


def test_a_date_revision_names_the_commit_of_that_date(three_states):
    """`@{2025-11-01}..` asks the reflog; the same commit named by its hash gives the same diff."""
    repo, first, _ = three_states
    by_reflog = diff_of(repo, "HEAD@{1}..")
    by_hash = diff_of(repo, f"{first}..")
    assert by_reflog.old.commit == by_hash.old.commit == first
    assert by_reflog.records == by_hash.records


def test_a_store_folder_whose_name_holds_pattern_characters(tmp_path):
    root = tmp_path / "repo"
    folder = root / "st[o]re*"
    folder.mkdir(parents=True)
    git(root, "init", "-q")
    write(folder, {"sources.yaml": SOURCES, "actors.yaml": ACTORS, "figures.yaml": TROOPS})
    commit(root)
    write(folder, {"figures.yaml": TROOPS.replace("3000", "3500")})
    diff = diff_store([folder])
    assert statuses(diff) == {"troops-sent": "changed"}
    assert diff.records[0].new_file == "st[o]re*/figures.yaml"


def test_a_store_at_the_repository_root(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, {"sources.yaml": SOURCES, "actors.yaml": ACTORS, "figures.yaml": TROOPS})
    commit(root)
    write(root, {"figures.yaml": ""})
    diff = diff_store([root])
    assert statuses(diff) == {"troops-sent": "removed"}
    assert diff.records[0].old_file == "figures.yaml"


# --- errors ------------------------------------------------------------------------------------


def test_an_unknown_revision_is_not_found(repo):
    with pytest.raises(NotFoundError, match="unknown revision 'no-such-tag'"):
        diff_of(repo, "no-such-tag..HEAD")


def test_a_revision_that_looks_like_an_option_is_refused(repo):
    with pytest.raises(UsageError, match="never starts with '-'"):
        diff_of(repo, "--output=x..HEAD")


def test_invalid_yaml_at_one_revision_is_reported_and_its_records_not_called_removed(repo):
    write(repo / "data", {"events.yaml": TREATY + "  title: [unclosed\n" + DRILLS})
    write(repo / "data", {"figures.yaml": TROOPS.replace("3000", "3100")})
    diff = diff_of(repo)
    assert statuses(diff) == {"troops-sent": "changed"}
    (problem,) = diff.problems
    assert isinstance(problem, DiffProblem)
    assert (problem.revision, problem.file) == ("the working tree", "data/events.yaml")
    assert problem.line > 0 and "invalid YAML" in problem.message


def test_a_record_that_fails_its_schema_is_compared_and_reported(repo):
    write(repo / "data", {"figures.yaml": TROOPS.replace("qualifier: at least", "qualifier: lots")})
    diff = diff_of(repo)
    assert statuses(diff) == {"troops-sent": "changed"}
    assert diff.figure_values[0].new["qualifier"] == "lots"
    (problem,) = diff.problems
    assert problem.record_id == "troops-sent" and "qualifier" in problem.message
    assert problem.line == 1


def test_an_id_given_twice_is_reported_once(repo):
    write(repo / "data", {"events.yaml": TREATY + DRILLS + TREATY.replace("Treaty", "Other")})
    diff = diff_of(repo)
    assert diff.records == []
    assert ["given twice" in problem.message for problem in diff.problems] == [True]


def test_values_compare_as_plain_data():
    assert same({"a": 1, "b": None}, {"a": 1})
    assert same({"a": 1, "b": [1, {"c": "x"}]}, {"b": [1, {"c": "x"}], "a": 1})
    assert not same(3000, 3000.0)
    assert not same(1, True)
    assert same(float("nan"), float("nan"))


# --- the command -------------------------------------------------------------------------------


def test_outside_a_git_repository_says_so_in_one_line(axis, tmp_path):
    folder = tmp_path / "loose"
    write(folder, {"sources.yaml": SOURCES, "actors.yaml": ACTORS})
    result = axis("diff", "--no-bundled", "--data", folder)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("Error: the store folder") and "not in a git" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unknown_revision_exits_3_in_one_line(axis, repo):
    result = axis("diff", "nope..", "--no-bundled", "--data", repo / "data")
    assert result.exit_code == ExitCode.NOT_FOUND and result.stdout == ""
    assert result.stderr.startswith("Error: unknown revision 'nope'")
    assert result.stderr.count("\n") == 1


def test_without_git_it_says_so_in_one_line(axis, repo, tmp_path, monkeypatch):
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = axis("diff", "--no-bundled", "--data", repo / "data")
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert result.stderr.startswith("Error: git is not installed")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def changed_repo(repo: Path) -> Path:
    """The working tree: a value changed, an event added, one removed."""
    added = DRILLS.replace("joint-drills", "talks-held").replace("Joint drills", "Talks held")
    write(
        repo / "data",
        {"figures.yaml": TROOPS.replace("3000", "4000"), "events.yaml": TREATY + added},
    )
    return repo


def test_json_shape_is_pinned(axis, changed_repo):
    head = git(changed_repo, "rev-parse", "HEAD")
    result = axis("diff", "--json", "--no-bundled", "--data", changed_repo / "data")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert list(out) == [
        "old",
        "new",
        "folders",
        "summary",
        "records",
        "figure_values",
        "files",
        "problems",
    ]
    assert out["old"] == {"revision": "HEAD", "commit": head}
    assert out["new"] == {"revision": None, "commit": None}
    assert out["summary"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "moved": 0,
        "figure_values": 1,
        "problems": 0,
    }
    assert [list(record) for record in out["records"]] == [
        ["kind", "id", "status", "moved", "old_file", "new_file", "fields", "record"]
    ] * 3
    assert [(r["kind"], r["id"], r["status"]) for r in out["records"]] == [
        ("event", "joint-drills", "removed"),
        ("event", "talks-held", "added"),
        ("figure", "troops-sent", "changed"),
    ]
    figure = out["records"][2]
    assert figure["fields"] == [{"field": "value", "old": 3000, "new": 4000}]
    assert figure["record"]["value"] == 4000 and figure["moved"] is False
    assert out["records"][0]["record"]["title"] == "Joint drills"  # a removed record as it was
    assert out["figure_values"] == [
        {
            "id": "troops-sent",
            "metric": "troops.prk-in-rus",
            "label": "Troops sent",
            "old": {
                "value": 3000,
                "magnitude": None,
                "low": None,
                "high": None,
                "unit": "troops",
                "qualifier": "at least",
            },
            "new": {
                "value": 4000,
                "magnitude": None,
                "low": None,
                "high": None,
                "unit": "troops",
                "qualifier": "at least",
            },
        }
    ]
    assert out["files"] == [
        {"path": "data/events.yaml", "status": "changed"},
        {"path": "data/figures.yaml", "status": "changed"},
    ]
    assert out["problems"] == []


def test_a_json_problem_has_its_place(axis, repo):
    write(repo / "data", {"events.yaml": "- id: [broken\n"})
    out = json.loads(axis("diff", "--json", "--no-bundled", "--data", repo / "data").stdout)
    (problem,) = out["problems"]
    assert list(problem) == ["revision", "file", "line", "id", "message"]
    assert problem["file"] == "data/events.yaml" and problem["revision"] is not None
    assert out["records"] == []


def test_markdown_report(axis, changed_repo):
    result = axis("diff", "-f", "md", "--no-bundled", "--data", changed_repo / "data")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("## Store changes: HEAD (")
    assert "→ the working tree\n\n1 added, 1 removed, 1 changed.\n" in md
    assert "| troops-sent | at least 3,000 troops | **at least 4,000 troops** |" in md
    assert "- event **talks-held** — Talks held (data/events.yaml)" in md
    assert "- event **joint-drills** — Joint drills (data/events.yaml)" in md
    assert "#### figure troops-sent — Troops sent\n\n| field | old | new |" in md
    assert "| value | 3000 | 4000 |" in md


def test_plain_lines_in_a_pipe(axis, changed_repo):
    result = axis("diff", "--no-bundled", "--data", changed_repo / "data")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "removed\tevent\tjoint-drills\tfile\tdata/events.yaml\t",
        "added\tevent\ttalks-held\tfile\t\tdata/events.yaml",
        "changed\tfigure\ttroops-sent\tvalue\t3000\t4000",
    ]
    assert result.stderr == ""


def test_the_table_view(axis, changed_repo):
    result = axis("diff", "-f", "table", "--no-bundled", "--data", changed_repo / "data")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("HEAD (") and lines[0].endswith(
        "→ the working tree: 1 added, 1 removed, 1 changed"
    )
    assert "Figure values" in result.stdout
    row = next(line for line in lines if "troops-sent" in line and "value" in line)
    assert row.split() == ["changed", "figure", "troops-sent", "value", "3000", "4000"]


def test_a_narrow_terminal_stacks_each_field_old_then_new(axis, changed_repo):
    args = ("diff", "-f", "table", "--no-bundled", "--data", changed_repo / "data")
    result = axis(*args, env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    at = lines.index("changed figure troops-sent")
    assert lines[at + 1 : at + 4] == ["  value", "    - 3000", "    + 4000"]
    assert max(len(line) for line in lines) <= 40


def test_no_change(axis, repo):
    result = axis("diff", "-f", "table", "--no-bundled", "--data", repo / "data")
    assert result.exit_code == 0
    assert "→ the working tree: no record changed" in result.stdout
    assert "No changes to the store." in result.stdout
    plain = axis("diff", "--no-bundled", "--data", repo / "data")
    assert plain.stdout == "" and plain.stderr.startswith("No record changed from HEAD (")


HOSTILE = "Treaty \\e[2J\\e]8;;http://x\\e\\\\[bold]signed[/bold] \\a"


@pytest.mark.parametrize("fmt", ["table", "plain", "md"])
def test_store_text_never_acts_on_the_terminal(axis, repo, fmt):
    write(
        repo / "data",
        {"events.yaml": TREATY.replace("title: Treaty signed", f'title: "{HOSTILE}"') + DRILLS},
    )
    result = axis("diff", "-f", fmt, "--color", "never", "--no-bundled", "--data", repo / "data")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out
    if fmt == "md":  # Markdown that prints what the data holds: `\x1b[2J`, `[bold]`
        assert r"\\x1b\[2J" in out and r"\\x07" in out
        assert r"\[bold\]signed\[/bold\]" in out
    else:
        assert "\\x1b[2J" in out and "\\x07" in out
        assert "[bold]signed[/bold]" in out


def test_json_keeps_store_text_byte_for_byte(axis, repo):
    write(
        repo / "data",
        {"events.yaml": TREATY.replace("title: Treaty signed", f'title: "{HOSTILE}"') + DRILLS},
    )
    out = json.loads(axis("diff", "--json", "--no-bundled", "--data", repo / "data").stdout)
    assert out["records"][0]["fields"][0]["new"].startswith("Treaty \x1b[2J")


def test_the_bundled_store_outside_git_is_left_out_when_another_folder_is_given(
    axis, changed_repo, monkeypatch
):
    import axiscli.store.locate as locate

    outside = changed_repo.parent / "bundled"
    write(outside, {"sources.yaml": SOURCES})
    monkeypatch.setattr(locate, "bundled_data_dir", lambda: outside)
    result = axis("diff", "--json", "--data", changed_repo / "data")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["folders"] == [str(changed_repo / "data")]
    alone = axis("diff", "--json")
    assert alone.exit_code == ExitCode.USAGE and "not in a git repository" in alone.stderr


def test_a_coloured_table_keeps_only_its_own_escapes(axis, repo):
    write(
        repo / "data",
        {"events.yaml": TREATY.replace("title: Treaty signed", f'title: "{HOSTILE}"') + DRILLS},
    )
    result = axis(
        "diff", "-f", "table", "--color", "always", "--no-bundled", "--data", repo / "data"
    )
    assert result.exit_code == 0, result.output
    assert "\x1b[2J" not in result.stdout and "\x1b]8" not in result.stdout
    assert "\x07" not in result.stdout and "\\x1b[2J" in result.stdout


# --- assessments and people ---------------------------------------------------------------------

PEOPLE = """\
- id: kim-jong-un
  name: Kim Jong Un
  country: PRK
"""
JUDGED = """\
- id: prk-needs-cash
  statement: North Korea needs hard currency.
  kind: motivation
  subject: [PRK]
  holder: the author
  citations:
    - source: alpha-report
      quote: "North Korea needs hard currency."
"""
OUTLOOK = """\
- id: shells-keep-flowing
  statement: Shells will likely keep flowing.
  kind: outlook
  subject: [PRK, RUS]
  holder: analysts
  likelihood: likely
  citations:
    - source: alpha-report
      quote: "Shells will likely keep flowing."
"""


def test_assessments_and_people_added_changed_and_removed(repo):
    write(repo / "data", {"people.yaml": PEOPLE, "assessments.yaml": JUDGED + "\n" + OUTLOOK})
    commit(repo, "judgements")
    write(
        repo / "data",
        {
            "people.yaml": PEOPLE.replace("country: PRK", "aliases: [Kim]\n  country: PRK"),
            "assessments.yaml": JUDGED.replace("the author", "Lowy Institute")
            + "\n"
            + OUTLOOK.replace("shells-keep-flowing", "shells-stop").replace("likely", "may"),
        },
    )
    diff = diff_of(repo)
    # In the store's load order: people after actors, assessments after figures.
    assert [(change.kind, change.id, change.status) for change in diff.records] == [
        ("person", "kim-jong-un", "changed"),
        ("assessment", "prk-needs-cash", "changed"),
        ("assessment", "shells-keep-flowing", "removed"),
        ("assessment", "shells-stop", "added"),
    ]
    person, judged = diff.records[0], diff.records[1]
    assert [(f.field, f.old, f.new) for f in person.fields] == [("aliases", None, ["Kim"])]
    assert [(f.field, f.old, f.new) for f in judged.fields] == [
        ("holder", "the author", "Lowy Institute")
    ]
    assert judged.old_file == "data/assessments.yaml" and diff.problems == []
    assert diff.figure_values == []


def test_assessments_move_between_shards(repo):
    write(repo / "data", {"assessments.yaml": JUDGED + "\n" + OUTLOOK})
    commit(repo, "judgements")
    (repo / "data" / "assessments.yaml").unlink()
    write(repo / "data", {"assessments/lowy.yaml": JUDGED, "assessments/csis.yaml": OUTLOOK})
    diff = diff_of(repo)
    assert statuses(diff) == {"prk-needs-cash": "moved", "shells-keep-flowing": "moved"}
    moved = {change.id: change.new_file for change in diff.records}
    assert moved["prk-needs-cash"] == "data/assessments/lowy.yaml"


def test_an_assessment_that_fails_its_schema_is_reported(repo):
    write(repo / "data", {"assessments.yaml": JUDGED.replace("motivation", "hunch")})
    diff = diff_of(repo)
    assert statuses(diff) == {"prk-needs-cash": "added"}
    (problem,) = diff.problems
    assert problem.record_id == "prk-needs-cash"
    assert problem.message.startswith("not a valid assessment: kind")


def test_a_person_that_fails_its_schema_is_reported(repo):
    write(repo / "data", {"people.yaml": PEOPLE.replace("name: Kim Jong Un", "nom: Kim")})
    (problem,) = diff_of(repo).problems
    assert problem.record_id == "kim-jong-un" and "not a valid person" in problem.message


def test_the_reports_name_assessments_by_their_statement(axis, repo):
    write(repo / "data", {"people.yaml": PEOPLE, "assessments.yaml": JUDGED})
    md = axis("diff", "-f", "md", "--no-bundled", "--data", repo / "data").stdout
    assert "- person **kim-jong-un** — Kim Jong Un (data/people.yaml)" in md
    assert (
        "- assessment **prk-needs-cash** — North Korea needs hard currency. "
        "(data/assessments.yaml)" in md
    )
    plain = axis("diff", "--no-bundled", "--data", repo / "data").stdout.splitlines()
    assert plain == [
        "added\tperson\tkim-jong-un\tfile\t\tdata/people.yaml",
        "added\tassessment\tprk-needs-cash\tfile\t\tdata/assessments.yaml",
    ]
    out = json.loads(axis("diff", "--json", "--no-bundled", "--data", repo / "data").stdout)
    assert [(r["kind"], r["record"]["id"]) for r in out["records"]] == [
        ("person", "kim-jong-un"),
        ("assessment", "prk-needs-cash"),
    ]
