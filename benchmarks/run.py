"""Time axis beside jq and yq on the same data, in one run: medians, ratios, peak RSS, targets.

    python benchmarks/run.py                      # bundled store; 1k, 10k and 100k stores
    python benchmarks/run.py --sizes 1k,10k --runs 5 --markdown
    python benchmarks/run.py --quick              # a smoke run of about ten seconds

Each command runs as its own process, as a user runs it. The commands of a group take turns run
by run (never all runs of one, then the next), and every group times its own baseline, `python -c
pass` on the same interpreter, so each ratio compares timings taken side by side. Peak RSS is the
command's own (GNU time's %M). A size N means N events and N figures.

Warm runs share an index cache primed by one untimed run; a cold run gets a fresh, empty
AXIS_CACHE_DIR (the OS file cache stays warm: cold means the index must be built, not that the
disk must be read). jq reads the same records as one JSON file that carries each record's
derived days (see generate.py); yq, the Python jq wrapper, reads the YAML and derives them in its
filter; both answer the question axis answers. Targets (issue 8) are judged at 100k only.

This is a report, not a test: it exits 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import generate
from measure import (
    Check,
    Cmd,
    Runner,
    Table,
    checks_cell,
    median_cell,
    peak_cell,
    ratio,
    seconds,
    times,
    verdict,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
JQ, YQ = shutil.which("jq"), shutil.which("yq")
SELECTIVE = ["--actor", "DPRK", "--since", "2024-06", "--until", "2024-06", "--json"]
BROAD = ["--actor", "DPRK", "--since", "2023", "--json"]
TARGET_SIZE = 100_000
YAML_LOAD = (
    "import sys, yaml\n"
    "for f in sys.argv[1:]:\n"
    "    yaml.load(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)"
)

# For yq: a record's anchor (the days its text names) from its EDTF `date`, as axis derives it.
JQ_ANCHOR = r"""
def leap($y): $y % 4 == 0 and ($y % 100 != 0 or $y % 400 == 0);
def mdays($y; $m):
  if $m == 2 then (if leap($y) then 29 else 28 end)
  elif ([4, 6, 9, 11] | index($m)) then 30 else 31 end;
def pstart: sub("[~?%]$"; "") | if length == 4 then . + "-01-01"
  elif length == 7 then . + "-01" else . end;
def pend: sub("[~?%]$"; "") | if length == 4 then . + "-12-31"
  elif length == 7 then . + "-" + (mdays(.[0:4] | tonumber; .[5:7] | tonumber) | tostring)
  else . end;
def anchor: if .date == null then null else (.date | split("/")) as $p
  | if ($p | length) == 1 then [($p[0] | pstart), ($p[0] | pend)]
    elif $p[0] == ".." then [($p[1] | pstart), ($p[1] | pend)]
    elif $p[1] == ".." then [($p[0] | pstart), ($p[0] | pend)]
    else [($p[0] | pstart), ($p[1] | pend)] end end;
