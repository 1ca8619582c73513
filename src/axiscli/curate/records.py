"""New records as curators give them: their kind, their fields cleaned, their id, their file."""

import re
import unicodedata
from pathlib import Path
from typing import Any

from axiscli.errors import UsageError

# What a curator calls each kind, and the file that holds it.
KIND_FILES = {
    "event": "events.yaml",
    "figure": "figures.yaml",
    "source": "sources.yaml",
    "actor": "actors.yaml",
    "person": "people.yaml",
    "assessment": "assessments.yaml",
}
# Keys axis adds to the records it prints (`--json`, `-f csv`; `axis people --json` counts a
# person's events and assessments) that are not fields of the store: a record printed by axis
# can be fed back as it is.
DERIVED = frozenset(
    "type start end when headline value_text source_title source_publisher source_url "
    "likelihood_level likelihood_term events figures assessments".split()
)
_SHARD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_YEAR = re.compile(r"\d{4}")
_ID_LENGTH = 64
# An assessment's id is made from the first words of its statement: enough to tell it apart.
_STATEMENT_WORDS = 6


def kind_file(kind: str) -> str:
    """The file of a kind of record: `kind_file("event")` is "events.yaml"."""
    if kind not in KIND_FILES:
        raise UsageError(
            f"'{kind}' is not a kind of record; use one of: {', '.join(KIND_FILES)}", field="kind"
        )
    return KIND_FILES[kind]


def cleaned(record: dict[str, Any]) -> dict[str, Any]:
    """The record without derived keys and without empty values (null, "", []), which the
    store leaves out; inside citations and authors too."""
    clean: dict[str, Any] = {}
    for key, value in record.items():
        if key in DERIVED:
            continue
        if isinstance(value, list):
            value = [cleaned(item) if isinstance(item, dict) else item for item in value]
        if value is None or value == "" or value == []:
            continue
        clean[key] = value
    return clean


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': "Putin visits Pyongyang!" → putin-visits-pyongyang."""
    # Punctuation parts words before the letters are folded to ASCII, which drops what it
    # cannot fold: "Russia—North Korea" is russia-north-korea, not russianorth-korea.
    spaced = "".join(char if char.isalnum() else " " for char in text)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def new_id(kind_name: str, record: dict[str, Any], taken: set[str]) -> str:
    """An id made once from the record's date and title (a figure's label, a source's title
    or description, a person's name, the first words of an assessment's statement), unique
    among `taken`: `2024-06-19-putin-visits-pyongyang`, `kim-jong-un`,
    `russia-turned-to-north-korea-because-it`."""
    words = (
        record.get("title")
        or record.get("label")
        or record.get("description")
        or record.get("name")
        or " ".join(str(record.get("statement") or "").split()[:_STATEMENT_WORDS])
    )
    date = re.match(
        r"\d{4}(?:-\d{2}){0,2}", str(record.get("date") or record.get("published") or "")
    )
    stem = slug(" ".join(filter(None, (date.group() if date else "", str(words)))))
    if not stem:
        raise UsageError(
            "cannot make an id: the record has no title, label, name or statement to make it from",
            hint="give one, or choose the id",
            field="id",
        )
    stem = _shortened(stem)
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def _shortened(stem: str) -> str:
    if len(stem) <= _ID_LENGTH:
        return stem
    cut = stem.rfind("-", 0, _ID_LENGTH + 1)
    return stem[: cut if cut > 0 else _ID_LENGTH]


def target_file(folder: Path, filename: str, record: dict[str, Any], shard: str | None) -> Path:
    """The file of `folder` a new record goes to.

    Sources, actors and people go to their one file. Events, figures and assessments go to
    the shard named by `shard` (`events/NAME.yaml`, made if need be); else, in a sharded store,
    to the shard of the record's year when every shard is named by a year (`events/2024.yaml`;
    an assessment's year is its horizon's), otherwise to the last shard by name; else to the
    single file (`events.yaml`).
    """
    from axiscli.store.locate import SHARDED

    shards = folder / filename.removesuffix(".yaml")
    if shard is not None:
        name = shard.removesuffix(".yaml")
        if filename not in SHARDED or not _SHARD_NAME.match(name):
            raise UsageError(
                f"'{shard}' cannot name a shard of {filename}",
                hint="shards hold events, figures or assessments; name them with letters, "
                "digits, '-', '_'",
                field="shard",
            )
        return shards / f"{name}.yaml"
    if filename not in SHARDED or not shards.is_dir():
        return folder / filename
    names = sorted(p.stem for p in shards.glob("*.yaml") if not p.name.startswith("."))
    if not names:
        return folder / filename
    year = _YEAR.match(str(record.get("date") or record.get("horizon") or "").lstrip("./"))
    if year and all(_YEAR.fullmatch(name) for name in names):
        return shards / f"{year.group()}.yaml"
    return shards / f"{names[-1]}.yaml"
