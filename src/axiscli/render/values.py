"""Figures' values as people write them: "USD 240 bn", "at least 3,000 troops", "47 %"."""

from axiscli.model import Figure

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


def format_value(figure: Figure) -> str:
    qualifier = _QUALIFIER_WORDS[figure.qualifier]
    unit = figure.unit
    if unit == "percent":
        amount = f"{format_number(figure.value)} %"
    elif unit.isupper():
        amount = f"{unit} {_scaled(figure.value, currency=True)}"
    else:
        if figure.value == 1 and unit.endswith("s"):
            unit = unit[:-1]
        amount = f"{_scaled(figure.value, currency=False)} {unit}"
    if figure.low is not None or figure.high is not None:
        low = format_number(figure.low) if figure.low is not None else "…"
        high = format_number(figure.high) if figure.high is not None else "…"
        amount += f" (range {low}–{high})"
    return qualifier + amount
