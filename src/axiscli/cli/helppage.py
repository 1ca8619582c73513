"""`axis --help` without Typer: the page Typer prints, kept, or laid out by Rich alone.

Typer's top-level help imports Typer, then its Rich help module (which brings Markdown,
tracebacks, pretty-printing), and builds every command to list it: some 15× the interpreter's
start-up, for a usage line, the app's help, a few options and a line per command. Those texts
are declared once, in the command modules' docstrings and Typer's own options, and only Typer
can read them. So when Typer has printed the page, the texts it is made of are kept in the cache
folder (`remember`), keyed like bytecode by the size and mtime of every module of `axiscli.cli`
and of Typer's and Rich's modules that lay the page out. While none of them changes, `axis
--help`, `axis -h` and a bare `axis` are answered from there (`print_page`): with the page as
it was printed for the same terminal (the same width, colours, encoding, and everything else
Rich and Typer read to decide them), else laid out afresh from the texts by Rich's console,
panels and tables, built as `typer.rich_utils.rich_format_help` builds them, and kept.

A page with anything else (an argument, a deprecated command, Markdown help) is left to Typer.
tests/test_help_page.py compares the pages at several widths, with and without colour.
"""

from __future__ import annotations

import gc
import marshal
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing for a kept page
if TYPE_CHECKING:
    from typing import Any

    from rich.console import Console, RenderableType
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from axiscli.cli.app import AxisTyper

# A bare `axis` is answered with the page, as a usage error (`cli.app._run_guarded`).
_NO_ARGS_CODE = 2

# Typer's help reads these when it prints; a page printed under them is Typer's to print.
_TYPER_ONLY_ENV = ("TYPER_USE_RICH", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION")
# What Typer's help console and Rich read to choose the page's width, colours and characters.
_TERMINAL_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "DATABRICKS_RUNTIME_VERSION",
    "TERMINAL_WIDTH",
    "GITHUB_ACTIONS",
    "PY_COLORS",
    "_TYPER_FORCE_DISABLE_TERMINAL",
)
# What gettext reads to translate Typer's words ("Options", "Show this message and exit.").
_LANGUAGE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# The modules of Typer and Rich whose change may change the page.
_LAYOUT_MODULES = {
    "typer": ("__init__.py", "core.py", "main.py", "rich_utils.py", "completion.py"),
    "rich": ("__init__.py", "console.py", "table.py", "text.py", "panel.py"),
}
_PAGES_KEPT = 16  # terminals of different sizes and colours
_CLI = os.path.dirname(__file__)
_FORMAT = 1

# `typer.rich_utils`'s styles, as it sets them.
_THEME = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}
_OPTION_PATTERNS = (
    r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
    r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
    r"(?P<types>\<[^\>]+\>)",
    r"(?P<usage>Usage: )",
)
_NEGATIVE_PATTERNS = (
    r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
    r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
)
_TYPES_PATTERNS = (
    r"^(?P<types_sep>(\[|<))",
    r"(?P<types_sep>\|)",
    r"(?P<types_sep>(\]|>))(\.\.\.)?$",
)
# An option's help after its text: the style of each kind of note.
_NOTE_STYLES = {"help": "", "envvar": "dim yellow", "default": "dim", "required": "dim red"}


def print_page(args: list[str]) -> int | None:
    """Print the help page for `axis ARGS` and return the exit code, or None (having printed
    nothing) where Typer must print it."""
    if any(name in os.environ for name in _TYPER_ONLY_ENV):
        return None
    kept = _read(None)
    if kept is None:
        return None
    _tolerate_narrow_encodings()
    terminal = _terminal()
    # Windows consoles differ in what they show beyond what this sees: lay the page out there.
    page: str | None = None if sys.platform == "win32" else kept["pages"].get(terminal)
    if page is None:
        gc.disable()  # as `cli.main`: what the imports make lives until exit
        page = _lay_out(kept["texts"])
        gc.freeze()
    try:
        sys.stdout.write(page)
        if args:
            sys.stdout.write("\n")  # Typer's `--help` ends with the empty text of its formatter
        sys.stdout.flush()
    except OSError as error:
        from axiscli.cli.app import _output_failed

        return _output_failed(error)
    if terminal not in kept["pages"] and sys.platform != "win32":
        pages = {terminal: page, **kept["pages"]}
        _write({**kept, "pages": dict(list(pages.items())[:_PAGES_KEPT])})
    if not args:
        return _NO_ARGS_CODE
    return 0


