"""What every terminal view shares: store text made safe for Rich, and widths in cells."""

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from axiscli.render.formats import flat_value
from axiscli.render.safe import visible

STACK_BELOW = 60  # narrower than this, views stack their columns
GAP = 2  # blank columns between two columns
WORD_MAX = 30  # a longer "word" than this may break
IDS = ("id", "code")  # fields whose values are copied whole


def store_text(value: Any, style: str = "") -> Text:
    """Store text for Rich: control characters made visible, `[brackets]` left as written. The
    style spans this text only, not what is appended to it."""
    return Text().append(visible(flat_value(value)), style=style or None)


def cell_width(texts: Iterable[Text | str]) -> int:
    """The widest line among `texts`, in terminal cells."""
    plain = (text.plain if isinstance(text, Text) else text for text in texts)
    return max((cell_len(line) for text in plain for line in text.splitlines()), default=0)
