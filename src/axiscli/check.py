"""The store's integrity rules, beyond what each record's schema checks on its own."""

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from axiscli.dates import DateSpan, parse_edtf
from axiscli.names import ActorNames, PersonNames, all_names, native_names, suggest
from axiscli.store import Located, Problem, Store
from axiscli.textindex import words

_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "‑": "-", "–": "-", "—": "-"})


def _every(store: Store, filename: str) -> list[Located]:
    """The file's records, those that failed their schema included: their ids, references and
    quotes are still checked, so one record's schema error hides nothing about the others."""
    return [*store.records(filename), *store.rejected.get(filename, [])]


def _text_field(item: Located, key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) else None


def _citations(item: Located) -> list[tuple[int, Any, Any]]:
    """Each citation's place in the list, source and quote: as validated, or as written."""
    citations = item.get("citations")
    if not isinstance(citations, list):
        return []
    cited = []
    for index, citation in enumerate(citations):
        if isinstance(citation, dict):
            cited.append((index, citation.get("source"), citation.get("quote")))
        elif item.record is not None:
            cited.append((index, citation.source, citation.quote))
    return cited


def check_store(
    store: Store, texts_dir: Path | None = None, *, curation: bool = False
) -> list[Problem]:
    """Every problem of the store: load problems first, then ids, references (relations
    between figures included) and, with `texts_dir`, quotes and `date_text` against the
    sources' texts. `curation` adds the rules of a finished store that answers do not depend
    on (every registered actor is used, no list names an entry twice); `axis check` and the
    curation commands apply them, other commands do not.
    """
    records = [
        *_every(store, "events.yaml"),
        *_every(store, "figures.yaml"),
        *_every(store, "assessments.yaml"),
    ]
    people = _every(store, "people.yaml")
    problems = [
        *store.problems,
        *_duplicates(_every(store, "sources.yaml"), "source id"),
        *_duplicates(_every(store, "actors.yaml"), "actor code", key="code"),
        *_duplicates(records, "record id"),
        *_duplicates(people, "person id"),
        *_alias_clashes(store.actors),
        *_person_clashes(store, records),
        *check_people(store),
        *check_references(store, records),
        *check_relations(_every(store, "figures.yaml"), _every(store, "events.yaml")),
        *check_assessment_links(records),
    ]
    if curation:
        problems.extend(_unused_actors(store, records))
        problems.extend(_listed_twice(records))
    if texts_dir is not None:
        texts, missing = _source_texts(store, texts_dir)
        problems.extend(missing)
        problems.extend(_quotes([*records, *_roles(people)], texts))
        problems.extend(_date_texts([*records, *_roles(people)], texts))
        problems.extend(_date_texts(records, texts, key="horizon_text"))
    return problems


# Lists where an entry given twice says nothing more: answers count it once, so a repeat is a
# slip of the pen that `check` names rather than letting it pass silently.
_SET_LIKE = ("actors", "people", "tags", "subject", "rests_on", "disputes", "equivalent_to")


def _listed_twice(records: Iterable[Located]) -> Iterator[Problem]:
    for item in records:
        for key in _SET_LIKE:
            values = item.get(key)
            if not isinstance(values, list):
                continue
            seen: set[Any] = set()
            for value in values:
                if isinstance(value, str) and value in seen:
                    yield Problem(
                        item.file,
                        item.line_of(key),
                        f"{key}: '{value}' is listed twice",
                        _text_field(item, "id"),
                        "list it once",
                    )
                seen.add(value)


def cross_file_view(item: Located) -> Located:
    """`item` as `check_store` needs it beside the other files once `check_references` has
    checked it: its id, a figure's metric, date and relations, an assessment's `rests_on` and
    `disputes`. A store of such records (registries whole) has the problems across files that
    the full store has, at a fraction of its size."""
    record = item.record
    keys = {"id": record.id}
    if (metric := getattr(record, "metric", None)) is not None:  # a figure
        keys.update(metric=metric, date=record.date)
        keys.update((key, value) for key in RELATIONS if (value := getattr(record, key)))
    elif getattr(record, "statement", None) is not None:  # an assessment
        keys.update(statement=record.statement)
        keys.update((key, value) for key in ASSESSMENT_LINKS if (value := getattr(record, key)))
    return Located(None, item.file, item.line, keys)


