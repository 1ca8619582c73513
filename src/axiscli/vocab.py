"""The store's closed vocabularies: the words a record may use for its domain, a figure's
qualifier, a source's kind, an actor's kind and an assessment's kind.

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
AssessmentKind = Literal[
    "motivation", "constraint", "strategy", "characterisation", "outlook", "recommendation"
]

DOMAINS: tuple[str, ...] = get_args(Domain)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
ASSESSMENT_KINDS: tuple[str, ...] = get_args(AssessmentKind)

# What each kind of assessment holds, with an example of the judgements it files.
ASSESSMENT_KIND_HELP: dict[str, str] = {
    "motivation": "why an actor acts or wants something (Moscow needs Pyongyang's shells)",
    "constraint": "what limits an actor or a relationship (Beijing fears secondary sanctions)",
    "strategy": "how an actor pursues its aims: its approach or playbook",
    "characterisation": "what a relationship or actor is (an alliance that needs no name)",
    "outlook": "what the holder expects to happen (carries horizon and likelihood when given)",
    "recommendation": "what the holder says someone should do",
}
