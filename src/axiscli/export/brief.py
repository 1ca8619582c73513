"""A memo-ready brief of a selection: Markdown with footnoted sources, and the same as a web page.

The brief holds a title from the filters, the events as a dated list (each quote under its event
with its claimant), the figures as a table (value, claimant and quote beside each), the
judgements (assessments) kind by kind, each with its holder, its estimative word placed on the
ICD 203 scale and its quotes, and one footnote per source, numbered in the order first cited and
formatted in a CSL style: every quote ends in the footnote of the source it comes from, and a
source cited twice is one footnote.

The Markdown is GitHub's and pandoc's (`[^n]` references, `[^n]: …` definitions, a pipe table).
Store text is made inert: control characters written out, runs of white space made one space
(no store text starts a line of its own, so none starts a heading, list or table), and every
character that is active inline in either dialect escaped (emphasis, links, HTML, code, math,
strike-through, pandoc's superscripts and citations). The page is rendered by markdown-it-py with
raw HTML turned off.
"""

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from axiscli.dates import when
from axiscli.errors import UsageError
from axiscli.render.cite import CSL_STYLES
from axiscli.render.cite_data import csl_item, escaped_item
from axiscli.render.safe import visible
from axiscli.render.values import format_value

if TYPE_CHECKING:
    from markdown_it.token import Token

    from axiscli.export.selection import Selection
    from axiscli.model import Assessment, Citation, Event, Figure, Source

# Chicago's notes and bibliography style is the one made for footnotes: its note is a whole
# citation on its own (and names the unpublished texts its bibliography leaves out).
DEFAULT_STYLE = "chicago-notes"
STYLES = tuple(CSL_STYLES)

# Active inline in CommonMark, GitHub or pandoc Markdown: `\` escapes, `` ` `` code (and pandoc's
# raw `{=html}`), `*` `_` emphasis, `[` `]` links, notes and spans, `<` `>` HTML and autolinks,
# `|` table cells, `~` strike-through and subscript, `^` superscript, `$` math, `@` citations.
_ESCAPES = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>|~^$@"})
# `&amp;` and `&#60;` would print as `&` and `<`: an ampersand that starts an entity is escaped.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_SPACES = re.compile(r"[ \t\n]+")
# What would make the start of a footnote's text a block: a heading, quote, list item, rule,
# setext underline, fence, or pandoc's line block or definition.
_BLOCK_MARK = re.compile(r"^(?:[#>+=~`|:-]|\*(?=\s|$))")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])")


def check_style(style: str) -> str:
    """`style` if the brief can format its sources in it; a UsageError naming the styles if not."""
    if style not in CSL_STYLES:
        raise UsageError(
            f"no citation style '{style}' for a brief",
            hint=f"styles: {', '.join(STYLES)}",
            field="style",
        )
    return style


def markdown_text(text: str) -> str:
    """Store text as Markdown that prints it as written, on one line, with nothing active."""
    flat = visible(text)
    if "\n" in flat or "\t" in flat or "  " in flat or flat[:1] == " " or flat[-1:] == " ":
        flat = _SPACES.sub(" ", flat).strip()
    escaped = flat.translate(_ESCAPES)
    return _ENTITY.sub(r"\\&", escaped) if "&" in escaped else escaped


def to_markdown(selection: "Selection", *, style: str = DEFAULT_STYLE) -> str:
    """The brief of `selection` as Markdown, its sources formatted in `style` (one of STYLES)."""
    check_style(style)
    sources = selection.cited_sources(roles=False)  # the brief lists no roles
    number = {source.id: n for n, source in enumerate(sources, 1)}
    parts = [f"# {markdown_text(selection.title)}", _introduction(selection, len(sources))]
    if selection.events:
        parts += ["## Events", _event_list(selection, number)]
    if selection.figures:
        parts += ["## Figures", _figure_table(selection, number)]
    if selection.assessments:
        parts += ["## Judgements", _judgements_note(), _judgement_list(selection, number)]
    if sources:
        parts += ["## Sources", _source_notes(sources, style)]
    return "\n\n".join(parts) + "\n"


