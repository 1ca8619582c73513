"""`axis cite`: the official CSL styles through citeproc-py, BibTeX, CSL-JSON, several ids and
`--from-json`; and the pure layers under it (CSL items, BibTeX escaping, reading piped ids)."""

import json
import re
import subprocess
import sys

import pydantic
import pytest
from typer.testing import CliRunner, Result

from axiscli.catalog import open_catalog
from axiscli.cli.app import app
from axiscli.errors import UsageError
from axiscli.model import Person, Source
from axiscli.render.cite import STYLES, cite, read_ids
from axiscli.render.cite_csl import _punctuation_in_quote, format_csl
from axiscli.render.cite_data import csl_item, escape_bibtex, to_bibtex
from tests.conftest import FIXTURES, STORE

ESSAY = "Essay on the trilateral momentum between China, Russia and North Korea since 2022"
LOWY = "lowy-alliance-needs-no-name"
LOWY_TITLE = "The China-Russia-North Korea Alliance That Needs No Name"
TREATY = "russia-dprk-treaty-signed"
BUNDLED_SOURCES = (
    "trilateral-momentum-essay",
    LOWY,
    "red-carpet-parade-article",
    "gdw-united-front",
)
PROSE_STYLES = ("apa", "chicago", "chicago-notes", "mla", "harvard")


def _piped(*args: object, text: str) -> Result:
    """`axis ARGS…` reading `text` on its standard input."""
    return CliRunner().invoke(app, [str(a) for a in args], input=text)


def _source(**fields: object) -> Source:
    return Source.model_validate({"id": "a-source", "kind": "analysis", **fields})


def _parse_bibtex(text: str) -> dict[str, dict[str, str]]:
    """A small BibTeX reader: entries by key, each field's text between its outer braces."""
    entries: dict[str, dict[str, str]] = {}
    field = re.compile(r"\s*(\w+)\s*=\s*")
    at = text.find("@")
    while at != -1:
        head = re.compile(r"@(\w+)\{([^,\s]+),").match(text, at)
        assert head, text[at:]
        fields, i = {}, head.end()
        while match := field.match(text, i):
            i = match.end()
            if text[i] == "{":
                depth, j = 0, i
                while True:
                    if text[j] == "\\":
                        j += 2
                        continue
                    depth += {"{": 1, "}": -1}.get(text[j], 0)
                    j += 1
                    if depth == 0:
                        break
                fields[match[1]], i = text[i + 1 : j - 1], j
            else:
                bare = re.compile(r"\w+").match(text, i)
                assert bare, text[i:]
                fields[match[1]], i = bare[0], bare.end()
            i = re.compile(r"\s*,?").match(text, i).end()  # type: ignore[union-attr]
        close = re.compile(r"\s*\}").match(text, i)
        assert close, f"entry {head[2]} is not closed: {text[i : i + 40]!r}"
        entries[head[2]] = fields
        at = text.find("@", close.end())
    return entries


def _unescape_bibtex(text: str) -> str:
    for plain, escaped in (
        ("\\", r"\textbackslash{}"),
        ("~", r"\textasciitilde{}"),
        ("^", r"\textasciicircum{}"),
    ):
        text = text.replace(escaped, plain)
    return re.sub(r"\\([{}&%$#_])", r"\1", text)


