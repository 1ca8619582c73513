"""Questions answered from a compiled index: the same answers as `query` and `match` give
over the models, read with SQL, so a query costs what it returns, not what the store holds.

Rows come back as the JSON contract's dicts (`render.rows`), or as `--json` list items ready
to print; models are built only for what needs them (`records`, `catalog`).
"""

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from axiscli.errors import NotFoundError
from axiscli.match import COLUMNS, rank_search, tag_keys, text_filters
from axiscli.names import ActorNames, PersonNames, suggest
from axiscli.textindex import TextIndex

if TYPE_CHECKING:
    from axiscli.catalog import Catalog
    from axiscli.model import Actor, Assessment, Event, Figure, Individual, Source
    from axiscli.query import Query

Kind = Literal["event", "figure", "assessment"]
_KIND_RANK = "(CASE kind WHEN 'event' THEN 0 WHEN 'figure' THEN 1 ELSE 2 END)"
# The order the store lists records in: events, then figures, then assessments, file by file.
_STORE_ORDER = f"{_KIND_RANK}, (SELECT rank FROM files WHERE path = file), line"
_ORDER = {
    "date": "sort_key",
    "metric": "metric, sort_key",
    "value": "amount, sort_key",
    "store": _STORE_ORDER,
}


@dataclass(frozen=True)
class _Actor:
    code: str
    name: str
    aliases: Sequence[str]
    native_names: Sequence[Any] = ()


@dataclass(frozen=True)
class _Person:
    id: str
    name: str
    aliases: Sequence[str]
    native_names: Sequence[Any] = ()


