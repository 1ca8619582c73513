"""Figures as series: how figures relate, and rates over the period a figure covers. Pure
functions over validated figures; nothing here changes a record.

`equivalent_to` is declared on one side (the restatement names the figure it restates) and read
both ways and transitively: the figures it links are one quantity stated in several ways, so a
chart draws it once. `updates` names the earlier count a figure replaces; `disputes` a rival
claim about the same quantity. axis never adds figures up: successive counts of a stock, rival
claims and equivalents would all be counted twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from axiscli.model import Figure


class Per(StrEnum):
    year = "year"
    month = "month"


# Mean Gregorian year and month, so that a period's length does not depend on leap days.
DAYS_PER = {Per.year: 365.2425, Per.month: 365.2425 / 12}


def equivalents(figures: Iterable["Figure"]) -> dict[str, frozenset[str]]:
    """Each figure's id with the ids of every figure it is equivalent to, itself included:
    `equivalent_to` read both ways and through other figures (A ≡ B and C ≡ B make A ≡ C)."""
    parent: dict[str, str] = {}

    def root(figure_id: str) -> str:
        while parent.setdefault(figure_id, figure_id) != figure_id:
            parent[figure_id] = parent[parent[figure_id]]
            figure_id = parent[figure_id]
        return figure_id

    for figure in figures:
        root(figure.id)
        for other in figure.equivalent_to:
            parent[root(other)] = root(figure.id)
    classes: dict[str, set[str]] = {}
    for figure_id in parent:
        classes.setdefault(root(figure_id), set()).add(figure_id)
    return {figure_id: frozenset(classes[root(figure_id)]) for figure_id in parent}


def reverse_relations(figures: Iterable["Figure"], figure_id: str) -> dict[str, list[str]]:
    """The figures that name `figure_id` in a relation: `updated by`, `equivalent of` (they name
    it in `equivalent_to`) and `disputed by`, each in the order given."""
    found: dict[str, list[str]] = {"updated by": [], "equivalent of": [], "disputed by": []}
    for figure in figures:
        if figure.updates == figure_id:
            found["updated by"].append(figure.id)
        if figure_id in figure.equivalent_to:
            found["equivalent of"].append(figure.id)
        if figure_id in figure.disputes:
            found["disputed by"].append(figure.id)
    return found


def period_length(figure: "Figure", per: Per) -> float | None:
    """How many years or months the figure's date covers, when it is a closed interval (both
    ends given, `2003/2021`): its anchor's days, both ends included, over the mean year or
    month. None for a point, an open interval or an undated figure."""
    span = figure.span
    if span is None or not span.is_interval or span.first is None or span.last is None:
        return None
    start, end = span.anchor
    return ((end - start).days + 1) / DAYS_PER[per]


@dataclass(frozen=True)
class Rate:
    """A figure over its period: its value and bounds divided by the period's length."""

    per: Per
    length: float
    value: float | None
    low: float | None
    high: float | None

    @property
    def amount(self) -> float:
        """The number to chart and sort by: the value, else the lower bound, else the upper."""
        from axiscli.model import amount_of

        return amount_of(self.value, self.low, self.high)


def rate(figure: "Figure", per: Per) -> Rate | None:
    """The figure as a rate a year or a month over its period; None when it covers none."""
    length = period_length(figure, per)
    if length is None:
        return None

    def over(number: float | None) -> float | None:
        return number / length if number is not None else None

    return Rate(per, length, over(figure.value), over(figure.low), over(figure.high))