"""


def jq_window(records: str, since: str, until: str | None, *, derived: bool) -> str:
    """Events involving PRK whose anchor lies inside the window, in date order."""
    if derived:  # the JSON file carries the anchor
        pre, first, last, key = "", ".anchor_start", ".anchor_end", "[.anchor_start, .anchor_end]"
    else:
        pre, first, last, key = "anchor as $a | ", "$a[0]", "$a[1]", "anchor"
    inside = f'{first} != null and {first} >= "{since}"'
    if until:
        inside += f' and {last} <= "{until}"'
    chosen = f'{records} | select(.actors | index("PRK")) | {pre}select({inside})'
    return f"[{chosen}] | sort_by({key}, .id)"


def jq_search(records: str, word: str) -> str:
    # test(…; "i") rather than ascii_downcase, which jq 1.6 runs ten times slower
    fields = ".title, .label, .summary, .note, .tags[], .citations[].quote"
    return f'[{records} | select(any({fields}; . != null and test("{word}"; "i")))]'


def jq_metric(figures: str, metric: str, *, derived: bool) -> str:
    when = '.anchor_start // "~"' if derived else 'anchor // ["~"]'
    named = f'.metric == "{metric}" or (.metric | startswith("{metric}."))'
    return f"[{figures} | select({named})] | sort_by(.metric, {when}, .id)"


# --- Stores -------------------------------------------------------------------------------------


@dataclass
class Store:
    size: int
    summary: generate.Summary
    json_file: Path

    @property
    def data(self) -> list[str]:
        return ["--data", str(self.summary.out), "--no-bundled"]

    def files(self, kind: str | None = None) -> list[str]:
        return [
            str(p)
            for p in self.summary.files
            if kind is None or p.name == f"{kind}.yaml" or p.parent.name == kind
        ]

    def remove(self) -> None:
        shutil.rmtree(self.summary.out, ignore_errors=True)
        self.json_file.unlink(missing_ok=True)


def size_label(size: int) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1000)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{unit}"
    return str(size)


def make_store(work: Path, size: int, seed: int, shards: int | None = None) -> Store:
    name = f"store-{size_label(size)}" + (f"-{shards}-shards" if shards else "")
    json_file = work / f"{name}.json"
    summary = generate.write_store(
        work / name, size, size, shards=shards, seed=seed, json_file=None if shards else json_file
    )
    kind = f" in {shards} shards" if shards else ""
    print(
        f"generated {size_label(size)}+{size_label(size)}{kind} in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return Store(size, summary, json_file)


def axis_argv() -> list[str]:
    """The `axis` script of this interpreter's environment, as a user runs it."""
    script = Path(PYTHON).parent / "axis"
    return [str(script)] if script.is_file() else [PYTHON, "-m", "axiscli"]


def baseline() -> Cmd:
    return Cmd("python -c pass", [PYTHON, "-c", "pass"])


def cache(runner: Runner, name: str) -> dict[str, str]:
    return {"AXIS_CACHE_DIR": str(runner.work / f"cache-{name}")}


# --- Cases --------------------------------------------------------------------------------------


def bundled_case(runner: Runner, runs: int, markdown: bool, *, quick: bool = False) -> str:
    """Start-up and everyday commands on the bundled store, against `python -c pass`; the
    commands without a target are the ones the old bench/ timed."""
    env = cache(runner, "bundled")
    view = ["timeline", "--actor", "DPRK", "--format", "timeline", "--color", "always"]
    cases: list[tuple[list[str], int | None]] = [
        (["--version"], 3),
        (["--help"], 7),
        (["timeline", "--actor", "DPRK", "--json"], 7),
        (view, 10),
    ]
    if not quick:
        cases += [
            (["figure", "troops"], None),
            (["search", "ballistic missiles"], None),
            (["stats"], None),
            (["check"], None),
        ]
    base = baseline()
    timed = [
        (Cmd(f"axis {shlex.join(args)}", [*axis_argv(), *args], env), bound)
        for args, bound in cases
    ]
    if not quick:
        # `axis --help` prints the page kept from the last run; Typer prints it the first time
        # after axis (or Typer, or Rich) changes, as it does whenever TYPER_USE_RICH is set.
        typer_help = {**env, "TYPER_USE_RICH": "1"}
        label = "axis --help, Typer's page (first run after a change)"
        timed.insert(2, (Cmd(label, [*axis_argv(), "--help"], typer_help), None))
    commands = [base, *(cmd for cmd, _ in timed)]
    runner.group(commands, runs, warmup=commands)
    table = Table(
        f"Bundled store, warm index ({runs} runs each, medians)",
        ["command", "median", "× `python -c pass`", "peak MiB", "target", "met"],
    )
    table.add("`python -c pass`", median_cell(base), "1.0×", peak_cell(base), "baseline", "")
    for cmd, bound in timed:
        value = ratio(cmd, base)
        met = value <= bound if value and bound else None
        checks = [Check(f"≤ {bound}×", times(value), met)]
        row = [f"`{cmd.label}`", median_cell(cmd), times(value), peak_cell(cmd)]
        table.add(*row, checks[0].target if bound else "", verdict(checks) if bound else "")
    return table.render(markdown)


