"""What a plot shows, before anything is drawn: each figure as a mark (where it falls on the time
axis, its numbers, whether it is a floor or a ceiling, its label), the notes under the chart for
figures left out and for equivalents, the sources line and the unit. No matplotlib here."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from axiscli.dates import sortable
from axiscli.model import Figure, Source
from axiscli.render.safe import visible
from axiscli.render.values import format_rate, format_value
from axiscli.series import Per, equivalents, rate


@dataclass(frozen=True)
class Mark:
    """A figure as drawn: where (a day, or the first and last day of its period) and how."""

    figure: Figure
    x: date
    period: tuple[date, date] | None
    value: float | None
    low: float | None
    high: float | None
    floor: bool
    ceiling: bool
    label: str

    @property
    def numbers(self) -> list[float]:
        """Those of its value, low and high that it has, in that order."""
        return [n for n in (self.value, self.low, self.high) if n is not None]

    @property
    def y(self) -> float:
        """Where the mark sits: its value, else its floor, else its ceiling."""
        return self.numbers[0]

    @property
    def top(self) -> float:
        return max(self.numbers)


def build_marks(
    figures: Sequence[Figure], related: Iterable[Figure], per: Per | None
) -> tuple[list[Mark], list[str]]:
    """The figures that have a place on the time axis, as marks; a note for the others and
    for each set of equivalents."""
    classes = equivalents([*related, *figures])
    drawn: set[str] = set()
    marks: list[Mark] = []
    undated: list[str] = []
    unrated: list[str] = []
    same_sets: list[frozenset[str]] = []
    for figure in figures:
        same = classes.get(figure.id, frozenset({figure.id}))
        if same & drawn:
            continue
        span = figure.span
        if span is None:
            undated.append(f"{format_value(figure)}, {_claimants(figure)}")
            continue
        start, end = span.anchor
        closed = span.is_interval and span.first is not None and span.last is not None
        numbers: tuple[float | None, float | None, float | None]
        numbers = (figure.value, figure.low, figure.high)
        text = format_value(figure)
        if per is not None:
            over = rate(figure, per)
            if over is None:
                unrated.append(f"{format_value(figure)}, {_claimants(figure)}")
                continue
            numbers = (over.value, over.low, over.high)
            text = format_rate(figure, over).replace(" (", "\n(", 1)
        value, low, high = numbers
        stated_floor = figure.qualifier in ("at least", "more than")
        marks.append(
            Mark(
                figure=figure,
                x=start + (end - start) / 2,
                period=(start, end) if closed else None,
                value=value,
                low=low,
                high=high,
                floor=high is None and (stated_floor if value is not None else low is not None),
                ceiling=low is None
                and (figure.qualifier == "up to" if value is not None else high is not None),
                label=visible(f"{text}\n{_claimants(figure)} · {_date_words(figure)}"),
            )
        )
        if len(same) > 1:
            drawn.add(figure.id)
            same_sets.append(same)
    notes = []
    if undated:
        notes.append(f"Not drawn, undated: {'; '.join(undated)}.")
    if unrated:
        notes.append(f"Not drawn, no closed period to rate: {'; '.join(unrated)}.")
    for same in same_sets:
        named = sorted(same)
        listed = ", ".join(named[:-1]) + " and " + named[-1]
        notes.append(
            f"≡ {listed}: one quantity stated in different ways, drawn once, never to be added."
        )
    return marks, [visible(note) for note in notes]


def _date_words(figure: Figure) -> str:
    """The date as the text gives it ("by early 2025"), else as stored ("by 2023-12")."""
    return " ".join(figure.date_text.split()) if figure.date_text else sortable(figure.date)


def _claimants(figure: Figure) -> str:
    return ", ".join(sorted({c.claimant or c.source for c in figure.citations}))


def source_line(figures: Sequence[Figure], sources: Mapping[str, Source]) -> str:
    """The titles of the sources the figures cite, in the order first cited, for under the
    chart; a source missing from `sources` is named by its id."""
    cited = dict.fromkeys(c.source for figure in figures for c in figure.citations)
    titles = []
    for source_id in cited:
        source = sources.get(source_id)
        titles.append((source.title or source.description or source_id) if source else source_id)
    return visible(f"Sources: {'; '.join(titles)}.")


def unit_label(figures: Sequence[Figure], per: Per | None) -> str:
    """The value axis's label: the figures' units ("%" for percent), "a year" and such for a
    rate."""
    units = sorted({figure.unit for figure in figures})
    unit = " / ".join("%" if u == "percent" else u for u in units)
    return visible(f"{unit} a {per}" if per else unit)
