"""Media types come from content: every file here has a misleading or no name."""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from delil.ingest.formats import media
from delil.ingest.formats.sniff import sniff_media_type
from delil.testing import samples, writers

EN = samples.paragraphs("en")
ZH = samples.paragraphs("zh-Hans")
UG = samples.paragraphs("ug-Arab")

CASES: list[tuple[str, Callable[[Path], object], str]] = [
    ("pdf", lambda p: writers.write_pdf(p, EN[:1]), media.PDF),
    ("docx", lambda p: writers.write_docx(p, EN), media.DOCX),
    ("xlsx", lambda p: writers.write_xlsx(p, {"S": [["a", 1]]}), media.XLSX),
    ("zip", lambda p: writers.write_zip(p, {"word/other.xml": b"<a/>"}), media.ZIP),
    ("empty zip", lambda p: writers.write_zip(p, {}), media.ZIP),
    ("tar", lambda p: writers.write_tar(p, {"a.txt": b"x"}), media.TAR),
    ("tar.gz", lambda p: writers.write_tar(p, {"a.txt": b"x"}, "gz"), media.TAR_GZ),
    ("tar.xz", lambda p: writers.write_tar(p, {"a.txt": b"x"}, "xz"), media.TAR_XZ),
    ("tar.bz2", lambda p: writers.write_tar(p, {"a.txt": b"x"}, "bz2"), media.TAR_BZ2),
    ("gzip", lambda p: p.write_bytes(gzip.compress(b"plain text inside")), media.GZIP),
    ("eml", lambda p: writers.write_eml(p, "Subject line", EN[0]), media.EML),
    ("mbox", lambda p: writers.write_mbox(p, [writers.eml_bytes("s", "b")]), media.MBOX),
    ("html", lambda p: writers.write_html(p, "T", EN), media.HTML),
    ("html gb2312", lambda p: writers.write_html(p, "T", ZH, charset="gb2312"), media.HTML),
    ("html utf-16", lambda p: writers.write_html(p, "T", UG, charset="utf-16"), media.HTML),
    (
        "xml",
        lambda p: p.write_bytes(b'<?xml version="1.0"?>\n<report><p>x</p></report>\n'),
        media.XML,
    ),
    ("csv", lambda p: writers.write_csv(p, [["a", "b, c"], ["1", "2"], ["3", "4"]]), media.CSV),
    ("tsv", lambda p: writers.write_csv(p, [["a", "b"], ["1", "2"]], delimiter="\t"), media.CSV),
    ("text en", lambda p: writers.write_text(p, "\n\n".join(EN)), media.TEXT),
    ("text zh gb18030", lambda p: writers.write_text(p, "\n".join(ZH), "gb18030"), media.TEXT),
    ("text ug utf-16le", lambda p: writers.write_text(p, "\n".join(UG), "utf-16-le"), media.TEXT),
    ("text zh utf-16le one line", lambda p: writers.write_text(p, ZH[0], "utf-16-le"), media.TEXT),
    ("text zh utf-16be", lambda p: writers.write_text(p, "\n".join(ZH), "utf-16-be"), media.TEXT),
    ("text utf-8-sig", lambda p: writers.write_text(p, EN[0], "utf-8-sig"), media.TEXT),
    (
        "text cp1256",
        lambda p: writers.write_text(p, "مكتبة جديدة في المدينة", "cp1256"),
        media.TEXT,
    ),
    (
        "text quoting headers",
        lambda p: writers.write_text(p, "Note: call back\nTodo: file\n\nx"),
        media.TEXT,
    ),
    ("png", lambda p: writers.write_image(p, "x", "PNG"), media.PNG),
    ("jpeg", lambda p: writers.write_image(p, "x", "JPEG"), media.JPEG),
    ("tiff", lambda p: writers.write_image(p, "x", "TIFF"), media.TIFF),
    ("gif", lambda p: writers.write_image(p, "x", "GIF"), media.GIF),
    ("bmp", lambda p: writers.write_image(p, "x", "BMP"), media.BMP),
    ("webp", lambda p: writers.write_image(p, "x", "WEBP"), media.WEBP),
    ("empty", lambda p: p.write_bytes(b""), media.EMPTY),
]


@pytest.mark.parametrize(
    ("write", "expected"), [(w, e) for _, w, e in CASES], ids=[name for name, _, _ in CASES]
)
def test_sniff_from_content(write: Callable[[Path], object], expected: str, tmp_path: Path) -> None:
    path = tmp_path / "misleading.txt"
    write(path)
    assert sniff_media_type(path) == expected


def test_docx_renamed_zip_with_word_part_is_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff_media_type(path) == media.DOCX


def test_pdf_after_a_banner_line(tmp_path: Path) -> None:
    pdf = writers.write_pdf(tmp_path / "a", EN[:1]).read_bytes()
    path = tmp_path / "b"
    path.write_bytes(b"X-Gateway: scanned\r\n" + pdf)
    assert sniff_media_type(path) == media.PDF
    quoting = writers.write_text(tmp_path / "c", "The header %PDF-1.7 starts every PDF file.")
    assert sniff_media_type(quoting) == media.TEXT