def _braces_balance(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\.", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# --- the model: structured authors, descriptions ----------------------------------------------


@pytest.mark.parametrize(
    "person",
    [
        {"family": "Lee", "given": "Seong-Hyon, PhD"},
        {"family": "Lee", "given": "Seong-Hyon PhD"},
        {"family": "Lee, PhD", "given": "Seong-Hyon"},
        {"family": "Lee", "given": "Dr Seong-Hyon"},
        {"literal": "CSIS", "family": "Lee"},
        {"given": "Seong-Hyon"},
    ],
)
def test_a_name_holds_no_credentials_and_is_a_person_or_an_organisation(person):
    with pytest.raises(pydantic.ValidationError):
        Person.model_validate(person)


def test_a_person_dumps_only_the_parts_stated():
    assert Person(family="Lee", given="Seong-Hyon").model_dump() == {
        "family": "Lee",
        "given": "Seong-Hyon",
    }
    assert Person(literal="CSIS").model_dump() == {"literal": "CSIS"}
    assert str(Person(family="Lee", given="Seong-Hyon")) == "Lee, Seong-Hyon"


def test_an_untitled_source_needs_a_description():
    with pytest.raises(pydantic.ValidationError, match="needs a `description`"):
        _source()
    assert _source(description="Essay on things").title is None


def test_sources_list_authors_as_objects_in_json_and_names_in_flat_cells(axis):
    rows = {row["id"]: row for row in json.loads(axis("sources", "--json").stdout)}
    assert rows[LOWY]["authors"] == [{"family": "Lee", "given": "Seong-Hyon"}]
    assert rows["trilateral-momentum-essay"]["description"] == ESSAY
    assert '"Lee, Seong-Hyon"' in axis("sources", "-f", "csv").stdout


# --- CSL items, BibTeX and CSL-JSON data ------------------------------------------------------


def test_csl_item_states_only_what_the_source_states():
    source = _source(
        title="Report",
        authors=[{"family": "Lee", "given": "Seong-Hyon"}, {"literal": "Lowy Institute"}],
        published="2025-03~",
        url="https://example.org/r",
    )
    assert csl_item(source) == {
        "id": "a-source",
        "type": "webpage",
        "title": "Report",
        "author": [{"family": "Lee", "given": "Seong-Hyon"}, {"literal": "Lowy Institute"}],
        "issued": {"date-parts": [[2025, 3]], "circa": True},
        "URL": "https://example.org/r",
    }
    assert csl_item(_source(title="Old", published="2003/2021"))["issued"] == {
        "date-parts": [[2003], [2021]]
    }


def test_an_untitled_source_is_named_by_its_description_never_its_id():
    source = _source(description="Essay on things")
    assert csl_item(source) == {"id": "a-source", "type": "document", "genre": "Essay on things"}
    assert csl_item(source, untitled="title")["title"] == "[Essay on things]"


def test_bibtex_escapes_special_characters_and_braces_the_title():
    title = r"50% of R&D {costs} $5, #1 a_b ~ ^ \ “quoted” – Ünïcode"
    source = _source(title=title, authors=[{"family": "Lee", "given": "Seong-Hyon"}])
    text = to_bibtex([csl_item(source)])
    assert _braces_balance(text)
    fields = _parse_bibtex(text)["a-source"]
    assert fields["author"] == "Lee, Seong-Hyon"
    assert fields["title"].startswith("{") and fields["title"].endswith("}")
    assert _unescape_bibtex(fields["title"][1:-1]) == title
    assert escape_bibtex("R&D 50%") == r"R\&D 50\%"


def test_bibtex_keeps_an_organisation_whole_and_writes_the_date():
    source = _source(title="T", authors=[{"literal": "Smith and Sons"}], published="2024-06-19")
    fields = _parse_bibtex(to_bibtex([csl_item(source)]))["a-source"]
    assert fields["author"] == "{Smith and Sons}"
    assert (fields["year"], fields["month"]) == ("2024", "jun")


# --- citeproc-py and the rules cite_csl adds --------------------------------------------------


def _references(style: str, *items: dict[str, object]) -> list[str]:
    return [text for _, text in format_csl(style, list(items))[1]]


def test_given_names_stay_whole_where_a_style_says_so():
    lee = {
        "id": "l",
        "type": "webpage",
        "title": "T",
        "author": [{"family": "Lee", "given": "Seong-Hyon"}],
    }
    assert _references("apa.csl", lee)[0].startswith("Lee, S.-H. (n.d.).")
    assert _references("chicago-author-date.csl", lee)[0].startswith("Lee, Seong-Hyon. n.d.")
    assert _references("modern-language-association.csl", lee)[0].startswith("Lee, Seong-Hyon.")


@pytest.mark.parametrize(
    "style", ["apa.csl", "chicago-author-date.csl", "harvard-cite-them-right.csl"]
)
def test_a_substituted_title_is_printed_once(style):
    untitled = {"id": "u", "type": "document", "title": "Unsigned Piece", "publisher": "P"}
    (reference,) = _references(style, untitled)
    assert reference.count("Unsigned Piece") == 1


def test_mla_cites_the_author_alone_when_nothing_needs_disambiguating():
    lee = {"id": "l", "type": "webpage", "title": "T", "author": [{"family": "Lee", "given": "S"}]}
    cites, _ = format_csl("modern-language-association.csl", [lee], [[("l", "")]])
    assert cites == ["(Lee)"]


def test_references_sort_by_their_words_not_their_quotation_marks():
    beta = {"id": "b", "type": "document", "title": "Beta Notes"}
    writer = {"id": "w", "type": "document", "title": "T", "author": [{"family": "Writer"}]}
    for style in ("chicago-author-date.csl", "modern-language-association.csl"):
        assert [key for key, _ in format_csl(style, [writer, beta])[1]] == ["b", "w"]


def test_punctuation_goes_inside_closing_quotes_in_american_styles():
    assert _punctuation_in_quote("“Title”. n.d.") == "“Title.” n.d."
    assert _punctuation_in_quote("“Why?”, n.d.") == "“Why?” n.d."
    lee = {"id": "l", "type": "webpage", "title": "Title", "author": [{"family": "Lee"}]}
    assert "“Title.”" in _references("chicago-author-date.csl", lee)[0]


# --- reading piped ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"id": "a", "type": "event"}, {"id": "b"}]', ["a", "b"]),
        ('{"id": "a", "citations": []}', ["a"]),
        ('{"id": "a"}\n{"id": "b"}\n', ["a", "b"]),
        ('["a", "b"]', ["a", "b"]),
        ("a\n\nb\n", ["a", "b"]),
        ("", []),
    ],
)
def test_read_ids_from_listings_json_lines_and_bare_ids(text, expected):
    assert read_ids(text) == expected


