"""`axis brief`: every record of the selection, its quotes and claimants, footnoted to a
de-duplicated source list that resolves in a real Markdown renderer, with store text inert."""

import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from axiscli.cli import brief as brief_command
from axiscli.export.brief import DEFAULT_STYLE, STYLES, markdown_text
from tests.conftest import FIXTURES, Run

RUS_DPRK = ("--actor", "RUS", "--actor", "DPRK", "--since", "2024")
_REFERENCE = re.compile(r"\[\^(\d+)\](?!:)")
_DEFINITION = re.compile(r"^\[\^(\d+)\]: ", re.MULTILINE)


def _render(markdown: str, *, html: bool = False) -> str:
    """The Markdown as a CommonMark renderer with GitHub's tables and footnotes reads it; with
    `html`, passing raw HTML through, as GitHub's parser and pandoc do before any sanitising."""
    renderer = MarkdownIt("commonmark", {"html": html}).enable("table").use(footnote_plugin)
    return renderer.render(markdown)


class _Page(HTMLParser):
    """What a test asks of an HTML page: its elements, ids, links and table rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.attributes: list[str] = []
        self.row_cells: list[int] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [name for name, _ in attrs]
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a":
            self.hrefs.append(str(found.get("href")))
        if tag == "tr":
            self.row_cells.append(0)
        if tag in ("td", "th"):
            self.row_cells[-1] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _brief(run: Run, *args: str | Path) -> str:
    result = run("brief", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _records(run: Run, command: str, *args: str) -> list[dict[str, object]]:
    result = run(command, *args, "--json")
    assert result.exit_code == 0, result.output
    records: list[dict[str, object]] = json.loads(result.stdout)
    return records


def _assert_footnotes_match(markdown: str) -> list[str]:
    """Every reference has exactly one definition, every definition is used, numbered 1…n in
    the order first referred to; the labels defined."""
    defined = _DEFINITION.findall(markdown)
    referred = _REFERENCE.findall(markdown)
    assert defined == [str(n) for n in range(1, len(defined) + 1)]
    assert list(dict.fromkeys(referred)) == defined
    return defined


def _assert_links_resolve(page: _Page) -> None:
    local = [href for href in page.hrefs if href.startswith("#")]
    assert local and all(href[1:] in page.ids for href in local)
    assert len(local) == len(page.hrefs), "a link that leaves the page"


# --- what the brief holds -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("store", "filters"),
    [("bundled", RUS_DPRK), ("fixture", ()), ("fixture", ("--actor", "RUS"))],
)
def test_every_event_figure_quote_and_claimant_of_the_selection_is_in_the_brief(
    axis, fixture_axis, store, filters
):
    run = axis if store == "bundled" else fixture_axis
    markdown = _brief(run, *filters)
    events = _records(run, "timeline", *filters)
    figures = _records(run, "figure", *filters)
    assert events and figures
    for record in (*events, *figures):
        text = record["title"] if record["type"] == "event" else record["label"]
        assert markdown_text(str(text)) in markdown, record["id"]
        for citation in record["citations"]:  # type: ignore[attr-defined]
            quote = f"“{markdown_text(citation['quote'])}”"
            assert quote in markdown, record["id"]
            if citation["claimant"]:
                assert markdown_text(citation["claimant"]) in markdown
    assert markdown.count("\n- **") == len(events)
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(table) == len(figures) + 2  # and the header and its delimiter row


def test_events_keep_timeline_order_and_their_dates_wording(fixture_axis):
    markdown = _brief(fixture_axis)
    dates = re.findall(r"^- \*\*(.+?)\*\*:", markdown, re.MULTILINE)
    assert dates == ["1961", "since 2022", "by 2023-12", "2024-06-19", "2025\\~ · early 2025"]


def test_each_quote_is_footnoted_to_its_source_each_source_once(fixture_axis):
    markdown = _brief(fixture_axis)
    defined = _assert_footnotes_match(markdown)
    # The fixture store cites two sources, beta-notes from four records and alpha-report four.
    assert len(defined) == 2
    assert markdown.count("Beta Notes") == 1 and markdown.count("Alpha Report") == 1
    quote = "By December 2023 around 5,000 containers had crossed the border."
    beta = re.search(r"^\[\^(\d)\]: .*Beta Notes", markdown, re.MULTILINE)
    assert beta is not None
    assert f"“{quote}” — Beta analysts[^{beta[1]}]" in markdown
    assert f"| Beta analysts | “{quote}”[^{beta[1]}] |" in markdown


def test_the_bundled_brief_footnotes_resolve(axis):
    markdown = _brief(axis, *RUS_DPRK)
    defined = _assert_footnotes_match(markdown)
    page = _Page(_render(markdown))
    _assert_links_resolve(page)
    assert page.tags["li"] >= len(defined)
    items = re.findall(r'<li id="fn(\d+)" class="footnote-item">', _render(markdown))
    assert items == defined


@pytest.mark.parametrize(
    ("filters", "title"),
    [
        (RUS_DPRK, "Russia–North Korea, since 2024"),
        (
            ("-a", "RUS", "-a", "DPRK", "--since", "2023", "--until", "2025"),
            "Russia–North Korea, 2023–2025",
        ),
        ((), "All events, figures and assessments"),
    ],
)
def test_the_title_says_what_the_filters_chose(axis, filters, title):
    assert _brief(axis, *filters).splitlines()[0] == f"# {title}"


def test_a_style_changes_the_source_list(fixture_axis):
    default = _brief(fixture_axis).split("## Sources")[1]
    apa = _brief(fixture_axis, "--style", "apa").split("## Sources")[1]
    assert default != apa
    assert "[^2]: Writer, A. (2025, March). *Alpha Report*. Alpha Press." in apa
    assert "[^2]: A. Writer, “Alpha Report,” Alpha Press, March 2025" in default


def test_an_unknown_style_is_a_one_line_error(fixture_axis):
    result = fixture_axis("brief", "--style", "vancouver")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no citation style 'vancouver'" in result.stderr and "chicago-notes" in result.stderr


def test_style_list_and_the_cli_copy_of_the_styles(axis):
    assert brief_command.STYLES == STYLES
    assert brief_command.DEFAULT_STYLE == DEFAULT_STYLE
    assert axis("brief", "--style", "list").stdout.split() == list(STYLES)


def test_an_empty_selection_says_so(fixture_axis):
    result = fixture_axis("brief", "--grep", "no such words anywhere")
    assert result.exit_code == 0
    assert "No events, figures or judgements match" in result.stdout
    assert "[^" not in result.stdout
    assert "No records match" in result.stderr


# --- store text stays inert -----------------------------------------------------------------

HOSTILE_SOURCES = """
- id: evil-source
  title: "Evil <script>alert(1)</script> *emph* | pipe [x](javascript:alert(1))"
  url: "javascript:alert(1)"
  kind: report
