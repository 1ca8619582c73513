"""Parse store files fast into plain data; compose YAML nodes for a file:line only when asked.

Parsing keeps, of all the YAML nodes, only each record's line and offset. A big file is parsed
in chunks of whole records, so that only one chunk's nodes are alive at a time: YAML's nodes
cost several hundred bytes each, and a 100,000-record file has millions of them. The lines of
fields inside a record (`FieldLines`) are found by composing that record's text again, which
only a record with a problem ever needs.

The collector is paused while a store loads (`gc_paused`): the objects made are not garbage,
and without the pause it walks them over and over as they accumulate.

A small hostile file must not take the machine down: nesting deeper than `MAX_DEPTH` and
aliases (merge keys included) that would expand a document by more than `MAX_EXPANSION` nodes
are refused (`TooDeep`, `TooBig`: YAML errors with the line) before anything is built. Only
the standard tags are built (the loader is a safe one): `!!python/object` and the like are
errors, nothing is executed.
"""

import gc
import re
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# Deeper nesting than this is refused; the curated store nests four levels deep.
MAX_DEPTH = 64
# Aliases may repeat at most this many nodes beyond those written (a billion-laughs or merge-key
# bomb repeats billions from a few hundred bytes); the curated store uses no aliases at all.
MAX_EXPANSION = 10_000
# libyaml's composer recurses in C, once a level: a text that might nest this deep is first
# measured on its events, which takes no recursion (well below where the composer's stack ends).
_COMPOSE_SAFE = 4096


class TooDeep(yaml.MarkedYAMLError):
    """The document nests deeper than MAX_DEPTH."""


