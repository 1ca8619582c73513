"""The record types of the store, declared once: they validate the YAML and give the JSON Schema."""

import math
import re
from datetime import date as Day
from functools import cached_property
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from axiscli.dates import DateSpan, parse_edtf

# The vocabularies live in `vocab`, which the CLI reads without loading pydantic.
from axiscli.vocab import DOMAINS as DOMAINS
from axiscli.vocab import QUALIFIERS as QUALIFIERS
from axiscli.vocab import ActorKind, AssessmentKind, Domain, Qualifier, SourceKind

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]
ActorCode = Annotated[str, Field(pattern=r"^[A-Z]{2,8}$")]
# A BCP 47 language tag as CLDR writes them: ko, ko-KP, zh-Hans, zh-Hant, ru, fa.
LanguageTag = Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]


def _valid_edtf(text: str) -> str:
    parse_edtf(text)
    return text


EdtfDate = Annotated[str, AfterValidator(_valid_edtf)]

# The largest magnitude a figure may state: 10^18 is far above any count or sum a text gives
# (world output is near 10^14 USD), fits the index's 64-bit integers exactly and a float with no
# overflow, so every number sorts, charts and prints as written.
MAX_AMOUNT = 10**18


def _plain_number(number: float) -> float:
    if isinstance(number, float) and not math.isfinite(number):
        kind = "NaN (not a number)" if math.isnan(number) else "an infinite number"
        raise ValueError(
            f"{kind} is no figure a text gives; write its digits, or for a vague amount leave "
            "out `value` and give a `magnitude` word with `low`/`high` bounds"
        )
    if abs(number) > MAX_AMOUNT:
        raise ValueError(
            f"a number of {len(str(abs(int(number))))} digits is beyond what a figure may state "
            "(at most 10^18 either way); check for stray digits, or use a larger unit"
        )
    return number


# A figure's number: an integer or a decimal, finite, at most MAX_AMOUNT either way.
Amount = Annotated[int | float, AfterValidator(_plain_number)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_CREDENTIAL = re.compile(r"(?:^|[\s,])(?:Ph\. ?D|PhD|D\.?Phil|Dr|Prof)\.?(?=$|[\s,])")


class Person(Record):
    """An author as the text names them: `family` and `given` names for a person, `literal` for
    an organisation. Credentials and titles (PhD, Dr, Prof) are not part of a name."""

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None

    @model_validator(mode="after")
    def _one_kind_of_name(self) -> "Person":
        if self.literal is not None and (self.family or self.given):
            raise ValueError("`literal` names an organisation; leave out family and given")
        if self.literal is None and self.family is None:
            raise ValueError(
                "give `family` (and `given`) for a person, `literal` for an organisation"
            )
        for part in (self.family, self.given):
            if part and ("," in part or _CREDENTIAL.search(part)):
                raise ValueError(
                    f"'{part}': a name holds no commas, credentials or titles (PhD, Dr, Prof)"
                )
        return self

    def __str__(self) -> str:
        return self.literal or ", ".join(filter(None, (self.family, self.given)))

    @model_serializer(mode="wrap")
    def _stated_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, str]:
        return {key: value for key, value in handler(self).items() if value is not None}


class Source(Record):
    """A document the store quotes; empty fields are ones the document does not state.

    `description` says what an untitled text is ("Essay on …"); citations print it where the
    title would go, as each style's rules for untitled works say.
    """

    id: Slug
    title: Text | None = None
    description: Text | None = None
    authors: list[Person] = []
    publisher: Text | None = None
    published: EdtfDate | None = None
    url: Text | None = None
    kind: SourceKind
    text_file: Text | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> "Source":
        if self.title is None and self.description is None:
            raise ValueError(
                "a source with no title needs a `description` of what the text is "
                "(e.g. 'Essay on …'), which citations print in the title's place"
            )
        return self


class NativeName(Record):
    """A name in its own script (김정은, КНДР, 北朝鲜), with where it comes from: `source` is
    the address of the page that gives it (or "Unicode CLDR 46 (Babel 2.17)" for names taken
    from the CLDR locale data), `quote` the few words of that page that give it."""

    name: Text
    lang: LanguageTag
    source: Text
    quote: Text | None = None

    @model_serializer(mode="wrap")
    def _stated_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, str]:
        return {key: value for key, value in handler(self).items() if value is not None}


class Actor(Record):
    """A state, organisation or group; `aliases` and `native_names` are other names that
    resolve to `code`."""

    code: ActorCode
    name: Text
    kind: ActorKind
    aliases: list[Text] = []
    native_names: list[NativeName] = []


class Citation(Record):
    """Where a record comes from: a verbatim quote of a source and who it says claims it."""

    source: Slug
    quote: Text
    claimant: Text | None = None


