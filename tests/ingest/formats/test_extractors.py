"""Behaviour of single extractors beyond the quality matrix: edge cases, warnings, metadata."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from delil.errors import RejectedInput
from delil.ingest.formats import extract_file, media, ocr
from delil.ingest.formats.base import Limits
from delil.ingest.formats.mail import decode_header
from delil.ingest.formats.pdf import text_layer_problem
from delil.testing import samples, writers
from delil.testing.recall import recall
from tests.ingest.formats.support import all_text, requires_tesseract, run_extract


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make tesseract look uninstalled."""
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Replace tesseract by a stub that reports each image's size; returns the sizes seen."""
    seen: list[tuple[int, int]] = []

    def fake(image: Image.Image, **_: object) -> ocr.OcrResult:
        seen.append(image.size)
        return ocr.OcrResult(text=f"frame {len(seen)}", languages="eng", script="Latin")

    monkeypatch.setattr(ocr, "tesseract_path", lambda: "/nonexistent/tesseract")
    monkeypatch.setattr(ocr, "ocr_image", fake)
    return seen


# --- PDF ----------------------------------------------------------------------------------------


def test_text_layer_problem_detects_garbling() -> None:
    for lang in samples.LANGUAGES:
        for paragraph in samples.paragraphs(lang):
            assert text_layer_problem(paragraph) is None
    logical = samples.paragraphs("ug-Arab")[0]
    reversed_words = " ".join(word[::-1] for word in logical.split())
    assert text_layer_problem(reversed_words) == "visual-order"
    assert text_layer_problem("\ufffd" * 20 + " ok") == "unmapped-glyphs"
    assert text_layer_problem("".join(chr(0xE000 + i) for i in range(12))) == "unmapped-glyphs"
    # Presentation forms in visual order: word starts with a final form (ﻢ), ends with initial.
    visual = "ﻢﻠﻋ ﺐﺘﻛ ﺪﻟﻭ ﺮﻬﺷ"
    assert text_layer_problem(visual) == "visual-order"
    assert text_layer_problem("ﻋﻠﻢ ﻛﺘﺐ ﻭﻟﺪ ﺷﻬﺮ") is None


