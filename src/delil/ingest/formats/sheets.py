"""Spreadsheets: XLSX (openpyxl, read-only) and CSV.

Each XLSX sheet is one page labelled with the sheet's name; each row is a line with cells
separated by tabs. A formula cell shows the value the spreadsheet program cached and the formula
text, ``3 (=SUM(A1:A2))``, so both can be searched. A CSV file is one page in the same layout.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from delil.errors import RejectedInput
from delil.ingest.formats import media, ooxml
from delil.ingest.formats._text import TextBudget, decode, read_limited
from delil.ingest.formats.base import ExtractedPage, Extraction, Limits

XLSX = media.XLSX
CSV = media.CSV

_CSV_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 16384
"""csv.Sniffer's regular expressions are slow on long odd input: sniff a bounded sample."""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    # Tabs and line breaks inside a cell would break the row/column layout of the page.
    return str(value).replace("\t", " ").replace("\r\n", " ").replace("\n", " ")


def _row_line(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _rows(formulas: Any, values: Any) -> Iterator[str]:
    """Yield one tab-separated line per non-empty row, pairing formulas with cached values."""
    value_rows = values.iter_rows(values_only=True) if values is not None else iter(())
    for row in formulas.iter_rows():
        cached = next(value_rows, ())
        cells: list[str] = []
        for i, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
                result = cached[i] if i < len(cached) else None
                formula = value if value.startswith("=") else f"={value}"
                shown = _cell_text(result)
                cells.append(f"{shown} ({formula})" if shown else f"({formula})")
            else:
                cells.append(_cell_text(value))
        line = _row_line(cells)
        if line:
            yield line


def extract_xlsx(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract every sheet of an XLSX workbook as a page of tab-separated rows.

    The package passes :func:`delil.ingest.formats.ooxml.check_package` first (bombs, XML
    entities), then openpyxl reads it twice in read-only mode: once for formulas, once for the
    cached values (openpyxl gives one or the other per load).

    Args:
        path: the workbook.
        limits: caps.
        scratch: unused.

    Returns:
        One page per sheet with text (method ``cells``, label the sheet name), and the
        workbook's core properties as metadata.

    Raises:
        RejectedInput: a hostile or damaged package, or more text than ``max_text_chars``.
    """
    del scratch
    ooxml.check_package(path, limits)
    import openpyxl

    extraction = Extraction(media_type=XLSX)
    budget = TextBudget(limits)
    # File objects, not the path: openpyxl refuses paths whose name does not end in .xlsx, and
    # names mean nothing here.
    with warnings.catch_warnings(), path.open("rb") as first, path.open("rb") as second:
        # openpyxl warns about every feature it drops (data validation, slicers...); those are
        # not problems of the evidence.
        warnings.simplefilter("ignore")
        try:
            formulas = openpyxl.load_workbook(first, read_only=True, data_only=False)
            values = openpyxl.load_workbook(second, read_only=True, data_only=True)
        except Exception as exc:
            raise RejectedInput(f"workbook cannot be read ({type(exc).__name__})") from None
        try:
            _properties(formulas, extraction)
            for number, name in enumerate(formulas.sheetnames, start=1):
                sheet = formulas[name]
                cached = values[name] if name in values.sheetnames else None
                if not hasattr(sheet, "iter_rows"):
                    continue  # a chart sheet: no cells
                # A sheet's recorded dimension can claim A1:XFD1048576 over three cells, and
                # read-only iteration pads every row to it; read only the cells really there.
                for each in (sheet, cached):
                    if each is not None and hasattr(each, "reset_dimensions"):
                        each.reset_dimensions()
                lines = [budget.add(line) for line in _rows(sheet, cached)]
                if lines:
                    extraction.pages.append(
                        ExtractedPage(
                            number=number, text="\n".join(lines), method="cells", label=name
                        )
                    )
        finally:
            formulas.close()
            values.close()
    return extraction


def _properties(workbook: Any, extraction: Extraction) -> None:
    props = workbook.properties
    for key in (
        "title",
        "subject",
        "creator",
        "keywords",
        "description",
        "lastModifiedBy",
        "created",
        "modified",
        "category",
    ):
        value = getattr(props, key, None)
        if value:
            text = value.isoformat() if isinstance(value, dt.datetime) else str(value)
            extraction.metadata[key.lower()] = text


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS)
    except csv.Error:
        return csv.excel


def extract_csv(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract a CSV file as one page of tab-separated rows.

    The bytes are decoded with charset detection; the delimiter (``,;`` tab or ``|``) and
    quoting are sniffed from the first 64 KiB.

    Args:
        path: the file.
        limits: caps; ``max_text_chars`` applies.
        scratch: unused.

    Returns:
        One page with method ``cells``.
    """
    del scratch
    text = decode(read_limited(path, limits))
    budget = TextBudget(limits)
    extraction = Extraction(media_type=CSV)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:_SNIFF_CHARS]))
    lines: list[str] = []
    old_limit = csv.field_size_limit()
    # One field may be as large as the file (a quoted blob); the text budget bounds it instead.
    csv.field_size_limit(max(old_limit, limits.max_text_chars))
    try:
        for row in reader:
            line = _row_line([_cell_text(c) for c in row])
            if line:
                lines.append(budget.add(line))
    except csv.Error:
        # A malformed row (a stray NUL, an unclosed quote at the end): keep the text as is.
        extraction.warnings.append("CSV is malformed; text kept without its columns")
        lines = [text]
    finally:
        csv.field_size_limit(old_limit)
    if lines:
        extraction.pages.append(ExtractedPage(number=1, text="\n".join(lines), method="cells"))
    return extraction
