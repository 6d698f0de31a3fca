"""Word documents (DOCX) with python-docx: paragraphs and tables in order, core properties.

A DOCX has no fixed pages, so the body is page 1 (method ``markup``); text of headers and
footers, when there is any, is page 2 labelled ``headers and footers``. Table rows become lines
with cells separated by tabs.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from delil.errors import RejectedInput
from delil.ingest.formats import media, ooxml
from delil.ingest.formats._text import TextBudget
from delil.ingest.formats.base import ExtractedPage, Extraction, Limits

DOCX = media.DOCX

_MAX_TABLE_DEPTH = 8
"""Tables nested deeper than this are read as plain paragraphs (python-docx recurses)."""


def _table_lines(table: Any, depth: int = 0) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell appears once per grid column it spans; show its text once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            parts = [p.text for p in cell.paragraphs]
            if depth < _MAX_TABLE_DEPTH:
                for inner in cell.tables:
                    parts.extend(_table_lines(inner, depth + 1))
            cells.append(" ".join(p for p in parts if p).replace("\t", " "))
        line = "\t".join(cells).rstrip("\t")
        if line.strip():
            yield line


def _block_lines(container: Any) -> Iterator[str]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text


def _headers_footers(document: Any) -> list[str]:
    lines: list[str] = []
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            # Linked headers repeat the previous section's part: read each part once.
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            lines.extend(line for line in _block_lines(part) if line.strip())
    return lines


def _properties(document: Any) -> dict[str, str]:
    props = document.core_properties
    out: dict[str, str] = {}
    for key in (
        "title",
        "subject",
        "author",
        "keywords",
        "comments",
        "category",
        "last_modified_by",
        "created",
        "modified",
    ):
        value = getattr(props, key, None)
        if value:
            out[key] = value.isoformat() if isinstance(value, dt.datetime) else str(value)
    return out


def extract_docx(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract the paragraphs, tables, headers and footers of a DOCX.

    The package passes :func:`delil.ingest.formats.ooxml.check_package` first, so python-docx
    never parses a part with a DTD or entities, nor inflates a bomb.

    Args:
        path: the document.
        limits: caps.
        scratch: unused.

    Returns:
        The body as page 1, headers and footers as page 2, core properties as metadata.

    Raises:
        RejectedInput: a hostile or damaged package, or more text than ``max_text_chars``.
    """
    del scratch
    ooxml.check_package(path, limits)
    import docx

    budget = TextBudget(limits)
    extraction = Extraction(media_type=DOCX)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            document = docx.Document(str(path))
        except Exception as exc:
            raise RejectedInput(f"Word document cannot be read ({type(exc).__name__})") from None
        extraction.metadata.update(_properties(document))
        body = [budget.add(line) for line in _block_lines(document)]
        extra = [budget.add(line) for line in _headers_footers(document)]
    if any(line.strip() for line in body):
        extraction.pages.append(ExtractedPage(number=1, text="\n".join(body), method="markup"))
    if extra:
        extraction.pages.append(
            ExtractedPage(
                number=2, text="\n".join(extra), method="markup", label="headers and footers"
            )
        )
    return extraction