def remember(app: AxisTyper) -> None:
    """Keep the texts of the page Typer prints for `app`, for `print_page`."""
    if any(name in os.environ for name in _TYPER_ONLY_ENV):
        return
    import rich
    import typer

    layout = [
        os.path.join(os.path.dirname(module.__file__ or ""), name)
        for module in (typer, rich)
        for name in _LAYOUT_MODULES[module.__name__]
    ]
    key = _key(layout)
    if _read(key) is not None:
        return
    texts = page_texts(app)
    if texts is not None:
        _write({"key": key, "layout": layout, "texts": texts, "pages": {}})


# --- what the page is made of, read from Typer ------------------------------------------------


def page_texts(app: AxisTyper) -> dict[str, Any] | None:
    """The texts of `app`'s help page as `typer.rich_utils.rich_format_help` prints them, or None
    where the page holds what `_Page` does not lay out."""
    import inspect

    import typer
    from typer.core import TyperArgument, TyperOption

    group = app.lazy_group()
    ctx = typer.Context(group, info_name="axis", **group.context_settings)
    if group.rich_markup_mode != "rich" or group.deprecated or group.epilog:
        return None
    first, *rest = inspect.cleandoc(group.help or "").partition("\f")[0].split("\n\n")
    if first.startswith("\b"):
        return None
    texts: list[str] = [first.replace("\n", " ").strip(), "\n\n".join(rest)]
    panels: dict[str, list[list[Any]]] = {}
    for param in group.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if isinstance(param, TyperArgument) or not isinstance(param, TyperOption):
            return None
        row = _option_row(param, ctx)
        if row is None:
            return None
        panels.setdefault(getattr(param, "rich_help_panel", None) or "Options", []).append(row)
    commands: dict[str, list[list[str]]] = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        if command.deprecated:
            return None
        help_text = inspect.cleandoc(command.short_help or command.help or "")
        line = help_text.split("\n\n")[0]
        if line.startswith("\b"):
            line = line.replace("\b\n", "")
        panel = getattr(command, "rich_help_panel", None) or "Commands"
        commands.setdefault(panel, []).append([command.name or "", inspect.cleandoc(line.strip())])
    texts += [text for rows in commands.values() for _, text in rows]
    texts += [text for rows in panels.values() for row in rows for kind, text in row[-1]]
    texts += [*panels, *commands]
    if any("\x1b[" in text for text in texts):
        return None
    return {
        "usage": group.get_usage(ctx),
        "help": texts[:2],
        "options": panels,
        "commands": commands,
        "markup": sorted({text for text in texts if _has_markup(text)}),
    }


def _has_markup(text: str) -> bool:
    """Whether Rich reads `text` as more than its characters: markup or an emoji's name (the
    others are put in `Text` as they are, which spares the page loading Rich's emoji table)."""
    from rich.text import Text

    return Text.from_markup(text) != Text(text)


