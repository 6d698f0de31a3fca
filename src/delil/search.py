"""Full-text search over page text: the query language and the result shape.

Query syntax (everything else is literal text, so no user input can break the engine's syntax):

- ``word word``: pages holding all the words (in any script: a Uyghur word in Arabic script also
  finds its Latin and Cyrillic spellings and its suffixed forms; English words match their
  inflections; Chinese of two or more characters matches anywhere inside a run);
- ``"several words"``: the words next to each other;
- ``a OR b``: either;
- ``-word``: pages without it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from delil.errors import InvalidInput
from delil.storage.base import SearchSpec, Store
from delil.text.analysis import Token, index_tokens, query_tokens

_ITEM = re.compile(r'(-?)"([^"]*)"|(\S+)')
_HIGHLIGHT_ON, _HIGHLIGHT_OFF = "\x02", "\x03"


def _literal(form: str) -> str:
    return '"' + form.replace('"', '""') + '"'


def _expression(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    if len(tokens) == 1:
        tok = tokens[0]
        if len(tok.forms[0]) == 1 and "\u3400" <= tok.forms[0] <= "\u9fff":
            # One Han character: every character starts some indexed token, so a prefix
            # query finds it.
            return _literal(tok.forms[0]) + "*"
        if len(tok.forms) == 1:
            return _literal(tok.forms[0])
        return "(" + " OR ".join(_literal(f) for f in dict.fromkeys(tok.forms)) + ")"
    # Several tokens from one item (a phrase, or a Chinese run cut into bigrams): adjacent
    # positions. The broadest form of each token is indexed at every spelling's position.
    return _literal(" ".join(t.forms[-1] for t in tokens))


@dataclass(frozen=True)
class ParsedQuery:
    """A user query, analysed: the engine's match expression and what to highlight."""

    match: str
    forms: frozenset[str]
    """Every analysed form of the positive terms (a page token carrying one is highlighted)."""
    surfaces: tuple[str, ...]
    """The positive terms as typed, casefolded (cheap anchors for the snippet)."""


def build_match(query: str) -> str:
    """Turn a user query into an FTS5 match expression over analysed forms.

    Raises:
        InvalidInput: the query has nothing searchable (only punctuation, or only exclusions).
    """
    return parse_query(query).match


