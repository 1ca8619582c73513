"""Assessments and people in what `axis export` and `axis brief` hand on: the selection the
filters make, the SQLite and Data Package tables, the HTML page (escaped; filtered in a real
browser) and the brief's Judgements section."""

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import Result

from axiscli.cli.common import close_stores
from axiscli.cli.selection import selection_for
from axiscli.export.html import render_html, write_html
from axiscli.export.selection import Selection
from axiscli.export.tables import TABLES, table_rows
from axiscli.model import Assessment, Citation, Individual, NativeName, Role
from tests.conftest import FIXTURES, STORE, Run
from tests.test_brief import _assert_footnotes_match, _Page, _render
from tests.test_export_html import (
    HOSTILE,
    HOSTILE_CODE,
    SHOWN,
    Page,
    browser,  # noqa: F401 (a fixture)
    hostile_selection,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

JUDGED = FIXTURES / "judged"
DATA = ("--no-bundled", "--data", STORE, "--data", JUDGED)
ALL = ["prk-needs-currency", "shells-keep-flowing", "moscow-may-reward"]


def chosen(**filters: object) -> Selection:
    try:
        return selection_for([STORE, JUDGED], True, True, **filters)
    finally:
        close_stores()


@pytest.fixture
def judged(axis: Run) -> Run:
    """`axis` reading the fixture store with the judged one's people and assessments."""

    def run(*args: str | Path) -> Result:
        return axis(*args, *DATA)

    return run


# --- what the filters choose -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "events", "figures", "assessments", "title"),
    [
        ({}, 5, 4, ALL, "All events, figures and assessments"),
        # A window chooses events and figures; a judgement has no date to be in one.
        ({"actor": ["RUS"], "since": "2024"}, 2, 2, ALL, "Russia, since 2024"),
        ({"actor": ["CHN"]}, 2, 1, [], "China"),
        ({"domain": ["military"]}, 2, 0, [], "military"),
        ({"person": ["Kim Jong Un"]}, 0, 0, ["prk-needs-currency"], "Kim Jong Un"),
        ({"person": ["김정은"]}, 0, 0, ["prk-needs-currency"], "Kim Jong Un"),
        ({"kind": ["outlook"]}, 0, 0, ALL[1:], "outlook"),
        ({"holder": ["gamma"]}, 0, 0, ["shells-keep-flowing"], "according to gamma"),
        ({"likelihood": "likely.."}, 0, 0, ["shells-keep-flowing"], "likely or more"),
        ({"grep": "technology"}, 0, 0, ["moscow-may-reward"], "“technology”"),
        ({"tag": ["munitions"]}, 1, 1, ["prk-needs-currency"], "#munitions"),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_the_filters_choose_assessments_too(filters, events, figures, assessments, title):
    selection = chosen(**filters)
    assert (len(selection.events), len(selection.figures)) == (events, figures)
    assert [a.id for a in selection.assessments] == assessments
    assert selection.title == title


def test_a_selection_names_actors_by_code_and_holds_what_its_records_use():
    selection = chosen()
    flowing = selection.assessments[1]
    assert flowing.subject == ["PRK", "RUS"]  # written [DPRK, RUS]
    assert [p.id for p in selection.named_people()] == ["kim-jong-un", "vladimir-putin"]
    assert [s.id for s in selection.cited_sources()][-1] == "gamma-outlook"
    assert {"PRK", "RUS"} <= selection.involved_actors()


# --- SQLite ------------------------------------------------------------------------------------


@pytest.fixture
def db(judged, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "judged.db"
    result = judged("export", "sqlite", path)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 5 events, 4 figures, 3 assessments to {path}.\n"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def test_sqlite_holds_assessments_and_people_with_every_key_resolving(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = db.execute(
        "SELECT id, position, kind, holder, likelihood, likelihood_level, likelihood_term, "
        "horizon, horizon_text, horizon_start, horizon_end FROM assessments ORDER BY position"
    ).fetchall()
    assert rows == [
        ("prk-needs-currency", 1, "motivation", "the author", *[None] * 7),
        ("shells-keep-flowing", 2, "outlook", "Gamma analysts", "very likely", 6, "very likely",
         "../2026", "through 2026", None, "2026-12-31"),
        ("moscow-may-reward", 3, "outlook", "the author", "could", *[None] * 6),
    ]  # fmt: skip
    links = {
        table: db.execute(f"SELECT * FROM {table}").fetchall()
        for table in (
            "assessment_subjects", "assessment_dyads", "assessment_people", "assessment_tags",
            "assessment_events", "assessment_figures", "assessment_disputes", "event_people",
        )
    }  # fmt: skip
    assert links == {
        "assessment_subjects": [("prk-needs-currency", "PRK"), ("shells-keep-flowing", "PRK"),
                                ("shells-keep-flowing", "RUS"), ("moscow-may-reward", "RUS")],
        "assessment_dyads": [("prk-needs-currency", "PRK"), ("prk-needs-currency", "RUS")],
        "assessment_people": [("prk-needs-currency", "kim-jong-un"),
                              ("moscow-may-reward", "vladimir-putin")],
        "assessment_tags": [("prk-needs-currency", "munitions")],
        "assessment_events": [("prk-needs-currency", "containers-crossed"),
                              ("shells-keep-flowing", "containers-crossed")],
        "assessment_figures": [("prk-needs-currency", "containers-2023")],
        "assessment_disputes": [("moscow-may-reward", "shells-keep-flowing")],
        "event_people": [],
    }  # fmt: skip
    cited = db.execute(
        "SELECT assessment, number, source, claimant FROM citations WHERE assessment IS NOT NULL"
    ).fetchall()
    assert cited == [
        ("prk-needs-currency", 1, "gamma-outlook", None),
        ("shells-keep-flowing", 1, "gamma-outlook", "Gamma analysts"),
        ("moscow-may-reward", 1, "gamma-outlook", None),
    ]
    assert db.execute("SELECT * FROM people").fetchall() == [
        ("kim-jong-un", "Kim Jong Un", None, "PRK"),
        ("vladimir-putin", "Vladimir Putin", "Putin", "RUS"),
    ]
    assert db.execute("SELECT * FROM person_roles").fetchall() == [
        ("kim-jong-un", 1, "leader of North Korea", "2025-05", None)
    ]
    assert db.execute("SELECT person, role, number, source FROM role_citations").fetchall() == [
        ("kim-jong-un", 1, 1, "gamma-outlook")
    ]
    assert db.execute("SELECT person, name, lang FROM person_native_names").fetchall() == [
        ("kim-jong-un", "김정은", "ko")
    ]


def test_sqlite_searches_assessments_and_refuses_a_citation_of_two_records(db):
    found = db.execute(
        "SELECT id FROM assessments_fts JOIN assessments a ON a.rowid = assessments_fts.rowid "
        "WHERE assessments_fts MATCH 'currency'"
    ).fetchall()
    assert found == [("prk-needs-currency",)]
    declared = sorted(
        (r[3], r[2], r[4]) for r in db.execute("PRAGMA foreign_key_list(assessment_disputes)")
    )
    assert declared == [
        ("assessment", "assessments", "id"),
        ("target", "assessments", "id"),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(
            "INSERT INTO citations VALUES (99, 'treaty-signed', NULL, 'prk-needs-currency', 1, "
            "'alpha-report', 'q', NULL)"
        )


def test_links_to_records_the_filters_left_out_are_left_out():
    selection = chosen(kind=["outlook"])  # no events or figures, so nothing to rest on
    rows = table_rows(selection)
    assert rows["assessment_events"] == rows["assessment_figures"] == []
    assert rows["assessment_disputes"] == [("moscow-may-reward", "shells-keep-flowing")]
    only = chosen(kind=["outlook"], person=["Putin"])
    assert table_rows(only)["assessment_disputes"] == []  # its target was not chosen
    assert [t.name for t in TABLES].index("assessments") < [t.name for t in TABLES].index(
        "citations"
    )  # filled before the citations that refer to them


# --- Data Package ---------------------------------------------------------------------------


def test_the_data_package_validates_and_declares_the_new_keys(judged, tmp_path: Path):
    frictionless = pytest.importorskip("frictionless")
    folder = tmp_path / "package"
    result = judged("export", "datapackage", folder)
    assert result.exit_code == 0, result.output
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "message"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in (
        "assessments",
        "people",
        "person_roles",
        "role_citations",
        "person_native_names",
        "actor_native_names",
        "assessment_subjects",
    ):
        assert (folder / f"{name}.csv").exists(), name  # fmt: skip
    keys = resources["role_citations"]["schema"]["foreignKeys"]
    role = {"resource": "person_roles", "fields": ["person", "number"]}
    assert {"fields": ["person", "role"], "reference": role} in keys
    level = next(
        f for f in resources["assessments"]["schema"]["fields"] if f["name"] == "likelihood_level"
    )
    assert level["type"] == "integer"
    # A link to an actor that is not there fails validation: the foreign key is declared.
    subjects = folder / "assessment_subjects.csv"
    subjects.write_text(subjects.read_text() + "moscow-may-reward,XXX\n")
    broken = frictionless.validate(folder / "datapackage.json")
    assert not broken.valid
    assert ["foreign-key"] in broken.flatten(["type"])


def test_timelinejs_says_it_left_the_judgements_out(judged, tmp_path: Path):
    path = tmp_path / "t.json"
    result = judged("export", "timelinejs", path)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Wrote 5 events to {path}.\n"
        "Left out 3 assessments (a timeline has no place for judgements).\n"
    )


# --- the HTML page ---------------------------------------------------------------------------


def test_the_page_shows_each_judgement_once_kind_by_kind(judged, tmp_path: Path):
    path = tmp_path / "page.html"
    assert judged("export", "html", path).exit_code == 0
    page = Page(path.read_text(encoding="utf-8"))
    assert page.ids("judgement") == [f"j-{i}" for i in ALL]  # motivation, then the outlooks
    assert page.ids("kind-group") == ["k-motivation", "k-outlook"]
    assert page.values("data-kind") == ["motivation", "outlook", "motivation", "outlook", "outlook"]
    assert "5 events · 4 figures · 3 judgements · 3 sources" in page.text
    assert "held by Gamma analysts · “very likely” very likely · 6/7" in page.text
    assert "“could” not on the ICD 203 scale" in page.text
    assert "horizon by 2026 · through 2026" in page.text
    assert "ICD 203: very likely, step 6 of 7" in page.values("aria-label")
    # Evidence and disputes link to the records on the page.
    assert "#e-containers-crossed" in page.values("href")
    assert "#f-containers-2023" in page.values("href")
    assert "#j-shells-keep-flowing" in page.values("href")
    # The actor chips count judgements too: RUS is in 4 events and 3 judgements.
    chip = re.search(r'data-actor="RUS"[^>]*>RUS <span class="n">(\d+)</span>', page_html(path))
    assert chip is not None and chip[1] == "7"


def page_html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def hostile_judged() -> Selection:
    base = hostile_selection()
    citation = Citation(source="evil", quote=f"likely {HOSTILE}", claimant=f"claimant {HOSTILE}")
    judgement = Assessment(
        id="evil-judgement",
        statement=f"statement {HOSTILE}",
        kind="outlook",
        subject=["EVIL"],
        dyad=["EVIL", "EVIL"],
        people=["evil-person"],
        holder=f"holder {HOSTILE}",
        likelihood="likely",
        horizon_text=f"horizon {HOSTILE}",
        citations=[citation],
        rests_on=["evil-undated"],
    )
    person = Individual(
        id="evil-person",
        name=f"person {HOSTILE}",
        roles=[Role(title=f"role {HOSTILE}", citations=[citation])],
        native_names=[NativeName(name=f"native {HOSTILE}", lang="ko", source="javascript:x")],
    )
    evil = judgement.model_copy(update={"subject": [HOSTILE_CODE], "dyad": [HOSTILE_CODE, "X"]})
    return replace(base, assessments=(evil,), people={"evil-person": person})


def test_hostile_judgement_text_reads_as_written_and_never_acts():
    html = render_html(hostile_judged())
    page = Page(html)
    assert [name for _, attrs in page.tags for name in attrs if name.startswith("on")] == []
    assert [tag for tag, _ in page.tags if tag in ("script", "style")] == [
        "style",
        "script",
        "script",
    ]
    for name in ("statement", "holder", "horizon", "person"):
        assert f"{name} {SHOWN}" in page.text, name
    assert "\x1b" not in html and "\x07" not in html
    assert page.ids("judgement") == ["j-evil-judgement"]
    assert page.values("data-actors")[-1] == f"{HOSTILE_CODE} X"  # escaped, read back whole


@pytest.mark.slow
def test_in_a_browser_kind_and_actor_chips_filter_the_judgements(
    browser: "Browser",  # noqa: F811
    tmp_path: Path,
) -> None:
    from scripts.screenshot_html import open_page

    path = tmp_path / "page.html"
    write_html(chosen(), path)
    page, errors = open_page(browser, path)

    def shown() -> list[str]:
        found: list[str] = page.eval_on_selector_all(
            ".judgement:not([hidden])", "all => all.map(e => e.id)"
        )
        return found

    assert shown() == [f"j-{i}" for i in ALL]
    page.click('.kind-chip[data-kind="motivation"]')
    assert shown() == ["j-prk-needs-currency"]
    assert page.text_content("#filter-count") == "5 of 5 events · 1 of 3 judgements"
    assert page.is_hidden("#k-outlook")  # a kind with nothing showing is hidden
    page.click('.kind-chip[data-kind="motivation"]')
    page.click('.actor-chip[data-actor="PRK"]')
    assert shown() == ["j-prk-needs-currency", "j-shells-keep-flowing"]
    page.fill("#filter-text", "technology")
    assert shown() == [] and page.text_content("#filter-count").endswith("0 of 3 judgements")
    page.click("#filter-clear")
    page.fill("#filter-text", "gamma analysts")
    assert shown() == ["j-shells-keep-flowing"]
    page.fill("#filter-text", "dprk")  # an alias of North Korea's, which no text here says
    assert shown() == ["j-prk-needs-currency", "j-shells-keep-flowing"]
    assert errors == []


# --- the brief -------------------------------------------------------------------------------


def test_the_brief_has_a_judgements_section_each_footnoted(judged):
    result = judged("brief")
    assert result.exit_code == 0, result.output
    markdown: str = result.stdout
    assert markdown.splitlines()[0] == "# All events, figures and assessments"
    assert "5 events, 4 figures and 3 judgements from 3 sources." in markdown
    section = markdown.split("## Judgements\n\n")[1].split("\n\n## Sources")[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert items == [
        "- *Motivation*, the author: North Korea sends shells because its leader needs hard "
        "currency. (About: North Korea, Kim Jong Un. Relationship: North Korea–Russia.)",
        "- *Outlook*, Gamma analysts: Pyongyang will very likely keep sending shells to Russia "
        "through 2026. (Likelihood: “very likely”, ICD 203 “very likely”, step 6 of 7. About: "
        "North Korea, Russia. Horizon: by 2026 · through 2026.)",
        "- *Outlook*, the author: Moscow could reward Pyongyang with technology. (Likelihood: "
        "“could”, not a step of the ICD 203 scale. About: Russia, Vladimir Putin.)",
    ]
    gamma = re.search(r"^\[\^(\d)\]: .*Gamma Outlook", markdown, re.MULTILINE)
    assert gamma is not None
    assert (
        "  - “Pyongyang will very likely keep sending \\<shells\\> through 2026, analysts said.” "
        f"— Gamma analysts[^{gamma[1]}]"
    ) in section
    _assert_footnotes_match(markdown)
    # Only the records' sources are notes: the roles of the people named are not in a brief.
    assert markdown.count("Gamma Outlook") == 1


def test_an_assessment_filter_makes_a_brief_of_judgements_alone(judged):
    markdown = judged("brief", "-k", "outlook", "-l", "likely..").stdout
    assert markdown.startswith("# outlook, likely or more\n\n1 judgement from 1 source.")
    assert "## Events" not in markdown and "## Figures" not in markdown
    _assert_footnotes_match(markdown)


def test_hostile_judgement_text_is_inert_in_the_brief():
    from axiscli.export.brief import to_markdown

    selection = hostile_judged()
    markdown = to_markdown(replace(selection, events=(), figures=()))
    html = _render(markdown, html=True)
    page = _Page(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert re.findall(r"<h2>(.*?)</h2>", html) == ["Judgements", "Sources"]
    text = " ".join("".join(page.text).split())
    for name in ("statement", "holder", "horizon", "claimant"):
        assert " ".join(f"{name} {SHOWN}".split()) in text, name
    _assert_footnotes_match(markdown)


def test_the_bundled_brief_of_russia_and_north_korea_has_judgements(axis: Run):
    markdown = axis("brief", "--actor", "RUS", "--actor", "DPRK", "--since", "2024").stdout
    if "## Judgements" not in markdown:
        pytest.skip("the bundled store holds no assessments of Russia and North Korea")
    section = markdown.split("## Judgements")[1].split("## Sources")[0]
    assert section.count("\n- *") >= 1
    _assert_footnotes_match(markdown)
    page = _Page(_render(markdown))
    local = [href for href in page.hrefs if href.startswith("#")]
    assert local and all(href[1:] in page.ids for href in local)
