"""Store text made harmless for people's terminals and the renderers that feed them.

A store is text anyone can edit or merge in with `--data`; a title holding `\\x1b[2J` must not
clear the screen, nor a quote holding `\\x07` ring a bell. Every human format (the Rich views,
`plain`, `md`) passes store text through `visible`. Machine formats (JSON, CSV, TSV, YAML)
escape or quote on their own and keep the text byte for byte.
"""

import re

# C0 controls but tab and newline, DEL, and C1 (0x9b alone starts a CSI sequence on some
# terminals). ESC is among them, so no escape sequence survives as one.
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_VISIBLE = str.maketrans({code: f"\\x{code:02x}" for code in _CONTROLS})


def visible(text: str) -> str:
    r"""`text` with each control character written out as Python writes it: ESC as the four
    characters `\x1b`, BEL as `\x07`, CSI as `\x9b`. Tab and newline are kept.

    Escapes rather than the Control Pictures block (U+2400…) because that block has no signs for
    C1, and `\x1b[31m` tells a reader exactly what the data holds.
    """
    return text.translate(_VISIBLE)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def escape_markdown(text: str) -> str:
    """`text` as Markdown that prints it as written: no emphasis, links or HTML from it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_inline(text: str) -> str:
    """Store text as inert Markdown on one line, safe in a table cell or a footnote: control
    characters written out, every run of white space (newline, CR) one space, `|` escaped."""
    return escape_markdown(" ".join(visible(text).split())).replace("|", "\\|")