def import_budget(runner: Runner) -> str:
    """How many modules a command imports and what they cost (`python -X importtime`)."""
    lines = ["Import budget (python -X importtime, one run each; cumulative ms):"]
    for args in (["--version"], ["--help"], ["timeline", "--actor", "DPRK", "--json"]):
        cmd = Cmd(
            "imports",
            [PYTHON, "-X", "importtime", "-m", "axiscli", *args],
            cache(runner, "bundled"),
        )
        runner.run(cmd, keep=False)
        modules = []
        for line in runner.err.read_text(errors="replace").splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, total, name = line.removeprefix("import time:").split("|", 2)
                modules.append((int(own), int(total), name.rstrip()))
        top = [(total, name.strip()) for _, total, name in modules if not name.startswith("  ")]
        heavy = ", ".join(
            f"{name} {total / 1000:.0f}" for total, name in sorted(top, reverse=True)[:6]
        )
        spent = sum(own for own, _, _ in modules) / 1000
        lines.append(f"- axis {' '.join(args)}: {len(modules)} modules, {spent:.0f} ms; {heavy}")
    return "\n".join(lines)


@dataclass
class Query:
    name: str
    axis: Cmd
    jq: Cmd | None
    yq: Cmd | None


def queries(runner: Runner, store: Store, with_yq: bool) -> list[Query]:
    """Each query three ways: axis on the store, jq on the JSON file, yq on the YAML files."""
    probes, env = store.summary.probes, cache(runner, size_label(store.size))
    events, figures = store.files("events"), store.files("figures")
    both = [*events, *figures]
    everything = ".events[], .figures[]"

    def axis(*args: str) -> Cmd:
        return Cmd(f"axis {' '.join(args)}", [*axis_argv(), *args, *store.data], env)

    def jq(name: str, program: str) -> Cmd | None:
        return Cmd(f"jq {name}", [JQ, program, str(store.json_file)]) if JQ else None

    def yq(name: str, program: str, files: list[str]) -> Cmd | None:
        # -s: the files' lists as one array of lists, as jq reads one file
        return (
            Cmd(f"yq {name}", [YQ, "-s", JQ_ANCHOR + program, *files]) if with_yq and YQ else None
        )

    show = f'first(%s | select(.id == "{probes.show_id}"))'
    return [
        Query(
            "selective",
            axis("timeline", *SELECTIVE),
            jq("selective", jq_window(".events[]", "2024-06-01", "2024-06-30", derived=True)),
            yq("selective", jq_window(".[][]", "2024-06-01", "2024-06-30", derived=False), events),
        ),
        Query(
            "show",
            axis("show", probes.show_id),
            jq("show", show % everything),
            yq("show", show % ".[][]", both),
        ),
        Query(
            "search",
            axis("search", probes.search_word),
            jq("search", jq_search(everything, probes.search_word)),
            yq("search", jq_search(".[][]", probes.search_word), both),
        ),
        Query(
            "figure",
            axis("figure", probes.metric),
            jq("figure", jq_metric(".figures[]", probes.metric, derived=True)),
            yq("figure", jq_metric(".[][]", probes.metric, derived=False), figures),
        ),
        Query(
            "broad",
            axis("timeline", *BROAD),
            jq("broad", jq_window(".events[]", "2023-01-01", None, derived=True)),
            yq("broad", jq_window(".[][]", "2023-01-01", None, derived=False), events),
        ),
    ]


def agreement(runner: Runner, asked: list[Query]) -> list[str]:
    """How many records axis, jq and yq return for the two windows: they should agree."""
    notes = []
    for query in asked:
        if query.name not in ("selective", "broad"):
            continue
        counts = []
        for cmd in (query.axis, query.jq, query.yq):
            if cmd is not None:
                try:
                    counts.append(f"{cmd.label.split()[0]} {len(json.loads(runner.output(cmd)))}")
                except (json.JSONDecodeError, TypeError):
                    counts.append(f"{cmd.label.split()[0]} ?")
        notes.append(f"{query.name} query: {', '.join(counts)} records")
    return notes