def _introduction(selection: "Selection", sources: int) -> str:
    if not (selection.events or selection.figures or selection.assessments):
        return "No events, figures or judgements match these filters."
    counts = [
        c
        for c in (
            _count(len(selection.events), "event"),
            _count(len(selection.figures), "figure"),
            _count(len(selection.assessments), "judgement"),
        )
        if c
    ]
    listed = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
    return (
        f"{listed} from {_count(sources, 'source')}. Each quote "
        "is verbatim, footnoted to its source; the claimant is who the source says makes the "
        "claim (— where the source makes it itself)."
    )


def _count(count: int, noun: str) -> str:
    if not count:
        return ""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _event_list(selection: "Selection", number: dict[str, int]) -> str:
    return "\n".join(_event_item(event, selection, number) for event in selection.events)


def _event_item(event: "Event", selection: "Selection", number: dict[str, int]) -> str:
    title = markdown_text(event.title)
    if not title.endswith((".", "?", "!")):
        title += "."
    actors = ", ".join(
        selection.actors[code].name if code in selection.actors else code for code in event.actors
    )
    lines = [
        f"- **{markdown_text(when(event.date, event.date_text))}**: {title} "
        f"*({markdown_text(f'{event.domain}; {actors}')})*"
    ]
    if event.date is None and event.date_note:
        lines[0] += f" Date: {markdown_text(event.date_note)}"
    for citation in event.citations:
        claimant = f" — {markdown_text(citation.claimant)}" if citation.claimant else ""
        quote = markdown_text(citation.quote)
        lines.append(f"  - “{quote}”{claimant}[^{number[citation.source]}]")
    return "\n".join(lines)


def _quoted(citation: "Citation", number: dict[str, int]) -> str:
    return f"“{markdown_text(citation.quote)}”[^{number[citation.source]}]"


def _figure_table(selection: "Selection", number: dict[str, int]) -> str:
    rows = [
        "| When | Value | Figure | Claimant | Quote |",
        "| --- | --- | --- | --- | --- |",
        *(_figure_row(figure, number) for figure in selection.figures),
    ]
    return "\n".join(rows)


def _figure_row(figure: "Figure", number: dict[str, int]) -> str:
    claimants = "; ".join(
        markdown_text(citation.claimant) if citation.claimant else "—"
        for citation in figure.citations
    )
    quotes = "; ".join(_quoted(citation, number) for citation in figure.citations)
    cells = [when(figure.date, figure.date_text), format_value(figure), figure.label]
    return "| " + " | ".join([*map(markdown_text, cells), claimants, quotes]) + " |"


def _judgements_note() -> str:
    return (
        "What the texts judge, kind by kind: each judgement restated, with whose it is as the "
        "text names them, the estimative word it uses (verbatim) and that word's step on the "
        "seven-step likelihood scale of US analytic standard ICD 203 where it has one."
    )


def _judgement_list(selection: "Selection", number: dict[str, int]) -> str:
    from axiscli.vocab import ASSESSMENT_KINDS

    ordered = sorted(selection.assessments, key=lambda a: ASSESSMENT_KINDS.index(a.kind))
    return "\n".join(_judgement_item(judged, selection, number) for judged in ordered)


def _judgement_item(judged: "Assessment", selection: "Selection", number: dict[str, int]) -> str:
    statement = markdown_text(judged.statement)
    if not statement.endswith((".", "?", "!")):
        statement += "."
    about = [selection.actors[c].name if c in selection.actors else c for c in judged.subject]
    about += [selection.people[p].name if p in selection.people else p for p in judged.people]
    details = [f"About: {markdown_text(', '.join(dict.fromkeys(about)))}."]
    if judged.dyad:
        sides = [selection.actors[c].name if c in selection.actors else c for c in judged.dyad]
        details.append(f"Relationship: {markdown_text('–'.join(sides))}.")
    if judged.likelihood:
        details.insert(0, f"Likelihood: {_likelihood(judged)}.")
    if judged.horizon or judged.horizon_text:
        horizon = when(judged.horizon, judged.horizon_text).removeprefix("undated · ")
        details.append(f"Horizon: {markdown_text(horizon)}.")
    lines = [
        f"- *{judged.kind.capitalize()}*, {markdown_text(judged.holder)}: {statement} "
        f"({' '.join(details)})"
    ]
    for citation in judged.citations:
        claimant = f" — {markdown_text(citation.claimant)}" if citation.claimant else ""
        lines.append(f"  - “{markdown_text(citation.quote)}”{claimant}[^{number[citation.source]}]")
    return "\n".join(lines)


