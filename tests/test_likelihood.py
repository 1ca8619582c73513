"""The ICD 203 likelihood scale: every term, its paired term and synonyms, and what stays
unmapped."""

import pytest

from axiscli.likelihood import SCALE, level_of, parse_range, scale_term

# The directive's table (ICD 203, 2 January 2015, section D.6.e.(2)(a)), level by level.
ICD_203 = [
    (1, "almost no chance", "remote", "01-05%"),
    (2, "very unlikely", "highly improbable", "05-20%"),
    (3, "unlikely", "improbable", "20-45%"),
    (4, "roughly even chance", "roughly even odds", "45-55%"),
    (5, "likely", "probable", "55-80%"),
    (6, "very likely", "highly probable", "80-95%"),
    (7, "almost certain", "nearly certain", "95-99%"),
]

MAPPED = [
    # the directive's terms, both columns
    *((term, level) for level, term, _, _ in ICD_203),
    *((paired, level) for level, _, paired, _ in ICD_203),
    # common synonyms, as analyses write them
    ("remotely", 1),
    ("virtually no chance", 1),
    ("highly unlikely", 2),
    ("very improbable", 2),
    ("improbably", 3),
    ("not likely", 3),
    ("probably not", 3),
    ("even chance", 4),
    ("even odds", 4),
    ("about even", 4),
    ("fifty-fifty", 4),
    ("a toss-up", 4),
    ("probably", 5),
    ("more likely than not", 5),
    ("highly likely", 6),
    ("very probably", 6),
    ("highly probably", 6),
    ("very probable", 6),
    ("almost certainly", 7),
    ("nearly certainly", 7),
    ("virtually certain", 7),
    ("virtually certainly", 7),
    # as the quote writes it: case, spaces, the verb around the term
    ("Likely", 5),
    ("ALMOST  CERTAINLY", 7),
    ("is likely to", 5),
    ("are unlikely to", 3),
    ("will probably", 5),
    ("would almost certainly", 7),
    ("is very likely to", 6),
]

UNMAPPED = ["could", "may", "might", "possibly", "is set to", "perhaps", "most likely", "", None]


def test_the_scale_is_the_directives_table():
    assert [(s.level, s.term, s.paired, s.odds) for s in SCALE] == ICD_203


@pytest.mark.parametrize(("word", "level"), MAPPED)
def test_each_word_of_the_scale_and_its_synonyms_has_its_level(word, level):
    assert level_of(word) == level


@pytest.mark.parametrize("word", UNMAPPED)
def test_other_estimative_words_stay_unmapped(word):
    assert level_of(word) is None


def test_every_level_has_its_term():
    assert [scale_term(level) for level in range(1, 8)] == [row[1] for row in ICD_203]
    assert scale_term(None) is None


@pytest.mark.parametrize(
    ("given", "levels"),
    [
        ("likely", (5, 5)),
        ("5", (5, 5)),
        ("likely..", (5, 7)),
        ("..unlikely", (1, 3)),
        ("unlikely..likely", (3, 5)),
        ("probable..very likely", (5, 6)),
        ("2..6", (2, 6)),
        ("..", (1, 7)),
    ],
)
def test_a_range_names_its_levels(given, levels):
    assert parse_range(given) == levels


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("could", "no step of the likelihood scale"),
        ("8", "no step of the likelihood scale"),
        ("likely..unlikely", "write the lower end first"),
    ],
)
def test_a_range_that_names_no_step_is_refused(given, message):
    with pytest.raises(ValueError, match=message):
        parse_range(given)