@pytest.mark.parametrize("text", ['[{"code": "PRK"}]', "[1]", '{"id": "a"}\n{"id": 2'])
def test_read_ids_refuses_what_names_no_id(text):
    with pytest.raises(UsageError):
        read_ids(text)


# --- the command, on the bundled store --------------------------------------------------------


def test_apa_names_an_untitled_text_by_its_description_in_brackets(axis):
    result = axis("cite", TREATY, "--style", "apa")
    assert result.exit_code == 0, result.stderr
    assert f"[{ESSAY}]. (n.d.)." in result.stdout
    assert f"([{ESSAY}], n.d.)" in result.stdout
    assert "trilateral-momentum-essay" not in result.stdout
    assert "untitled" not in result.stdout.lower()


@pytest.mark.parametrize("style", STYLES)
def test_no_style_prints_a_credential_or_an_internal_id(axis, style):
    result = axis("cite", *BUNDLED_SOURCES, TREATY, "--style", style)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert "PhD" not in result.stdout
    if style not in ("bibtex", "csl-json"):  # their keys are the ids, as they should be
        assert not any(source in result.stdout for source in BUNDLED_SOURCES)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", f"Lee, S.-H. (n.d.). {LOWY_TITLE}."),
        ("chicago", f"Lee, Seong-Hyon. n.d. “{LOWY_TITLE}.”"),
        ("chicago-notes", f"1. Seong-Hyon Lee, “{LOWY_TITLE},”"),
        ("mla", f"Lee, Seong-Hyon. {LOWY_TITLE}."),
        ("harvard", f"Lee, S.-H. (no date) {LOWY_TITLE}."),
        ("text", f"Lee, S.-H. (n.d.). {LOWY_TITLE}."),
        ("markdown", f"Lee, S.-H. (n.d.). *{LOWY_TITLE}*."),
    ],
)
def test_the_lowy_author_in_each_style(axis, style, expected):
    assert expected in axis("cite", LOWY, "--style", style).stdout


@pytest.mark.parametrize("style", ["chicago", "chicago-notes"])
def test_chicago_never_doubles_a_period(axis, style):
    out = axis("cite", *BUNDLED_SOURCES, TREATY, "--style", style).stdout
    assert "n.d." in out and ".." not in out


def test_chicago_notes_cite_an_unpublished_text_in_a_note_but_list_only_published_ones(axis):
    out = axis("cite", TREATY, LOWY, "--style", "chicago-notes").stdout
    quotes, notes, bibliography = out.split("\n\n", 2)[0], out, out.split("Bibliography\n")[1]
    assert quotes.endswith("[1]")
    assert f"\n1. {ESSAY}, n.d.\n" in notes
    assert bibliography.startswith("Lee, Seong-Hyon.") and ESSAY not in bibliography