- id: evil-numbered
  description: "1. Essay <b>x</b>"
  kind: report
- id: evil-heading
  description: "# Notes"
  kind: report
"""
HOSTILE_EVENTS = """
- id: evil-event
  date: "2024-05-01"
  title: "<script>alert(1)</script> *emph* [link](javascript:alert(1))"
  summary: A summary.
  actors: [PRK, RUS]
  domain: military
  citations:
    - source: evil-source
      quote: "Quote *emph* _under_ `code` <b>bold</b> &amp; $x$ ~~strike~~ @cite ^sup^ \\\\
        [^1] ![img](x.png)\\n# Heading\\n1. item\\n| a | b |\\n- bullet"
      claimant: "Claim | ant <i>x</i>"
    - source: evil-numbered
      quote: Numbered.
    - source: evil-heading
      quote: Headed.
"""
HOSTILE_FIGURES = """
- id: evil-figure
  metric: evil.count
  label: "Label | with <script>pipe</script>\\n# heading"
  value: 3
  unit: troops
  qualifier: exact
  date: "2024-05"
  actors: [PRK, RUS]
  citations:
    - source: evil-source
      quote: "Cell | break [x](javascript:alert(1))"
      claimant: "C | D"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    for name, text in (
        ("sources", HOSTILE_SOURCES),
        ("events", HOSTILE_EVENTS),
        ("figures", HOSTILE_FIGURES),
    ):
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("style", ["chicago-notes", "apa", "mla"])
def test_hostile_store_text_comes_out_inert(fixture_axis, hostile, style):
    markdown = _brief(fixture_axis, "--data", hostile, "--source", "evil-source", "--style", style)
    html = _render(markdown, html=True)
    page = _Page(html)
    # Nothing but what the brief itself makes: one title, its three sections, one list of
    # events (quotes nested), one table of five columns, the footnotes.
    assert page.tags["h1"] == 1 and page.tags["h2"] == 3
    assert re.findall(r"<h2>(.*?)</h2>", html) == ["Events", "Figures", "Sources"]
    assert page.tags["ol"] == 1 and page.tags["table"] == 1
    assert page.row_cells == [5, 5]
    for tag in ("script", "b", "i", "code", "img", "s", "del", "blockquote", "h3", "hr"):
        assert tag not in page.tags or (tag == "hr" and page.tags[tag] == 1), tag
    _assert_links_resolve(page)
    assert "javascript" not in "".join(page.hrefs)
    # …and the text prints as written.
    text = "".join(page.text)
    for written in (
        "<script>alert(1)</script> *emph* [link](javascript:alert(1))",
        "`code` <b>bold</b> &amp; $x$ ~~strike~~ @cite ^sup^ \\ [^1] ![img](x.png) # Heading "
        "1. item | a | b | - bullet",
        "Claim | ant <i>x</i>",
        "Label | with <script>pipe</script> # heading",
        "Cell | break [x](javascript:alert(1))",
    ):
        assert written in text, written
    # (MLA and Chicago put a title in title case.)
    source = "evil <script>alert(1)</script> *emph* | pipe [x](javascript:alert(1))"
    assert source in text.lower()
    assert "1. Essay <b>x</b>" in text and "# Notes" in text
    _assert_footnotes_match(markdown)


