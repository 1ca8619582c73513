"""`axis export html`: a selection as one self-contained page — a timeline grouped by year with
filters that run in the page, a chart per metric, the judgements kind by kind and the sources —
for reading offline.

The page loads nothing: its style, script and charts are inline, and its Content-Security-Policy
lets it run only its own style and script (named by hash) and show only `data:` images, so even
text that slipped past escaping could neither run nor fetch anything. Store text reaches the page
only through the templates, whose autoescape escapes it after `visible` has written out its
control characters; the script's data goes through `tojson`, which escapes `<`, `>`, `&` and `'`.
Source addresses are shown as text, never as links: a store's `url` may hold `javascript:`.

    write_html(select_records(store, query), Path("timeline.html"))
"""

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.dates import UNDATED, when
from axiscli.export.html_chart import NO_CLAIMANT, figure_charts
from axiscli.render.safe import visible
from axiscli.store.write import write_atomic
from axiscli.vocab import ASSESSMENT_KINDS, DOMAINS

if TYPE_CHECKING:
    import jinja2

    from axiscli.export.selection import Selection
    from axiscli.model import Assessment, Event, Figure, Source

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Mark:
    """A sign that a date is less sure than it reads: `?` uncertain, `~` approximate."""

    sign: str
    word: str
    meaning: str


UNCERTAIN = Mark("?", "uncertain", "the text is not sure of this date")
APPROXIMATE = Mark("~", "approximate", "the text gives this date only roughly")


@dataclass(frozen=True)
class Dating:
    """A record's date as the page shows it: the sortable date (`2025-09?`, `by 2023-12`,
    `undated`), the text's own wording where it adds something, and the marks that apply."""

    date: str
    wording: str
    marks: tuple[Mark, ...]


def dating(record: "Event | Figure") -> Dating:
    date, _, wording = when(record.date, record.date_text).partition(" · ")
    span = record.span
    marks = (
        ()
        if span is None
        else tuple(
            mark
            for mark, applies in ((UNCERTAIN, span.uncertain), (APPROXIMATE, span.approximate))
            if applies
        )
    )
    return Dating(date, wording, marks)


@dataclass(frozen=True)
class Chip:
    """A filter button: the value it filters by, its label, and how many events it keeps."""

    value: str
    label: str
    count: int


def write_html(selection: "Selection", path: Path) -> None:
    """Write the page of `selection` to `path`, all at once."""
    write_atomic(path, render_html(selection))


def render_html(selection: "Selection") -> str:
    """The page of `selection`: the timeline, the charts and the sources, as one HTML file."""
    from markupsafe import Markup

    from axiscli import __version__

    css, js = _asset("page.css"), _asset("page.js")
    dated = [event for event in selection.events if event.span is not None]
    undated = [event for event in selection.events if event.span is None]
    actors = Counter(code for event in selection.events for code in event.actors)
    actors.update(code for judged in selection.assessments for code in judged_actors(judged))
    domains = Counter[str](event.domain for event in selection.events)
    kinds = Counter[str](judged.kind for judged in selection.assessments)
    context: dict[str, Any] = {
        "selection": selection,
        "version": __version__,
        # Our own files, not store text: printed as they are.
        "css": Markup(css),
        "js": Markup(js),
        "policy": _policy(css, js),
        "years": [(year, list(events)) for year, events in groupby(dated, key=_year)],
        "undated": undated,
        "undated_label": UNDATED,
        "actor_chips": [
            Chip(code, _actor_name(selection, code), count)
            for code, count in sorted(actors.items(), key=lambda item: (-item[1], item[0]))
        ],
        "domain_chips": [
            Chip(domain, domain, domains[domain]) for domain in DOMAINS if domains[domain]
        ],
        "kind_chips": [Chip(kind, kind, kinds[kind]) for kind in ASSESSMENT_KINDS if kinds[kind]],
        "kinds": [
            (kind, [j for j in selection.assessments if j.kind == kind])
            for kind in ASSESSMENT_KINDS
            if kinds[kind]
        ],
        "charts": figure_charts(selection.figures),
        "figure_ids": {figure.id for figure in selection.figures},
        "event_ids": {event.id for event in selection.events},
        "judgement_ids": {judged.id for judged in selection.assessments},
        "sources": selection.cited_sources(),
        "script_data": {
            "actors": {code: _actor_words(selection, code) for code in sorted(actors)},
        },
    }
    return _environment().get_template("page.html").render(context)


def _year(event: "Event") -> str:
    """The year an event is listed under: the first day its date names (`2022/..`, "since
    2022", is 2022; `../2023-12`, "by December 2023", is 2023)."""
    assert event.span is not None
    return str(event.span.anchor[0].year)


def judged_actors(judged: "Assessment") -> list[str]:
    """The actors a judgement involves: its subject, then its dyad's sides."""
    return list(dict.fromkeys([*judged.subject, *(judged.dyad or ())]))


def _horizon(judged: "Assessment") -> str:
    """A judgement's horizon as listings write dates: "by 2026 · through 2026"."""
    return when(judged.horizon, judged.horizon_text).removeprefix(f"{UNDATED} · ")


def _actor_name(selection: "Selection", code: str) -> str:
    actor = selection.actors.get(code)
    return actor.name if actor else code


def _actor_words(selection: "Selection", code: str) -> list[str]:
    """What the page's text box matches an actor by: its name and aliases."""
    actor = selection.actors.get(code)
    return [visible(word) for word in ([actor.name, *actor.aliases] if actor else [])]


def _source_name(source: "Source") -> str:
    return source.title or source.description or source.id


def _policy(css: str, js: str) -> str:
    """The page's Content-Security-Policy: nothing from anywhere but its own style and script."""
    return (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src {_hash(css)}; script-src {_hash(js)}"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment() -> "jinja2.Environment":
    import jinja2
    from markupsafe import Markup

    def finalize(value: object) -> object:
        # Every printed string but markup (the page's own style and script, `tojson`'s output)
        # is store text or made of it: its control characters are written out, then escaped.
        # (`isprintable` is a quick pass over the text that holds no control character.)
        if isinstance(value, str) and not isinstance(value, Markup) and not value.isprintable():
            return visible(value)
        return value

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from axiscli.likelihood import scale_term

    environment.globals.update(
        dating=dating,
        source_name=_source_name,
        no_claimant=NO_CLAIMANT,
        judged_actors=judged_actors,
        horizon=_horizon,
        scale_term=scale_term,
    )
    return environment
