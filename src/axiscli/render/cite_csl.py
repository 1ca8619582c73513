"""Formatting CSL items with citeproc-py and the official CSL styles in `styles/`.

Imported only when a prose style is asked for: citeproc-py and lxml cost start-up time that the
other commands should not pay. citeproc-py 0.11 leaves out some CSL rules these styles rely on;
the element classes below add them for the styles parsed here (citeproc-py is not patched):
- `initialize="false"`: given names stay whole (Chicago and MLA print "Lee, Seong-Hyon");
- a variable printed through a `substitute` macro is not printed again (an untitled, authorless
  text is named once, not twice: citeproc-py/citeproc-py#91);
- `disambiguate="true"` is false, as nothing is disambiguated (MLA cites "(Lee)");
- sort keys ignore leading quotation marks and brackets;
- `punctuation-in-quote` (American English): “Title.” rather than “Title”.
"""

import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.model import (
    CitationStylesElement,
    ConditionFailed,
    Else_If,
    If,
    Key,
    Name,
    Substitute,
    Text,
)
from citeproc.source.json import CiteProcJSON
from lxml import etree

from axiscli.render.cite_data import escape_markdown

STYLES_DIR = Path(__file__).parent / "styles"
_CSL = "{http://purl.org/net/xbiblio/csl}"
_AFTER_QUOTE = re.compile(r"([”’])([.,])")
_QUESTION_BEFORE_QUOTE = re.compile(r"([?!][”’])[.,]")
_LEADING_MARKS = re.compile(r"^[\W_]+")
_SUBSTITUTED = "axis:substituted"  # a key of citeproc-py's per-entry `repressed` dict


class _Name(Name):  # type: ignore[misc]
    def initialize(self, given: str, mark: str, context: Any) -> str:
        if _inherited(self, "initialize", context) == "false":
            # Whole given names stay whole; initials already there still get the mark.
            return re.sub(r"\b([A-Z])\.?(?=\s|$)", rf"\1{mark.rstrip()}", given)
        return str(super().initialize(given, mark, context))


class _Text(Text):  # type: ignore[misc]
    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        recording = context.get_layout().repressed.get(_SUBSTITUTED)
        if text and recording is not None:
            recording.append(self.get("variable"))
        return text


class _Substitute(Substitute):  # type: ignore[misc]
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = (self if context is None else context).get_layout().repressed
        outer = repressed.get(_SUBSTITUTED)
        used: list[str] = []
        repressed[_SUBSTITUTED] = used
        try:
            text = super().render(item, context=context, **kwargs)
        finally:
            repressed[_SUBSTITUTED] = outer
        if text:
            repressed.setdefault(f"{_CSL}text", []).extend(used)
            if outer is not None:
                outer.extend(used)
        return text


class _If(If):  # type: ignore[misc]
    """`disambiguate="true"` holds only where two cites would read alike. citeproc-py does not
    disambiguate and takes the test as always true, so MLA would add the title to every cite."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if self.get("disambiguate") == "true" and self.get("match", "all") == "all":
            raise ConditionFailed
        return super().render(item, context=context, delimiter=delimiter, **kwargs)


class _ElseIf(_If, Else_If):  # type: ignore[misc]
    pass


class _Key(Key):  # type: ignore[misc]
    """Sort keys are words: “Beta Notes” and [Essay …] sort under B and E, as in other CSL
    processors, not before every other entry."""

    def sort_keys(self, items: Any, context: Any) -> list[Any]:
        keys = super().sort_keys(items, context)
        if "macro" not in self.attrib:
            return list(keys)
        return [None if key is None else _LEADING_MARKS.sub("", str(key)) for key in keys]


def _inherited(name: Any, option: str, context: Any) -> str | None:
    """A name option from the name, its citation or bibliography, or the style."""
    if option in name.attrib:
        return str(name.get(option))
    scope = (context if context is not None else name).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
    )
    for element in (*scope, name.get_root()):
        if option in element.attrib:
            return str(element.get(option))
    return None


class _Style(CitationStylesStyle):  # type: ignore[misc]
    """An official style file, parsed with the element classes above."""

    def __init__(self, path: Path) -> None:
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(_CSL.strip("{}"))
        namespace[None] = CitationStylesElement
        namespace.update(
            {
                cls.__name__.replace("_", "-").lower(): cls
                for cls in CitationStylesElement.__subclasses__()
            }
        )
        namespace.update(
            {
                "name": _Name,
                "text": _Text,
                "substitute": _Substitute,
                "if": _If,
                "else-if": _ElseIf,
                "key": _Key,
            }
        )
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(str(path), self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)


@cache
def _style(filename: str) -> _Style:
    return _Style(STYLES_DIR / filename)


def _markdown_formatter() -> SimpleNamespace:
    def wrap(mark: str) -> Callable[[str], str]:
        return lambda text: f"{mark}{text}{mark}" if text else text

    return SimpleNamespace(
        preformat=lambda text: escape_markdown(str(text)),
        Italic=wrap("*"),
        Oblique=wrap("*"),
        Bold=wrap("**"),
        Light=str,
        Underline=str,
        Superscript=str,
        Subscript=str,
        SmallCaps=str,
    )


FORMATTERS: dict[str, Any] = {"plain": formatter.plain, "markdown": _markdown_formatter()}


def format_csl(
    filename: str,
    items: Sequence[dict[str, Any]],
    cites: Sequence[Sequence[tuple[str, str]]] = (),
    *,
    markup: str = "plain",
) -> tuple[list[str], list[tuple[str, str]]]:
    """The in-text citations (or notes) of `cites`, and the references of `items`.

    Each cite is a list of (item id, prefix) pairs. References come as (item id, text) pairs in
    the style's order, without the items the style leaves out of its list (Chicago's notes
    style lists no unpublished document).
    """
    style = _style(filename)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(list(items)), FORMATTERS[markup])
    citations = [
        Citation([CitationItem(key, prefix=prefix) for key, prefix in cite]) for cite in cites
    ]
    for citation in [*citations, *(Citation([CitationItem(item["id"])]) for item in items)]:
        bibliography.register(citation)
    bibliography.sort()
    moves_punctuation = style.root.get_locale_option("punctuation-in-quote").lower() == "true"

    def finish(text: Any) -> str:
        return _punctuation_in_quote(str(text)) if moves_punctuation else str(text)

    # citeproc-py is slow (~40 ms a note): render each distinct cite once as a first and once
    # as a later cite. The styles tell "ibid" from "subsequent" only for chapters, articles
    # and reviews, types that no source here is given.
    done: dict[tuple[object, ...], str] = {}
    seen: set[str] = set()
    rendered = []
    for cite, citation in zip(cites, citations, strict=True):
        key = (*cite, *(item in seen for item, _ in cite))
        if key not in done:
            done[key] = finish(bibliography.cite(citation, _missing))
        seen.update(item for item, _ in cite)
        rendered.append(done[key])
    references = [
        (cite.key, finish(entry))
        for cite in bibliography.items
        for entry in style.render_bibliography([cite])
    ]
    return rendered, references


def _punctuation_in_quote(text: str) -> str:
    """American usage, which citeproc-py leaves out: “Title.” rather than “Title”."""
    text = _QUESTION_BEFORE_QUOTE.sub(r"\1", text)
    return _AFTER_QUOTE.sub(r"\2\1", text)


def _missing(item: Any) -> str:
    raise KeyError(f"no CSL item '{item.key}'")
