"""The estimative words of assessments, placed on the seven-step likelihood scale of US
Intelligence Community Directive 203 (Analytic Standards, 2 January 2015), section
D.6.e.(2)(a), as transcribed at https://github.com/wesinator/ICD203-intel-analysis (from
https://fas.org/irp/dni/icd/icd-203.pdf).

An assessment stores the word its text uses ("likely", "almost certainly", "could"); the level
is computed from it here, never stored. A word that is one of the scale's terms, or a common
synonym of one, has a level 1..7; any other word ("could", "may", "might", "is set to") keeps
its wording and has none. Plain data and string work only: the command line reads it without
loading the record model.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the scale: its level, its term, the directive's paired term, its odds."""

    level: int
    term: str
    paired: str
    odds: str
    synonyms: tuple[str, ...]


# ICD 203's table: each step pairs a term of likelihood with one of probability, with the
# odds it stands for. `synonyms` are other ways analyses write the same step.
SCALE: tuple[Step, ...] = (
    Step(1, "almost no chance", "remote", "01-05%", ("remotely", "virtually no chance")),
    Step(
        2,
        "very unlikely",
        "highly improbable",
        "05-20%",
        ("highly unlikely", "very improbable", "very improbably", "highly improbably"),
    ),
    Step(3, "unlikely", "improbable", "20-45%", ("improbably", "not likely", "probably not")),
    Step(
        4,
        "roughly even chance",
        "roughly even odds",
        "45-55%",
        ("even chance", "even odds", "about even", "fifty-fifty", "a toss-up"),
    ),
    Step(5, "likely", "probable", "55-80%", ("probably", "more likely than not")),
    Step(
        6,
        "very likely",
        "highly probable",
        "80-95%",
        ("highly likely", "very probably", "highly probably", "very probable"),
    ),
    Step(
        7,
        "almost certain",
        "nearly certain",
        "95-99%",
        ("almost certainly", "nearly certainly", "virtually certain", "virtually certainly"),
    ),
)

_BY_WORD: dict[str, int] = {
    word: step.level for step in SCALE for word in (step.term, step.paired, *step.synonyms)
}
# Words around an estimative term that do not change its strength: "is likely to", "will
# probably", "would almost certainly".
_AROUND = re.compile(r"^(?:(?:is|are|was|were|will|would|be|being|remains?)\s+)+|\s+to$")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‑": "-", "–": "-"})


def _folded(word: str) -> str:
    return " ".join(word.translate(_QUOTES).casefold().split())


def level_of(word: str | None) -> int | None:
    """The scale's level (1..7) of an estimative word or phrase as a text writes it; None for
    a word the scale has no step for ("could", "may") and for no word."""
    if not word:
        return None
    folded = _folded(word)
    if folded in _BY_WORD:
        return _BY_WORD[folded]
    return _BY_WORD.get(_AROUND.sub("", folded))


def scale_term(level: int | None) -> str | None:
    """The directive's term for a level ("likely" for 5); None for None."""
    return SCALE[level - 1].term if level is not None else None


def parse_range(text: str) -> tuple[int, int]:
    """The levels (low, high) that `--likelihood` names: a word or level ("likely", "5"), or a
    range `A..B` with either end left open ("likely..": likely and above; "..unlikely": unlikely
    and below). ValueError says what is wrong."""
    low_text, dots, high_text = text.partition("..")
    if not dots:
        level = _level_given(text)
        return level, level
    low = _level_given(low_text) if low_text.strip() else 1
    high = _level_given(high_text) if high_text.strip() else 7
    if low > high:
        raise ValueError(
            f"'{text}' runs from {scale_term(low)} down to {scale_term(high)}; "
            "write the lower end first"
        )
    return low, high


def _level_given(text: str) -> int:
    stripped = text.strip()
    if stripped.isdigit() and 1 <= int(stripped) <= 7:
        return int(stripped)
    level = level_of(stripped)
    if level is None:
        terms = ", ".join(step.term for step in SCALE)
        raise ValueError(
            f"'{stripped}' is no step of the likelihood scale; use a level 1-7 or one of: {terms}"
        )
    return level