def _duplicates(located: Iterable[Located], what: str, key: str = "id") -> Iterator[Problem]:
    first_seen: dict[str, Located] = {}
    for item in located:
        value = _text_field(item, key)
        if value is None:
            continue
        if value in first_seen:
            earlier = first_seen[value]
            yield Problem(
                item.file,
                item.line,
                f"duplicate {what}; first used at {earlier.file}:{earlier.line}",
                value,
                "give one of them another id",
            )
        else:
            first_seen[value] = item


def _name_key(name: str) -> str:
    """A name as names resolve it: folded (NFKC, case, quotes, dashes), word by word."""
    return " ".join(words(name)) or name.casefold()


def _alias_clashes(actors: list[Located]) -> Iterator[Problem]:
    yield from _names_owned_once(
        ((item, item.record.code, all_names(item.record)) for item in actors),
        "{}",
        "a name, alias or native name must name one actor",
    )


def _names_owned_once(
    owners: Iterable[tuple[Located, str, Iterable[str]]], whose: str, hint: str
) -> Iterator[Problem]:
    """A problem wherever a name (folded) is given to a second owner: `owners` are each item,
    the key it is known by, and its names; `whose` words the first owner ("person {}")."""
    owner: dict[str, str] = {}
    for item, key_of_item, names in owners:
        native = set(native_names(item.record))
        seen: set[str] = set()
        for name in names:
            key = _name_key(name)
            if key in seen:
                continue
            seen.add(key)
            if owner.setdefault(key, key_of_item) != key_of_item:
                where = "native_names" if name in native else "aliases"
                yield Problem(
                    item.file,
                    item.line_of(where),
                    f"name '{name}' already stands for {whose.format(owner[key])}",
                    key_of_item,
                    hint,
                )


def _roles(people: list[Located]) -> list[Located]:
    """Each cited role of each person, as a record of its own (for the quote and date_text
    checks): its id the person's, its lines found under the person's `roles`."""
    found: list[Located] = []
    for item in people:
        roles = item.get("roles")
        for index, role in enumerate(roles if isinstance(roles, list) else []):
            if not isinstance(role, dict):
                if item.record is None:
                    continue  # a role written as something else: the schema check says so
                role = role.model_dump()
            values = {**role, "id": _text_field(item, "id")}
            found.append(_RoleView(None, item.file, item.line_of("roles", index), values))
    return found


class _RoleView(Located):
    """A role as `_quotes` and `_date_texts` see it: a record whose fields are the role's."""

    __slots__ = ()


def check_people(store: Store) -> Iterator[Problem]:
    """Each person's country is a registered actor; each role cites known sources; a native
    name quotes the page it comes from (an actor's, taken from CLDR, need not)."""
    codes = {_text_field(item, "code") for item in _every(store, "actors.yaml")}
    names = ActorNames(item.record for item in store.actors)
    source_ids = {_text_field(item, "id") for item in _every(store, "sources.yaml")}
    for item in _every(store, "people.yaml"):
        person_id = _text_field(item, "id")
        country = _text_field(item, "country")
        if country is not None and country not in codes:
            yield Problem(
                item.file,
                item.line_of("country"),
                f"unknown actor '{country}' as country",
                person_id,
                names.suggestion(country) or "give an actor code from actors.yaml",
            )
        natives = item.get("native_names")
        for index, native in enumerate(natives if isinstance(natives, list) else []):
            if isinstance(native, dict):
                quote = native.get("quote")
            elif item.record is not None:
                quote = native.quote
            else:
                continue  # not a mapping: the schema check says so
            if quote is None:
                yield Problem(
                    item.file,
                    item.line_of("native_names", index),
                    "a person's native name needs the `quote` of the page that gives it",
                    person_id,
                    "add the few words of its source that give the name",
                )
        for role in _roles([item]):
            for index, source, _ in _citations(role):
                if isinstance(source, str) and source not in source_ids:
                    yield Problem(
                        role.file,
                        role.line,
                        f"role cites unknown source '{source}' (citation {index + 1})",
                        person_id,
                        "add it to sources.yaml or fix the id",
                    )


