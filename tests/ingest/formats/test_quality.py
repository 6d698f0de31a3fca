"""Quality floor: every format x script keeps the known text it was written with.

Word recall after NFKC (character recall for Chinese) must be at least 0.98 for text formats and
0.9 for OCR. The OCR matrix stays small: one short image per script and one scanned PDF page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from delil.ingest.formats import extract_file, media
from delil.ingest.formats.base import Extraction, Limits
from delil.testing import samples, writers
from delil.testing.recall import recall
from delil.testing.writers import Formula
from tests.ingest.formats.support import (
    all_text,
    latin_model_missing,
    requires_tesseract,
    run_extract,
)

TEXT_FLOOR = 0.98
OCR_FLOOR = 0.9
LANGS = samples.LANGUAGES


def _assert_recall(expected: str, extraction: Extraction, lang: str, floor: float) -> float:
    got = recall(expected, all_text(extraction), lang=lang)
    assert got >= floor, f"{lang}: recall {got:.3f} < {floor}; text: {all_text(extraction)!r}"
    return got


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_layer(lang: str, tmp_path: Path, limits: Limits, scratch: Path) -> None:
    paragraphs = samples.paragraphs(lang)
    path = writers.write_pdf(tmp_path / "statement.bin", paragraphs, lang=lang)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.PDF
    assert [p.number for p in extraction.pages] == [1, 2, 3]
    assert {p.method for p in extraction.pages} == {"text-layer"}
    _assert_recall("\n".join(paragraphs), extraction, lang, TEXT_FLOOR)
    for number, paragraph in enumerate(paragraphs, start=1):
        assert recall(paragraph, extraction.pages[number - 1].text, lang=lang) >= TEXT_FLOOR


@pytest.mark.parametrize("lang", LANGS)
def test_docx_paragraphs_and_table(
    lang: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    first, second, third = samples.paragraphs(lang)
    table = [[third, "42"], ["7", samples.short_text(lang)]]
    path = writers.write_docx(
        tmp_path / "memo",
        [first, second],
        table=table,
        title=samples.short_text(lang),
        author="Fictional Author",
    )
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.DOCX
    _assert_recall(
        "\n".join([first, second, third, samples.short_text(lang)]), extraction, lang, TEXT_FLOOR
    )
    assert extraction.metadata["title"] == samples.short_text(lang)
    assert extraction.metadata["author"] == "Fictional Author"
    # Table cells are tab-separated on one line per row.
    assert "42" in extraction.pages[0].text.splitlines()[-2].split("\t")


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_sheets_cells_and_formulas(
    lang: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    first, second, third = samples.paragraphs(lang)
    sheets: dict[str, list[list[writers.Cell]]] = {
        "Reports": [["Id", "Text"], [1, first], [2, second]],
        "Totals": [[third], [4, 5, Formula("SUM(A2:B2)", 9)]],
    }
    path = writers.write_xlsx(tmp_path / "book", sheets)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.XLSX
    assert [(p.number, p.label, p.method) for p in extraction.pages] == [
        (1, "Reports", "cells"),
        (2, "Totals", "cells"),
    ]
    _assert_recall("\n".join([first, second, third]), extraction, lang, TEXT_FLOOR)
    assert extraction.pages[0].text.splitlines()[1] == f"1\t{first}"
    assert extraction.pages[1].text.splitlines()[-1] == "4\t5\t9 (=SUM(A2:B2))"


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [(lang, "utf-8") for lang in LANGS]
    + [("zh-Hans", "gb18030"), ("ug-Arab", "utf-16"), ("en", "cp1252")],
)
def test_csv(lang: str, encoding: str, tmp_path: Path, limits: Limits, scratch: Path) -> None:
    first, second, third = samples.paragraphs(lang)
    rows: list[list[object]] = [
        ["id", "text", "note"],
        [1, first, "a"],
        [2, second, "b"],
        [3, third, "c"],
    ]
    path = writers.write_csv(tmp_path / "table", rows, encoding=encoding)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.CSV
    _assert_recall("\n".join([first, second, third]), extraction, lang, TEXT_FLOOR)
    assert extraction.pages[0].text.splitlines()[1] == f"1\t{first}\ta"


@pytest.mark.parametrize(
    ("lang", "charset"),
    [(lang, "utf-8") for lang in LANGS]
    + [("zh-Hans", "gb2312"), ("en", "iso-8859-1"), ("ug-Cyrl", "utf-16")],
)
def test_html_main_text_without_boilerplate(
    lang: str, charset: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    paragraphs = samples.paragraphs(lang)
    path = writers.write_html(
        tmp_path / "page", samples.short_text(lang), paragraphs, charset=charset, lang=lang
    )
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.HTML
    _assert_recall("\n".join(paragraphs), extraction, lang, TEXT_FLOOR)
    text = all_text(extraction)
    for marker in writers.BOILERPLATE_MARKERS:
        assert marker not in text
    assert extraction.metadata["extraction"] == "main-text"


@pytest.mark.parametrize(
    ("lang", "charset"),
    [(lang, "utf-8") for lang in LANGS] + [("zh-Hans", "gb2312"), ("ug-Latn", "iso-8859-1")],
)
def test_eml_body_headers_and_attachments(
    lang: str, charset: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    paragraphs = samples.paragraphs(lang)
    subject = samples.short_text(lang)
    attachment = "\n".join(paragraphs).encode("utf-8")
    path = writers.write_eml(
        tmp_path / "mail",
        subject,
        "\n\n".join(paragraphs),
        [("notes.txt", attachment), ("报告 2024.txt", b"second")],
        charset=charset,
        sender="Aygül Tursun <aygul@example.org>",
    )
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.EML
    _assert_recall("\n".join(paragraphs), extraction, lang, TEXT_FLOOR)
    assert extraction.metadata["subject"] == subject
    assert extraction.metadata["from"] == "Aygül Tursun <aygul@example.org>"
    assert extraction.metadata["date"] == "Thu, 14 Mar 2024 09:30:00 +0000"
    assert [c.name for c in extraction.children] == ["notes.txt", "报告 2024.txt"]
    assert [c.path.name for c in extraction.children] == ["attachment-00001", "attachment-00002"]
    assert extraction.children[0].path.read_bytes() == attachment
    assert all(c.path.parent == scratch for c in extraction.children)


@pytest.mark.parametrize("lang", LANGS)
def test_mbox_messages_become_child_emails(
    lang: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    paragraphs = samples.paragraphs(lang)
    body = "From the desk: a line that mboxrd must quote.\n\n" + "\n\n".join(paragraphs)
    messages = [
        writers.eml_bytes(f"Message {i}", body if i == 2 else f"Short note {i}.") for i in (1, 2, 3)
    ]
    path = writers.write_mbox(tmp_path / "box", messages)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.MBOX
    assert [c.name for c in extraction.children] == [f"message-{i}.eml" for i in (1, 2, 3)]
    child = extraction.children[1]
    inner_scratch = tmp_path / "inner"
    inner_scratch.mkdir()
    inner = run_extract(child.path, limits, inner_scratch)
    assert inner.media_type == media.EML
    assert inner.metadata["subject"] == "Message 2"
    _assert_recall(body, inner, lang, TEXT_FLOOR)
    # The quoted ">From" line is restored: the message is byte-identical to what was written.
    assert child.path.read_bytes() == messages[1].replace(b"\r\n", b"\n")


TEXT_ENCODINGS = [
    ("en", "utf-8"),
    ("en", "utf-8-sig"),
    ("en", "cp1252"),
    ("zh-Hans", "utf-8"),
    ("zh-Hans", "gb18030"),
    ("zh-Hans", "utf-16-le"),
    ("ug-Arab", "utf-8"),
    ("ug-Arab", "utf-16"),
    ("ug-Arab", "utf-16-le"),
    ("ug-Latn", "utf-8"),
    ("ug-Latn", "cp1252"),
    ("ug-Cyrl", "utf-8"),
    ("ug-Cyrl", "utf-16-le"),
]


@pytest.mark.parametrize(("lang", "encoding"), TEXT_ENCODINGS)
def test_plain_text_encodings(
    lang: str, encoding: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    text = "\n\n".join(samples.paragraphs(lang)) + "\n"
    path = writers.write_text(tmp_path / "note", text, encoding)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.TEXT
    assert extraction.pages[0].method == "plain"
    _assert_recall(text, extraction, lang, TEXT_FLOOR)


def test_plain_text_cp1256_arabic(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    # Windows-1256 has no Uyghur-only letters (ۇ ۈ ې ...), so this case is Arabic-language text.
    text = (
        "أعلنت البلدية افتتاح مكتبة عامة جديدة في وسط المدينة يوم الاثنين، وتضم المكتبة "
        "أكثر من عشرة آلاف كتاب في التاريخ والعلوم والشعر.\n"
    )
    path = writers.write_text(tmp_path / "note", text, "cp1256")
    extraction = run_extract(path, limits, scratch)
    _assert_recall(text, extraction, "ar", TEXT_FLOOR)


@pytest.mark.parametrize(
    ("lang", "kind"),
    [(lang, "zip") for lang in LANGS] + [("zh-Hans", "tar"), ("ug-Arab", "gz"), ("ug-Cyrl", "xz")],
)
def test_archive_members(
    lang: str, kind: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    text = "\n\n".join(samples.paragraphs(lang))
    members = {
        "docs/statement.txt": text.encode("utf-8"),
        "docs/empty/": b"",
        "readme.txt": b"Fictional archive.",
    }
    path = tmp_path / "bundle"
    if kind == "zip":
        writers.write_zip(path, members)
    else:
        del members["docs/empty/"]
        writers.write_tar(path, members, None if kind == "tar" else kind)  # type: ignore[arg-type]
    extraction = run_extract(path, limits, scratch)
    assert [c.name for c in extraction.children] == ["docs/statement.txt", "readme.txt"]
    assert all(
        c.path.parent == scratch and c.path.name.startswith("member-") for c in extraction.children
    )
    inner_scratch = tmp_path / "inner"
    inner_scratch.mkdir()
    inner = run_extract(extraction.children[0].path, limits, inner_scratch)
    _assert_recall(text, inner, lang, TEXT_FLOOR)


# --- OCR ----------------------------------------------------------------------------------------


@pytest.mark.ocr
@requires_tesseract
@pytest.mark.parametrize("lang", LANGS)
def test_image_ocr(lang: str, tmp_path: Path, limits: Limits, scratch: Path) -> None:
    if lang == samples.UYGHUR_LATIN and latin_model_missing():
        pytest.skip(
            "Uyghur Latin OCR needs tesseract's Latin script model (Debian "
            "tesseract-ocr-script-latn): eng has no ü or ö"
        )
    text = samples.short_text(lang)
    path = writers.write_image(tmp_path / "photo", text, "PNG", lang=lang)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.PNG
    assert [p.method for p in extraction.pages] == ["ocr"]
    _assert_recall(text, extraction, lang, OCR_FLOOR)


@pytest.mark.ocr
@requires_tesseract
def test_scanned_pdf_page_is_ocred(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    lang = samples.UYGHUR_ARABIC
    text = samples.paragraphs(lang)[0]
    path = writers.write_scanned_pdf(tmp_path / "scan", [text], lang=lang)
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.PDF
    assert [p.method for p in extraction.pages] == ["ocr"]
    _assert_recall(text, extraction, lang, OCR_FLOOR)


def test_extract_file_trusts_given_type_not_name(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = writers.write_text(tmp_path / "looks-like.pdf", "Plain words only.\n")
    extraction = extract_file(path, "text/plain", limits, scratch)
    assert all_text(extraction) == "Plain words only.\n"