def warm_case(
    runner: Runner,
    store: Store,
    runs: int,
    with_yq: bool,
    yq_seen: dict[str, tuple[int, float]],
    *,
    quick: bool = False,
) -> tuple[list[list[str]], list[str]]:
    """The five queries on a warm index, with jq and yq on the same records beside each.

    Where yq is not run, its time is estimated linearly from the largest size it ran at. A
    quick run warms up axis only (its cache) and runs yq for the two windows only."""
    asked = queries(runner, store, with_yq)
    if quick:
        for query in asked:
            query.yq = query.yq if query.name in ("selective", "broad") else None
    base = baseline()
    commands = [base, *(c for q in asked for c in (q.axis, q.jq, q.yq) if c is not None)]
    runner.group(commands, runs, warmup=[q.axis for q in asked] if quick else commands)
    notes = agreement(runner, asked) if store.size <= 10_000 else []
    judged = store.size == TARGET_SIZE
    rows = []
    for query in asked:
        axis, jq, yq = query.axis, query.jq, query.yq
        if yq is not None and yq.ok:
            yq_seen[query.name] = (store.size, yq.median)
        seen = yq_seen.get(query.name)
        yq_time = (
            yq.median if yq is not None and yq.ok else seen[1] * store.size / seen[0] if seen else 0
        )
        checks = targets(query.name, axis, base, jq, yq_time, estimated=yq is None)
        for check in checks:
            check.met = check.met if judged and axis.ok else None
            check.measured = check.measured if axis.ok else "—"
        yq_text = (
            median_cell(yq)
            if yq is not None
            else f"~{seconds(yq_time)} (est.)"
            if yq_time
            else "not run"
        )
        rows.append(
            [
                size_label(store.size),
                query.name,
                median_cell(axis),
                times(ratio(axis, base)),
                peak_cell(axis),
                median_cell(jq),
                peak_cell(jq),
                yq_text,
                checks_cell(checks),
                verdict(checks),
            ]
        )
    return rows, notes


def targets(
    name: str, axis: Cmd, base: Cmd, jq: Cmd | None, yq_time: float, *, estimated: bool
) -> list[Check]:
    """Issue 8's warm targets for one query, beside what was measured."""
    if name != "broad":
        x = ratio(axis, base)
        return [
            Check("≤ 12× pass", times(x), x <= 12),
            Check("≤ 80 MiB", f"{axis.peak:.0f}", axis.peak <= 80),
        ]
    faster_jq = jq.median / axis.median if jq is not None and jq.ok and axis.ok else 0
    faster_yq = yq_time / axis.median if yq_time and axis.ok else 0
    return [
        Check("≥ 8× faster than jq", times(faster_jq, 2), faster_jq >= 8 if faster_jq else None),
        Check("≤ 0.5 s", seconds(axis.median), axis.median <= 0.5),
        Check("≤ 120 MiB", f"{axis.peak:.0f}", axis.peak <= 120),
        Check(
            "≥ 100× faster than yq",
            (times(faster_yq) + (" (yq est.)" if estimated else "")) if faster_yq else "— (no yq)",
            faster_yq >= 100 if faster_yq else None,
        ),
    ]


def cold_case(runner: Runner, store: Store, runs: int, *, every: bool = False) -> list[list[str]]:
    """The first query after the store changed (a fresh, empty cache each run) beside PyYAML's
    C loader reading the same files: the selective query, or with `every` all five (building
    the index dominates, whatever the query)."""
    fresh = count()
    asked = [q for q in queries(runner, store, False) if every or q.name == "selective"]
    colds = []
    for query in asked:
        cold = Cmd(query.axis.label, query.axis.argv)

        def empty_cache(cold: Cmd = cold) -> None:
            cold.env = cache(runner, f"cold-{store.size}-{next(fresh)}")

        cold.before = empty_cache
        colds.append((query.name, cold))
    load = Cmd("PyYAML C loader", [PYTHON, "-c", YAML_LOAD, *store.files()])
    base = baseline()
    runner.group([base, *(cold for _, cold in colds), load], runs, warmup=[load])
    for used in runner.work.glob(f"cache-cold-{store.size}-*"):
        shutil.rmtree(used, ignore_errors=True)
    rows = []
    for name, cold in colds:
        over_load = cold.median / load.median if cold.ok and load.ok else 0
        judged = store.size == TARGET_SIZE and cold.ok
        checks = [
            Check("≤ 1.0× the C loader", times(over_load, 2), over_load <= 1.0 if judged else None),
            Check("≤ 400 MiB", peak_cell(cold), cold.peak <= 400 if judged else None),
        ]
        rows.append(
            [
                size_label(store.size),
                f"{name}, empty cache",
                median_cell(cold),
                times(ratio(cold, base)),
                peak_cell(cold),
                median_cell(load),
                peak_cell(load),
                times(over_load, 2),
                checks_cell(checks),
                verdict(checks),
            ]
        )
    return rows