def _person_clashes(store: Store, records: list[Located]) -> Iterator[Problem]:
    """A person's id names no actor and no record, and no name of a person stands for
    another person: `axis show NAME` and `--person NAME` must each mean one thing."""
    actor_names = ActorNames(item.record for item in store.actors)
    record_ids = {_text_field(item, "id") for item in records}
    for item in store.people:
        person = item.record
        if person.id in record_ids:
            yield Problem(
                item.file,
                item.line_of("id"),
                f"person id '{person.id}' is also the id of a record",
                person.id,
                "give the person another id",
            )
        if (code := actor_names.find(person.id)) is not None:
            yield Problem(
                item.file,
                item.line_of("id"),
                f"person id '{person.id}' is also a name of actor {code}",
                person.id,
                "give the person another id",
            )
    yield from _names_owned_once(
        (
            (
                item,
                item.record.id,
                (
                    item.record.id,
                    item.record.name,
                    *item.record.aliases,
                    *native_names(item.record),
                ),
            )
            for item in store.people
        ),
        "person {}",
        "a name must name one person; leave an ambiguous one out",
    )


def check_references(store: Store, records: Iterable[Located]) -> Iterator[Problem]:
    """The actors, people and sources `records` name, each against `store`'s registries, and
    what an assessment must hold on its own (`_assessment_rules`)."""
    codes = {_text_field(item, "code") for item in _every(store, "actors.yaml")}
    names = ActorNames(item.record for item in store.actors)
    source_ids = {_text_field(item, "id") for item in _every(store, "sources.yaml")}
    person_ids = {_text_field(item, "id") for item in _every(store, "people.yaml")}
    people = PersonNames(item.record for item in store.people)
    for item in records:
        record_id = _text_field(item, "id")
        yield from _people_named(item, person_ids, people)
        if item.get("statement") is not None:
            yield from _assessment_rules(item, names)
        actors = item.get("actors")
        for index, code in enumerate(actors if isinstance(actors, list) else []):
            if isinstance(code, str) and code not in codes:
                yield Problem(
                    item.file,
                    item.line_of("actors", index),
                    f"unknown actor '{code}'",
                    record_id,
                    names.suggestion(code) or "add it to actors.yaml",
                )
        for index, source, _ in _citations(item):
            if isinstance(source, str) and source not in source_ids:
                yield Problem(
                    item.file,
                    item.line_of("citations", index, "source"),
                    f"unknown source '{source}'",
                    record_id,
                    "add it to sources.yaml or fix the id",
                )


def _people_named(
    item: Located, person_ids: set[str | None], people: PersonNames
) -> Iterator[Problem]:
    named = item.get("people")
    for index, person in enumerate(named if isinstance(named, list) else []):
        if isinstance(person, str) and person not in person_ids:
            found = people.find(person)
            hint = f"give the person's id, {found}" if found else "add them to people.yaml"
            if not found and (close := suggest(person, [p for p in person_ids if p], limit=1)):
                hint = f"did you mean {close[0]}?"
            yield Problem(
                item.file,
                item.line_of("people", index),
                f"unknown person '{person}'",
                _text_field(item, "id"),
                hint,
            )


