"""Names people type: actor codes, aliases and native-script names, people's ids and names,
and close matches for what does not resolve.

Names compare folded (`textindex.fold`: NFKC, case, quotes, dashes, spaces, diacritics) and word
by word, so "Democratic People’s Republic of Korea", "democratic people's republic of korea" and
"north-korea" find their actor, as do 조선민주주의인민공화국 and КНДР once the actor lists them
among its `native_names`.
"""

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


class NativeNamed(Protocol):
    @property
    def name(self) -> str: ...


def native_names(entry: object) -> list[str]:
    """The names in their own scripts of an actor or person (model or index row): those of its
    `native_names`, each a model or a mapping."""
    found = getattr(entry, "native_names", None) or []
    return [item["name"] if isinstance(item, dict) else item.name for item in found]


def all_names(entry: NamedActor) -> list[str]:
    """Every name an actor answers to: code, name, aliases, then native-script names."""
    return [entry.code, entry.name, *entry.aliases, *native_names(entry)]


class ActorNames:
    """Every code, name, alias and native-script name of the actors, resolving folded to a
    code."""

    what = "actor"

    def __init__(self, actors: Iterable[NamedActor]) -> None:
        self._codes: dict[str, str] = {}
        self._spellings: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._words: list[tuple[list[str], str]] = []
        for actor in actors:
            self._names[actor.code] = actor.name
            for name in all_names(actor):
                self._codes.setdefault(_key(name), actor.code)
                self._spellings.setdefault(name, actor.code)
                self._words.append((words(name), actor.code))

    def __contains__(self, code: str) -> bool:
        return code in self._names

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
            raise UsageError(f"'{name}' could be {listed}; give one of them", field=self.what)
        close = [self._label(owners[0])] if owners else self._close(name)
        hint = f" — did you mean {close[0]}?" if close else ""
        raise UsageError(f"unknown {self.what} '{name}'{hint}", field=self.what)

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


class NamedPerson(Protocol):
    """What names need of a person (a model.Individual, or one read back from an index)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class _AsActor:
    code: str
    name: str
    aliases: Sequence[str]


class PersonNames(ActorNames):
    """Every id, name, alias and native-script name of the people, resolving folded to an id:
    `--person 'Kim Jong Un'`, `--person kim-jong-un` and `--person 김정은` are one person."""

    what = "person"

    def __init__(self, people: Iterable[NamedPerson]) -> None:
        super().__init__(
            _AsActor(person.id, person.name, [*person.aliases, *native_names(person)])
            for person in people
        )
