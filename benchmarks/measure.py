"""Run commands as separate processes, taking turns, and keep each run's wall time and peak RSS;
print the results as a plain or Markdown table."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


@dataclass
class Sample:
    seconds: float
    peak_mib: float
    code: int


@dataclass
class Cmd:
    """One command line to time; `before` runs untimed before each of its runs."""

    label: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples) if self.samples else 0.0

    @property
    def peak(self) -> float:
        return max((s.peak_mib for s in self.samples), default=0.0)

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(s.code == 0 for s in self.samples)


class Runner:
    """Runs commands in `work` with a clean environment: no AXIS_DATA, no colour overrides, no
    AXIS_CACHE_DIR but the one a command brings, a user store (AXIS_USER_STORE) that does not
    exist, so that no store of the user's is read, 100 columns, and bytecode written and read as
    an installed package has it (PYTHONDONTWRITEBYTECODE would have every run compile axis's
    sources afresh, a cost no user pays)."""

    def __init__(self, work: Path, timeout: float, verbose: bool = False):
        self.work, self.timeout, self.verbose = work, timeout, verbose
        self.out, self.err, self.rss = work / "stdout", work / "stderr", work / "rss"
        dropped = (
            "AXIS_DATA",
            "AXIS_CACHE_DIR",
            "NO_COLOR",
            "FORCE_COLOR",
            "PYTHONDONTWRITEBYTECODE",
        )
        self.env = {k: v for k, v in os.environ.items() if k not in dropped}
        self.env["COLUMNS"] = "100"
        self.env["AXIS_USER_STORE"] = str(work / "no-user-store")
        self.failures: list[str] = []

    def run(self, cmd: Cmd, *, keep: bool = True) -> Sample:
        if cmd.before:
            cmd.before()
        # GNU time reports the command's own peak. os.wait4's figure would include the RSS this
        # (larger) Python process had when it forked: exec folds it into the child's peak.
        argv = [TIME, "-f", "%M", "-o", str(self.rss), *cmd.argv] if TIME else cmd.argv
        with self.out.open("wb") as out, self.err.open("wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env={**self.env, **cmd.env},
                start_new_session=True,  # so that a timeout kills the command, not only time
            )
            timer = threading.Timer(self.timeout, os.killpg, (proc.pid, signal.SIGKILL))
            timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            timer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        peak_kib = usage.ru_maxrss
        reported = self.rss.read_text(errors="replace") if TIME else ""
        if reported.split() and reported.split()[-1].isdigit():
            peak_kib = int(reported.split()[-1])
        sample = Sample(seconds, peak_kib / 1024, code)
        if code != 0 and not cmd.note:
            if code < 0 or "terminated by signal" in reported:
                cmd.note = f"killed after {self.timeout:.0f} s"
            else:
                lines = self.err.read_text(errors="replace").strip().splitlines()
                cmd.note = f"exit {code}: {lines[-1][:160] if lines else 'no message'}"
        # Timed runs only: an untimed run's caller reads its output and says what went wrong.
        failure = f"`{cmd.label}` failed: {cmd.note}"
        if code != 0 and keep and failure not in self.failures:
            self.failures.append(failure)
        if keep:
            cmd.samples.append(sample)
        if self.verbose:
            print(f"  {seconds:8.3f} s {sample.peak_mib:7.1f} MiB  {cmd.label}", file=sys.stderr)
        return sample

    def output(self, cmd: Cmd) -> str:
        """What one untimed run of `cmd` prints."""
        self.run(cmd, keep=False)
        return self.out.read_text(encoding="utf-8", errors="replace")

    def group(self, commands: Sequence[Cmd], runs: int, *, warmup: Sequence[Cmd] = ()) -> None:
        """One untimed run of each of `warmup`, then every command `runs` times, taking turns;
        the order rotates each round so no command always follows the same one."""
        for cmd in warmup:
            self.run(cmd, keep=False)
        for round_ in range(runs):
            shift = round_ % len(commands)
            for cmd in [*commands[shift:], *commands[:shift]]:
                self.run(cmd)


def seconds(value: float) -> str:
    if value <= 0:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ratio(cmd: Cmd, base: Cmd) -> float:
    """`cmd`'s median over the baseline's, 0 when either did not run."""
    return cmd.median / base.median if cmd.ok and base.ok and base.median else 0.0


def times(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}×" if value else "—"


def median_cell(cmd: Cmd | None, missing: str = "not run") -> str:
    if cmd is None:
        return missing
    if not cmd.ok:
        return "failed (see notes)" if cmd.samples else cmd.note or missing
    return seconds(cmd.median)


def peak_cell(cmd: Cmd | None) -> str:
    return f"{cmd.peak:.0f}" if cmd is not None and cmd.ok else "—"


@dataclass
class Check:
    """A target beside what was measured; `met` is None where it is not judged."""

    target: str
    measured: str
    met: bool | None


def checks_cell(checks: Sequence[Check]) -> str:
    return "; ".join(f"{c.target}: {c.measured}" for c in checks)


def verdict(checks: Sequence[Check]) -> str:
    if not checks or any(c.met is None for c in checks):
        return "—"
    failed = [c.target for c in checks if not c.met]
    return "yes" if not failed else "**no** (" + ", ".join(failed) + ")"


class Table:
    def __init__(self, title: str, header: list[str]):
        self.title, self.header = title, header
        self.rows: list[list[str]] = []

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self, markdown: bool) -> str:
        if markdown:
            lines = [f"**{self.title}**", ""]
            lines.append("| " + " | ".join(self.header) + " |")
            lines.append("|" + "|".join("---" for _ in self.header) + "|")
            lines += [
                "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.rows
            ]
            return "\n".join(lines)
        plain = [[c.replace("**", "").replace("`", "") for c in row] for row in self.rows]
        head = [h.replace("`", "") for h in self.header]
        widths = [max(len(row[i]) for row in [head, *plain]) for i in range(len(head))]
        lines = [self.title]
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            for row in [head, *plain]
        ]
        return "\n".join(line.rstrip() for line in lines)