class TooBig(yaml.MarkedYAMLError):
    """The document's aliases would expand it by more than MAX_EXPANSION nodes."""


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that leaves dates as the strings they are written as, and notes each key
    given twice in one mapping, at any depth, where YAML would let the last one silently win.

    `duplicates` holds (line, key) of each repeated key; `line_offset` is added to its line,
    for a loader given a chunk of a file. Short strings (keys, codes, tags, source ids) are
    made once per `strings` table: a store repeats them in every record.
    """

    def __init__(
        self, stream: str, line_offset: int = 0, strings: dict[str, str] | None = None
    ) -> None:
        super().__init__(stream)
        self.text = stream
        self.line_offset = line_offset
        self.duplicates: list[tuple[int, str]] = []
        self.strings = {} if strings is None else strings

    def get_single_node(self) -> yaml.Node | None:
        """The document's node tree; raise TooDeep or TooBig where it nests too deep or its
        aliases expand it too far."""
        if _maybe_deep(self.text):
            self._measure_depth()
            self.dispose()
            super().__init__(self.text)
        root: yaml.Node | None = super().get_single_node()
        if root is not None and "&" in self.text:  # no anchor, no alias: `_plain` checks depth
            _check_tree(root)
        return root

    def _measure_depth(self) -> None:
        depth = 0
        while (event := self.get_event()) is not None:
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        # The safe resolver's rules (timestamps left out) without its general machinery: the
        # parser asks this of every node.
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                for tag, pattern in _RESOLVERS.get(value[:1], _ANYWHERE):
                    if pattern.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_plain(self, root: yaml.Node) -> Any:
        """What `construct_document(root)` gives, faster: strings, lists and mappings of string
        keys are built here, anything else (numbers, merge keys, tags) by the constructor. Only
        for a document without anchors: a node reached twice would be built twice."""
        try:
            return self._plain(root, 1)
        finally:
            self.constructed_objects.clear()
            self.recursive_objects.clear()

    def _plain(self, node: yaml.Node, depth: int) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode and node.tag == _STR:
            value: str = node.value
            return value if len(value) > SHARED_LENGTH else self.strings.setdefault(value, value)
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            if depth > MAX_DEPTH:
                raise _too_deep(node.start_mark)
            return [self._plain(item, depth + 1) for item in node.value]
        if (
            kind is yaml.MappingNode
            and node.tag == _MAP
            and all(type(key) is yaml.ScalarNode and key.tag == _STR for key, _ in node.value)
        ):
            if depth > MAX_DEPTH:
                raise _too_deep(node.start_mark)
            mapping: dict[str, Any] = {}
            strings = self.strings
            for key_node, value_node in node.value:
                key = key_node.value
                if key in mapping:
                    line = key_node.start_mark.line + 1 + self.line_offset
                    self.duplicates.append((line, key))
                mapping[strings.setdefault(key, key)] = self._plain(value_node, depth + 1)
            return mapping
        if kind is not yaml.ScalarNode:
            _check_tree(node, depth)
        return self.construct_object(node, deep=True)

    def construct_shared_str(self, node: yaml.ScalarNode) -> str:
        value: str = self.construct_scalar(node)
        if len(value) > SHARED_LENGTH:
            return value
        return self.strings.setdefault(value, value)

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        # Python refuses to convert a number of thousands of digits; say where it is written.
        try:
            value: int = self.construct_yaml_int(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                problem=f"the number is too long ({len(node.value)} characters)",
                problem_mark=node.start_mark,
            ) from None
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # flatten_mapping removes merge keys (`<<`) from this very list, and may then give the
        # node a new list with the merged pairs first: `own` ends up the pairs written here.
        own = node.value
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # a key repeated, or a merged key overridden
            self._note_duplicates(own)
        return mapping

    def _note_duplicates(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
        seen: set[Hashable] = set()
        for key_node, _ in pairs:
            key = self.construct_object(key_node)  # already built: this is a lookup
            if key in seen:
                line = key_node.start_mark.line + 1 + self.line_offset
                self.duplicates.append((line, str(key_node.value)))
            seen.add(key)


def _maybe_deep(text: str) -> bool:
    # Each level of flow nesting takes a bracket, each level of block nesting a column of
    # indentation or an indicator on its line: a text with few brackets and short lines is safe.
    if len(text) < _COMPOSE_SAFE:
        return False
    if text.count("[") + text.count("{") >= _COMPOSE_SAFE:
        return True
    return max(map(len, text.split("\n"))) >= _COMPOSE_SAFE


def _too_deep(mark: yaml.Mark | None) -> TooDeep:
    return TooDeep(problem=f"the data nests deeper than {MAX_DEPTH} levels", problem_mark=mark)


def _check_tree(root: yaml.Node, depth: int = 1) -> None:
    """Raise TooDeep or TooBig where the tree, `depth` levels down, nests too deep or its
    aliases (nodes reached more than once) would repeat more than MAX_EXPANSION nodes.
    Iterative, and each node is measured once: a bomb is refused in the time its text takes
    to read."""
    sizes: dict[int, int] = {}  # id of a collection node -> nodes in it, aliases expanded
    written = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, depth, False)]
    while stack:
        node, level, done = stack.pop()
        if type(node) is yaml.ScalarNode:
            continue
        key = id(node)
        children = (
            [child for pair in node.value for child in pair]
            if type(node) is yaml.MappingNode
            else node.value
        )
        if done:
            sizes[key] = 1 + sum(
                1 if type(child) is yaml.ScalarNode else sizes[id(child)] for child in children
            )
            if sizes[key] - written > MAX_EXPANSION:
                raise TooBig(
                    problem=f"its aliases expand beyond {MAX_EXPANSION} nodes",
                    problem_mark=node.start_mark,
                )
            continue
        if key in sizes:
            continue  # an alias: measured already
        if level > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        written += 1 + sum(type(child) is yaml.ScalarNode for child in children)
        sizes[key] = 0  # an alias inside its own anchor adds nothing more
        stack.append((node, level, True))
        stack.extend((child, level + 1, False) for child in reversed(children))


# Strings up to this length are shared; longer ones (titles, quotes) are rarely repeated.
SHARED_LENGTH = 40
Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_shared_str)
Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_bounded_int)
Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ANYWHERE = tuple(Loader.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS = {
    first: (*resolvers, *_ANYWHERE)
    for first, resolvers in Loader.yaml_implicit_resolvers.items()
    if first is not None
}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector inside the block; leave it as it was found afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Parsed:
    """One YAML document: its data and, when it is a list, where each item starts."""

    data: Any
    lines: list[int] = field(default_factory=list)  # 1-based line of each item
    starts: list[int] = field(default_factory=list)  # offset of each item in the text
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (line, key), by line


# Characters per chunk: big enough that starting a parser is nothing beside it, small enough
# that a chunk's nodes cost a few megabytes.
CHUNK = 1 << 18
_ANCHOR = re.compile(r"(?:^|[ \t\[{,])&[^ \t\r\n,\[\]{}]", re.MULTILINE)


class Unsplittable(Exception):
    """A chunk of the text is not a plain block list of records: the text is to be parsed
    whole."""


def parse(text: str, strings: dict[str, str] | None = None) -> Parsed:
    """Parse a YAML document; raise yaml.YAMLError where it is not valid YAML.

    An empty or comments-only document is an empty list. The result is the same whether the
    text is parsed whole or in chunks: chunks are cut only before a `- ` at the start of a line,
    where a record of a top-level block list starts; a cut anywhere else leaves a chunk that
    does not parse (an unclosed quote or bracket) or is no such list, and the text is then
    parsed whole. Texts with anchors, stream markers (`---`, `...`, `%`) after the first record
    or line breaks other than LF and CRLF are parsed whole from the start. `strings` is the
    table of shared short strings (one per store, so files share them too).
    """
    strings = {} if strings is None else strings
    try:
        parts = list(parse_parts(text, strings))
    except Unsplittable:
        return _parse_whole(text.removeprefix("\ufeff"), strings, plain=True)
    if len(parts) == 1:
        return parts[0]
    whole = Parsed([])
    for part in parts:
        whole.data += part.data
        whole.lines += part.lines
        whole.starts += part.starts
        whole.duplicates += part.duplicates
    return whole


def parse_parts(text: str, strings: dict[str, str] | None = None) -> Iterator[Parsed]:
    """`parse(text)` a chunk of whole records at a time, so that a caller can let go of each
    chunk's data before the next is parsed; `lines` and `starts` are the text's own, and a
    text parsed whole is one part. Raise Unsplittable where a chunk does not parse as records
    (a part may have been given already: only `parse` can tell a YAML error from a bad cut),
    and yaml.YAMLError where a text parsed whole is not valid YAML. Without `strings`, each
    chunk shares short strings within itself only: nothing kept grows with the text."""
    text = text.removeprefix("\ufeff")
    plain = "&" not in text or _ANCHOR.search(text) is None
    first = _first_item(text)
    if plain and len(text) > CHUNK and first is not None and _splittable(text, first):
        yield from _parse_chunks(text, first, strings)
    else:
        yield _parse_whole(text, strings, plain)


def _first_item(text: str) -> int | None:
    if text.startswith("- "):
        return 0
    found = text.find("\n- ")
    return None if found < 0 else found + 1


def _splittable(text: str, first: int) -> bool:
    if any(mark in text for mark in ("\x85", "\u2028", "\u2029")):
        return False
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False
    return all(text.find(mark, first) < 0 for mark in ("\n---", "\n...", "\n%"))


def _parse_chunks(text: str, first: int, strings: dict[str, str] | None) -> Iterator[Parsed]:
    begin = line = 0
    while begin < len(text):
        cut = text.find("\n- ", max(begin + CHUNK, first))
        end = len(text) if cut < 0 else cut + 1
        chunk = text[begin:end]
        loader = Loader(chunk, line, strings)
        try:
            root = loader.get_single_node()
            if not _block_list(root):
                raise Unsplittable
            data = loader.construct_plain(root)
        except yaml.YAMLError as error:
            raise Unsplittable from error
        finally:
            loader.dispose()
        yield Parsed(
            data,
            [line + 1 + node.start_mark.line for node in root.value],
            [begin + node.start_mark.index for node in root.value],
            sorted(loader.duplicates),
        )
        line += chunk.count("\n")
        begin = end


def _block_list(root: yaml.Node | None) -> TypeGuard[yaml.SequenceNode]:
    return (
        isinstance(root, yaml.SequenceNode)
        and root.tag == _SEQ
        and not root.flow_style
        and root.start_mark.column == 0
    )


def _parse_whole(text: str, strings: dict[str, str] | None, plain: bool) -> Parsed:
    loader = Loader(text, 0, strings)
    try:
        root = loader.get_single_node()
        if root is None:
            return Parsed([])
        data = loader.construct_plain(root) if plain else loader.construct_document(root)
    finally:
        loader.dispose()
    parsed = Parsed(data, duplicates=sorted(loader.duplicates))
    if isinstance(data, list) and isinstance(root, yaml.SequenceNode):
        parsed.lines = [node.start_mark.line + 1 for node in root.value]
        parsed.starts = [node.start_mark.index for node in root.value]
    return parsed


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document (None for an empty one)."""
    loader = Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