def test_control_characters_are_written_out(fixture_axis):
    markdown = _brief(fixture_axis, "--data", FIXTURES / "hostile", "--tag", "hostile")
    assert not any(char in markdown for char in "\x1b\x07\x9b")
    assert "\\x1b" in markdown


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_footnotes_and_nothing_active(fixture_axis, hostile):
    markdown = _brief(fixture_axis, "--data", hostile)
    done = subprocess.run(
        ["pandoc", "--from", "markdown", "--to", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    page = _Page(done.stdout)
    _assert_links_resolve(page)
    assert "script" not in page.tags and page.tags["table"] == 1
    assert page.row_cells == [5] * 6
    # pandoc makes a note of each reference (Word and LaTeX number notes so): a source quoted
    # three times is three notes, each its footnote's text.
    assert len(re.findall(r'<li id="fn\d+"', done.stdout)) == len(_REFERENCE.findall(markdown))


# --- files ------------------------------------------------------------------------------------


def test_a_markdown_file_holds_what_stdout_would(fixture_axis, tmp_path):
    path = tmp_path / "brief.md"
    result = fixture_axis("brief", "-o", path)
    assert result.exit_code == 0 and result.stdout == ""
    assert path.read_text(encoding="utf-8") == _brief(fixture_axis)


def test_an_html_file_is_a_standalone_page_with_no_script(fixture_axis, hostile, tmp_path):
    path = tmp_path / "brief.html"
    result = fixture_axis("brief", "--data", hostile, "--output", path)
    assert result.exit_code == 0 and result.stdout == ""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = _Page(text)
    assert page.tags["html"] == 1 and page.tags["title"] == 1 and "script" not in page.tags
    assert "<title>All events and figures</title>" in text
    assert not [name for name in page.attributes if name.startswith("on")]
    assert "http" not in text.split("</style>")[0], "the page fetches nothing"
    _assert_links_resolve(page)
    assert page.row_cells == [5] * 6  # the header and five figures


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("brief.txt", "cannot tell what to write to 'brief.txt'"),
        ("no-such-folder/brief.md", "cannot write"),
    ],
)
def test_an_output_that_cannot_be_written_is_an_error(fixture_axis, tmp_path, name, message):
    result = fixture_axis("brief", "-o", tmp_path / name)
    assert result.exit_code in (2, 4) and result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not list(tmp_path.iterdir())