def _assessment_rules(item: Located, names: ActorNames) -> Iterator[Problem]:
    """An assessment's subject and dyad name registered actors (by code or any name), its dyad
    two different ones, and its likelihood word stands in one of its quotes."""
    record_id = _text_field(item, "id")
    for key in ("subject", "dyad"):
        named = item.get(key)
        for index, name in enumerate(named if isinstance(named, list) else []):
            if isinstance(name, str) and names.find(name) is None:
                yield Problem(
                    item.file,
                    item.line_of(key, index),
                    f"{key}: unknown actor '{name}'",
                    record_id,
                    names.suggestion(name) or "add it to actors.yaml",
                )
    dyad = item.get("dyad")
    if isinstance(dyad, list) and len(dyad) == 2 and all(isinstance(n, str) for n in dyad):
        first, second = (names.find(name) or name for name in dyad)
        if first == second:
            yield Problem(
                item.file,
                item.line_of("dyad"),
                f"dyad names {first} twice; a relationship has two different sides",
                record_id,
                "name the other actor, or leave dyad out",
            )
    likelihood = _text_field(item, "likelihood")
    if likelihood is not None:
        quotes = [quote for _, _, quote in _citations(item) if isinstance(quote, str)]
        if not any(_caseless(likelihood) in _caseless(quote) for quote in quotes):
            yield Problem(
                item.file,
                item.line_of("likelihood"),
                f"likelihood '{likelihood}' is in none of the record's quotes",
                record_id,
                "give the estimative word as the quote writes it, or leave likelihood out",
            )


ASSESSMENT_LINKS = ("rests_on", "disputes")


def check_assessment_links(records: Sequence[Located]) -> Iterator[Problem]:
    """An assessment `rests_on` events and figures that exist, and `disputes` other
    assessments."""
    kinds: dict[str, str] = {}
    for item in records:
        record_id = _text_field(item, "id")
        if record_id is not None:
            kinds.setdefault(record_id, _record_kind(item))
    for item in records:
        if _record_kind(item) != "assessment":
            continue
        own = _text_field(item, "id")
        for key, wanted in (("rests_on", ("event", "figure")), ("disputes", ("assessment",))):
            for index, other in _related_ids(item, key):
                where: tuple[str | int, ...] = (key,) if index is None else (key, index)
                if other == own:
                    yield Problem(
                        item.file,
                        item.line_of(*where),
                        f"{key} names the assessment itself",
                        own,
                        "name another record, or remove it",
                    )
                    continue
                kind = kinds.get(other)
                if kind in wanted:
                    continue
                candidates = [i for i, k in kinds.items() if k in wanted]
                close = suggest(other, candidates, limit=1)
                what = " or ".join(f"{w}s" for w in wanted)
                article = "a" if kind == "figure" else "an"
                hint = f"it is {article} {kind}; {key} names {what}"
                if kind is None:
                    hint = (
                        f"did you mean {close[0]}?"
                        if close
                        else f"give the id of one of the {what}"
                    )
                yield Problem(
                    item.file,
                    item.line_of(*where),
                    f"{key}: no {' or '.join(wanted)} '{other}'",
                    own,
                    hint,
                )


def _record_kind(item: Located) -> str:
    if item.get("statement") is not None:
        return "assessment"
    return "figure" if item.get("metric") is not None else "event"


