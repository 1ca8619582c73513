"""Matching that finds what people type: folding, stemming, ranking, names and suggestions."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from axiscli import match
from axiscli.errors import UsageError
from axiscli.model import Actor, Citation, Event
from axiscli.names import ActorNames
from axiscli.query import Query
from axiscli.textindex import TextIndex, fold, phrase, stems, words
from tests.conftest import FIXTURES, ids

# Records whose text is written as documents write it: typographic apostrophes, non-breaking
# hyphens and spaces, diacritics, and a claimant named "U.S. officials". They cite the fixture
# store's sources and actors, and are loaded beside it.
EXTRA_EVENTS = """
- id: missiles-fired
  date: "2024-11"
  title: North Korea’s high‑profile missile launch
  summary: Pyongyang fired ballistic missiles from the coast near Wŏnsan.
  actors: [PRK]
  domain: military
  tags: [ballistic-missiles]
  citations:
    - source: alpha-report
      quote: "North Korea’s earnings from arms sales rose as it fired missiles"
- id: officials-confirm
  date: "2024-10"
  title: Officials confirm a deployment
  summary: A deployment is confirmed.
  actors: [PRK, RUS]
  domain: military
  tags: [troops]
  citations:
    - source: alpha-report
      quote: "Pyongyang sent at least 3,000 troops, it was not denied."
      claimant: U.S. officials
"""
EXTRA_FIGURES = """
- id: shells-2023
  metric: munitions.shells-152mm
  label: 152 mm artillery shells sent
  value: 1000000
  unit: shells
  qualifier: at least
  date: "2023"
  actors: [PRK, RUS]
  tags: [munitions]
  citations:
    - source: beta-notes
      quote: "At least a million shells were sent."
