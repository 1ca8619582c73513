"""Fill each actor's `native_names` in data/actors.yaml from the Unicode CLDR locale data,
through Babel: the names states, the United Nations and the European Union go by in the
languages of the alignment (Korean, the DPRK's Korean, Chinese in both scripts, Russian,
Persian, Ukrainian, Japanese), so that `axis` answers to 조선민주주의인민공화국, 朝鲜 or КНДР.

    python scripts/cldr_names.py            # rewrite data/actors.yaml
    python scripts/cldr_names.py --check    # exit 1 if data/actors.yaml is out of date

A build-time tool (Babel is in the `test` extra, not a dependency of axis): the names are
written into the registry, and axis reads them from there. Only each actor's `native_names`
block is written; every other byte of the file (comments, order, quoting) stays as it was.
"""

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import babel
from babel.core import Locale, get_cldr_version, get_global

from axiscli.store.emit import record_yaml
from axiscli.store.splice import record_spans
from axiscli.store.yaml_io import parse
from axiscli.textindex import fold

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "data" / "actors.yaml"

# The languages of the alignment, as BCP 47 tags, in the order the names are listed. `ko-KP`
# is CLDR's ko_KP locale: the DPRK's own names where they differ from Seoul's
# (조선민주주의인민공화국 rather than 북한).
LANGUAGES = ("ko", "ko-KP", "zh-Hans", "zh-Hant", "ru", "fa", "uk", "ja")

_FIELD = re.compile(r"^  (?P<key>[A-Za-z_][\w-]*):", re.MULTILINE)


def cldr_version() -> str:
    """The version of the CLDR data this Babel carries (Babel 2.18 added the function)."""
    return str(get_cldr_version())


def source_label() -> str:
    """Where the names come from, as each `native_names` item records it."""
    return f"Unicode CLDR {cldr_version()} (Babel {babel.__version__})"


def territory_of(actor: dict[str, Any]) -> str | None:
    """The CLDR territory code of an actor: a state's ISO 3166 alpha-2 code, mapped from its
    alpha-3 `code` by CLDR's own territory aliases (CHN → CN); an organisation's code itself
    where CLDR names it as a territory (UN, EU); None for anything else."""
    code = str(actor.get("code", ""))
    english = Locale("en").territories
    if actor.get("kind") == "state":
        if code in english and len(code) == 2:
            return code
        aliases = get_global("territory_aliases").get(code) or []
        return aliases[0] if len(aliases) == 1 and aliases[0] in english else None
    if actor.get("kind") == "organisation" and len(code) == 2 and code in english:
        return code
    return None


def native_names(
    actor: dict[str, Any], *, languages: Sequence[str] = LANGUAGES, source: str | None = None
) -> list[dict[str, str]]:
    """The actor's CLDR names in `languages`, each once (the first language that has it), and
    none that the actor already answers to: its English CLDR name, its name, code or aliases
    (compared folded, as axis compares names)."""
    territory = territory_of(actor)
    if territory is None:
        return []
    source = source or source_label()
    known = {
        fold(str(name))
        for name in (
            Locale("en").territories[territory],
            actor.get("code", ""),
            actor.get("name", ""),
            *(actor.get("aliases") or []),
        )
    }
    names: list[dict[str, str]] = []
    for lang in languages:
        name = Locale.parse(lang, sep="-").territories.get(territory)
        if name and fold(name) not in known:
            known.add(fold(name))
            names.append({"name": name, "lang": lang, "source": source})
    return names


def updated(text: str, *, source: str | None = None) -> str:
    """`text` (an actors file) with every actor's `native_names` block as CLDR gives it: the
    block replaced where there is one, added at the end of the actor where there is none,
    removed where CLDR has no name for the actor. Nothing else changes."""
    parsed = parse(text)
    spans = record_spans(text, parsed.starts)
    source = source or source_label()
    for actor, span in reversed(list(zip(parsed.data, spans, strict=True))):
        record = text[span.start : span.end]
        block = _block(native_names(actor, source=source))
        start, end = _native_names_lines(record)
        if start == end and block and not record.endswith("\n"):
            block = "\n" + block.removesuffix("\n")
        text = text[: span.start] + record[:start] + block + record[end:] + text[span.end :]
    return text


def _block(names: list[dict[str, str]]) -> str:
    """The `native_names:` field as the store writes it, indented as a record's field."""
    if not names:
        return ""
    item = record_yaml("actors.yaml", {"native_names": names})
    return "  " + item.removeprefix("- ")


def _native_names_lines(record: str) -> tuple[int, int]:
    """Where the `native_names` field lies in a record's text, from the start of its line to
    the start of the next field's; an empty range at the record's end where it has none."""
    fields = list(_FIELD.finditer(record))
    for number, field in enumerate(fields):
        if field["key"] == "native_names":
            end = fields[number + 1].start() if number + 1 < len(fields) else len(record)
            return field.start(), end
    return len(record), len(record)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=ACTORS, help="the actors file")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the file is out of date"
    )
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print(
                f"{args.path}: native_names are out of date with {source_label()}; "
                "run python scripts/cldr_names.py",
                file=sys.stderr,
            )
            return 1
        return 0
    if new != text:
        args.path.write_text(new, encoding="utf-8")
        print(f"{args.path}: native_names written from {source_label()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
