"""Figures' values as people write them: "USD 240 bn", "at least 3,000 troops", "47 %",
"thousands (≥ 2,000 troops)", and as rates: "about 3.2 exercises a year"."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from axiscli.model import Figure
    from axiscli.series import Rate

_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at least": "at least ",
    "more than": "over ",
    "up to": "up to ",
}
_SCALES = ((1e12, "tn", "trillion"), (1e9, "bn", "billion"), (1e6, "m", "million"))


def format_number(number: float) -> str:
    """Thousands separators, no trailing `.0`: 2300000 -> "2,300,000", 2.5 -> "2.5"."""
    rounded = round(number, 2)
    if float(rounded).is_integer():
        rounded = int(rounded)
    return f"{rounded:,}"


def _scaled(value: float, currency: bool) -> str:
    for size, short, long in _SCALES:
        if abs(value) >= size:
            return f"{format_number(value / size)} {short if currency else long}"
    return format_number(value)


def _amount(number: float, unit: str) -> str:
    """A number with its unit: "47 %", "USD 240 bn", "3,000 troops", "1 troop"."""
    if unit == "percent":
        return f"{format_number(number)} %"
    if unit.isupper():
        return f"{unit} {_scaled(number, currency=True)}"
    if number == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{_scaled(number, currency=False)} {unit}"


def _bounds(figure: "Figure") -> str:
    """A vague magnitude's bounds: "≥ 2,000 troops", "> 50 %", "100–999 troops"."""
    low, high, unit = figure.low, figure.high, figure.unit
    if low is not None and high is not None:
        if unit == "percent":
            return f"{format_number(low)}–{format_number(high)} %"
        if unit.isupper():
            return f"{unit} {_scaled(low, currency=True)}–{_scaled(high, currency=True)}"
        return f"{_scaled(low, currency=False)}–{_amount(high, unit)}"
    if low is not None:
        sign = ">" if figure.qualifier == "more than" else "≥"
        return f"{sign} {_amount(low, unit)}"
    assert high is not None  # the model gives a magnitude at least one bound
    return f"≤ {_amount(high, unit)}"


def format_value(figure: "Figure") -> str:
    """The value as people write it, with its qualifier; a vague magnitude as the text's word
    and the bounds it guarantees."""
    if figure.value is None:
        assert figure.magnitude is not None  # the model requires one or the other
        return f"{figure.magnitude} ({_bounds(figure)})"
    amount = _amount(figure.value, figure.unit)
    if figure.low is not None or figure.high is not None:
        low = format_number(figure.low) if figure.low is not None else "…"
        high = format_number(figure.high) if figure.high is not None else "…"
        amount += f" (range {low}–{high})"
    return _QUALIFIER_WORDS[figure.qualifier] + amount


def round_rate(number: float) -> float:
    """A rate as precise as it is worth reading: 3.2, 9.5, 0.53, 120, 1,250."""
    if abs(number) >= 100:
        return float(round(number))
    return round(number, 1 if abs(number) >= 1 else 2)


def _length(rate: "Rate") -> str:
    length = format_number(round_rate(rate.length))
    return f"{length} {rate.per}{'' if length == '1' else 's'}"


def format_rate(figure: "Figure", rate: "Rate | None") -> str:
    """The figure as a rate over its period, with the figure it comes from: "about 3.2
    exercises a year (about 61 exercises over 19 years)"; a figure that covers no closed
    period as it is, marked "not a period"."""
    if rate is None:
        return f"{format_value(figure)} (not a period)"
    numbers = {
        name: round_rate(number) if number is not None else None
        for name, number in (("value", rate.value), ("low", rate.low), ("high", rate.high))
    }
    scaled = figure.model_copy(update=numbers)
    # A magnitude's word ("thousands") fits the total, not the rate: the rate keeps the bounds.
    text = format_value(scaled) if figure.value is not None else _bounds(scaled)
    if figure.qualifier == "exact" and figure.value is not None and numbers["value"] != rate.value:
        text = f"≈ {text}"
    return f"{text} a {rate.per} ({format_value(figure)} over {_length(rate)})"
