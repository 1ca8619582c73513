"""`axis export html`: the page's structure read back with an HTML parser, its escaping of
hostile store text, its promise to load nothing, and its filters in a real headless browser."""

import base64
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from axiscli.cli.common import close_stores
from axiscli.cli.selection import selection_for
from axiscli.errors import WriteError
from axiscli.export.html import render_html, write_html
from axiscli.export.selection import Selection
from axiscli.model import Actor, Citation, Event, Figure, Source
from scripts.screenshot_html import find_chromium, launch_chromium, open_page
from tests.conftest import FIXTURES, STORE, Run

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from playwright.sync_api import Page as BrowserPage


class Page(HTMLParser):
    """A page as the parser reads it: each start tag with its attributes, the text of every
    `<script>` and `<style>`, and the text everywhere else."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.chunks: list[str] = []
        self._inside: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._inside = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.raw[self._inside][-1] += data
        else:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        """The page's text outside scripts and styles, its runs of white space made one."""
        return " ".join("".join(self.chunks).split())

    def ids(self, css_class: str) -> list[str]:
        """The ids of the elements with `css_class`, in page order."""
        return [
            attrs["id"] or ""
            for _, attrs in self.tags
            if css_class in (attrs.get("class") or "").split() and "id" in attrs
        ]

    def values(self, attribute: str) -> list[str]:
        """Every value of `attribute`, in page order."""
        return [attrs[attribute] or "" for _, attrs in self.tags if attribute in attrs]

    @property
    def policy(self) -> str:
        (content,) = (a["content"] for _, a in self.tags if a.get("http-equiv") == CSP)
        return content or ""


CSP = "Content-Security-Policy"


def select(data: list[Path] | None, actor: list[str] | None = None) -> Selection:
    """The selection `axis export` would make of the store in `data` (else the bundled one)."""
    try:
        return selection_for(data, data is not None, True, actor=actor)
    finally:
        close_stores()


@pytest.fixture
def bundled() -> Selection:
    return select(None)


@pytest.fixture
def fixture() -> Selection:
    return select([STORE, FIXTURES / "undated"])


@pytest.mark.parametrize("store", ["bundled", "fixture"])
def test_every_selected_record_is_on_the_page_once_in_order(
    store: str, request: pytest.FixtureRequest
) -> None:
    selection: Selection = request.getfixturevalue(store)
    page = Page(render_html(selection))
    assert page.ids("event") == [f"e-{event.id}" for event in selection.events]
    by_chart = sorted(selection.figures, key=lambda figure: (figure.metric, figure.unit))
    assert page.ids("figure") == [f"f-{figure.id}" for figure in by_chart]
    assert [i for i in page.values("id") if i.startswith("s-")] == [
        f"s-{source.id}" for source in selection.cited_sources()
    ]
    charts = {(figure.metric, figure.unit) for figure in selection.figures}
    assert sum(tag == "svg" for tag, _ in page.tags) == len(charts) > 0


def test_a_filtered_selection_holds_only_its_records() -> None:
    selection = select([STORE], actor=["UKR"])
    page = Page(render_html(selection))
    assert page.ids("event") == ["e-troops-arrive"]
    assert page.values("data-actor") == ["PRK", "RUS", "UKR"]
    assert page.values("data-domain") == ["military", "military"]  # the chip, the event


def test_axis_export_html_writes_the_page_of_its_filters(fixture_axis: Run, tmp_path: Path) -> None:
    path = tmp_path / "ukraine.html"
    result = fixture_axis("export", "html", "-o", path, "--actor", "Ukraine")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"Wrote 1 event, 0 figures to {path}.\n")
    page = Page(path.read_text(encoding="utf-8"))
    assert page.ids("event") == ["e-troops-arrive"]
    assert "Ukraine" in page.text


def test_an_empty_selection_is_a_page_that_says_so() -> None:
    page = Page(render_html(Selection("Nothing", (), (), {}, {})))
    assert "0 events · 0 figures · 0 sources" in page.text and "No events match." in page.text
    assert [tag for tag, _ in page.tags if tag in ("input", "button", "svg")] == []


def test_events_are_grouped_by_year_and_the_undated_come_last_on_their_own(
    fixture: Selection,
) -> None:
    html = render_html(fixture)
    sections = [a["id"] for _, a in Page(html).tags if "year" in (a.get("class") or "").split()]
    assert sections == ["y-1961", "y-2022", "y-2023", "y-2024", "y-2025", "undated"]
    undated = Page(html[html.index('id="undated"') :])
    assert undated.ids("event") == ["e-summit-remembered"]
    assert "of the 1960s" in undated.text