def test_bibtex_of_the_bundled_sources_parses(axis):
    text = axis("cite", *BUNDLED_SOURCES, "--style", "bibtex").stdout
    assert _braces_balance(text)
    entries = _parse_bibtex(text)
    assert list(entries) == list(BUNDLED_SOURCES)
    assert "author = {Lee, Seong-Hyon}" in text
    assert entries[LOWY]["title"] == f"{{{LOWY_TITLE}}}"
    assert entries["trilateral-momentum-essay"]["title"] == f"{{[{ESSAY}]}}"


def test_csl_json_is_an_array_of_items_zotero_and_pandoc_read(axis):
    items = json.loads(axis("cite", *BUNDLED_SOURCES, TREATY, "--style", "csl-json").stdout)
    assert [item["id"] for item in items] == list(BUNDLED_SOURCES)
    for item in items:
        assert item["type"] in ("document", "webpage") and ("title" in item or "genre" in item)
    lowy = items[1]
    assert (lowy["title"], lowy["author"]) == (
        LOWY_TITLE,
        [{"family": "Lee", "given": "Seong-Hyon"}],
    )


def test_several_ids_give_each_source_once(axis):
    lowy_records = [
        record["id"] for record in json.loads(axis("timeline", "--source", LOWY, "--json").stdout)
    ]
    assert len(lowy_records) >= 2
    args = ("cite", LOWY, *lowy_records, LOWY, lowy_records[0])
    apa = axis(*args, "--style", "apa").stdout
    assert apa.count(f"Lee, S.-H. (n.d.). {LOWY_TITLE}") == 1
    assert apa.count("(Lee, n.d.)") + apa.count(", as reported in Lee, n.d.)") >= 2
    keys = re.findall(r"@misc\{([^,]+),", axis(*args, "--style", "bibtex").stdout)
    assert LOWY in keys and len(keys) == len(set(keys))
    items = [item["id"] for item in json.loads(axis(*args, "--style", "csl-json").stdout)]
    assert LOWY in items and len(items) == len(set(items))
    text = axis(*args, "--style", "text").stdout
    shown = json.loads(axis("show", lowy_records[0], "--json").stdout)
    assert text.count(shown["citations"][0]["quote"]) == 1
    assert text.count(f"\n\nLee, S.-H. (n.d.). {LOWY_TITLE}.") == 1


def test_from_json_cites_what_a_timeline_printed(axis):
    listing = axis("timeline", "--actor", "DPRK", "--json").stdout
    records = json.loads(listing)
    result = _piped("cite", "--from-json", "-", "--style", "apa", text=listing)
    assert result.exit_code == 0, result.stderr
    references = result.stdout.split("References\n")[1].splitlines()
    sources = {c["source"] for record in records for c in record["citations"]}
    assert len(references) == len(sources)
    by_id = axis("cite", *(r["id"] for r in records), "--style", "apa").stdout
    assert result.stdout == by_id


def test_from_json_reads_a_file_and_json_lines(fixture_axis, tmp_path):
    lines = fixture_axis("timeline", "--format", "jsonl").stdout
    (tmp_path / "records.jsonl").write_text(lines, encoding="utf-8")
    result = fixture_axis("cite", "--from-json", tmp_path / "records.jsonl", "--style", "bibtex")
    assert result.exit_code == 0, result.stderr
    assert set(_parse_bibtex(result.stdout)) == {"alpha-report", "beta-notes"}


# --- the command, on the fixture store: text and markdown keep quote, claimant, reference -----

ALPHA_APA = "Writer, A. (2025, March). Alpha Report. Alpha Press. https://example.org/alpha"
OFFICIALS = "Officials said at least 3,000 troops were sent in October 2024."


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("text", f"“{OFFICIALS}” — officials, as reported in {ALPHA_APA}\n"),
        (
            "markdown",
            f"> “{OFFICIALS}”\n\n— officials, as reported in "
            "Writer, A. (2025, March). *Alpha Report*. Alpha Press. https://example.org/alpha\n",
        ),
        (
            "apa",
            f"“{OFFICIALS}” (officials, as reported in Writer, 2025)\n\nReferences\n{ALPHA_APA}\n",
        ),
        (
            "chicago-notes",
            f"“{OFFICIALS}” [1]\n\nNotes\n1. officials, as reported in A. Writer, “Alpha Report,” "
            "Alpha Press, March 2025, https://example.org/alpha.\n\nBibliography\nWriter, A. "
            "“Alpha Report.” Alpha Press, March 2025. https://example.org/alpha.\n",
        ),
    ],
)
def test_a_record_in_each_style(fixture_axis, style, expected):
    result = fixture_axis("cite", "troops-2024-10", "--style", style)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_a_source_without_author_or_date(fixture_axis):
    assert fixture_axis("cite", "beta-notes", "--style", "apa").stdout == "Beta Notes. (n.d.).\n"
    assert fixture_axis("cite", "beta-notes", "--style", "chicago").stdout == "“Beta Notes.” n.d.\n"


