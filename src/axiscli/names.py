"""Names people type: actor codes and aliases, and close matches for what does not resolve."""

import difflib
from collections.abc import Iterable

from axiscli.errors import UsageError
from axiscli.model import Actor


def suggest(word: str, candidates: Iterable[str], limit: int = 1) -> list[str]:
    """The candidates closest to `word`, compared case-insensitively, best first."""
    by_lower = {candidate.lower(): candidate for candidate in candidates}
    matches = difflib.get_close_matches(word.lower(), by_lower, n=limit, cutoff=0.5)
    return [by_lower[match] for match in matches]


class ActorNames:
    """Every code and alias of the actors, resolving case-insensitively to a code."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._codes: dict[str, str] = {}
        self._spellings: dict[str, str] = {}
        for actor in actors:
            for name in (actor.code, actor.name, *actor.aliases):
                self._codes.setdefault(name.lower(), actor.code)
                self._spellings.setdefault(name.lower(), name)

    def find(self, name: str) -> str | None:
        return self._codes.get(name.strip().lower())

    def resolve(self, name: str) -> str:
        """The code `name` stands for; a UsageError with the closest name when there is none."""
        if code := self.find(name):
            return code
        close = suggest(name, self._spellings.values())
        hint = f" — did you mean {close[0]} ({self._codes[close[0].lower()]})?" if close else ""
        raise UsageError(f"unknown actor '{name}'{hint} (`axis actors` lists them all)")

    def suggestion(self, name: str) -> str | None:
        close = suggest(name, self._spellings.values())
        return f"did you mean {self._codes[close[0].lower()]}?" if close else None