def test_dates_read_as_precisely_as_known_and_doubts_are_marked(
    bundled: Selection, fixture: Selection
) -> None:
    text = Page(render_html(fixture)).text
    assert "2024-06-19 diplomatic" in text
    assert "by 2023-12 arms" in text  # "by December 2023" only restates the date
    assert "since 2022 military" in text
    assert "2025~ ~ approximate · early 2025 military" not in text  # the dot is CSS
    assert "2025~ ~ approximate early 2025 military" in text
    text = Page(render_html(bundled)).text
    assert "2000% ? uncertain ~ approximate" in text
    assert "1961? ? uncertain diplomatic" in text


def test_citations_expand_to_quote_claimant_and_source(fixture: Selection) -> None:
    page = Page(render_html(fixture))
    cited = sum(len(record.citations) for record in (*fixture.events, *fixture.figures))
    assert sum(tag == "details" for tag, _ in page.tags) == cited
    assert (
        "Beta analysts in Beta Notes By December 2023 around 5,000 containers had crossed the "
        "border. source beta-notes"
    ) in page.text


def test_figures_show_qualifiers_bounds_relations_and_claimants(bundled: Selection) -> None:
    html = render_html(bundled)
    troops = html[html.index('id="m-troops.dprk-in-russia-troops"') :]
    chart = Page(troops[: troops.index("</figure>")])
    assert "by 2024-10 at least 3,000 troops U.S. officials" in chart.text
    assert "by 2025~ over 12,000 troops subsequent reports" in chart.text
    assert "undated thousands (≥ 2,000 troops) (the source itself)" in chart.text
    assert "updates troops-dprk-in-russia-2024-10" in chart.text
    assert ("path", "update") in [(t, a.get("class")) for t, a in chart.tags]
    assert sum(a.get("class") == "open" for _, a in chart.tags) == 3  # three floors
    assert "#f-troops-dprk-in-russia-2024-10" in chart.values("href")
    shells = html[html.index('id="m-munitions.dprk-to-russia.containers-as-122mm') :]
    assert "≡ about 400,000 shells CSIS" in Page(shells[: shells.index("</svg>")]).text


def test_equivalents_in_one_chart_get_one_bar(fixture: Selection) -> None:
    first = fixture.figures[0]
    again = first.model_copy(update={"id": "restated", "equivalent_to": [first.id]})
    page = Page(render_html(replace(fixture, figures=(first, again))))
    assert [a["class"] for t, a in page.tags if t in ("rect", "path")] == ["solid"]
    assert f"≡ one quantity with {first.id}, drawn above: never to be added to it" in page.text


def test_the_page_loads_nothing_from_anywhere(bundled: Selection) -> None:
    page = Page(render_html(bundled))
    addresses = page.values("href") + page.values("src")
    assert addresses and all(a.startswith(("#", "data:")) for a in addresses)
    assert not any(re.search(r"url\(|@import", css) for css in page.raw["style"])
    assert page.policy.startswith("default-src 'none'; img-src data:;")


def test_the_policy_admits_the_page_s_own_style_and_script_alone(fixture: Selection) -> None:
    page = Page(render_html(fixture))
    (style,) = page.raw["style"]
    data, script = page.raw["script"]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(style)}';" in page.policy
    assert page.policy.endswith(f"script-src 'sha256-{digest(script)}'")
    names = {code: [actor.name, *actor.aliases] for code, actor in fixture.actors.items()}
    assert json.loads(data) == {"actors": {c: names[c] for c in ("CHN", "PRK", "RUS", "UKR")}}


HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2) x=" </style></script> \x1b[31m\x07'
SHOWN = HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
HOSTILE_ID = 'x" onclick="alert(3)'
HOSTILE_CODE = '</script><b onclick="alert(5)">'


def hostile_selection() -> Selection:
    """Records whose every text, and ids past validation, try to break out of the page."""
    citation = Citation(source="evil", quote=f"quote {HOSTILE}", claimant=f"claimant {HOSTILE}")
    event = Event(
        id="evil-event",
        date="2024-05?",
        date_text=f"when {HOSTILE}",
        title=f"title {HOSTILE}",
        summary=f"summary {HOSTILE}",
        domain="military",
        location=f"where {HOSTILE}",
        actors=["EVIL"],
        citations=[citation],
    )
    undated = Event(
        id="evil-undated",
        date_note=f"undated {HOSTILE}",
        title="Undated",
        summary="Undated.",
        domain="military",
        actors=["EVIL"],
        citations=[citation],
    )
    figure = Figure(
        id="evil-figure",
        metric="evil",
        label=f"label {HOSTILE}",
        value=3,
        unit="troops",
        qualifier="exact",
        note=f"note {HOSTILE}",
        actors=["EVIL"],
        citations=[citation],
    )
    source = Source(id="evil", title=f"source {HOSTILE}", kind="report", url="javascript:alert(4)")
    actor = Actor(code="EVIL", name=f"name {HOSTILE}", kind="state", aliases=[HOSTILE])
    evil = {"actors": [HOSTILE_CODE]}
    return Selection(
        title=f"page {HOSTILE}",
        events=(
            event.model_copy(update={"id": HOSTILE_ID, **evil}),
            undated.model_copy(update=evil),
        ),
        figures=(figure.model_copy(update={"id": HOSTILE_ID, "metric": HOSTILE, **evil}),),
        sources={"evil": source},
        actors={HOSTILE_CODE: actor.model_copy(update={"code": HOSTILE_CODE})},
    )