def sharding_problem(runner: Runner, seed: int) -> str | None:
    """None when axis reads a sharded store whole, else what it says instead."""
    probe = runner.work / "shard-probe"
    generate.write_store(probe, 30, 30, shards=3, seed=seed)
    check = Cmd(
        "axis check",
        [*axis_argv(), "check", "--data", str(probe), "--no-bundled"],
        cache(runner, "probe"),
    )
    said = runner.output(check)
    shutil.rmtree(probe, ignore_errors=True)
    if "30 events, 30 figures" in said:
        return None
    return (runner.err.read_text(errors="replace").strip().splitlines() or [said.strip()])[-1][:120]


def shard_edit_case(runner: Runner, size: int, runs: int, seed: int) -> list[str]:
    """A sharded store of 1,000 events (and 1,000 figures) per shard: edit one record's title in
    one shard, then time the next query; the index of the other shards is warm."""
    shards = max(2, size // 1000)
    store = make_store(runner.work, size, seed, shards=shards)
    width = max(3, len(str(shards - 1)))
    victim = store.summary.out / "events" / f"{shards // 2:0{width}d}.yaml"
    original = victim.read_text(encoding="utf-8")
    edits = count(1)

    def edit() -> None:
        title = f'  title: "(edit {next(edits)}) '
        victim.write_text(original.replace('  title: "', title, 1), encoding="utf-8")

    env = cache(runner, f"sharded-{size}")
    argv = [*axis_argv(), "timeline", *SELECTIVE, *store.data]
    after, warm, base = (
        Cmd("after an edit", argv, env, before=edit),
        Cmd("warm", argv, env),
        baseline(),
    )
    runner.group([base, after, warm], runs, warmup=[warm])
    store.remove()
    judged = size == TARGET_SIZE and after.ok
    shown = seconds(after.median) if after.ok else "—"
    check = Check("≤ 0.5 s", shown, after.median <= 0.5 if judged else None)
    return [
        size_label(size),
        f"query after editing 1 of {shards} event shards",
        median_cell(after),
        times(ratio(after, base)),
        peak_cell(after),
        f"(warm: {median_cell(warm)})",
        "",
        "",
        checks_cell([check]),
        verdict([check]),
    ]


# --- Main ---------------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def describe_machine() -> str:
    cpu = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(ROOT), *args], capture_output=True, text=True
            ).stdout.strip()
        except OSError:
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "?"
    if git("status", "--porcelain", "--", "src"):
        commit += " + uncommitted changes in src/"
    version = subprocess.run(
        [*axis_argv(), "--version"], capture_output=True, text=True
    ).stdout.strip()
    tools = ", ".join(
        f"{name} {'found' if path else 'missing'}" for name, path in (("jq", JQ), ("yq", YQ))
    )
    return (
        f"{time.strftime('%Y-%m-%d')}; {os.cpu_count()} CPUs ({cpu}); "
        f"Python {platform.python_version()}; {version or 'axis ?'} ({axis_argv()[0]}); "
        f"checkout at commit {commit}; {tools}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time axis beside jq and yq: medians, ratios to `python -c pass`, peak RSS.",
        epilog="Example: python benchmarks/run.py --sizes 1k,10k,100k --markdown",
    )
    add = parser.add_argument
    add("--sizes", default="1k,10k,100k", help="stores of N events and N figures (1k,10k,100k,1m)")
    add("--runs", type=int, help="timed runs per command (default: 7 bundled, 5 to 10k, 3 above)")
    add(
        "--yq-max",
        type=parse_size,
        default=10_000,
        metavar="N",
        help="run yq up to this size (10k)",
    )
    add("--seed", type=int, default=1, help="the generator's seed")
    add("--markdown", action="store_true", help="Markdown tables, to paste into README")
    add("--quick", action="store_true", help="a smoke run: tiny store, one run each")
    add("--no-bundled", action="store_true", help="leave out the bundled-store case")
    add("--no-cold", action="store_true", help="leave out cold runs and the shard edit")
    add("--cold-all", action="store_true", help="cold runs of all five queries, not one")
    add("--timeout", type=float, default=900, metavar="S", help="kill a run after S seconds")
    add("--workdir", type=Path, metavar="DIR", help="keep the stores here (default: a temp dir)")
    add("-v", "--verbose", action="store_true", help="print every run to stderr")
    args = parser.parse_args(argv)
    sizes = [200] if args.quick else [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="axis-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runner = Runner(work, args.timeout, args.verbose)
    began = time.perf_counter()
    try:
        report = run_cases(runner, args, sizes)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    given = " ".join(sys.argv[1:] if argv is None else argv)
    took = time.perf_counter() - began
    report.append(f"Command: python benchmarks/run.py {given}".rstrip() + f" (took {took:.0f} s)")
    print("\n\n".join(report))
    return 0


def run_cases(runner: Runner, args: argparse.Namespace, sizes: list[int]) -> list[str]:
    def runs_for(size: int) -> int:
        return args.runs or (
            1 if args.quick else 5 if size <= 10_000 else 3 if size <= TARGET_SIZE else 1
        )

    report = [f"Machine: {describe_machine()}"]
    if not args.no_bundled:
        report.append(
            bundled_case(
                runner, args.runs or (1 if args.quick else 7), args.markdown, quick=args.quick
            )
        )
        if not args.quick:
            report.append(import_budget(runner))
    warm_rows, cold_rows, notes = [], [], []
    yq_seen: dict[str, tuple[int, float]] = {}
    for size in sizes:
        store = make_store(runner.work, size, args.seed)
        with_yq = bool(YQ) and size <= args.yq_max
        rows, said = warm_case(runner, store, runs_for(size), with_yq, yq_seen, quick=args.quick)
        warm_rows += rows
        notes += [f"{size_label(size)}: {note}" for note in said]
        if YQ and not with_yq:
            notes.append(
                f"{size_label(size)}: yq not run above --yq-max; where it ran at a smaller size "
                "in this run, its time is scaled linearly from there (est.)"
            )
        if not args.no_cold and size <= TARGET_SIZE:
            cold_rows += cold_case(runner, store, runs_for(size), every=args.cold_all)
        store.remove()
    if not JQ:
        notes.append("jq is not installed: its columns are empty")
    if sizes and not args.no_cold:
        problem = sharding_problem(runner, args.seed)
        if problem is None:
            size = min(max(sizes), TARGET_SIZE)
            cold_rows.append(shard_edit_case(runner, size, runs_for(size), args.seed))
        else:
            notes.append(f"shard edit not measured: axis does not read a sharded store ({problem})")
    if warm_rows:
        table = Table(
            "Generated stores, warm index (N events + N figures; medians)",
            [
                "store",
                "query",
                "axis",
                "× pass",
                "axis MiB",
                "jq",
                "jq MiB",
                "yq",
                "targets (judged at 100k)",
                "met",
            ],
        )
        for row in warm_rows:
            table.add(*row)
        report.append(table.render(args.markdown))
    if cold_rows:
        table = Table(
            "Cold: the first query after the store changed (fresh, empty AXIS_CACHE_DIR; medians)",
            [
                "store",
                "case",
                "axis",
                "× pass",
                "axis MiB",
                "PyYAML C load",
                "load MiB",
                "axis ÷ load",
                "targets (judged at 100k)",
                "met",
            ],
        )
        for row in cold_rows:
            table.add(*row)
        report.append(table.render(args.markdown))
    notes += runner.failures
    if notes:
        report.append("Notes:\n" + "\n".join(f"- {note}" for note in notes))
    return report


if __name__ == "__main__":
    sys.exit(main())