class FieldLines:
    """The lines of the fields inside one file's records, found on demand.

    The file is read again and only the record asked about is composed (the one asked last is
    kept); where that cannot stand on its own (a record written as `-` on a line of its own,
    an alias to another record), the whole file is composed once and kept.
    """

    def __init__(self, path: Path, starts: list[int]) -> None:
        self.path = path
        self.starts = starts
        self._text: str | None = None
        self._whole: yaml.Node | None = None
        self._last: tuple[int, yaml.Node | None] | None = None
        # The first pair of each key of the mappings asked about: a record with thousands of
        # unknown keys has each one's line found in constant time, not by a search of them all.
        self._keys: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = {}

    def line_of(self, index: int, line: int, loc: tuple[str | int, ...]) -> int:
        """The line of the field at `loc` in the file's `index`-th record, which starts at
        `line`; `line` itself where the record cannot be found again (the file changed)."""
        if self._last is None or self._last[0] != index:
            self._last = (index, self._record_node(index))
            self._keys.clear()
        node = self._last[1]
        if node is None:
            return line
        return line + node_line(node, loc, self._keys) - node.start_mark.line

    def _record_node(self, index: int) -> yaml.Node | None:
        text = self._read()
        if text is None or index >= len(self.starts):
            return None
        start = self.starts[index]
        begin = text.rfind("\n", 0, start) + 1
        end = len(text)
        if index + 1 < len(self.starts):
            end = text.rfind("\n", 0, self.starts[index + 1]) + 1
        if begin < end:
            with gc_paused():
                try:
                    root = compose(text[begin:end])
                except yaml.YAMLError:
                    root = None
            node = root.value[0] if isinstance(root, yaml.SequenceNode) and root.value else root
            if node is not None and begin + node.start_mark.index == start:
                return node
        return self._whole_node(index, start)

    def _whole_node(self, index: int, start: int) -> yaml.Node | None:
        text = self._read()
        if self._whole is None and text is not None:
            with gc_paused():
                try:
                    self._whole = compose(text)
                except yaml.YAMLError:
                    return None
        root = self._whole
        if isinstance(root, yaml.SequenceNode) and index < len(root.value):
            node: yaml.Node = root.value[index]
            if node.start_mark.index == start:
                return node
        return None

    def _read(self) -> str | None:
        if self._text is None:
            try:
                self._text = self.path.read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                return None
        return self._text


def node_line(
    node: yaml.Node,
    loc: tuple[str | int, ...],
    keys: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] | None = None,
) -> int:
    """The line (0-based) a location inside `node` points at: the deepest key or item of
    `loc` it reaches, e.g. ("citations", 2, "quote"). `keys` keeps each mapping's keys for
    the next call about the same node."""
    keys = {} if keys is None else keys
    line: int = node.start_mark.line
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            if id(node) not in keys:
                first: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
                for pair in node.value:
                    first.setdefault(pair[0].value, pair)
                keys[id(node)] = first
            found = keys[id(node)].get(step)
            if found is None:
                break
            key, node = found
            line = key.start_mark.line
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return line