def test_markdown_quotes_print_as_written(tmp_path, axis):
    (tmp_path / "events.yaml").write_text(
        "- id: starred\n  date: '2024'\n  title: T\n  summary: S\n  actors: [PRK]\n"
        "  domain: military\n  citations:\n    - source: beta-notes\n"
        "      quote: 'A *starred* [link](x) claim'\n",
        encoding="utf-8",
    )
    result = axis(
        "cite",
        "starred",
        "--style",
        "markdown",
        "--no-bundled",
        "--data",
        STORE,
        "--data",
        tmp_path,
    )
    assert r"> “A \*starred\* \[link\](x) claim”" in result.stdout


# --- errors -----------------------------------------------------------------------------------


def test_an_unknown_style_lists_the_styles(fixture_axis):
    result = fixture_axis("cite", "troops-2024-10", "--style", "vancouver")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "vancouver" in lines[0]
    assert all(style in lines[0] for style in STYLES)


def test_style_list_prints_the_styles(axis):
    result = axis("cite", "--style", "list")
    assert result.exit_code == 0 and result.stdout.split() == list(STYLES)


def test_nothing_to_cite_is_a_usage_error(fixture_axis):
    result = fixture_axis("cite")
    assert result.exit_code == 2 and "nothing to cite" in result.stderr


def test_an_unknown_id_says_it_is_no_record_nor_source(fixture_axis):
    result = fixture_axis("cite", "troops-2024-10", "nothing-here")
    assert result.exit_code == 3 and result.stdout == ""
    assert "nor a source" in result.stderr


def test_input_that_names_no_id_is_a_usage_error():
    result = _piped(
        "cite", "--from-json", "-", "--no-bundled", "--data", STORE, text='[{"code": 1}]'
    )
    assert result.exit_code == 2 and "cannot cite" in result.stderr


# --- the library and start-up -----------------------------------------------------------------


def test_the_library_cites_without_the_cli():
    catalog = open_catalog([STORE], bundled=False)
    assert cite(catalog, ["beta-notes"], "mla") == "“Beta Notes.”\n"


def test_citeproc_is_imported_only_when_a_style_needs_it():
    code = "import sys, axiscli.cli, axiscli.render.cite; print('citeproc' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("style", ["text", "markdown", "apa", "bibtex"])
def test_store_text_never_reaches_the_terminal_as_control_characters(fixture_axis, style):
    hostile = FIXTURES / "hostile"
    result = fixture_axis("cite", "hostile-event", "--style", style, "--data", hostile)
    assert result.exit_code == 0, result.output
    assert not any(char in result.stdout for char in "\x1b\x07\x9b")
    assert "\\x1b" in result.stdout


def test_markdown_citations_escape_the_store_text_of_their_sources(tmp_path):
    """A source's title and names reach Markdown as text, never as HTML, emphasis or links."""
    store = tmp_path / "store"
    store.mkdir()
    (store / "sources.yaml").write_text(
        '- id: hostile\n  title: "Evil <script>alert(1)</script> *emph* [x](javascript:alert(1))"\n'
        '  authors:\n    - family: "Bad*Name"\n      given: "<b>"\n  kind: analysis\n',
        encoding="utf-8",
    )
    (store / "actors.yaml").write_text("- code: AAA\n  name: Aland\n  kind: state\n")
    (store / "events.yaml").write_text(
        '- id: e1\n  date: "2024"\n  title: T\n  summary: S\n  actors: [AAA]\n'
        "  domain: military\n  citations:\n    - source: hostile\n      quote: q\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["cite", "e1", "--style", "markdown", "--data", str(store), "--no-bundled"]
    )
    assert result.exit_code == 0, result.output
    assert "\\<script\\>" in result.stdout and "<script>" not in result.stdout
    assert "\\*emph\\*" in result.stdout and "\\[x\\](javascript" in result.stdout
    assert "Bad\\*Name" in result.stdout
