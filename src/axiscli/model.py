"""The record types of the store, declared once: they validate the YAML and give the JSON Schema."""

from datetime import date
from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from axiscli.dates import DateSpan, parse_edtf

Domain = Literal[
    "diplomatic", "military", "arms", "economic", "energy", "sanctions", "technology", "domestic"
]
SourceKind = Literal[
    "analysis", "commentary", "news", "newsletter", "official", "report", "dataset"
]
ActorKind = Literal["state", "organisation", "armed group", "company", "group"]
Qualifier = Literal["exact", "about", "at least", "more than", "up to"]

DOMAINS: tuple[str, ...] = get_args(Domain)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]


def _valid_edtf(text: str) -> str:
    parse_edtf(text)
    return text


EdtfDate = Annotated[str, AfterValidator(_valid_edtf)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Record):
    """A document the store quotes; empty fields are ones the document does not state."""

    id: Slug
    title: Text | None = None
    author: Text | None = None
    publisher: Text | None = None
    published: EdtfDate | None = None
    url: Text | None = None
    kind: SourceKind
    text_file: Text | None = None
    notes: Text | None = None


class Actor(Record):
    """A state, organisation or group; `aliases` are other names that resolve to `code`."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2,8}$")]
    name: Text
    kind: ActorKind
    aliases: list[Text] = []


class Citation(Record):
    """Where a record comes from: a verbatim quote of a source and who it says claims it."""

    source: Slug
    quote: Text
    claimant: Text | None = None


class Dated(Record):
    """Fields shared by events and figures."""

    id: Slug
    date: EdtfDate
    date_text: Text | None = None
    date_note: Text | None = None
    actors: list[Annotated[str, Field(pattern=r"^[A-Z]{2,8}$")]] = Field(min_length=1)
    tags: list[Slug] = []
    citations: list[Citation] = Field(min_length=1)

    @cached_property
    def span(self) -> DateSpan:
        return parse_edtf(self.date)

    @property
    def start(self) -> date | None:
        return self.span.start

    @property
    def end(self) -> date | None:
        return self.span.end


class Event(Dated):
    """Something that happened, on a date as precise as the sources give it."""

    title: Text
    summary: Text
    domain: Domain
    location: Text | None = None


class Figure(Dated):
    """A number a source states, in base units, with how exact the source says it is."""

    metric: Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*$")]
    label: Text
    value: int | float
    unit: Text
    qualifier: Qualifier
    low: int | float | None = None
    high: int | float | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _value_within_range(self) -> "Figure":
        if self.low is not None and self.low > self.value:
            raise ValueError(f"low {self.low} is above value {self.value}; low <= value <= high")
        if self.high is not None and self.high < self.value:
            raise ValueError(f"high {self.high} is below value {self.value}; low <= value <= high")
        return self