@pytest.mark.ocr
@requires_tesseract
def test_visual_order_text_layer_is_replaced_by_ocr(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    text = samples.short_text("ug-Arab")
    # PDFium treats glyph order as visual and reverses right-to-left runs; a layer written in
    # logical order therefore comes out reversed, as from old visual-order PDFs.
    path = writers.write_pdf_with_text_layer(tmp_path / "scan", text, text, lang="ug-Arab")
    extraction = run_extract(path, limits, scratch)
    assert [p.method for p in extraction.pages] == ["ocr"]
    assert recall(text, all_text(extraction), lang="ug-Arab") >= 0.9


def test_garbled_layer_is_kept_with_warning_without_tesseract(
    tmp_path: Path, limits: Limits, scratch: Path, no_tesseract: None
) -> None:
    layer = "".join(chr(0xE000 + i) for i in range(30))
    path = writers.write_pdf_with_text_layer(tmp_path / "scan", "Fictional scan", layer)
    extraction = run_extract(path, limits, scratch)
    assert [p.method for p in extraction.pages] == ["text-layer"]
    assert ocr.OCR_DISABLED_WARNING in extraction.warnings
    assert "pages 1 kept a garbled text layer" in extraction.warnings


def test_scanned_pdf_without_tesseract_warns(
    tmp_path: Path, limits: Limits, scratch: Path, no_tesseract: None
) -> None:
    path = writers.write_scanned_pdf(tmp_path / "scan", ["Page one", "Page two"])
    extraction = run_extract(path, limits, scratch)
    assert extraction.pages == []
    assert extraction.warnings == [ocr.OCR_DISABLED_WARNING, "pages 1, 2 need OCR"]


def test_scanned_pdf_pages_go_to_ocr_at_their_own_resolution(
    tmp_path: Path, limits: Limits, scratch: Path, fake_ocr: list[tuple[int, int]]
) -> None:
    path = writers.write_scanned_pdf(tmp_path / "scan", ["One", "Two"], width=600, dpi=150)
    extraction = run_extract(path, limits, scratch)
    assert [(p.number, p.text, p.method) for p in extraction.pages] == [
        (1, "frame 1", "ocr"),
        (2, "frame 2", "ocr"),
    ]
    # Rendered at the scan's 150 dpi: the page image is as wide as the scanned picture.
    assert [w for w, _ in fake_ocr] == [600, 600]


def test_pdf_metadata_and_embedded_files(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    import pypdf

    plain = writers.write_pdf(tmp_path / "plain", ["Report with an annex."])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(plain))
    writer.add_attachment("annex.csv", b"id,name\n1,Fictional\n")
    writer.add_metadata({"/Title": "Fictional report", "/Author": "Desk"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "with-annex"
    path.write_bytes(buffer.getvalue())
    extraction = run_extract(path, limits, scratch)
    assert extraction.metadata["title"] == "Fictional report"
    assert extraction.metadata["author"] == "Desk"
    assert [c.name for c in extraction.children] == ["annex.csv"]
    assert extraction.children[0].path.read_bytes() == b"id,name\n1,Fictional\n"
    assert extraction.children[0].path.parent == scratch


# --- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF", "GIF", "BMP", "WEBP"])
def test_every_image_format_decodes(
    fmt: str, tmp_path: Path, limits: Limits, scratch: Path, fake_ocr: list[tuple[int, int]]
) -> None:
    path = writers.write_image(tmp_path / "img", "Decode me", fmt, width=400)  # type: ignore[arg-type]
    extraction = run_extract(path, limits, scratch)
    assert [p.text for p in extraction.pages] == ["frame 1"]
    assert extraction.metadata["width"] == "400"
    assert fake_ocr[0][0] == 400


def test_tiff_frames_are_pages(
    tmp_path: Path, limits: Limits, scratch: Path, fake_ocr: list[tuple[int, int]]
) -> None:
    path = writers.write_multipage_tiff(tmp_path / "fax", ["One", "Two", "Three"], width=300)
    extraction = run_extract(path, limits, scratch)
    assert [(p.number, p.method) for p in extraction.pages] == [(1, "ocr"), (2, "ocr"), (3, "ocr")]
    assert extraction.metadata["frames"] == "3"


def test_tiff_frame_count_over_page_limit(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = writers.write_multipage_tiff(tmp_path / "fax", ["1", "2", "3"], width=200)
    tight = Limits(max_pages=2)
    with pytest.raises(RejectedInput, match="image has 3 frames, over the 2 limit"):
        run_extract(path, tight, scratch)


def test_image_without_tesseract_warns(
    tmp_path: Path, limits: Limits, scratch: Path, no_tesseract: None
) -> None:
    path = writers.write_image(tmp_path / "img", "Words", "PNG", width=300)
    extraction = run_extract(path, limits, scratch)
    assert extraction.pages == []
    assert extraction.warnings == [ocr.OCR_DISABLED_WARNING]


def test_truncated_image_is_rejected(
    tmp_path: Path, limits: Limits, scratch: Path, no_tesseract: None
) -> None:
    whole = writers.write_image(tmp_path / "img", "Words " * 20, "PNG").read_bytes()
    path = tmp_path / "cut"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(RejectedInput, match="image is damaged or truncated"):
        run_extract(path, limits, scratch)


def test_transparent_image_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (20, 10), (0, 0, 0, 0))
    assert ocr.prepare(image).getextrema() == (255, 255)


def test_text_from_tsv_rebuilds_lines_and_confidence() -> None:
    header = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext"
    )
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tHello",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tworld",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tnext",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t60\tblock",
    ]
    text, confidence = ocr.text_from_tsv("\n".join([header, *rows]))
    assert text == "Hello world\nnext\n\nblock"
    assert confidence == 75.0


@pytest.mark.ocr
@requires_tesseract
def test_languages_for_unknown_script_is_the_combined_set() -> None:
    combined = ocr.languages_for(None).split("+")
    assert "eng" in combined
    assert ocr.languages_for("Han") == "chi_sim"


# --- office, web, mail, text --------------------------------------------------------------------


def test_docx_headers_footers_and_merged_cells(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Body paragraph.")
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Merged"
    table.cell(0, 2).text = "Right"
    document.sections[0].header.paragraphs[0].text = "Fictional letterhead"
    path = tmp_path / "doc"
    document.save(str(path))
    extraction = run_extract(path, limits, scratch)
    assert extraction.pages[0].text.splitlines() == ["Body paragraph.", "Merged\tRight"]
    assert extraction.pages[1].label == "headers and footers"
    assert extraction.pages[1].text == "Fictional letterhead"


def test_html_falls_back_to_visible_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    import trafilatura

    # trafilatura finds little on some pages (a bare listing, a page of widgets); simulate it.
    monkeypatch.setattr(trafilatura, "extract", lambda *_, **__: "Entry 1")
    page = (
        "<html><head><script>var hidden = 1;</script></head><body><ul>"
        + "".join(f"<li><a href='/{i}'>Listing entry {i}</a></li>" for i in range(30))
        + "</ul></body></html>"
    )
    path = tmp_path / "listing"
    path.write_text(page, encoding="utf-8")
    extraction = run_extract(path, limits, scratch)
    assert extraction.metadata["extraction"] == "visible-text"
    assert extraction.pages[0].text.splitlines()[-1] == "Listing entry 29"
    assert "hidden" not in all_text(extraction)


def test_html_internal_entity_is_refused(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "page"
    path.write_text('<!DOCTYPE html [<!ENTITY a "aaaa">]><html><body>&a;</body></html>')
    with pytest.raises(RejectedInput, match="XML entity expansion refused"):
        run_extract(path, limits, scratch)


def test_xml_text_is_extracted_without_entities(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = tmp_path / "data"
    path.write_bytes(
        '<?xml version="1.0" encoding="gb18030"?>\n<items><item>第一条</item>'
        "<item>second</item></items>".encode("gb18030")
    )
    extraction = run_extract(path, limits, scratch)
    assert extraction.media_type == media.XML
    assert all_text(extraction) == "第一条\nsecond"


def test_decode_header_handles_gb2312_and_unknown_charsets() -> None:
    encoded = "=?gb2312?b?" + __import__("base64").b64encode("报告".encode("gbk")).decode() + "?="
    assert decode_header(f"Re: {encoded} 2024") == "Re: 报告 2024"
    assert decode_header("=?x-unknown?q?abc?=") == "abc"


def test_raw_eight_bit_headers_are_decoded(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "mail"
    path.write_bytes(
        "From: Aygül <aygul@example.org>\nTo: desk@example.net\n"
        "Subject: بازار خەۋەرى\n"
        "Date: Thu, 14 Mar 2024 09:30:00 +0000\n\nBody.\n".encode()
    )
    extraction = run_extract(path, limits, scratch)
    assert extraction.metadata["subject"] == "بازار خەۋەرى"
    assert extraction.metadata["from"] == "Aygül <aygul@example.org>"


def test_html_only_mail_and_attached_message(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    inner = writers.eml_bytes("Forwarded statement", "Inner body text.")
    from email import message_from_bytes, policy
    from email.mime.message import MIMEMessage

    outer = message_from_bytes(
        writers.eml_bytes(
            "Fwd", "", html_body="<html><body><p>Only HTML body here.</p></body></html>"
        ),
        policy=policy.compat32,
    )
    outer.attach(MIMEMessage(message_from_bytes(inner)))
    path = tmp_path / "mail"
    path.write_bytes(outer.as_bytes())
    extraction = run_extract(path, limits, scratch)
    assert [(p.label, p.method) for p in extraction.pages] == [("text/html", "markup")]
    assert "Only HTML body here." in all_text(extraction)
    assert "Inner body text." not in all_text(extraction)
    assert [c.name for c in extraction.children] == ["attachment-1.eml"]
    nested_scratch = tmp_path / "nested"
    nested_scratch.mkdir()
    nested = run_extract(extraction.children[0].path, limits, nested_scratch)
    assert nested.metadata["subject"] == "Forwarded statement"


def test_mbox_from_lines_in_bodies_do_not_split(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    body = "First line.\nFrom here on, a body line that starts with From.\n>From quoted.\n"
    path = writers.write_mbox(
        tmp_path / "box", [writers.eml_bytes("one", body), writers.eml_bytes("two", "x")]
    )
    extraction = run_extract(path, limits, scratch)
    assert len(extraction.children) == 2
    inner_scratch = tmp_path / "inner"
    inner_scratch.mkdir()
    inner = run_extract(extraction.children[0].path, limits, inner_scratch)
    assert all_text(inner).replace("\r\n", "\n") == body


def test_malformed_csv_keeps_text(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "table"
    path.write_bytes(b'a,b\n1,2\n3,"unclosed\x00 quote\n')
    extraction = extract_file(path, media.CSV, limits, scratch)
    assert "unclosed" in all_text(extraction)


def test_gzip_single_file_keeps_its_recorded_name(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = tmp_path / "x"
    with path.open("wb") as raw, gzip.GzipFile("statement.txt", "wb", fileobj=raw) as out:
        out.write(b"Compressed statement.")
    extraction = run_extract(path, limits, scratch)
    assert [(c.name, c.path.read_bytes()) for c in extraction.children] == [
        ("statement.txt", b"Compressed statement.")
    ]


def test_zip_gbk_member_names_are_recovered(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "cn"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("XXXX.txt", b"x")
    # Zip tools on Chinese Windows store GBK bytes without the UTF-8 flag; patch them in.
    path.write_bytes(path.read_bytes().replace(b"XXXX.txt", "报告.txt".encode("gbk")))
    extraction = run_extract(path, limits, scratch)
    assert [c.name for c in extraction.children] == ["报告.txt"]


def test_unknown_type_is_kept_with_a_warning(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(bytes(range(256)) * 4)
    extraction = run_extract(path, limits, scratch)
    assert extraction.pages == []
    assert extraction.warnings == [
        f"no text extractor for {extraction.media_type}; the file is kept as it is"
    ]


def test_empty_file(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert run_extract(path, limits, scratch).warnings == ["file is empty"]