"""


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    (tmp_path / "events.yaml").write_text(EXTRA_EVENTS, encoding="utf-8")
    (tmp_path / "figures.yaml").write_text(EXTRA_FIGURES, encoding="utf-8")
    return tmp_path


def event(
    record_id: str, title: str, *, date: str = "2024", quote: str = "Nothing.", **fields: object
) -> Event:
    values: dict[str, object] = {
        "id": record_id,
        "date": date,
        "title": title,
        "summary": "Nothing to see.",
        "actors": ["PRK"],
        "domain": "diplomatic",
        "tags": [],
        "citations": [Citation(source="s", quote=quote, claimant=fields.pop("claimant", None))],
    }
    return Event(**{**values, **fields})


def registry_actors() -> list[Actor]:
    """A registry of the store's size and kind of names, frozen in tests/fixtures/names: the
    bundled one changes as the store is curated (an unused actor leaves it)."""
    text = (FIXTURES / "names" / "actors.yaml").read_text(encoding="utf-8")
    return [Actor(**actor) for actor in yaml.safe_load(text)]


# --- fold: the one place the folding rules live ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Korea's", "Korea’s"),  # typographic apostrophe
        ("'treaty'", "“treaty”"),  # typographic double quotes
        ("high-profile", "high‑profile"),  # U+2011 non-breaking hyphen
        ("2003-2021", "2003–2021"),  # en dash
        ("a-b", "a—b"),  # em dash
        ("-5", "−5"),  # minus sign
        ("a-b-c-d", "a\u2010b\u2012c\u2015d"),
        ("north korea", "North\u00a0Korea"),  # non-breaking space
        ("3 000", "3\u2009000"),  # thin space
        ("a b", "a \u202f\u3000 b"),  # narrow no-break and ideographic spaces, collapsed
        ("viet nam", "Viêt Nam"),  # diacritics
        ("wonsan", "Wŏnsan"),
        ("dprk", "ＤＰＲＫ"),  # full-width (NFKC)
        ("fine", "ﬁne"),  # ligature (NFKC)
        ("strasse", "STRASSE"),
        ("strasse", "Straße"),  # case folding, not just lower()
        ("highprofile", "high\u00adprofile"),  # soft hyphen
    ],
)
def test_fold_makes_what_people_type_equal_what_texts_say(typed, stored):
    assert fold(stored) == fold(typed)


def test_fold_keeps_words_apart_and_text_readable():
    assert fold("  North   Korea’s  ") == "north korea's"
    assert fold("high-profile") != fold("high profile")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. officials", ["us", "officials"]),
        ("US officials", ["us", "officials"]),
        ("u.s officials", ["us", "officials"]),
        ("North Korea’s", ["north", "koreas"]),
        ("No. 5, 3.5 bn", ["no", "5", "3", "5", "bn"]),
        ('"*-:()', []),
    ],
)
def test_words_join_initialisms_and_possessives(text, expected):
    assert words(text) == expected


# --- the index: folded, stemmed, phrases, prefixes --------------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("North Korea’s earnings rose", "North Korea's earnings"),
        ("a high‑profile visit", "high-profile"),
        ("North\u00a0Korea sent", "north korea"),
        ("the Viêt Nam border", "viet nam"),
        ("ＤＰＲＫ troops", "DPRK"),
        ("artillery shells", "shell"),
        ("one shell", "shells"),
        ("two treaties", "treaty"),
        ("U.S. officials said", "US officials"),
    ],
)
def test_index_finds_each_folding_and_number(stored, typed):
    index = TextIndex.in_memory(["body"], [[stored], ["something else entirely"]])
    assert index.find(phrase(words(typed))) == {0}


def test_the_last_word_of_a_phrase_may_be_a_prefix():
    index = TextIndex.in_memory(
        ["body"], [["the treaty"], ["a high‑profile visit"], ["treat them"]]
    )
    assert index.find(phrase(["treat"], prefix=True)) == {0, 2}
    assert index.find(phrase(words("high-prof"), prefix=True)) == {1}
    assert index.find(phrase(words("high-prof"))) == set()


def test_stems_fold_and_stem_each_part_of_a_tag():
    assert stems(["ballistic-missiles", "Ballistic Missile", "treaty"]) == [
        ("ballist", "missil"),
        ("ballist", "missil"),
        ("treati",),
    ]


# --- select_text: --grep, --claimant, --tag and figure TERM ------------------------------------


def test_select_text_keeps_the_order_given_and_builds_no_index_without_text(monkeypatch):
    records = [event("b", "Treaty signed"), event("a", "Drills"), event("c", "Treaties expire")]
    assert match.select_text(records, Query(grep="treaty")) == [records[0], records[2]]
    monkeypatch.setattr(match, "TextIndex", None)  # calling it would fail
    assert match.select_text(records, Query()) == records


def test_select_text_applies_each_filter_to_its_fields():
    records = [
        event("a", "Shells shipped", quote="U.S. officials said so", claimant="U.S. officials"),
        event("b", "Missiles fired", tags=["ballistic-missiles"], summary="Officials spoke."),
    ]

    def found(**query: object) -> list[str]:
        return [record.id for record in match.select_text(records, Query(**query))]

    assert found(grep="us officials") == ["a"]  # in a quote
    assert found(grep="officials spoke") == ["b"]  # in a summary
    assert found(claimants=("US Officials",)) == ["a"]
    assert found(claimants=("officials spoke",)) == []  # claimants only
    assert found(tags=("Ballistic-Missile",)) == ["b"]
    assert found(term="shell") == ["a"]
    assert found(term="ballistic missile") == ["b"]  # tags are in a term's fields
    assert found(term="officials") == []  # quotes are not


def test_select_text_greps_no_claimant():
    records = [event("a", "Shells", claimant="Beta analysts")]
    assert match.select_text(records, Query(grep="beta analysts")) == []
    assert match.select_text(records, Query(claimants=("beta analyst",))) == records


def test_unknown_tags_follow_the_tag_rule():
    known = ["ballistic-missiles", "treaty"]
    assert match.unknown_tags(["Ballistic-Missile", "TREATIES", "treety", "missiles"], known) == [
        "treety",
        "missiles",
    ]


def test_importing_match_does_not_load_sqlite():
    code = "import sys, axiscli.match, axiscli.names; print('sqlite3' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--grep", "North Korea's earnings"], ["missiles-fired"]),
        (["--grep", "HIGH-PROFILE"], ["missiles-fired"]),
        (["--grep", "high-prof"], ["missiles-fired"]),
        (["--grep", "wonsan"], ["missiles-fired"]),
        (["--grep", "treat"], ["treaty-signed"]),  # not pact-1961: tags are not grepped
        (["--grep", "treaties"], ["treaty-signed"]),
        (["--grep", "officials"], ["officials-confirm"]),  # title, not the claimant
        (["--grep", "U.S. officials"], []),  # claimants are not grepped
        (["--claimant", "US officials"], ["officials-confirm"]),
        (["--claimant", "u.s. officials"], ["officials-confirm"]),
        (["--claimant", "U.S. Officials"], ["officials-confirm"]),
        (["--claimant", "official"], ["officials-confirm"]),
        (["--claimant", "beta", "--claimant", "report"], ["containers-crossed", "troops-arrive"]),
        (["--tag", "Ballistic-Missile"], ["missiles-fired"]),
        (["--tag", "ballistic missiles"], ["missiles-fired"]),
        (["--tag", "TREATIES"], ["pact-1961", "treaty-signed"]),
    ],
)
def test_text_filters_fold_and_stem(fixture_axis, extra, args, expected):
    assert ids(fixture_axis("timeline", "--data", extra, *args, "--json")) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("shell", ["shells-2023"]),
        ("SHELLS 152", ["shells-2023"]),
        ("artillery shell", ["shells-2023"]),
        ("troop", ["troops-2024-10", "troops-2025"]),
        ("munition", ["shells-2023", "containers-2023"]),
    ],
)
def test_figure_term_is_a_folded_stemmed_phrase(fixture_axis, extra, term, expected):
    assert (
        ids(fixture_axis("figure", "--data", extra, term, "--sort", "date", "--json")) == expected
    )


def test_a_tag_known_once_stemmed_is_not_refused(fixture_axis):
    assert fixture_axis("timeline", "--tag", "Treaties").exit_code == 0
    result = fixture_axis("timeline", "--tag", "treety")
    assert result.exit_code == 2 and "unknown tag 'treety'" in result.stderr


@pytest.mark.parametrize("text", ["’", "--", "*", '""'])
def test_filters_without_a_word_are_usage_errors(fixture_axis, text):
    result = fixture_axis("timeline", "--grep", text)
    assert result.exit_code == 2
    assert "has no word to look for" in result.stderr and "Traceback" not in result.output


# --- search: every word, ranked ------------------------------------------------------------


def test_search_finds_what_people_type(fixture_axis, extra):
    assert ids(fixture_axis("search", "--data", extra, "North Korea's earnings", "--json")) == [
        "missiles-fired"
    ]
    assert ids(fixture_axis("search", "--data", extra, "SHELL", "--json")) == ["shells-2023"]
    assert ids(fixture_axis("search", "--data", extra, "u.s. officials", "--json")) == [
        "officials-confirm"
    ]


SYNTAX = [
    '"',
    '"treaty',
    "treaty*",
    "-treaty",
    "title:treaty",
    "{title}: treaty",
    "(treaty",
    "treaty)",
    "treaty AND",
    "OR treaty",
    "NOT treaty",
    "NEAR(treaty signed)",
    "^treaty",
    "treaty + signed",
    "treaty's",
]


@pytest.mark.parametrize("text", SYNTAX)
def test_fts_syntax_typed_by_a_user_is_plain_words(fixture_axis, text):
    for args in (["search", text], ["timeline", "-g", text], ["timeline", "-c", text]):
        result = fixture_axis(*args, "--json")
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output and "fts5" not in result.output.lower()


@pytest.mark.parametrize("text", SYNTAX)
def test_fts_syntax_never_reaches_fts(text):
    records = [event("a", "Treaty not signed", quote="(treaty) AND {title}: NEAR")]
    calls = (
        lambda: match.search(records, text),
        lambda: match.select_text(records, Query(grep=text, claimants=(text,), term=text)),
    )
    for call in calls:
        if words(text):
            call()
        else:
            with pytest.raises(UsageError, match="word"):
                call()


def test_fts_operators_are_words():
    records = [event("a", "Treaty not signed"), event("b", "Treaty signed")]
    assert [r.id for _, r in match.search(records, "NOT treaty")] == ["a"]
    assert [r.id for _, r in match.search(records, "treaty*")] == ["b", "a"]


@pytest.mark.parametrize("text", ["", "  ", "’", "*", '"-"'])
def test_search_needs_a_word(fixture_axis, text):
    result = fixture_axis("search", text)
    assert result.exit_code == 2
    assert "search needs at least one word" in result.stderr


def test_search_ranks_title_phrase_then_title_words_then_weighty_fields_then_newer():
    records = [
        event("in-quote", "Pact", quote="a mutual defense pact", date="2024"),
        event("in-tags", "Pact", tags=["mutual-defense"], date="2000"),
        event("words-in-title", "Defense of mutual interests"),
        event("old-phrase", "Mutual defense pact", date="1961"),
        event("new-phrase", "A mutual defense pact is signed at last in the capital", date="2024"),
        event("unrelated", "Drills"),
    ]
    ranked = match.search(records, "mutual defense")
    assert [record.id for _, record in ranked] == [
        "new-phrase",
        "old-phrase",
        "words-in-title",
        "in-tags",
        "in-quote",
    ]
    scores = [score for score, _ in ranked]
    assert scores == sorted(scores, reverse=True)


def test_search_treaty_puts_the_2024_russia_dprk_treaty_first(axis):
    found = ids(axis("search", "treaty", "--json"))
    assert found[0] == "russia-dprk-treaty-signed"
    assert found.index("russia-dprk-treaty-signed") < found.index("us-taipei-mutual-defense-treaty")


def test_bundled_texts_match_as_typed(axis):
    assert "beijing-military-parade-xi-putin-kim" in ids(
        axis("timeline", "-g", "high-profile", "--json")
    )
    assert ids(axis("search", "North Korea's earnings", "--json"))


# --- actor names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "PRK",
        "prk",
        "Democratic People’s Republic of Korea",
        "democratic people's republic of korea",
        "north-korea",
        "North\u00a0Korea",
        "  NORTH   KOREA ",
        "Ｎｏｒｔｈ Ｋｏｒｅａ",
    ],
)
def test_actor_names_resolve_folded(typed):
    assert ActorNames(registry_actors()).resolve(typed) == "PRK"


@pytest.mark.parametrize(("typed", "code"), [("Viêt Nam", "VNM"), ("u.s.", "USA"), ("US", "USA")])
def test_actor_names_fold_diacritics_and_initialisms(typed, code):
    assert ActorNames(registry_actors()).resolve(typed) == code


def test_a_word_of_several_actors_names_them_all(axis):
    result = axis("timeline", "-a", "Korea")
    assert result.exit_code == 2
    assert "'Korea' could be North Korea (PRK) or South Korea (KOR); give one of them" in (
        result.stderr
    )


def test_every_actor_a_word_may_mean_is_listed():
    with pytest.raises(UsageError) as raised:
        ActorNames(registry_actors()).resolve("united")
    assert raised.value.message == (
        "'united' could be United States (USA), United Arab Emirates (ARE) or United Nations (UN);"
        " give one of them"
    )


def test_a_word_of_one_actors_name_is_suggested():
    with pytest.raises(UsageError, match=r"did you mean Saudi Arabia \(SAU\)\?"):
        ActorNames(registry_actors()).resolve("Arabia")


# Real typos get a suggestion; words that are merely alike do not. NAME_CUTOFF (0.82) sits
# between the two: Chna and Japn score 0.89, Rusia 0.91; UK→UKR 0.80, Africa→America and
# Taliban→Taiwan 0.77, Iraq→Iran 0.75. Swapped letters (DPKR, Chian, Japna, Ukriane) may score
# as low as 0.75 and are caught by the swap rule.
TYPOS = [
    ("DPKR", "DPRK (PRK)"),
    ("Chian", "China (CHN)"),
    ("Rusia", "Russia (RUS)"),
    ("Chna", "China (CHN)"),
    ("Japn", "Japan (JPN)"),
    ("Russsia", "Russia (RUS)"),
    ("Ukriane", "Ukraine (UKR)"),
    ("Japna", "Japan (JPN)"),
    ("Untied States", "United States (USA)"),
    ("Pyongayng", "Pyongyang (PRK)"),
    ("Kremln", "Kremlin (RUS)"),
    ("nroth korea", "North Korea (PRK)"),
]
NOT_TYPOS = ["Iraq", "Africa", "Taliban", "UK", "Germany", "Chile", "Spain", "Israel", "Syria"]


@pytest.mark.parametrize(("typed", "suggested"), TYPOS)
def test_typos_get_the_closest_name(typed, suggested):
    with pytest.raises(UsageError) as raised:
        ActorNames(registry_actors()).resolve(typed)
    assert raised.value.message == f"unknown actor '{typed}' — did you mean {suggested}?"


@pytest.mark.parametrize("typed", NOT_TYPOS)
def test_names_merely_alike_get_no_suggestion(typed):
    with pytest.raises(UsageError) as raised:
        ActorNames(registry_actors()).resolve(typed)
    assert raised.value.message == f"unknown actor '{typed}'"


def test_iran_does_not_suggest_japan_where_the_store_has_no_iran():
    actors = [actor for actor in registry_actors() if actor.code != "IRN"]
    with pytest.raises(UsageError) as raised:
        ActorNames(actors).resolve("Iran")
    assert "did you mean" not in raised.value.message


@pytest.mark.parametrize("typed", ["DPKR", "Korea", "Germany"])
def test_the_core_message_names_no_command_or_flag(typed):
    with pytest.raises(UsageError) as raised:
        ActorNames(registry_actors()).resolve(typed)
    message = raised.value.message
    assert "axis" not in message and "--" not in message and "`" not in message
    assert raised.value.field == "actor"  # the CLI names the option and adds its own hint


def test_text_errors_name_no_command_or_flag():
    records = [event("a", "Treaty")]
    for call in (
        lambda: match.search(records, "*"),
        lambda: match.select_text(records, Query(grep="’")),
        lambda: match.select_text(records, Query(claimants=("-",))),
        lambda: match.select_text(records, Query(term="()")),
    ):
        with pytest.raises(UsageError) as raised:
            call()
        assert "axis" not in raised.value.message and "--" not in raised.value.message


def test_check_still_suggests_the_code_of_an_alias():
    names = ActorNames(registry_actors())
    assert names.suggestion("DPRK") == "did you mean PRK?"
    assert names.suggestion("PKR") == "did you mean PRK?"
    assert names.suggestion("Korea") is None
    assert names.suggestion("XYZ") is None
