"""The store's closed vocabularies: the words a record may use for its domain, a figure's
qualifier, a source's kind and an actor's kind.

Plain data, importing nothing heavy, so that the command line can name the choices in its help
without loading the record model (pydantic).
"""

from typing import Literal, get_args

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
