"""The FTS5 tokenizer ``delil``: our search analyser (``delil.text.analysis``) inside SQLite.

Documents are analysed into tokens with colocated alternative forms (English stems, Uyghur
stems, script-folded keys, Chinese character bigrams). Queries arrive *already analysed*: the
query builder in :mod:`delil.search` turns user text into FTS5 syntax over analysed forms, so in
query mode this tokenizer passes each whitespace-separated form through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apsw

from delil.text.analysis import Token, index_tokens

_QUERY = apsw.FTS5_TOKENIZE_QUERY


def _factory(con: apsw.Connection, args: list[str]) -> Any:
    def tokenize(utf8: bytes, flags: int, locale: str | None) -> Iterator[tuple[Any, ...]]:
        if flags & _QUERY:
            start = 0
            for part in utf8.split(b" "):
                if part:
                    yield (start, start + len(part), part.decode())
                start += len(part) + 1
            return
        text = utf8.decode("utf-8", "replace")
        yield from _with_byte_offsets(text, index_tokens(text))

    return tokenize


def _with_byte_offsets(text: str, tokens: list[Token]) -> Iterator[tuple[Any, ...]]:
    """FTS5 token tuples ``(byte_start, byte_end, form, *colocated)`` in document order.

    A token that ends where the previous one ends and starts inside it (the last character of a
    Han run, after its final bigram) is folded into the previous token as a colocated form, so
    it takes no position of its own and phrases across a run boundary stay contiguous.
    """
    ascii_only = text.isascii()
    cpos = bpos = 0
    prev: Token | None = None
    prev_tuple: tuple[Any, ...] | None = None
    for tok in tokens:
        if prev is not None and tok.end == prev.end and prev.start < tok.start:
            assert prev_tuple is not None
            prev_tuple = (*prev_tuple, *tok.forms)
            continue
        if prev_tuple is not None:
            yield prev_tuple
        if ascii_only:
            prev_tuple = (tok.start, tok.end, *tok.forms)
        else:
            # Character offsets to UTF-8 byte offsets. Token starts never decrease, so we walk
            # forward once, encoding only the stretch between consecutive starts.
            if tok.start > cpos:
                bpos += len(text[cpos : tok.start].encode())
                cpos = tok.start
            prev_tuple = (bpos, bpos + len(text[tok.start : tok.end].encode()), *tok.forms)
        prev = tok
    if prev_tuple is not None:
        yield prev_tuple


def register_tokenizer(db: apsw.Connection) -> None:
    """Make the ``delil`` tokenizer available on a connection (before touching the index)."""
    db.register_fts5_tokenizer("delil", _factory)