def _likelihood(judged: "Assessment") -> str:
    """The estimative word as the text writes it, and its step of the ICD 203 scale."""
    from axiscli.likelihood import scale_term

    word = f"“{markdown_text(judged.likelihood or '')}”"
    level = judged.likelihood_level
    if level is None:
        return f"{word}, not a step of the ICD 203 scale"
    return f"{word}, ICD 203 “{scale_term(level)}”, step {level} of 7"


def _source_notes(sources: Sequence["Source"], style: str) -> str:
    """One footnote per source, numbered as `sources` are: the style's full note for a notes
    style (its bibliography leaves some texts out), else the style's reference-list entry."""
    from axiscli.render.cite_csl import format_csl

    chosen = CSL_STYLES[style]
    items = [
        escaped_item(csl_item(source, untitled=chosen.untitled), markdown_text)
        for source in sources
    ]
    if chosen.notes:
        notes, _ = format_csl(
            chosen.file, items, [[(source.id, "")] for source in sources], markup="markdown"
        )
        texts = dict(zip((source.id for source in sources), notes, strict=True))
    else:
        _, references = format_csl(chosen.file, items, markup="markdown")
        texts = dict(references)
    return "\n".join(
        f"[^{n}]: {_csl_markdown(texts[source.id])}" for n, source in enumerate(sources, 1)
    )


def _csl_markdown(text: str) -> str:
    """A formatted citation, its store text escaped before formatting, on one line and unable
    to start a block."""
    flat = _SPACES.sub(" ", visible(text)).strip()
    if _BLOCK_MARK.match(flat):
        return "\\" + flat
    return _ORDERED_MARK.sub(r"\1\\\2", flat)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="axis">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto;
  padding: 0 1rem; color: #1b1b1b; background: #fff; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.25rem; margin-top: 2rem; }}
li {{ margin: 0.3rem 0; }} li li {{ color: #444; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }}
.footnotes {{ font-size: 0.9rem; }} .footnote-ref a {{ text-decoration: none; }}
@media (prefers-color-scheme: dark) {{
  body {{ color: #e6e6e6; background: #161616; }} li li {{ color: #bbb; }}
  th, td {{ border-color: #555; }} a {{ color: #8ab4f8; }} }}
@media print {{ body {{ margin: 0; max-width: none; font-size: 11pt; }}
  .footnote-backref {{ display: none; }} }}
</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


def to_html(markdown: str, *, title: str) -> str:
    """A brief's Markdown as a standalone page (inline style, nothing fetched), raw HTML off:
    the page holds only the elements Markdown makes, every piece of text escaped."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    # A reference reads as its source's number, as on GitHub ("1", not the plugin's "[1:7]"
    # for the seventh), and the notes follow the Sources heading with no rule between.
    renderer.add_render_rule("footnote_caption", _caption)
    renderer.add_render_rule("footnote_block_open", _notes_open)
    return _PAGE.format(title=html.escape(visible(title)), body=renderer.render(markdown))


def _caption(
    self: object, tokens: Sequence["Token"], idx: int, options: object, env: object
) -> str:
    return str(tokens[idx].meta["id"] + 1)


def _notes_open(self: object, tokens: object, idx: int, options: object, env: object) -> str:
    return '<section class="footnotes">\n<ol class="footnotes-list">\n'