class Dated(Record):
    """Fields shared by events and figures. `date` is absent where the text gives no date at all
    (`date_note` then says what little the text implies)."""

    id: Slug
    date: EdtfDate | None = None
    date_text: Text | None = None
    date_note: Text | None = None
    actors: list[ActorCode] = Field(min_length=1)
    tags: list[Slug] = []
    citations: list[Citation] = Field(min_length=1)

    @cached_property
    def span(self) -> DateSpan | None:
        """The parsed date; None for an undated record (the text gives no date at all)."""
        return parse_edtf(self.date) if self.date is not None else None

    @property
    def start(self) -> Day | None:
        return self.span.start if self.span else None

    @property
    def end(self) -> Day | None:
        return self.span.end if self.span else None

    @property
    def sort_key(self) -> tuple[bool, tuple[Day, int, Day] | None, str]:
        """Dated records by anchor (a day before its month), undated ones after them all."""
        return (self.span is None, self.span.sort_key if self.span else None, self.id)


class Event(Dated):
    """Something that happened, on a date as precise as the sources give it."""

    title: Text
    summary: Text
    domain: Domain
    location: Text | None = None
    people: list[Slug] = []


class Figure(Dated):
    """A number a source states, in base units, with how exact the source says it is.

    A vague magnitude ("thousands", "the majority") has no `value`: `magnitude` keeps the text's
    word and `low`/`high` bound it ("thousands": low 2000, no high). Relations name other figures:
    `equivalent_to` another expression of the same quantity in the same text (never added up),
    `updates` the earlier count of the same quantity this one replaces, `disputes` a competing
    claim about the same quantity and period.
    """

    metric: Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*$")]
    label: Text
    value: Amount | None = None
    magnitude: Text | None = None
    unit: Text
    qualifier: Qualifier
    low: Amount | None = None
    high: Amount | None = None
    note: Text | None = None
    equivalent_to: list[Slug] = []
    updates: Slug | None = None
    disputes: list[Slug] = []

    @model_validator(mode="after")
    def _value_within_range(self) -> "Figure":
        if self.value is None:
            if self.magnitude is None or (self.low is None and self.high is None):
                raise ValueError(
                    "a figure needs a value, or a magnitude word with low and/or high bounds"
                )
            if self.low is not None and self.high is not None and self.low > self.high:
                raise ValueError(f"low {self.low} is above high {self.high}")
            return self
        if self.magnitude is not None:
            raise ValueError("give either a value or a magnitude word, not both")
        if self.low is not None and self.low > self.value:
            raise ValueError(f"low {self.low} is above value {self.value}; low <= value <= high")
        if self.high is not None and self.high < self.value:
            raise ValueError(f"high {self.high} is below value {self.value}; low <= value <= high")
        return self

    @property
    def amount(self) -> float:
        """The number to sort and chart by: the value, or a vague magnitude's lower bound."""
        return amount_of(self.value, self.low, self.high)


def amount_of(value: float | None, low: float | None, high: float | None) -> float:
    """The value, else the lower bound, else the upper: what a figure is sorted and charted by."""
    for number in (value, low, high):
        if number is not None:
            return number
    raise AssertionError("a validated figure always has a value or a bound")


class Role(Record):
    """A position a text says a person holds or held ("leader of North Korea"), in the text's
    words shortened faithfully, dated only as precisely as the text, and cited."""

    title: Text
    date: EdtfDate | None = None
    date_text: Text | None = None
    citations: list[Citation] = Field(min_length=1)


class Individual(Record):
    """A person the texts name (a leader, an official), in the `people` registry. `name` is
    as the texts write it; `aliases` other spellings the texts use; `country` an actor code.
    (`Person` is a source's author as citations print it.)"""

    id: Slug
    name: Text
    aliases: list[Text] = []
    country: ActorCode | None = None
    roles: list[Role] = []
    native_names: list[NativeName] = []


class Assessment(Record):
    """A judgement a text makes: a short faithful `statement`, its `kind`, the actors (and
    where it judges a relationship, the `dyad`) and people it is about, whose judgement it is
    (`holder`, as the text names them), when the text expects it (`horizon`, `horizon_text`),
    the estimative word it uses (`likelihood`, verbatim; its level on the ICD 203 scale is
    computed, never stored), the records it `rests_on` and the assessments it `disputes`."""

    id: Slug
    statement: Text
    kind: AssessmentKind
    subject: list[Text] = Field(min_length=1)
    dyad: list[Text] | None = None
    people: list[Slug] = []
    holder: Text
    horizon: EdtfDate | None = None
    horizon_text: Text | None = None
    likelihood: Text | None = None
    tags: list[Slug] = []
    citations: list[Citation] = Field(min_length=1)
    rests_on: list[Slug] = []
    disputes: list[Slug] = []

    @model_validator(mode="after")
    def _two_sides(self) -> "Assessment":
        if self.dyad is not None and len(self.dyad) != 2:
            raise ValueError(
                f"dyad: a relationship has two sides, not {len(self.dyad)}; "
                "name two actors, or leave dyad out"
            )
        return self

    @property
    def likelihood_level(self) -> int | None:
        """The ICD 203 level (1..7) of `likelihood`; None where the word has no step."""
        from axiscli.likelihood import level_of

        return level_of(self.likelihood)

    @cached_property
    def span(self) -> DateSpan | None:
        """The parsed horizon; None where the text gives none."""
        return parse_edtf(self.horizon) if self.horizon is not None else None

    @property
    def sort_key(self) -> tuple[bool, None, str]:
        """Assessments are undated (a horizon is not when the judgement was made): by id."""
        return (True, None, self.id)
