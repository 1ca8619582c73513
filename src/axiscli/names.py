"""Names people type: actor codes and aliases, and close matches for what does not resolve.

Names compare folded (`textindex.fold`: case, quotes, dashes, spaces, diacritics) and word by
word, so "Democratic People’s Republic of Korea", "democratic people's republic of korea" and
"north-korea" find their actor.
"""

import difflib
from collections.abc import Iterable, Sequence
from typing import Protocol

from axiscli.errors import UsageError
from axiscli.textindex import fold, words

# How alike (difflib's ratio, 0…1) a name must be to an actor's to be offered as "did you mean".
# Chosen on the table in tests/test_match.py: typos such as Rusia, Ukriane, Untied States score
# 0.85 or more, while Iraq→Iran, Africa→America, Taliban→Taiwan and UK→UKR score 0.80 or less.
# Swapped neighbouring letters (DPKR, Chian, Japna) score low but are always offered.
NAME_CUTOFF = 0.82


def suggest(word: str, candidates: Iterable[str], limit: int = 1, cutoff: float = 0.5) -> list[str]:
    """The candidates closest to `word`, compared folded, best first.

    A candidate that is `word` with two neighbouring letters swapped comes before the others.
    """
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    key = fold(word)
    swapped = [other for other in by_key if _swapped(key, other)]
    close = difflib.get_close_matches(key, by_key, n=limit, cutoff=cutoff)
    return [by_key[other] for other in dict.fromkeys([*swapped, *close])][:limit]


def _swapped(word: str, other: str) -> bool:
    differ = [i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b]
    return (
        len(word) == len(other)
        and len(differ) == 2
        and differ[1] == differ[0] + 1
        and word[differ[0]] == other[differ[1]]
        and word[differ[1]] == other[differ[0]]
    )


def _key(name: str) -> str:
    return " ".join(words(name))


def _holds(name: Sequence[str], part: Sequence[str]) -> bool:
    return any(tuple(name[i : i + len(part)]) == tuple(part) for i in range(len(name)))


class NamedActor(Protocol):
    """What names need of an actor (a model.Actor, or one read back from an index)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...


class ActorNames:
    """Every code, name and alias of the actors, resolving folded to a code."""

    def __init__(self, actors: Iterable[NamedActor]) -> None:
        self._codes: dict[str, str] = {}
        self._spellings: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._words: list[tuple[list[str], str]] = []
        for actor in actors:
            self._names[actor.code] = actor.name
            for name in (actor.code, actor.name, *actor.aliases):
                self._codes.setdefault(_key(name), actor.code)
                self._spellings.setdefault(name, actor.code)
                self._words.append((words(name), actor.code))

    def find(self, name: str) -> str | None:
        return self._codes.get(_key(name)) if _key(name) else None

    def resolve(self, name: str) -> str:
        """The code `name` stands for; a UsageError naming the actors it may mean when there is
        none: every actor with `name` as whole words of a name, else the one closest in spelling.
        """
        if code := self.find(name):
            return code
        owners = self._owners(name)
        if len(owners) > 1:
            choices = [self._label(code) for code in owners]
            listed = ", ".join(choices[:-1]) + " or " + choices[-1]
            raise UsageError(f"'{name}' could be {listed}; give one of them", field="actor")
        close = [self._label(owners[0])] if owners else self._close(name)
        hint = f" — did you mean {close[0]}?" if close else ""
        raise UsageError(f"unknown actor '{name}'{hint}", field="actor")

    def suggestion(self, name: str) -> str | None:
        """A hint for a name that is not a code (`did you mean PRK?`); None if none is close."""
        code = self.find(name)
        owners = [code] if code else self._owners(name)
        if not owners:
            close = suggest(name, self._spellings, cutoff=NAME_CUTOFF)
            owners = [self._spellings[spelling] for spelling in close]
        return f"did you mean {owners[0]}?" if len(owners) == 1 else None

    def _owners(self, name: str) -> list[str]:
        """The actors having `name` as whole words of one of their names, in store order."""
        part = words(name)
        return list(
            dict.fromkeys(code for each, code in self._words if part and _holds(each, part))
        )

    def _close(self, name: str) -> list[str]:
        """The spelling closest to `name`, with its code: `["DPRK (PRK)"]`."""
        close = suggest(name, self._spellings, cutoff=NAME_CUTOFF)
        return [f"{spelling} ({self._spellings[spelling]})" for spelling in close]

    def _label(self, code: str) -> str:
        return f"{self._names[code]} ({code})"