def _option_row(param: Any, ctx: Any) -> list[Any] | None:
    """An option as `rich_utils._print_options_panel` shows it: whether it is required, its
    long names, short names, secondary long and short names, type, and its help's parts."""
    import inspect

    if param.secondary_opts and any("--" not in opt for opt in param.secondary_opts):
        return None
    types = param.display_type_rich(ctx=ctx) or ""
    if range_text := param._get_number_range_help_str():
        types += f" [{range_text}]"
    notes: list[list[str]] = []
    if param.help:
        paragraphs = [
            part.replace("\n", " ").strip()
            if not part.startswith("\b")
            else "{}\n".format(part.strip("\b\n"))
            for part in param.help.split("\n\n")
        ]
        notes.append(["help", inspect.cleandoc("\n".join(paragraphs).strip())])
    envvar = param.envvar
    if envvar is None and param.allow_from_autoenv and ctx.auto_envvar_prefix and param.name:
        envvar = f"{ctx.auto_envvar_prefix}_{param.name.upper()}"
    if envvar and param.show_envvar:
        named = envvar if isinstance(envvar, str) else ", ".join(str(d) for d in envvar)
        notes.append(["envvar", f"[env var: {named}]"])
    default = param._extract_default_help_str(ctx=ctx)
    show_default_is_str = isinstance(param.show_default, str)
    if show_default_is_str or (default is not None and (param.show_default or ctx.show_default)):
        shown = param._get_default_string(
            ctx=ctx, show_default_is_str=show_default_is_str, default_value=default
        )
        if shown:
            notes.append(["default", f"[default: {shown}]"])
    if param.required:
        notes.append(["required", "[required]"])
    return [
        bool(param.required),
        ",".join(opt for opt in param.opts if "--" in opt),
        ",".join(opt for opt in param.opts if "--" not in opt),
        ",".join(param.secondary_opts),
        "",
        types,
        notes,
    ]


# --- where the texts are kept -----------------------------------------------------------------


def _path() -> str:
    """A file per installed copy of axis in the cache folder of the compiled indexes
    (`index.cache.default_cache_dir`, whose module loads sqlite3; platformdirs' rule for Linux
    is written out, as loading platformdirs costs more than printing a kept page)."""
    from zlib import crc32

    folder = os.environ.get("AXIS_CACHE_DIR", "")
    if folder:
        folder = os.path.expanduser(folder)
    elif sys.platform == "linux":
        base = os.environ.get("XDG_CACHE_HOME", "")
        folder = os.path.join(base if base.strip() else os.path.expanduser("~/.cache"), "axis")
    else:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("axis", appauthor=False)
    return os.path.join(folder, f"help-{crc32(_CLI.encode()):08x}.marshal")


def _stat(path: str) -> tuple[str, int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, stat.st_size, stat.st_mtime_ns)


def _key(layout: list[str]) -> tuple[Any, ...]:
    """What the kept texts were read from: axis's version and the stat of the modules."""
    from axiscli import __version__

    modules = sorted(entry.path for entry in os.scandir(_CLI) if entry.name.endswith(".py"))
    stats = [_stat(path) for path in [*modules, *layout]]
    return (_FORMAT, __version__, *[os.environ.get(name) for name in _LANGUAGE_ENV], *stats)


def _terminal() -> tuple[Any, ...]:
    """What a page printed now is laid out for."""
    size = None
    for descriptor in (0, 1, 2):  # as Rich asks for the terminal's size
        try:
            size = tuple(os.get_terminal_size(descriptor))
            break
        except (OSError, ValueError):
            pass
    try:
        tty = sys.stdout.isatty()
    except ValueError:
        tty = False
    stream = (tty, getattr(sys.stdout, "encoding", None), size)
    return (*stream, *[os.environ.get(name) for name in _TERMINAL_ENV])


def _read(key: tuple[Any, ...] | None) -> dict[str, Any] | None:
    """What is kept, if it was read from the modules as they are now (as they are `key`)."""
    try:
        with open(_path(), "rb") as kept:
            stored: dict[str, Any] = marshal.load(kept)
        current = key if key is not None else _key(stored["layout"])
        return stored if stored["key"] == current else None
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None


def _write(stored: dict[str, Any]) -> None:
    """Keep `stored`, whole or not at all; where it cannot be written (a read-only cache
    folder), the next page is laid out again."""
    path = _path()
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as out:
            marshal.dump(stored, out)
        os.replace(partial, path)
    except (OSError, ValueError):
        try:
            os.unlink(partial)
        except OSError:
            pass


# --- the page, laid out as Typer lays it out ----------------------------------------------------


def _lay_out(texts: dict[str, Any]) -> str:
    """The page as Typer's help console prints it to stdout."""
    console = _console()
    console.begin_capture()
    _Page(texts).print(console)
    return console.end_capture()


