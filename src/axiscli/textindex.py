"""Folding text the way people type it, and SQLite FTS5 over records' text.

`fold` is the one place the folding rules live: actor names compare folded, and the full-text
index holds folded text that FTS5's `porter unicode61` tokenizer then splits and stems. Query
expressions are only ever built here, from words quoted one by one, so nothing a user types
reaches FTS5 as syntax. `sqlite3` is imported when an index is first built, not before.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from unicodedata import combining

if TYPE_CHECKING:
    import sqlite3

TOKENIZER = "porter unicode61 remove_diacritics 2"

_QUOTES = "'\"`´‘’‚‛“”„‟′″‹›«»"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_QUOTE = re.compile(f"[{re.escape(_QUOTES)}]")
_DASH = re.compile(f"[{re.escape(_DASHES)}]")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # soft hyphen, zero-width space…
# "Korea's" and "Koreas" are one word, as are "U.S." and "US": the index and queries agree.
# (Both patterns start with their literal so that `re` scans for it quickly.)
_APOSTROPHE = re.compile(r"'(?<=[^\W_]')(?=[^\W_])")
_INITIALISM = re.compile(r"\.(?<=(?<![^\W_])[^\W\d_]\.)(?=[^\W\d_](?![^\W_]))")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """`text` as matching sees it: NFKC, case-folded, one apostrophe, one hyphen, one space.

    Every quote or apostrophe becomes `'`, every hyphen, dash and minus `-`, every run of
    Unicode spaces (non-breaking and thin ones too) a single space; diacritics, soft hyphens
    and zero-width spaces go.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not unicodedata.is_normalized("NFD", text):  # something decomposes: drop its marks
        marked = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize("NFC", "".join(c for c in marked if not combining(c)))
    text = _DASH.sub("-", _QUOTE.sub("'", _INVISIBLE.sub("", text)))
    return " ".join(text.split())


def _indexable(text: str) -> str:
    return _INITIALISM.sub("", _APOSTROPHE.sub("", fold(text)))


def words(text: str) -> list[str]:
    """The folded words of `text`, unstemmed: `words("U.S.-Korea’s")` is `['us', 'koreas']`."""
    return _WORD.findall(_indexable(text))


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def all_of(words: Sequence[str], columns: Sequence[str] = ()) -> str:
    """An FTS5 expression: every word somewhere in `columns` (all columns when empty)."""
    return _within(columns, " AND ".join(_quoted(word) for word in words))


def phrase(words: Sequence[str], columns: Sequence[str] = (), *, prefix: bool = False) -> str:
    """An FTS5 expression: the words in a row, the last one as a prefix when `prefix`."""
    return _within(columns, _quoted(" ".join(words)) + (" *" if prefix else ""))


def any_of(expressions: Iterable[str]) -> str:
    return " OR ".join(f"({expression})" for expression in expressions)


def _within(columns: Sequence[str], expression: str) -> str:
    return f"{{{' '.join(columns)}}} : ({expression})" if columns else expression


def _connect() -> "sqlite3.Connection":
    import sqlite3

    return sqlite3.connect(":memory:")


def create_table(db: "sqlite3.Connection", columns: Sequence[str], table: str = "texts") -> None:
    """An empty FTS5 table of `columns` under the one tokenizer matching uses."""
    db.execute(
        f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, tokenize='{TOKENIZER}')"
    )


class TextIndex:
    """An FTS5 table of folded text, in memory or in a compiled index; rows are numbered by
    whoever adds them (`add`), and `find` and `rank` answer with those numbers."""

    def __init__(
        self, db: "sqlite3.Connection", columns: Sequence[str], table: str = "texts"
    ) -> None:
        self.columns = tuple(columns)
        self._db = db
        self._table = table

    @classmethod
    def in_memory(cls, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> "TextIndex":
        """A fresh index of `rows`; row `i` is the `i`-th row given."""
        index = cls(_connect(), columns)
        create_table(index._db, index.columns)
        index.add(enumerate(rows))
        return index

    def add(self, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Index each `(number, texts)`: one text per column, folded as matching folds."""
        self._db.executemany(
            f"INSERT INTO {self._table}(rowid, {', '.join(self.columns)}) "
            f"VALUES (?, {', '.join('?' for _ in self.columns)})",
            ((number, *map(_indexable, texts)) for number, texts in rows),
        )

    def find(self, expression: str) -> set[int]:
        """The rows matching an expression built by `all_of`, `phrase` or `any_of`."""
        found = self._db.execute(
            f"SELECT rowid FROM {self._table} WHERE {self._table} MATCH ?", (expression,)
        )
        return {number for (number,) in found}

    def rank(self, expression: str, weights: dict[str, float]) -> dict[int, float]:
        """The matching rows with their bm25 score under column `weights` (higher is better)."""
        columns = ", ".join(str(weights.get(column, 1.0)) for column in self.columns)
        found = self._db.execute(
            f"SELECT rowid, -bm25({self._table}, {columns}) FROM {self._table} "
            f"WHERE {self._table} MATCH ?",
            (expression,),
        )
        return dict(found.fetchall())


def stems(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Each text as the folded, stemmed words the index holds: `ballistic-missiles` is
    `('ballist', 'missil')`, and so is `Ballistic Missile`."""
    db = _connect()
    db.execute(f"CREATE VIRTUAL TABLE texts USING fts5(body, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(texts, 'instance')")
    db.executemany(
        "INSERT INTO texts(rowid, body) VALUES (?, ?)",
        ((number, _indexable(text)) for number, text in enumerate(texts)),
    )
    found: list[list[str]] = [[] for _ in texts]
    for number, term in db.execute('SELECT doc, term FROM terms ORDER BY doc, "offset"'):
        found[number].append(term)
    db.close()
    return [tuple(terms) for terms in found]
