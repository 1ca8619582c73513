"""One record as the YAML of a store file's list item, in the bundled store's style.

Fields in the order the curated files use; lists of words in flow style (`actors: [RUS, PRK]`);
citations, authors, roles and native names as indented block lists; each value on one line,
quoted only where YAML needs it. The text is parsed back and compared before it is used, so
what is written always reads as the record it was made from.
"""

from typing import Any

import yaml

# The order of fields in each kind of file, as the curated store writes them.
FIELD_ORDER = {
    "events.yaml": (
        "id date date_text date_note title summary actors people domain location tags citations"
    ).split(),
    "figures.yaml": (
        "id metric label value magnitude low high unit qualifier date date_text date_note "
        "actors tags equivalent_to updates disputes note citations"
    ).split(),
    "sources.yaml": (
        "id title description authors publisher published url kind text_file notes"
    ).split(),
    "actors.yaml": "code name kind aliases native_names".split(),
    "people.yaml": "id name aliases country roles native_names".split(),
    "assessments.yaml": (
        "id statement kind subject dyad people holder horizon horizon_text likelihood tags "
        "citations rests_on disputes"
    ).split(),
}
CITATION_ORDER = ("source", "quote", "claimant")
PERSON_ORDER = ("family", "given", "literal")
ROLE_ORDER = ("title", "date", "date_text", "citations")
NATIVE_NAME_ORDER = ("name", "lang", "source", "quote")
# The order of the keys of each list of mappings, by the field that holds the list.
INNER_ORDER = {
    "citations": CITATION_ORDER,
    "authors": PERSON_ORDER,
    "roles": ROLE_ORDER,
    "native_names": NATIVE_NAME_ORDER,
}


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # block lists indented under their key

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style  # the store quotes with double quotes


def record_yaml(kind: str, record: dict[str, Any]) -> str:
    """The record as a list item (`- id: …` and its fields indented by two), ending in a newline."""
    lines: list[str] = []
    for key in ordered(kind, record):
        lines.extend(_field(key, _tidy(key, record[key])).splitlines())
    text = "".join(("- " if n == 0 else "  ") + line + "\n" for n, line in enumerate(lines))
    if yaml.load(text, Loader=_loader()) != [{key: _tidy(key, v) for key, v in record.items()}]:
        raise AssertionError(f"a record did not survive YAML: {record!r}")
    return text


def ordered(kind: str, record: dict[str, Any]) -> list[str]:
    """The record's keys in the file's order; keys the order does not know come last."""
    order = FIELD_ORDER[kind]
    return [*[key for key in order if key in record], *[key for key in record if key not in order]]


def _tidy(key: str, value: Any) -> Any:
    """Citations, authors, roles and native names with their keys in the usual order (a
    role's citations too)."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [_keys_in_order(INNER_ORDER.get(key, ()), item) for item in value]
    return value


def _keys_in_order(order: tuple[str, ...], item: dict[str, Any]) -> dict[str, Any]:
    rank = {key: place for place, key in enumerate(order)}
    keys = sorted(item, key=lambda key: rank.get(key, len(rank)))
    return {key: _tidy(key, item[key]) for key in keys}


def _field(key: str, value: Any) -> str:
    words = isinstance(value, list) and all(not isinstance(item, dict | list) for item in value)
    return yaml.dump(
        {key: value},
        Dumper=_Dumper,
        default_flow_style=None if words else False,
        sort_keys=False,
        allow_unicode=True,
        width=2**31 - 1,
    )


def _loader() -> type:
    from axiscli.store.yaml_io import Loader

    return Loader