def _source_texts(store: Store, texts_dir: Path) -> tuple[dict[str, str | None], list[Problem]]:
    """Each source's text (None where it has no `text_file`), and a problem per text missing,
    unreadable or outside `texts_dir`: a text file must resolve inside the folder (symlinks
    followed), so a store cannot have axis read, say, /etc/passwd."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for item in store.sources:
        source = item.record
        texts[source.id] = None
        if source.text_file:
            read = _read_text(texts_dir, source.text_file)
            if isinstance(read, str):
                texts[source.id] = read
                continue
            message, hint = read
            problems.append(Problem(item.file, item.line_of("text_file"), message, source.id, hint))
    return texts, problems


def _read_text(texts_dir: Path, name: str) -> str | tuple[str, str]:
    """The text of the file `name` inside `texts_dir`, or what is wrong and how to fix it."""
    try:
        folder = texts_dir.resolve()
        path = (folder / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        path = None
    if path is None or not path.is_relative_to(folder):
        return (
            f"text_file '{name}' must name a file inside the texts folder {texts_dir}",
            "give a name relative to that folder, with no '..', and no symlink out of it",
        )
    if not path.is_file():
        return (f"text '{name}' is not in {texts_dir}", "check the folder or the name")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return (f"text '{name}' is not UTF-8", "save it as UTF-8")
    except OSError as error:
        return (f"cannot read text '{name}': {error.strerror or error}", "check its permissions")


def check_quotes(store: Store, records: list[Located], texts_dir: Path) -> Iterator[Problem]:
    """Each quote must stand, character for character, in the text of the source it cites.

    Quotes of sources with no `text_file` cannot be checked; `unchecked_quotes` counts them.
    """
    texts, missing = _source_texts(store, texts_dir)
    yield from missing
    yield from _quotes(records, texts)


def _quotes(records: list[Located], texts: dict[str, str | None]) -> Iterator[Problem]:
    for item in records:
        for index, source, quote in _citations(item):
            text = texts.get(source) if isinstance(source, str) else None
            if text is None or not isinstance(quote, str) or quote in text:
                continue
            hint = "copy it from the text again"
            if _loosely(quote) in _loosely(text):
                hint = "it differs only in quotes, dashes, hyphens or spaces; copy them exactly"
            yield Problem(
                item.file,
                item.line_of("citations", index, "quote"),
                f"quote not found verbatim in {source}",
                _text_field(item, "id"),
                hint,
            )


def _date_texts(
    records: list[Located], texts: dict[str, str | None], key: str = "date_text"
) -> Iterator[Problem]:
    """A record's `date_text` (or an assessment's `horizon_text`) must be the text's own words:
    it must stand in the text of one of the sources it cites, letter case and runs of spaces
    aside ("By early 2025" opens a sentence where the record says "by early 2025"). Sources
    with no text are not checked."""
    for item in records:
        date_text = _text_field(item, key)
        if date_text is None:
            continue
        cited = [source for _, source, _ in _citations(item)]
        sources = [s for s in dict.fromkeys(cited) if isinstance(s, str) and texts.get(s)]
        found = [texts[s] or "" for s in sources]
        if not sources or any(_caseless(date_text) in _caseless(text) for text in found):
            continue
        hint = f"write the text's own words, or leave {key} out"
        if any(_loosely(date_text).casefold() in _loosely(text).casefold() for text in found):
            hint = "it differs only in quotes, dashes, hyphens or spaces; copy them exactly"
        yield Problem(
            item.file,
            item.line if isinstance(item, _RoleView) else item.line_of(key),
            f"{key} '{date_text}' is not in the text of {' or '.join(sources)}",
            _text_field(item, "id"),
            hint,
        )


def _caseless(text: str) -> str:
    return " ".join(text.casefold().split())


def _unused_actors(store: Store, records: list[Located]) -> Iterator[Problem]:
    """Every registered actor is used by some event, figure or assessment (as its subject or
    a side of its dyad), or leaves the registry."""
    names = ActorNames(item.record for item in store.actors)
    used = {
        names.find(code) or code
        for item in records
        for key in ("actors", "subject", "dyad")
        if isinstance(actors := item.get(key), list)
        for code in actors
        if isinstance(code, str)
    }
    for item in _every(store, "actors.yaml"):
        code = _text_field(item, "code")
        if code is not None and code not in used:
            yield Problem(
                item.file,
                item.line,
                f"actor {code} is used by no record",
                code,
                "remove it from actors.yaml or add the records that involve it",
            )


RELATIONS = ("equivalent_to", "updates", "disputes")


def _related_ids(item: Located, key: str) -> list[tuple[int | None, str]]:
    """The ids a figure names under `key`, each with its place in the list (None: not a list)."""
    named = item.get(key)
    if isinstance(named, str):
        return [(None, named)]
    if isinstance(named, list):
        return [(index, other) for index, other in enumerate(named) if isinstance(other, str)]
    return []


def _span(item: Located) -> DateSpan | None:
    date = _text_field(item, "date")
    try:
        return parse_edtf(date) if date is not None else None
    except ValueError:
        return None  # reported by the schema check


def check_relations(
    figures: Sequence[Located], events: Sequence[Located] = ()
) -> Iterator[Problem]:
    """Relations between figures name other figures that exist. `updates` and `disputes` name
    a figure of the same metric (the one an update replaces is dated no later); a figure is
    never related to itself; `equivalent_to` is declared on one side only (read both ways),
    and no chain of updates runs in a loop."""
    by_id: dict[str, Located] = {}
    for item in figures:
        by_id.setdefault(_text_field(item, "id") or "", item)
    event_ids = {_text_field(item, "id") for item in events}
    # Where a relation is written, as a path for `line_of`: a field's line is only looked up
    # for a problem, since finding it means composing the record's YAML again.
    declared: dict[tuple[str, str], tuple[Located, tuple[str | int, ...]]] = {}
    for item in figures:
        own = _text_field(item, "id")
        for key in RELATIONS:
            for index, other in _related_ids(item, key):
                where: tuple[str | int, ...] = (key,) if index is None else (key, index)
                if other == own:
                    yield Problem(
                        item.file,
                        item.line_of(*where),
                        f"{key} names the figure itself",
                        own,
                        "name another figure, or remove it",
                    )
                elif other not in by_id:
                    yield _unknown_figure(item, key, other, where, by_id, other in event_ids)
                elif key == "equivalent_to":
                    if own is not None:
                        declared[(own, other)] = (item, where)
                else:
                    yield from _same_quantity(item, by_id[other], key, other, where)
    for (own, other), (item, where) in declared.items():
        if (other, own) in declared and own < other:
            yield Problem(
                item.file,
                item.line_of(*where),
                f"'{own}' and '{other}' name each other in equivalent_to",
                own,
                "declare it once, on the figure that restates the other",
            )
    yield from _update_loops(figures, by_id)


def _unknown_figure(
    item: Located,
    key: str,
    other: str,
    where: tuple[str | int, ...],
    by_id: dict[str, Located],
    is_event: bool,
) -> Problem:
    close = suggest(other, [name for name in by_id if name], limit=1)
    if is_event:
        hint = "it is an event; relations name figures"
    else:
        hint = f"did you mean {close[0]}?" if close else "give the id of a figure"
    line = item.line_of(*where)
    return Problem(item.file, line, f"{key}: no figure '{other}'", _text_field(item, "id"), hint)


def _same_quantity(
    item: Located, other: Located, key: str, other_id: str, where: tuple[str | int, ...]
) -> Iterator[Problem]:
    own_id = _text_field(item, "id")
    metric, other_metric = _text_field(item, "metric"), _text_field(other, "metric")
    if metric is not None and other_metric is not None and metric != other_metric:
        yield Problem(
            item.file,
            item.line_of(*where),
            f"{key} '{other_id}', a figure of metric '{other_metric}', not '{metric}'",
            own_id,
            "an update or a dispute is about the same metric; fix the id or the metric",
        )
        return
    if key != "updates":
        return
    own_span, other_span = _span(item), _span(other)
    if own_span and other_span and other_span.anchor[0] > own_span.anchor[0]:
        yield Problem(
            item.file,
            item.line_of(*where),
            f"updates '{other_id}', which is dated later ({_text_field(other, 'date')})",
            own_id,
            "an update names the earlier count it replaces",
        )


def _update_loops(figures: Sequence[Located], by_id: dict[str, Located]) -> Iterator[Problem]:
    reported: set[str] = set()
    for item in figures:
        own = _text_field(item, "id")
        chain = [own]
        current: Located | None = item
        while current is not None:
            earlier = _text_field(current, "updates")
            if earlier is None or earlier == chain[-1] or earlier not in by_id:
                break
            if earlier in chain:
                loop = chain[chain.index(earlier) :]
                if own == earlier and not reported & set(loop):
                    reported.update(str(name) for name in loop)
                    yield Problem(
                        item.file,
                        item.line_of("updates"),
                        f"updates run in a loop: {' → '.join(map(str, [*loop, earlier]))}",
                        own,
                        "an update names an earlier count; break the loop",
                    )
                break
            chain.append(earlier)
            current = by_id[earlier]


def unchecked_quotes(store: Store) -> int:
    """How many citations cite a source that has no text to check them against."""
    with_text = {item.record.id for item in store.sources if item.record.text_file}
    records = [*store.events, *store.figures, *store.assessments]
    cited = [c for item in records for c in item.record.citations]
    cited += [c for item in store.people for role in item.record.roles for c in role.citations]
    return sum(c.source not in with_text for c in cited)


def _loosely(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).split())