def test_hostile_store_text_reads_as_written_and_never_acts() -> None:
    html = render_html(hostile_selection())
    page = Page(html)
    # Nothing but the page's own elements, attributes and scripts.
    assert [name for _, attrs in page.tags for name in attrs if name.startswith("on")] == []
    assert [tag for tag, _ in page.tags if tag in ("script", "style")] == [
        "style",
        "script",
        "script",
    ]
    assert "alert" not in page.raw["style"][0] + page.raw["script"][1]
    assert not any(href.startswith("javascript") for href in page.values("href"))
    # Every text reads back as written, its control characters written out.
    fields = ("page", "title", "summary", "quote", "claimant", "when", "where", "undated", "label")
    for name in (*fields, "note", "source"):
        assert f"{name} {SHOWN}" in page.text
    assert f"name {SHOWN}" in page.values("title")
    assert "javascript:alert(4)" in page.text
    assert page.ids("event") == [f"e-{HOSTILE_ID}", "e-evil-undated"]
    assert page.ids("figure") == [f"f-{HOSTILE_ID}"]
    assert "\x1b" not in html and "\x07" not in html
    # The script's data: no `<` to end its element early, and the names intact once parsed.
    data = page.raw["script"][0]
    names = json.loads(data)["actors"][HOSTILE_CODE]
    assert "<" not in data and names == [f"name {SHOWN}", SHOWN]
    assert page.values("data-actor") == [HOSTILE_CODE]


def test_the_file_is_replaced_whole_or_not_at_all(
    fixture: Selection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "timeline.html"
    path.write_text("old")
    write_html(fixture, path)
    assert path.read_text(encoding="utf-8") == render_html(fixture)

    def fail(*_: object) -> None:
        raise OSError("disk full")

    path.write_text("old")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises((OSError, WriteError), match="disk full"):
        write_html(fixture, path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


# --- In a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on the PATH (Debian: apt-get install chromium): page not tried")
    pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (the test extra)"
    )
    with launch_chromium(chromium) as opened:
        yield opened


def visible_events(page: "BrowserPage") -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        ".event:not([hidden])", "all => all.map(e => e.id)"
    )
    return found


@pytest.mark.slow
def test_in_a_browser_the_chips_and_the_text_box_filter_the_timeline(
    browser: "Browser", bundled: Selection, tmp_path: Path
) -> None:
    path = tmp_path / "timeline.html"
    write_html(bundled, path)
    page, errors = open_page(browser, path)
    every = [f"e-{event.id}" for event in bundled.events]
    assert visible_events(page) == every

    page.click('.actor-chip[data-actor="IRN"]')
    iran = [f"e-{event.id}" for event in bundled.events if "IRN" in event.actors]
    assert visible_events(page) == iran and 0 < len(iran) < len(every)
    judged = [j for j in bundled.assessments if "IRN" in (*j.subject, *(j.dyad or ()))]
    said = f"{len(iran)} of {len(every)} events"
    if bundled.assessments:
        said += f" · {len(judged)} of {len(bundled.assessments)} judgements"
    assert page.text_content("#filter-count") == said
    page.click('.actor-chip[data-actor="IRN"]')
    assert visible_events(page) == every

    first = bundled.events[0]
    page.fill("#filter-text", first.id)
    assert visible_events(page) == [f"e-{first.id}"]
    page.fill("#filter-text", "ussr")  # no text says it: it is an alias of Russia's
    assert visible_events(page) == [f"e-{e.id}" for e in bundled.events if "RUS" in e.actors]
    page.fill("#filter-text", "no such words anywhere")
    assert visible_events(page) == []
    assert page.eval_on_selector_all(".year:not([hidden])", "found => found.length") == 0
    page.click("#filter-clear")
    assert visible_events(page) == every

    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    assert (tmp_path / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert errors == []


@pytest.mark.slow
def test_in_a_browser_hostile_text_runs_nothing_and_the_schemes_apply(
    browser: "Browser", tmp_path: Path
) -> None:
    path = tmp_path / "hostile.html"
    write_html(hostile_selection(), path)
    page, errors = open_page(browser, path, dark=True)
    assert page.evaluate("() => typeof window.alert") == "function"
    page.hover(".event h4")
    page.click(".cite summary")
    assert page.is_visible(".cite blockquote")
    dark = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="light")
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != dark
    page.emulate_media(media="print")
    assert not page.is_visible(".filters")
    assert errors == []