def _console() -> Console:
    """`typer.rich_utils._get_rich_console`."""
    from rich.console import Console
    from rich.theme import Theme

    width = os.getenv("TERMINAL_WIDTH")
    force = True if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") else None
    if force is None and os.getenv("PY_COLORS"):
        force = True
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    return Console(
        theme=Theme(_THEME),
        highlighter=_highlighter(_OPTION_PATTERNS),
        color_system="auto",
        force_terminal=force,
        width=int(width) if width else None,
    )


def _highlighter(patterns: tuple[str, ...]) -> Any:
    from rich.highlighter import RegexHighlighter

    return type("Highlighter", (RegexHighlighter,), {"highlights": list(patterns)})()


class _Page:
    """`rich_utils.rich_format_help` for a group with options and commands, from its texts."""

    def __init__(self, texts: dict[str, Any]) -> None:
        self.texts = texts
        self.marked = set(texts["markup"])
        self.options = _highlighter(_OPTION_PATTERNS)

    def print(self, console: Console) -> None:
        from rich.align import Align
        from rich.console import Group
        from rich.padding import Padding
        from rich.text import Text

        console.print(Padding(self.options(self.texts["usage"]), 1), style="bold")
        first, rest = self.texts["help"]
        if first or rest:
            parts: list[RenderableType] = [self._text(first, "")]
            if rest:
                parts += [Text(""), self._text(rest, "dim")]
            console.print(Padding(Align(Group(*parts), pad=False), (0, 1, 1, 1)))
        for name, rows in self.texts["options"].items():
            console.print(self._panel(name, self._options(rows)))
        commands: dict[str, list[list[str]]] = self.texts["commands"]
        width = max((len(name) for rows in commands.values() for name, _ in rows), default=0)
        for name, rows in commands.items():
            if rows:
                console.print(self._panel(name, self._commands(rows, width)))

    def _text(self, text: str, style: str) -> Text:
        """`rich_utils._make_rich_text`, in Rich markup mode."""
        from rich.text import Text

        if text in self.marked:
            read = Text.from_markup(text, style=style)
        else:
            read = Text(text, style)
        highlighted: Text = self.options(read)
        return highlighted

    def _panel(self, title: str, table: Table) -> Panel:
        from rich.panel import Panel
        from rich.text import Text

        named = title if title in self.marked else Text(title)
        return Panel(table, border_style="dim", title=named, title_align="left")

    def _options(self, rows: list[list[Any]]) -> Table:
        """`rich_utils._print_options_panel`'s table."""
        from rich.columns import Columns
        from rich.text import Text

        negative = _highlighter(_NEGATIVE_PATTERNS)
        types = _highlighter(_TYPES_PATTERNS)
        required = any(row[0] for row in rows)
        table = _table(highlight=True)
        for is_required, long, short, secondary, secondary_short, type_text, notes in rows:
            type_cell = Text(style="bold yellow", overflow="fold")
            type_cell.append(type_text)
            parts = [
                self._text(text, "") if kind == "help" else Text(text, _NOTE_STYLES[kind])
                for kind, text in notes
            ]
            cells: list[RenderableType] = [
                self.options(long),
                self.options(short),
                negative(secondary),
                negative(secondary_short),
                types(type_cell),
                Columns(parts),
            ]
            if required:
                cells.insert(0, Text("*", style="red") if is_required else "")
            table.add_row(*cells)
        return table

    def _commands(self, rows: list[list[str]], width: int) -> Table:
        """`rich_utils._print_commands_panel`'s table."""
        from rich.text import Text

        table = _table(highlight=False)
        table.add_column(style="bold cyan", no_wrap=True, width=width)
        table.add_column("Description", justify="left", no_wrap=False, ratio=10)
        for command, help_text in rows:
            table.add_row(Text(command), self._text(help_text, ""))
        return table


def _table(highlight: bool) -> Table:
    from rich.table import Table

    return Table(
        highlight=highlight,
        show_header=False,
        expand=True,
        box=None,
        show_lines=False,
        leading=0,
        border_style=None,
        row_styles=None,
        pad_edge=False,
        padding=(0, 1),
    )


def _tolerate_narrow_encodings() -> None:
    """As the Typer app does before it prints (`app._tolerate_narrow_encodings`)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
