"""Write a synthetic axis store of any size, in the real layout, that passes `axis check`.

    python benchmarks/generate.py --events 100000 --figures 100000 --out /tmp/store100k \
        [--shards 100] [--seed 1] [--json /tmp/store100k.json]

The records read like the bundled store's: titles and summaries built from a vocabulary, one to
three citations with quotes and claimants, every kind of date the EDTF subset allows (day,
month, year, `~`/`?`/`%`, `A/B`, `X/..`, `../X`) and undated records with a `date_note`, every
domain, unit and qualifier, vague magnitudes with bounds, and relations between figures that
`axis check` accepts. Actors are given by code (the store's records must use codes; aliases are
for what users type). The bundled sources and actors registries are copied as they are.

The same seed always writes the same bytes. With `--shards K`, events go to `events/NNN.yaml`
and figures to `figures/NNN.yaml`, K files each. With `--json FILE`, the same records go to one
JSON document `{"events": [...], "figures": [...]}`, each record with its derived `start`/`end`
(the days its date can mean; null where open) and `anchor_start`/`anchor_end` (the days its text
names, which `--since`/`--until` go by), so that jq can run the same filters as axis.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO, TypeVar

import yaml
from vocabulary import (
    ACTOR_WEIGHTS,
    ADJECTIVES,
    CLAIMANTS,
    CONTEXT,
    DATE_KINDS,
    FIGURE_DATE_KINDS,
    GOODS,
    MAGNITUDES,
    MONTHS,
    PERCENT_MAGNITUDES,
    PLACES,
    PROPER,
    QUALIFIER_WEIGHTS,
    QUANTITIES,
    QUANTITY_DOMAINS,
    QUOTES,
    SPOKEN_NAMES,
    SUBJECT_ACTORS,
    TAGS,
    TITLES,
    TOPICS,
    UNDATED_NOTES,
    VERBS,
)

from axiscli.dates import parse_edtf
from axiscli.model import DOMAINS, QUALIFIERS

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
REGISTRIES = ("sources.yaml", "actors.yaml")

# What the benchmark asks of every generated store: a rare place (search), a rare metric
# (figure) and the middle event (show), each answer a small share of the store.
SEARCH_WORD = "Chongjin"
PROBE_METRIC = "munitions.dprk-to-russia.drones"


def _weighted(choices: dict[str, int]) -> tuple[list[str], list[int]]:
    return list(choices), list(itertools.accumulate(choices.values()))


# --- Records ------------------------------------------------------------------------------------


@dataclass
class Probes:
    """What the benchmark asks of a generated store: `show`, `search` and `figure` arguments."""

    show_id: str = ""
    search_word: str = SEARCH_WORD
    metric: str = PROBE_METRIC


@dataclass
class Summary:
    """What `write_store` wrote."""

    out: Path
    events: int
    figures: int
    shards: int | None
    files: list[Path] = field(default_factory=list)
    probes: Probes = field(default_factory=Probes)
    json_file: Path | None = None
    seconds: float = 0.0


T = TypeVar("T")


class _Random(random.Random):
    """random.Random with a cheaper `choice` (a third of the generator's time went to it)."""

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


class Generator:
    """Records from one seeded random stream: the same seed, the same records, in order."""

    def __init__(self, seed: int, codes: list[str], names: dict[str, str], sources: list[str]):
        self.rng = _Random(seed)
        self.codes = codes
        self.sources = sources
        self.spoken = {
            code: [names[code], *SPOKEN_NAMES.get(code, [])] for code in codes if code in names
        }
        self._actors, self._actor_cum = _weighted({c: ACTOR_WEIGHTS.get(c, 1) for c in codes})
        self._places, self._place_cum = _weighted(
            {place: weight * (1 if place == SEARCH_WORD else 5) for place, weight in PLACES}
        )
        self._kinds, self._kind_cum = _weighted(DATE_KINDS)
        self._fkinds, self._fkind_cum = _weighted(FIGURE_DATE_KINDS)
        self._quals, self._qual_cum = _weighted(QUALIFIER_WEIGHTS)
        self.metrics = [
            (f"{quantity}.{subject}", unit, span)
            for quantity, unit, span, subjects in QUANTITIES
            for subject in subjects
        ]
        # Zipf-like: a few metrics carry most figures; the probe metric is a rare one.
        shares = [1000 // (rank + 1) for rank in range(len(self.metrics))]
        shares[[metric for metric, _, _ in self.metrics].index(PROBE_METRIC)] = 3
        self._metric_cum = list(itertools.accumulate(shares))
        self._by_metric: dict[str, list[tuple[str, str | None]]] = {}  # id, anchor start
        self.all_figures: list[str] = []
        self._unrelated = {"updates", "disputes", "equivalent_to"}

    def _pick(self, items: list[str], cum: list[int]) -> str:
        return items[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def place(self) -> str:
        return self._pick(self._places, self._place_cum)

    def actors(self, required: list[str]) -> list[str]:
        count = self.rng.choice((1, 2, 2, 2, 3, 3, 4))
        chosen = list(required)
        for _ in range(count * 3):
            if len(chosen) >= max(count, len(required)):
                break
            code = self._pick(self._actors, self._actor_cum)
            if code not in chosen:
                chosen.append(code)
        return chosen

    def name(self, code: str) -> str:
        return self.rng.choice(self.spoken.get(code, [code]))

    def words(self, actors: list[str]) -> dict[str, str]:
        rng = self.rng
        a = self.name(actors[0])
        b = self.name(actors[1]) if len(actors) > 1 else self.name(rng.choice(["RUS", "CHN"]))
        return {
            "a": a,
            "b": b,
            "p": self.place(),
            "t": rng.choice(TOPICS),
            "g": rng.choice(GOODS),
            "x": rng.choice(ADJECTIVES),
            "c": rng.choice(CLAIMANTS),
            "v": rng.choice(VERBS),
        }

    def point(self, precision: str) -> str:
        rng = self.rng
        year = rng.randint(2022, 2025) if rng.random() < 0.7 else rng.randint(1950, 2021)
        if precision == "year":
            return f"{year}"
        month = rng.randint(1, 12)
        if precision == "month":
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"

    def date(self, kind: str) -> str | None:
        rng = self.rng
        precision = rng.choice(("day", "month", "month", "year"))
        if kind in ("day", "month", "year"):
            return self.point(kind)
        if kind == "marked":
            return self.point(precision) + rng.choice("~?%")
        if kind == "since":
            return f"{self.point(precision)}{rng.choice(('', '', '?', '~'))}/.."
        if kind == "by":
            return f"../{self.point(precision)}{rng.choice(('', '', '?', '~'))}"
        if kind == "interval":
            first = self.point(precision)
            year = int(first[:4]) + rng.randint(0, 3)
            last = f"{year}" if rng.random() < 0.4 else f"{year}-12"
            mark = rng.choice(("", "", "", "~", "?", "%"))
            return f"{first}{mark}/{last}{mark}"
        return None  # undated

    def dating(self, kind: str, words: dict[str, str]) -> dict[str, str]:
        date = self.date(kind)
        if date is None:
            return {"date_note": self.rng.choice(UNDATED_NOTES).format(**words)}
        fields = {"date": date}
        if self.rng.random() < 0.2:
            fields["date_text"] = date_words(date, self.rng.choice(("", "early ", "late ")))
        return fields

    def citations(self, words: dict[str, str]) -> list[dict[str, str]]:
        rng = self.rng
        cited = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            local = {**words, "c": rng.choice(CLAIMANTS), "v": rng.choice(VERBS)}
            quote = rng.choice(QUOTES).format(**local)
            citation = {"source": rng.choice(self.sources), "quote": quote[0].upper() + quote[1:]}
            if rng.random() < 0.6:
                citation["claimant"] = local["c"]
            cited.append(citation)
        return cited

    def event(
        self, number: int, required: list[str], domain: str | None, kind: str | None
    ) -> dict[str, Any]:
        """Event `number`, involving `required` actors, of `domain` and kind of date if given."""
        rng = self.rng
        domain = domain or rng.choice(DOMAINS)
        actors = self.actors(required)
        words = self.words(actors)
        title = rng.choice(TITLES[domain]).format(**words)
        title = title[0].upper() + title[1:]
        context = " ".join(
            line.format(**words) for line in rng.sample(CONTEXT, rng.choice((1, 2, 2, 3)))
        )
        slug_words = [w for w in title.lower().replace("'", "").split() if w.isalnum()][:5]
        record: dict[str, Any] = {"id": f"{'-'.join(slug_words)}-{number}"}
        record.update(self.dating(kind or self._pick(self._kinds, self._kind_cum), words))
        record["title"] = title
        record["summary"] = f"{title}. {context[0].upper()}{context[1:]}"
        record["actors"] = actors
        record["domain"] = domain
        record["tags"] = rng.sample(TAGS[domain], rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.5:
            record["location"] = words["p"]
        record["citations"] = self.citations(words)
        return record

    def figure(
        self,
        number: int,
        required: list[str],
        metric_index: int | None,
        qualifier: str | None,
        kind: str | None,
    ) -> dict[str, Any]:
        """Figure `number`, involving `required` actors; each other argument if given."""
        rng = self.rng
        if metric_index is None:
            metric_index = bisect.bisect(self._metric_cum, rng.random() * self._metric_cum[-1])
        metric, unit, (low, high) = self.metrics[metric_index]
        quantity, subject = metric.split(".", 1)
        named = [
            SUBJECT_ACTORS[w] for w in subject.replace(".", "-").split("-") if w in SUBJECT_ACTORS
        ]
        if "crink" in subject:
            named = ["CHN", "RUS", "IRN", "PRK"]
        actors = self.actors([*dict.fromkeys([*required, *named])])
        words = self.words(actors)
        record: dict[str, Any] = {"id": f"{metric.replace('.', '-')}-{number}", "metric": metric}
        claimant = rng.choice(CLAIMANTS)
        about = " ".join(PROPER.get(w, w) for w in subject.replace(".", ", ").split("-"))
        record["label"] = (
            f"{quantity.replace('-', ' ').capitalize()} ({about}), as counted by {claimant}"
        )
        qualifier = qualifier or self._pick(self._quals, self._qual_cum)
        vague = (
            [m for m in MAGNITUDES if (m[1] or 0) <= high]
            if unit != "percent"
            else PERCENT_MAGNITUDES
        )
        if rng.random() < 0.1:
            word, bottom, top = rng.choice(vague)
            record["magnitude"] = word
            if bottom is not None:
                record["low"] = bottom
            if top is not None:
                record["high"] = top
        elif unit == "percent":
            record["value"] = round(rng.uniform(low, high), 1)
        else:
            value = int(rng.uniform(low, high))
            record["value"] = value
            if rng.random() < 0.1:
                record["low"], record["high"] = int(value * 0.8), int(value * 1.2)
        record["unit"] = unit
        record["qualifier"] = qualifier
        record.update(self.dating(kind or self._pick(self._fkinds, self._fkind_cum), words))
        record["actors"] = actors
        record["tags"] = [quantity, *rng.sample(TAGS[QUANTITY_DOMAINS[quantity]], 1)]
        if record["tags"][0] == record["tags"][1]:
            record["tags"].pop()
        if rng.random() < 0.2:
            record["note"] = rng.choice(CONTEXT).format(**words)
        self._relate(record, metric)
        record["citations"] = self.citations({**words, "c": claimant})
        return record

    def _relate(self, record: dict[str, Any], metric: str) -> None:
        """Relations to earlier figures only, so no chain of updates can loop; `updates` names
        a figure dated no later, as check requires. Each kind of relation is given at the first
        chance, so that even a small store has all three."""
        rng = self.rng
        earlier = self._by_metric.setdefault(metric, [])
        anchor = _anchor_start(record.get("date"))

        def wanted(key: str, share: float) -> bool:
            return key in self._unrelated or rng.random() < share

        if earlier and wanted("updates", 0.2):
            other, other_anchor = rng.choice(earlier)
            if anchor is None or other_anchor is None or other_anchor <= anchor:
                record["updates"] = other
        if earlier and wanted("disputes", 0.08):
            other = rng.choice(earlier)[0]
            if other != record.get("updates"):
                record["disputes"] = [other]
        if self.all_figures and wanted("equivalent_to", 0.05):
            record["equivalent_to"] = [rng.choice(self.all_figures)]
        self._unrelated.difference_update(record)
        earlier.append((record["id"], anchor))
        self.all_figures.append(record["id"])


@lru_cache(maxsize=65536)
def _span_days(date: str) -> tuple[str | None, str | None, str, str]:
    span = parse_edtf(date)
    first, last = span.anchor
    start, end = span.start, span.end
    return (
        start.isoformat() if start else None,
        end.isoformat() if end else None,
        first.isoformat(),
        last.isoformat(),
    )


def date_words(date: str, part: str = "") -> str:
    """How a text words a stored date: `in June 2024`, `by early 2025`, `since 2022`."""
    left, slash, right = date.partition("/")
    point = right if left == ".." else left
    hedge = "around " if point[-1] in "~?%" else ""
    year, _, rest = point.rstrip("~?%").partition("-")
    month = MONTHS[int(rest[:2]) - 1] if rest else ""
    named = f"{int(rest[3:])} {month} {year}" if len(rest) > 2 else f"{month} {year}".strip()
    if not month:
        named = f"{part}{year}"
    if not slash:
        return f"{hedge or ('on ' if len(rest) > 2 else 'in ')}{named}"
    if left == "..":
        return f"by {hedge}{named}"
    if right == "..":
        return f"since {hedge}{named}"
    return f"from {hedge}{named} to {right.rstrip('~?%')}"


def _anchor_start(date: str | None) -> str | None:
    return _span_days(date)[2] if date is not None else None


# --- Writing ------------------------------------------------------------------------------------


_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return _to_json(text)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _folded(text: str, width: int = 96) -> str:
    """A `>-` block scalar, wrapped the way the bundled store wraps its summaries."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n    " + "\n    ".join(lines)


def _citations_yaml(citations: list[dict[str, str]]) -> list[str]:
    out = ["  citations:"]
    for citation in citations:
        out.append(f"    - source: {citation['source']}")
        out.append(f"      quote: {_q(citation['quote'])}")
        if "claimant" in citation:
            out.append(f"      claimant: {_q(citation['claimant'])}")
    return out


def event_yaml(record: dict[str, Any]) -> str:
    out = [f"- id: {record['id']}"]
    for key in ("date", "date_text", "date_note"):
        if key in record:
            out.append(f"  {key}: {_q(record[key])}")
    out.append(f"  title: {_q(record['title'])}")
    out.append(f"  summary: {_folded(record['summary'])}")
    out.append(f"  actors: {_flow(record['actors'])}")
    out.append(f"  domain: {record['domain']}")
    out.append(f"  tags: {_flow(record['tags'])}")
    if "location" in record:
        out.append(f"  location: {_q(record['location'])}")
    out.extend(_citations_yaml(record["citations"]))
    return "\n".join(out) + "\n\n"


def figure_yaml(record: dict[str, Any]) -> str:
    out = [f"- id: {record['id']}", f"  metric: {record['metric']}"]
    out.append(f"  label: {_q(record['label'])}")
    if "value" in record:
        out.append(f"  value: {str(record['value'])}")
    if "magnitude" in record:
        out.append(f"  magnitude: {_q(record['magnitude'])}")
    for key in ("low", "high"):
        if key in record:
            out.append(f"  {key}: {str(record[key])}")
    out.append(f"  unit: {record['unit']}")
    out.append(f"  qualifier: {record['qualifier']}")
    for key in ("date", "date_text", "date_note"):
        if key in record:
            out.append(f"  {key}: {_q(record[key])}")
    out.append(f"  actors: {_flow(record['actors'])}")
    out.append(f"  tags: {_flow(record['tags'])}")
    if "note" in record:
        out.append(f"  note: {_q(record['note'])}")
    for key in ("equivalent_to", "disputes"):
        if key in record:
            out.append(f"  {key}: {_flow(record[key])}")
    if "updates" in record:
        out.append(f"  updates: {record['updates']}")
    out.extend(_citations_yaml(record["citations"]))
    return "\n".join(out) + "\n\n"


def with_days(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the JSON document carries it: with its derived days, null when undated."""
    date = record.get("date")
    start, end, first, last = _span_days(date) if date is not None else (None,) * 4
    return {**record, "start": start, "end": end, "anchor_start": first, "anchor_end": last}


class _Shards:
    """One file, or K files written one after another as the record count crosses each."""

    def __init__(self, out: Path, kind: str, total: int, shards: int | None, header: str):
        self.out, self.kind, self.total, self.shards, self.header = out, kind, total, shards, header
        self.files: list[Path] = []
        self.handle: TextIO | None = None
        self.current = -1
        self.written = False

    def write(self, index: int, text: str) -> None:
        shard = 0 if not self.shards else index * self.shards // max(self.total, 1)
        while self.current < shard:  # shards no record falls into get `[]`
            self._open(self.current + 1)
        assert self.handle is not None
        self.handle.write(text)
        self.written = True

    def _open(self, shard: int) -> None:
        if self.handle is not None and not self.written:
            self.handle.write("[]\n")
        self.close()
        self.written = False
        if self.shards:
            width = max(3, len(str(self.shards - 1)))
            path = self.out / self.kind / f"{shard:0{width}d}.yaml"
            path.parent.mkdir(exist_ok=True)
        else:
            path = self.out / f"{self.kind}.yaml"
        self.handle = path.open("w", encoding="utf-8", buffering=1 << 20)
        self.handle.write(self.header)
        self.files.append(path)
        self.current = shard

    def finish(self) -> list[Path]:
        """Close the last file; every shard exists, with `[]` where no record fell into it."""
        while self.current < (self.shards or 1) - 1:
            self._open(self.current + 1)
        if self.handle is not None and not self.written:
            self.handle.write("[]\n")
        self.close()
        return self.files

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _registries(source: Path) -> tuple[list[str], dict[str, str], list[str]]:
    actors = yaml.load((source / "actors.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    sources = yaml.load((source / "sources.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    codes = [actor["code"] for actor in actors]
    return codes, {a["code"]: a["name"] for a in actors}, [s["id"] for s in sources]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def registry_dir() -> Path:
    """The bundled sources and actors: the checkout's `data/`, else the installed package's."""
    if all((REPO_DATA / name).is_file() for name in REGISTRIES):
        return REPO_DATA
    from axiscli.store import bundled_data_dir

    return bundled_data_dir()


def write_store(
    out: Path,
    events: int,
    figures: int,
    *,
    shards: int | None = None,
    seed: int = 1,
    json_file: Path | None = None,
) -> Summary:
    """Write the store to `out` (its old store files replaced); see the module's docstring."""
    began = time.perf_counter()
    if shards is not None and shards < 1:
        raise ValueError("--shards must be at least 1")
    source = registry_dir()
    codes, names, sources = _registries(source)
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("events.yaml", "figures.yaml"):
        (out / stale).unlink(missing_ok=True)
    for stale_dir in ("events", "figures"):
        if (out / stale_dir).is_dir():
            shutil.rmtree(out / stale_dir)
    for name in REGISTRIES:
        shutil.copyfile(source / name, out / name)
    summary = Summary(out, events, figures, shards)
    summary.files = [out / name for name in REGISTRIES]
    gen = Generator(seed, codes, names, sources)
    header = (
        f"# Synthetic {{kind}} written by benchmarks/generate.py (seed {seed}); "
        "not real data: for benchmarks only.\n\n"
    )
    # Every actor is used (check's curation rule), and the first records go through every
    # domain, kind of date, metric (so every unit) and qualifier before the weighted choices.
    total = events + figures
    if total < len(codes) and total:
        required = [
            codes[: len(codes) - total + 1],
            *([c] for c in codes[len(codes) - total + 1 :]),
        ]
    else:
        required = [[code] for code in codes]
    kinds = list(DATE_KINDS)
    jfile = json_file.open("w", encoding="utf-8", buffering=1 << 20) if json_file else None
    try:
        if jfile:
            jfile.write('{"events": [')
        writer = _Shards(out, "events", events, shards, header.format(kind="events"))
        for index in range(events):
            record = gen.event(
                index + 1,
                required[index] if index < len(required) else [],
                DOMAINS[index] if index < len(DOMAINS) else None,
                kinds[index % len(kinds)] if index < 3 * len(kinds) else None,
            )
            writer.write(index, event_yaml(record))
            if jfile:
                jfile.write(("\n" if index == 0 else ",\n") + _to_json(with_days(record)))
            if index == events // 2:
                summary.probes.show_id = record["id"]
        summary.files += writer.finish()
        if jfile:
            jfile.write('\n], "figures": [')
        writer = _Shards(out, "figures", figures, shards, header.format(kind="figures"))
        for index in range(figures):
            place = events + index
            record = gen.figure(
                events + index + 1,
                required[place] if place < len(required) else [],
                index if index < len(gen.metrics) else None,
                QUALIFIERS[index % len(QUALIFIERS)] if index < 2 * len(QUALIFIERS) else None,
                kinds[index % len(kinds)] if index < 2 * len(kinds) else None,
            )
            writer.write(index, figure_yaml(record))
            if jfile:
                jfile.write(("\n" if index == 0 else ",\n") + _to_json(with_days(record)))
            if not summary.probes.show_id and index == figures // 2:
                summary.probes.show_id = record["id"]
        summary.files += writer.finish()
        if jfile:
            jfile.write("\n]}\n")
    finally:
        if jfile:
            jfile.close()
    summary.json_file = json_file
    summary.seconds = time.perf_counter() - began
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic axis store that passes `axis check`.",
        epilog="Example: python benchmarks/generate.py --events 1000 --figures 1000 --out /tmp/s",
    )
    parser.add_argument("--events", type=int, required=True, metavar="N")
    parser.add_argument("--figures", type=int, required=True, metavar="M")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--shards", type=int, metavar="K", help="K files each of events, figures")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also one JSON file, for jq")
    args = parser.parse_args(argv)
    if args.events < 0 or args.figures < 0:
        parser.error("--events and --figures count records: give 0 or more")
    if args.shards is not None and args.shards < 1:
        parser.error("--shards must be at least 1")
    summary = write_store(
        args.out,
        args.events,
        args.figures,
        shards=args.shards,
        seed=args.seed,
        json_file=args.json,
    )
    size = sum(path.stat().st_size for path in summary.files) / 1e6
    print(
        f"wrote {summary.events} events and {summary.figures} figures to {summary.out} "
        f"({len(summary.files)} files, {size:.1f} MB) in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