def parse_query(query: str) -> ParsedQuery:
    """Analyse a user query (see the module docstring for its syntax).

    Raises:
        InvalidInput: the query has nothing searchable (only punctuation, or only exclusions).
    """
    parts: list[str] = []
    forms: set[str] = set()
    surfaces: list[str] = []
    positive = 0
    pending_or = False
    for m in _ITEM.finditer(query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            pending_or = bool(parts)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            neg, word = "-", word[1:]
        text = phrase if phrase is not None else word
        tokens = query_tokens(text)
        expr = _expression(tokens)
        if expr is None:
            continue
        if neg:
            parts.append(f"NOT {expr}")
            continue
        surfaces.append(text.casefold())
        forms.update(f for t in tokens for f in t.forms)
        positive += 1
        if pending_or and parts and not parts[-1].startswith("NOT "):
            parts[-1] = f"({parts[-1]} OR {expr})"
        else:
            parts.append(expr)
        pending_or = False
    if not positive:
        raise InvalidInput(
            f"nothing to search for in {query!r}: give at least one word (exclusions alone "
            "match nothing)"
        )
    # FTS5 needs a positive term before NOT; keep positives first.
    pos = [p for p in parts if not p.startswith("NOT ")]
    neg_parts = [p for p in parts if p.startswith("NOT ")]
    match = " AND ".join(pos) + "".join(" " + n for n in neg_parts)
    return ParsedQuery(match, frozenset(forms), tuple(surfaces))


_CONTEXT_BEFORE, _CONTEXT_AFTER = 10, 18  # tokens of context around the first match
_ANCHOR_SPAN = 600  # characters analysed around a verbatim anchor before falling back to all


def make_snippet(text: str, parsed: ParsedQuery) -> str:
    """A short extract of ``text`` around the first match, matches between \\x02 and \\x03.

    A page can be long and analysing it costs time, so we first look for a term as typed
    (cheap) and analyse only the stretch around it; only when the match is a different
    spelling (another script, a suffixed form) do we analyse the whole page.
    """
    low = text.casefold()
    anchors = [i for i in (low.find(s) for s in parsed.surfaces if s) if i >= 0]
    spans: list[tuple[int, int]] = []
    if anchors:
        lo = max(0, min(anchors) - _ANCHOR_SPAN // 3)
        hi = min(len(text), lo + _ANCHOR_SPAN)
        spans = _matches(text, lo, hi, parsed.forms)
    if not spans:
        lo, hi = 0, len(text)
        spans = _matches(text, 0, len(text), parsed.forms)
    if not spans:
        cut = text[:160]
        return cut + ("…" if len(text) > 160 else "")
    tokens = index_tokens(text[lo:hi])
    first = spans[0][0] - lo
    idx = next((i for i, t in enumerate(tokens) if t.end > first), 0)
    start = tokens[max(0, idx - _CONTEXT_BEFORE)].start + lo if tokens else spans[0][0]
    end = tokens[min(len(tokens) - 1, idx + _CONTEXT_AFTER)].end + lo if tokens else spans[0][1]
    # Don't cut off a sentence's last few characters (or first few) for the sake of it.
    if start < 24:
        start = 0
    if len(text) - end < 24:
        end = len(text)
    out = ["…" if start > 0 else ""]
    pos = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out += [text[pos:a], _HIGHLIGHT_ON, text[a:b], _HIGHLIGHT_OFF]
        pos = b
    out.append(text[pos:end])
    out.append("…" if end < len(text) else "")
    return "".join(out).replace("\n", " ")


def _matches(text: str, lo: int, hi: int, forms: frozenset[str]) -> list[tuple[int, int]]:
    """Merged character spans (offsets into ``text``) of tokens carrying a query form."""
    spans: list[tuple[int, int]] = []
    # A one-character Han query matches by prefix: it can sit mid-run, inside bigram tokens.
    singles = {f for f in forms if len(f) == 1 and "\u3400" <= f <= "\u9fff"}
    for t in index_tokens(text[lo:hi]):
        if singles and t.forms[0][0] in singles:
            a = t.start + lo
            spans.append((a, a + 1))
        elif forms.intersection(t.forms):
            a, b = t.start + lo, t.end + lo
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
            else:
                spans.append((a, b))
    return spans


@dataclass
class SearchResult:
    """One matching page."""

    source_id: str
    page: int
    snippet: str
    """Plain text with the matches between « and »."""
    snippet_html: str
    """HTML-escaped, matches in ``<mark>``."""
    score: float
    language: str | None
    media_type: str


class SearchResults(list["SearchResult"]):
    """The hits of one search (a list), plus how they were ranked."""

    windowed: bool = False
    """True when more pages matched than the rank window: the hits are the best of the newest
    ``window`` matches. Add words or filters to reach the rest."""


def search(
    store: Store,
    query: str,
    *,
    language: str | None = None,
    media_type: str | None = None,
    acquisition: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
    window: int | None = 20_000,
) -> SearchResults:
    """Search page text; best matches first.

    Args:
        store: the case store.
        query: user query (see the module docstring).
        language: only pages in this language (``en``, ``zh``, ``ug``...).
        media_type: only sources of this media type (``application/pdf``, or ``text/*``).
        acquisition: an acquisition id, or part of whom it came from.
        since: earliest acquisition date (YYYY, YYYY-MM or YYYY-MM-DD; ingest date if unknown).
        until: latest acquisition date, inclusive.
        limit: most results.
        offset: results to skip (paging).
        window: rank only the newest this-many matching pages, so that a word found on most
            of a million pages still answers in milliseconds; None ranks every match.
    """
    parsed = parse_query(query)
    spec = SearchSpec(
        match=parsed.match,
        language=language,
        media_type=media_type,
        acquisition=acquisition,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
        window=window,
    )
    out = SearchResults()
    hits, out.windowed = store.search(spec)
    for h in hits:
        h.snippet = make_snippet(h.snippet, parsed)
        plain = h.snippet.replace(_HIGHLIGHT_ON, "«").replace(_HIGHLIGHT_OFF, "»")
        marked = (
            html.escape(h.snippet)
            .replace(_HIGHLIGHT_ON, "<mark>")
            .replace(_HIGHLIGHT_OFF, "</mark>")
        )
        out.append(
            SearchResult(h.source_id, h.page, plain, marked, h.score, h.language, h.media_type)
        )
    return out