class CompiledStore:
    """A checked store compiled into SQLite (see `index.schema`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "CompiledStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the registries and vocabularies questions are checked against ------------------

    @cached_property
    def names(self) -> ActorNames:
        bodies = self.db.execute("SELECT body FROM actors ORDER BY position")
        actors = [json.loads(body) for (body,) in bodies]
        return ActorNames(
            _Actor(a["code"], a["name"], a["aliases"], a.get("native_names") or ()) for a in actors
        )

    @cached_property
    def person_names(self) -> PersonNames:
        bodies = self.db.execute("SELECT body FROM people ORDER BY position")
        people = [json.loads(body) for (body,) in bodies]
        return PersonNames(
            _Person(p["id"], p["name"], p["aliases"], p.get("native_names") or ()) for p in people
        )

    def known_tags(self) -> set[str]:
        return {tag for (tag,) in self.db.execute("SELECT DISTINCT tag FROM record_tags")}

    def known_holders(self) -> list[str]:
        """Every assessment's holder as written, in store order, once each."""
        found = self.db.execute(
            "SELECT records.row FROM assessments JOIN records ON record = records.rowid "
            f"ORDER BY {_STORE_ORDER}"
        )
        return list(dict.fromkeys(json.loads(row)["holder"] for (row,) in found))

    def known_sources(self) -> set[str]:
        return {source for (source,) in self.db.execute("SELECT id FROM sources")}

    def known_units(self) -> set[str]:
        found = self.db.execute("SELECT DISTINCT unit FROM records WHERE unit IS NOT NULL")
        return {unit for (unit,) in found}

    def metrics(self) -> list[str]:
        found = self.db.execute("SELECT DISTINCT metric FROM records WHERE metric IS NOT NULL")
        return [metric for (metric,) in found]

    # --- listings -------------------------------------------------------------------------

    def select(self, query: "Query", kind: Kind, order: str = "date") -> list[int]:
        """The numbers of the `kind` records passing `query`, in `order` (`query.by_date`,
        `query.sort_figures`' metric or value order, or `store`: as the store lists them)."""
        where, params = self._where(query, kind)
        found = self.db.execute(
            f"SELECT rowid FROM records WHERE {where} ORDER BY {_ORDER[order]}", params
        )
        return [number for (number,) in found]

    def count(self, query: "Query", kind: Kind) -> int:
        where, params = self._where(query, kind)
        (found,) = self.db.execute(f"SELECT count(*) FROM records WHERE {where}", params)
        return int(found[0])

    def imprecise_extra(self, query: "Query", kind: Kind) -> int:
        """How many more records `overlap` would add to this query's window."""
        if query.overlap or not query.has_window:
            return 0
        return self.count(replace(query, overlap=True), kind) - self.count(query, kind)

    def trim(
        self, numbers: Sequence[int], *, reverse: bool = False, limit: int | None = None
    ) -> list[int]:
        """`query.trim` over record numbers: newest first keeps undated records last."""
        ordered = list(numbers)
        if reverse:
            dated = self._dated(ordered)
            ordered = [n for n in ordered if n in dated][::-1] + [
                n for n in ordered if n not in dated
            ]
        return ordered[:limit] if limit is not None else ordered

    def _where(self, query: "Query", kind: Kind) -> tuple[str, list[Any]]:
        clauses = ["kind = ?"]
        params: list[Any] = [kind]
        # A window closed at both ends holds few records next to what an actor, a source or a
        # tag may have: those are checked record by record in it. Otherwise the records linked
        # to them are listed once, which is faster than a check each when the scan is long.
        closed = query.since is not None and query.until is not None and not query.overlap

        def within(table: str, column: str, values: Sequence[str]) -> None:
            marks = ", ".join("?" for _ in values)
            if closed:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM {table} "
                    f"WHERE {column} IN ({marks}) AND record = records.rowid)"
                )
            else:
                clauses.append(f"rowid IN (SELECT record FROM {table} WHERE {column} IN ({marks}))")
            params.extend(values)

        if query.actors:
            groups = [query.actors] if query.any_actor else [[actor] for actor in query.actors]
            for group in groups:
                within("record_actors", "actor", group)
        if query.people:
            groups = [query.people] if query.any_actor else [[person] for person in query.people]
            for group in groups:
                within("record_people", "person", group)
        if query.kinds or query.holders or query.likelihood is not None:
            from axiscli.query import holder_key

            judged: list[str] = []
            if query.kinds:
                judged.append(f"kind IN ({', '.join('?' for _ in query.kinds)})")
                params.extend(query.kinds)
            if query.holders:
                keys = [holder_key(name) for name in query.holders if holder_key(name).strip()]
                judged.append("(" + " OR ".join("instr(holder, ?) > 0" for _ in keys) + ")")
                params.extend(keys)
            if query.likelihood is not None:
                judged.append("level BETWEEN ? AND ?")
                params.extend(query.likelihood)
            clauses.append(
                f"rowid IN (SELECT record FROM assessments WHERE {' AND '.join(judged)})"
            )
        if query.has_window:
            since = (query.since or date.min).isoformat()
            until = (query.until or date.max).isoformat()
            if query.overlap:
                clauses.append(
                    "dated AND coalesce(span_start, '0001-01-01') <= ? "
                    "AND ? <= coalesce(span_end, '9999-12-31')"
                )
                params += [until, since]
            else:
                # An anchor ends no earlier than it starts: bounding its start as well lets the
                # index on it read the window alone.
                clauses.append(
                    "dated AND anchor_start >= ? AND anchor_end <= ? AND anchor_start <= ?"
                )
                params += [since, until, until]
        for column, values in (("domain", query.domains), ("unit", query.units)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if query.sources:
            within("record_sources", "source", query.sources)
        if query.tags:
            within("record_tags", "stem", [key for key in tag_keys(query.tags) if key])
        metrics = self.metrics() if query.term and kind != "assessment" else ()
        named, expressions = text_filters(query, metrics)
        if named:
            clauses.append(f"metric IN ({', '.join('?' for _ in named)})")
            params.extend(sorted(named))
        for expression in expressions:
            clauses.append("rowid IN (SELECT rowid FROM texts WHERE texts MATCH ?)")
            params.append(expression)
        return " AND ".join(clauses), params

    # --- records ----------------------------------------------------------------------------

    def search(self, text: str) -> list[int]:
        """`match.search` over the whole store: record numbers, best match first. Where `text`
        is a name of an actor or a person, in any script (КНДР, 김정은), the records linked to
        them follow the records whose text holds it, newest first."""
        found = [number for _, number in rank_search(self._texts, text, self._newest_first)]
        linked: list[int] = []
        if (code := self.names.find(text)) is not None:
            linked += self._linked("record_actors", "actor", code)
        if (person := self.person_names.find(text)) is not None:
            linked += self._linked("record_people", "person", person)
        seen = set(found)
        return found + [n for n in self._newest_first(dict.fromkeys(linked)) if n not in seen]

    def _linked(self, table: str, column: str, value: str) -> list[int]:
        found = self.db.execute(f"SELECT record FROM {table} WHERE {column} = ?", (value,))
        return [number for (number,) in found]

    @cached_property
    def _texts(self) -> TextIndex:
        return TextIndex(self.db, COLUMNS)

    def _newest_first(self, numbers: Sequence[int] | Any) -> list[int]:
        """Record numbers by date, newest first; undated ones after them, in store order."""
        found = self._fetch(
            f"SELECT rowid, dated, sort_key, {_KIND_RANK}, "
            "(SELECT rank FROM files WHERE path = file), line FROM records",
            list(numbers),
        )
        dated = sorted((row for row in found if row[1]), key=lambda row: row[2], reverse=True)
        undated = sorted((row for row in found if not row[1]), key=lambda row: row[3:])
        return [row[0] for row in (*dated, *undated)]

    def _dated(self, numbers: Sequence[int]) -> set[int]:
        found = self._fetch("SELECT rowid, dated FROM records", numbers)
        return {number for number, dated in found if dated}

    def _fetch(self, select: str, numbers: Sequence[int]) -> list[tuple[Any, ...]]:
        """`select` (from records) for the given record numbers, in batches SQLite accepts."""
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(numbers), 500):
            batch = numbers[start : start + 500]
            marks = ", ".join("?" for _ in batch)
            found += self.db.execute(f"{select} WHERE rowid IN ({marks})", batch).fetchall()
        return found

    def number(self, record_id: str) -> int:
        """The number of the event, figure or assessment `record_id`; NotFoundError naming
        close ones."""
        found = self.db.execute("SELECT rowid FROM records WHERE id = ?", (record_id,)).fetchone()
        if found:
            return int(found[0])
        ids = [each for (each,) in self.db.execute("SELECT id FROM records")]
        close = suggest(record_id, ids, limit=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no event, figure or assessment with id '{record_id}'{hint}")

    def source_bodies(self) -> dict[str, dict[str, Any]]:
        """Every source's fields, by id, in store order."""
        found = self.db.execute("SELECT id, body FROM sources ORDER BY position")
        return {source_id: json.loads(body) for source_id, body in found}

    def source_rows(self) -> list[dict[str, Any]]:
        """`render.rows.source_dict` of every source, in store order."""
        found = self.db.execute("SELECT id FROM sources ORDER BY position")
        return [row for (source_id,) in found if (row := self.source_row(source_id))]

    def actor_rows(self) -> list[dict[str, Any]]:
        """`render.rows.actor_dict` of every actor, in store order."""
        found = self.db.execute(
            "SELECT body, "
            "(SELECT count(*) FROM record_actors JOIN records ON record = records.rowid "
            "  WHERE actor = code AND kind = 'event'), "
            "(SELECT count(*) FROM record_actors JOIN records ON record = records.rowid "
            "  WHERE actor = code AND kind = 'figure'), "
            "(SELECT count(*) FROM record_actors JOIN records ON record = records.rowid "
            "  WHERE actor = code AND kind = 'assessment') "
            "FROM actors ORDER BY position"
        )
        return [
            {**json.loads(body), "events": e, "figures": f, "assessments": a}
            for body, e, f, a in found
        ]

    def person_rows(self) -> list[dict[str, Any]]:
        """`render.rows.person_dict` of every person, in store order."""
        found = self.db.execute(
            "SELECT body, "
            "(SELECT count(*) FROM record_people JOIN records ON record = records.rowid "
            "  WHERE person = people.id AND kind = 'event'), "
            "(SELECT count(*) FROM record_people JOIN records ON record = records.rowid "
            "  WHERE person = people.id AND kind = 'assessment') "
            "FROM people ORDER BY position"
        )
        return [
            {**json.loads(body), "events": events, "assessments": judged}
            for body, events, judged in found
        ]

    def dispute_pairs(self) -> list[dict[str, Any]]:
        """Every pair of records the store marks as disputing (a figure's or an assessment's
        `disputes`; a pair declared on both sides once, from the first), in store order:
        `{"type", "record", "disputed"}`, each side its `render.rows.record_dict` (`disputed`
        null if it is not in the store)."""
        found = self.db.execute(
            "SELECT records.rowid, records.kind, target FROM relations "
            "JOIN records ON record = records.rowid "
            f"WHERE relation = 'disputed by' ORDER BY {_STORE_ORDER}"
        ).fetchall()
        pairs = []
        seen: set[frozenset[int]] = set()
        for number, kind, target in found:
            other = self.db.execute("SELECT rowid FROM records WHERE id = ?", (target,)).fetchone()
            # Two records that each name the other as disputing are one pair, listed once.
            if other and (pair := frozenset((number, other[0]))) in seen:
                continue
            if other:
                seen.add(pair)
            pairs.append(
                {
                    "type": kind,
                    "record": self.record_row(number),
                    "disputed": self.record_row(other[0]) if other else None,
                }
            )
        return pairs

    def person_profile(self, person_id: str) -> dict[str, Any]:
        """A person as `axis show PERSON` prints them: the registry's fields, and the events
        and assessments naming them (`id`, `when` and title; `id`, `kind`, `holder`,
        statement)."""
        (body,) = self.db.execute("SELECT body FROM people WHERE id = ?", (person_id,)).fetchone()
        events = self.rows(self.linked("event", person=person_id))
        judged = self.rows(self.linked("assessment", person=person_id))
        return {
            **json.loads(body),
            "events": [{key: row[key] for key in ("id", "when", "title")} for row in events],
            "assessments": [judgement_summary(row) for row in judged],
        }

    def actor_assessments(self, code: str) -> list[dict[str, Any]]:
        """The assessments about an actor (its subject, or a side of its dyad), in store
        order, each as `judgement_summary`."""
        return [judgement_summary(row) for row in self.rows(self.linked("assessment", actor=code))]

    def linked(
        self, kind: Kind, *, actor: str | None = None, person: str | None = None
    ) -> list[int]:
        """The numbers of the `kind` records linked to an actor (code) or a person (id), in
        store order."""
        table, column, value = (
            ("record_actors", "actor", actor)
            if actor is not None
            else ("record_people", "person", person)
        )
        order = _ORDER["store" if kind == "assessment" else "date"]
        found = self.db.execute(
            f"SELECT rowid FROM records WHERE kind = ? AND rowid IN "
            f"(SELECT record FROM {table} WHERE {column} = ?) ORDER BY {order}",
            (kind, value),
        )
        return [number for (number,) in found]

    def source_row(self, source_id: str) -> dict[str, Any] | None:
        """`render.rows.source_dict`: a source with how many records and citations rest on it;
        None when there is no such source."""
        found = self.db.execute("SELECT body FROM sources WHERE id = ?", (source_id,)).fetchone()
        if found is None:
            return None
        values: dict[str, Any] = json.loads(found[0])
        (records, citations) = self.db.execute(
            "SELECT count(*), coalesce(sum(citations), 0) FROM record_sources WHERE source = ?",
            (source_id,),
        ).fetchone()
        return {**values, "records": records, "citations": citations}

    def record_row(self, number: int) -> dict[str, Any]:
        """`render.rows.record_dict` of one record."""
        (found,) = self._fetch("SELECT row FROM records", [number])
        row: dict[str, Any] = json.loads(found[0])
        return row

    def items(self, numbers: Sequence[int]) -> Iterator[str]:
        """Each record's JSON object, as `--json` prints it inside a list, in the order given."""
        for start in range(0, len(numbers), 500):
            batch = numbers[start : start + 500]
            rows = dict(self._fetch("SELECT rowid, row FROM records", batch))
            yield from (rows[number] for number in batch)

    def rows(self, numbers: Sequence[int]) -> list[dict[str, Any]]:
        """`render.rows.flat_dict` of each record, in the order given."""
        from axiscli.render.rows import flatten

        found = {
            number: flatten(json.loads(row), when_text)
            for number, row, when_text in self._fetch(
                "SELECT rowid, row, when_text FROM records", numbers
            )
        }
        return [found[number] for number in numbers]

    def detail(self, number: int) -> dict[str, Any]:
        """`render.rows.detail_dict`: the flat row, with a figure's reverse relations."""
        from axiscli.render.rows import with_reverse_relations

        (row,) = self.rows([number])
        if row["type"] != "figure":
            return row
        found = self.db.execute(
            "SELECT relation, records.id FROM relations JOIN records ON record = records.rowid "
            f"WHERE target = ? AND kind = 'figure' ORDER BY {_STORE_ORDER}",
            (row["id"],),
        )
        reverse: dict[str, list[str]] = {"updated by": [], "equivalent of": [], "disputed by": []}
        for relation, other in found:
            reverse[relation].append(other)
        return with_reverse_relations(row, reverse)

    def records(self, numbers: Sequence[int]) -> "list[Event | Figure | Assessment]":
        """The records as models, in the order given."""
        return [_model(row) for row in self.rows(numbers)]

    def figures(self, numbers: Sequence[int]) -> "list[Figure]":
        """The figures among these records, as models, in the order given."""
        from axiscli.model import Figure

        return [record for record in self.records(numbers) if isinstance(record, Figure)]

    def assessments(self, numbers: Sequence[int]) -> "list[Assessment]":
        """The assessments among these records, as models, in the order given."""
        from axiscli.model import Assessment

        return [record for record in self.records(numbers) if isinstance(record, Assessment)]

    def catalog(self) -> "Catalog":
        """The whole store as a Catalog of models (for commands that need every record)."""
        from axiscli.catalog import Catalog

        in_order = self.db.execute(f"SELECT rowid FROM records ORDER BY {_STORE_ORDER}")
        numbers = [number for (number,) in in_order]
        return Catalog.from_records(
            self.sources(), self.actors(), self.records(numbers), people=self.people()
        )

    def people(self) -> "list[Individual]":
        """The registered people as models, in the order of the store's files."""
        from axiscli.model import Individual

        return [Individual.model_validate(json.loads(body)) for (body,) in self._bodies("people")]

    def sources(self) -> "list[Source]":
        """The registered sources as models, in the order of the store's files."""
        from axiscli.model import Source

        return [Source.model_validate(json.loads(body)) for (body,) in self._bodies("sources")]

    def actors(self) -> "list[Actor]":
        """The registered actors as models, in the order of the store's files."""
        from axiscli.model import Actor

        return [Actor.model_validate(json.loads(body)) for (body,) in self._bodies("actors")]

    def _bodies(self, table: str) -> list[tuple[str]]:
        return self.db.execute(f"SELECT body FROM {table} ORDER BY position").fetchall()


def judgement_summary(row: dict[str, Any]) -> dict[str, Any]:
    """An assessment as profiles list it: id, kind, holder, likelihood, when, statement."""
    keys = ("id", "kind", "holder", "likelihood", "when", "statement")
    return {key: row[key] for key in keys}


def _model(row: dict[str, Any]) -> "Event | Figure | Assessment":
    """A model from its JSON row: the row holds every field, and more."""
    from axiscli.model import Assessment, Event, Figure

    models: dict[str, type[Event | Figure | Assessment]] = {
        "event": Event,
        "figure": Figure,
        "assessment": Assessment,
    }
    model = models[row["type"]]
    values = {name: row[name] for name in model.model_fields if row.get(name) is not None}
    values["citations"] = [
        {key: citation[key] for key in ("source", "quote", "claimant") if citation[key] is not None}
        for citation in row["citations"]
    ]
    return model.model_validate(values)
