"""Writers of test files whose text is known, one public function per format.

Tests and the demo-case generator use these to make fixtures at run time instead of shipping
binary files: every function takes the text it must contain and writes a file a real tool would
produce (WeasyPrint for PDFs, python-docx, openpyxl, the standard library for mail and archives).

Rendering uses the system Noto fonts (``fonts-noto-core`` and ``fonts-noto-cjk``), chosen per
language so Chinese and Arabic-script text is shaped properly. PDF writing needs the test
dependencies WeasyPrint and pypdf; they are imported only by the functions that use them.
"""

from __future__ import annotations

import csv
import email.utils
import html
import io
import shutil
import subprocess
import tarfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from delil.testing.samples import ENGLISH, is_rtl

FONT_LATIN = "Noto Sans"
FONT_CJK = "Noto Sans CJK SC"
FONT_ARABIC = "Noto Naskh Arabic"

# Where Debian's font packages put the fonts, for machines without fc-match.
_FALLBACK_FONT_FILES: dict[str, tuple[str, int]] = {
    FONT_LATIN: ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    FONT_CJK: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    FONT_ARABIC: ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", 0),
}

BOILERPLATE_MARKERS: tuple[str, ...] = (
    "Zephyrnav",
    "Quillfooter",
    "Brambleads",
)
"""Made-up words that only :func:`write_html`'s navigation, footer and adverts contain.

A test asserts none of them survives main-text extraction.
"""

ScalarCell = str | int | float | bool | None


@dataclass(frozen=True)
class Formula:
    """A spreadsheet cell holding a formula and the value a spreadsheet program cached for it.

    Attributes:
        text: the formula without its leading ``=``, e.g. ``SUM(A1:A3)``.
        cached: the value stored next to it, as Excel would after calculating.
    """

    text: str
    cached: str | int | float


Cell = ScalarCell | Formula


def font_for(lang: str) -> str:
    """Return the font family used to render a language (a BCP 47 tag such as ``zh-Hans``)."""
    if lang.startswith("zh") or lang.startswith("ja"):
        return FONT_CJK
    if is_rtl(lang):
        return FONT_ARABIC
    return FONT_LATIN


@cache
def font_file(family: str) -> tuple[Path, int]:
    """Find the file (and collection index) of an installed font family.

    Args:
        family: a fontconfig family name, e.g. ``Noto Sans CJK SC``.

    Returns:
        The font file and its face index inside a collection (``.ttc``).

    Raises:
        FileNotFoundError: when the family is not installed.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        out = subprocess.run(
            [fc_match, "-f", "%{family}|%{file}|%{index}", "--", family],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
        parts = out.split("|")
        # fc-match always answers with *some* font; accept it only when it is the family asked.
        if len(parts) == 3 and family in parts[0].split(","):
            return Path(parts[1]), int(parts[2] or 0)
    path, index = _FALLBACK_FONT_FILES.get(family, ("", 0))
    if path and Path(path).is_file():
        return Path(path), index
    raise FileNotFoundError(f"font family {family!r} is not installed")


def _font(lang: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = font_file(font_for(lang))
    layout = ImageFont.Layout.RAQM if _has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, index=index, layout_engine=layout)


@cache
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont,
    width: int,
    direction: str,
    cjk: bool,
) -> list[str]:
    """Break text into lines no wider than ``width`` pixels (CJK breaks between characters)."""
    tokens = list(text) if cjk else text.split()
    joiner = "" if cjk else " "
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        if draw.textlength(candidate, font=font, direction=direction) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = token
    if current:
        lines.append(current)
    return lines


def render_text_image(
    text: str,
    *,
    lang: str = ENGLISH,
    width: int = 1100,
    font_size: int = 36,
    margin: int = 40,
) -> Image.Image:
    """Render text black on white, wrapped, as a grayscale image clean enough for OCR.

    Arabic-script languages are shaped right to left with raqm and aligned right.

    Args:
        text: the text; paragraphs are separated by blank lines.
        lang: BCP 47 tag of the text, which picks the font and direction.
        width: image width in pixels.
        font_size: font size in pixels (36 px gives tesseract letters about 25 px tall).
        margin: blank border in pixels.

    Returns:
        A mode ``L`` image.
    """
    font = _font(lang, font_size)
    rtl = is_rtl(lang)
    direction = "rtl" if rtl else "ltr"
    cjk = font_for(lang) == FONT_CJK
    scratch = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines: list[str] = []
    for block in text.split("\n\n"):
        if lines:
            lines.append("")
        lines.extend(
            _wrap(scratch, block.replace("\n", " "), font, width - 2 * margin, direction, cjk)
        )
    line_height = int(font_size * 1.8)
    height = 2 * margin + line_height * max(1, len(lines))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    language = lang.split("-", 1)[0]
    for i, line in enumerate(lines):
        if not line:
            continue
        y = margin + i * line_height
        if _has_raqm():
            length = draw.textlength(line, font=font, direction=direction, language=language)
        else:
            length = draw.textlength(line, font=font)
        x = width - margin - int(length) if rtl else margin
        if _has_raqm():
            draw.text((x, y), line, font=font, fill=0, direction=direction, language=language)
        else:
            draw.text((x, y), line, font=font, fill=0)
    return image


def write_image(
    path: Path,
    text: str,
    fmt: Literal["PNG", "JPEG", "TIFF", "GIF", "BMP", "WEBP"] = "PNG",
    *,
    lang: str = ENGLISH,
    width: int = 1100,
    font_size: int = 36,
) -> Path:
    """Write an image showing ``text``, rendered by :func:`render_text_image`.

    Args:
        path: file to write.
        text: the text to show.
        fmt: Pillow format name.
        lang: BCP 47 tag of the text.
        width: image width in pixels.
        font_size: font size in pixels.

    Returns:
        ``path``.
    """
    image = render_text_image(text, lang=lang, width=width, font_size=font_size)
    save_kwargs: dict[str, object] = {}
    if fmt == "JPEG":
        save_kwargs["quality"] = 92
    elif fmt == "WEBP":
        save_kwargs["lossless"] = True
    image.save(path, fmt, **save_kwargs)
    return path


def write_multipage_tiff(
    path: Path, pages: Sequence[str], *, lang: str = ENGLISH, width: int = 1100, font_size: int = 36
) -> Path:
    """Write a multi-frame TIFF with one rendered page of text per frame.

    Args:
        path: file to write.
        pages: text of each frame.
        lang: BCP 47 tag of the text.
        width: frame width in pixels.
        font_size: font size in pixels.

    Returns:
        ``path``.
    """
    images = [render_text_image(p, lang=lang, width=width, font_size=font_size) for p in pages]
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw")
    return path


def _pdf_html(pages: Sequence[str], lang: str) -> str:
    family = font_for(lang)
    direction = "rtl" if is_rtl(lang) else "ltr"
    body = "\n".join(
        f'<section dir="{direction}">'
        + "".join(f"<p>{html.escape(par)}</p>" for par in page.split("\n\n"))
        + "</section>"
        for page in pages
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}" dir="{direction}">
<head><meta charset="utf-8"><title>Delil test document</title>
<style>
  @page {{ size: A4; margin: 2cm; }}
  body {{ font-family: "{family}", "{FONT_LATIN}"; font-size: 12pt; line-height: 1.5; }}
  section {{ break-after: page; }}
  section:last-child {{ break-after: auto; }}
</style></head>
<body>{body}</body></html>"""


def write_pdf(
    path: Path,
    pages: Sequence[str],
    *,
    lang: str = ENGLISH,
    encrypt_empty_password: bool = False,
) -> Path:
    """Write a text PDF with one page per string, rendered from HTML by WeasyPrint.

    Args:
        path: file to write.
        pages: text of each page (each must fit on one A4 page); blank lines separate paragraphs.
        lang: BCP 47 tag; picks the font (Noto Sans, Noto Sans CJK SC, Noto Naskh Arabic) and
            sets ``dir="rtl"`` for Arabic script.
        encrypt_empty_password: encrypt the PDF (AES-128) with an empty user password and a
            non-empty owner password, as many office tools do to stop editing.

    Returns:
        ``path``.
    """
    import weasyprint

    data: bytes = weasyprint.HTML(string=_pdf_html(pages, lang), base_url=None).write_pdf()
    if encrypt_empty_password:
        data = encrypt_pdf(data, user_password="")
    path.write_bytes(data)
    return path


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "delil-owner") -> bytes:
    """Return an encrypted copy (AES-128) of a PDF given as bytes.

    Args:
        data: the PDF.
        user_password: the password needed to open it (empty: anyone can open it).
        owner_password: the password for full rights.
    """
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_scanned_pdf(
    path: Path,
    pages: Sequence[str],
    *,
    lang: str = ENGLISH,
    width: int = 1100,
    font_size: int = 36,
    dpi: int = 150,
) -> Path:
    """Write an image-only PDF, as a scanner makes: each page is a picture, with no text layer.

    Args:
        path: file to write.
        pages: text of each page.
        lang: BCP 47 tag of the text.
        width: page image width in pixels.
        font_size: font size in pixels.
        dpi: resolution recorded in the PDF; sets the page's size in points.

    Returns:
        ``path``.
    """
    images = [render_text_image(p, lang=lang, width=width, font_size=font_size) for p in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return path


def _to_unicode_cmap() -> bytes:
    """A ToUnicode CMap mapping every 2-byte code to the BMP code point of the same value."""
    ranges = [
        f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF
    ]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Delil-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def write_pdf_with_text_layer(
    path: Path,
    image_text: str,
    layer_text: str,
    *,
    lang: str = ENGLISH,
    width: int = 1100,
    font_size: int = 36,
    dpi: int = 150,
) -> Path:
    """Write a one-page PDF showing ``image_text`` as a picture under an invisible text layer.

    This is how scanners and OCR tools make "searchable" PDFs. The layer holds ``layer_text``
    exactly as given (invisible, render mode 3), one line per line, characters in the order
    given: tests use it for text layers that disagree with the picture, such as Arabic-script
    words stored in reversed visual order, or unmapped private-use glyphs.

    Args:
        path: file to write.
        image_text: the text the page shows.
        layer_text: the text layer (Basic Multilingual Plane characters only).
        lang: BCP 47 tag of ``image_text``.
        width: picture width in pixels.
        font_size: picture font size in pixels.
        dpi: resolution of the picture; sets the page size.

    Returns:
        ``path``.
    """
    image = render_text_image(image_text, lang=lang, width=width, font_size=font_size)
    page_w = image.width * 72 / dpi
    page_h = image.height * 72 / dpi
    pixels = zlib.compress(image.tobytes())
    lines = layer_text.splitlines() or [""]
    step = page_h / (len(lines) + 1)
    text_ops = []
    for i, line in enumerate(lines, start=1):
        hex_codes = "".join(f"{ord(c):04X}" for c in line if ord(c) <= 0xFFFF)
        text_ops.append(f"1 0 0 1 20 {page_h - i * step:.2f} Tm <{hex_codes}> Tj")
    content = (
        f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q\n"
        "BT 3 Tr /F1 10 Tf\n" + "\n".join(text_ops) + "\nET\n"
    ).encode("ascii")
    cmap = _to_unicode_cmap()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w:.2f} {page_h:.2f}] "
            "/Resources << /XObject << /Im0 4 0 R >> /Font << /F1 6 0 R >> >> "
            "/Contents 5 0 R >>"
        ).encode("ascii"),
        (
            f"<< /Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} "
            f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
            f"/Length {len(pixels)} >>\nstream\n"
        ).encode("ascii")
        + pixels
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode("ascii") + content + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 9 0 R /DW 500 /CIDToGIDMap /Identity >>",
        f"<< /Length {len(cmap)} >>\nstream\n".encode("ascii") + cmap + b"endstream",
        b"<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 "
        b"/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 "
        b"/StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_docx(
    path: Path,
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] | None = None,
    *,
    title: str | None = None,
    author: str | None = None,
) -> Path:
    """Write a Word document with paragraphs and an optional table after them.

    Args:
        path: file to write.
        paragraphs: one string per paragraph.
        table: rows of cell texts; all rows as long as the first.
        title: core property ``title``.
        author: core property ``author``.

    Returns:
        ``path``.
    """
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title is not None:
        document.core_properties.title = title
    if author is not None:
        document.core_properties.author = author
    document.save(str(path))
    return path


def write_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[Cell]]]) -> Path:
    """Write a workbook with one sheet per entry; :class:`Formula` cells get a cached value.

    openpyxl writes formulas without the value a spreadsheet program would cache, so the
    cached values are put into the sheet XML afterwards, where Excel keeps them (``<v>``).

    Args:
        path: file to write.
        sheets: sheet name to rows of cells.

    Returns:
        ``path``.
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    cached: dict[int, dict[str, str | int | float]] = {}
    for index, (name, rows) in enumerate(sheets.items(), start=1):
        sheet = workbook.create_sheet(title=name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, Formula):
                    cell.value = "=" + value.text
                    cached.setdefault(index, {})[cell.coordinate] = value.cached
                else:
                    cell.value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if cached:
        data = _add_cached_values(data, cached)
    path.write_bytes(data)
    return path


def _add_cached_values(data: bytes, cached: dict[int, dict[str, str | int | float]]) -> bytes:
    from lxml import etree  # type: ignore[import-untyped]

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            for index, values in cached.items():
                if info.filename == f"xl/worksheets/sheet{index}.xml":
                    root = etree.fromstring(content)
                    for cell in root.iter(f"{{{ns}}}c"):
                        ref = cell.get("r")
                        if ref not in values:
                            continue
                        value = values[ref]
                        for old in cell.findall(f"{{{ns}}}v"):
                            cell.remove(old)
                        v = etree.SubElement(cell, f"{{{ns}}}v")
                        v.text = str(value)
                        if isinstance(value, str):
                            cell.set("t", "str")
                    content = etree.tostring(
                        root, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
            target.writestr(info, content)
    return out.getvalue()


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """Write rows as CSV (minimal quoting, CRLF line ends as RFC 4180 asks).

    Args:
        path: file to write.
        rows: rows of cells; cells are converted with ``str``.
        encoding: Python codec name for the bytes.
        delimiter: field separator.

    Returns:
        ``path``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def html_page(
    title: str,
    paragraphs: Sequence[str],
    *,
    boilerplate: bool = True,
    charset: str = "utf-8",
    lang: str = ENGLISH,
    doctype: str = "<!DOCTYPE html>",
) -> str:
    """Return an HTML page as text: an article, and navigation, footer and adverts around it.

    The boilerplate contains only :data:`BOILERPLATE_MARKERS` words a test can look for.

    Args:
        title: the page title and heading.
        paragraphs: the article's paragraphs.
        boilerplate: add navigation, a cookie banner, adverts and a footer.
        charset: the charset the ``<meta>`` element declares.
        lang: BCP 47 tag of the article.
        doctype: the document type declaration that starts the page.
    """
    nav_marker, footer_marker, ads_marker = BOILERPLATE_MARKERS
    direction = "rtl" if is_rtl(lang) else "ltr"
    article = "\n".join(f"    <p>{html.escape(p)}</p>" for p in paragraphs)
    nav = footer = ads = ""
    if boilerplate:
        nav = f"""  <header><nav><ul>
    <li><a href="/">Home {nav_marker}</a></li><li><a href="/world">World {nav_marker}</a></li>
    <li><a href="/sport">Sport {nav_marker}</a></li><li><a href="/login">Log in</a></li>
  </ul></nav></header>
  <div class="cookie-banner">We use cookies {nav_marker}. <button>Accept</button></div>"""
        ads = f"""  <aside class="advert sponsored"><h3>Sponsored {ads_marker}</h3>
    <p>Buy the best {ads_marker} shoes today, fifty percent off.</p></aside>"""
        footer = f"""  <footer><p>Copyright 2024 Example Daily {footer_marker}.
    <a href="/privacy">Privacy {footer_marker}</a> <a href="/terms">Terms</a></p></footer>"""
    return f"""{doctype}
<html lang="{html.escape(lang)}" dir="{direction}">
<head>
  <meta charset="{html.escape(charset)}">
  <title>{html.escape(title)}</title>
  <script>var tracker = "{nav_marker}";</script>
  <style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
{nav}
  <main><article>
    <h1>{html.escape(title)}</h1>
{article}
  </article></main>
{ads}
{footer}
</body>
</html>
"""


def write_html(
    path: Path,
    title: str,
    paragraphs: Sequence[str],
    boilerplate: bool = True,
    charset: str = "utf-8",
    *,
    lang: str = ENGLISH,
    doctype: str = "<!DOCTYPE html>",
) -> Path:
    """Write :func:`html_page` encoded in ``charset``, as its ``<meta charset>`` declares.

    Args:
        path: file to write.
        title: the page title.
        paragraphs: the article's paragraphs.
        boilerplate: add navigation, adverts and a footer.
        charset: the declared charset and the codec used (``gb2312`` text must fit GB 2312).
        lang: BCP 47 tag of the article.
        doctype: the document type declaration that starts the page.

    Returns:
        ``path``.
    """
    page = html_page(
        title, paragraphs, boilerplate=boilerplate, charset=charset, lang=lang, doctype=doctype
    )
    path.write_bytes(page.encode(charset))
    return path


def eml_bytes(
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]] = (),
    *,
    charset: str = "utf-8",
    sender: str = "Aygul Tursun <aygul@example.org>",
    to: str = "Desk <desk@example.net>",
    date: datetime | None = None,
    html_body: str | None = None,
) -> bytes:
    """Return an RFC 5322 message with non-ASCII headers encoded as RFC 2047 encoded-words.

    Args:
        subject: the subject, encoded with ``charset``.
        body: the text/plain body, encoded with ``charset``.
        attachments: (file name, bytes) pairs, attached as application/octet-stream with
            RFC 2231 encoded names.
        charset: the charset of the subject, body and display names.
        sender: the From header (display name may be non-ASCII).
        to: the To header.
        date: the Date header (default: a fixed date, so output is reproducible).
        html_body: an HTML alternative to the plain body; when ``body`` is empty the message has
            only this HTML part.
    """
    when = date or datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    message = MIMEMultipart("mixed")
    message["Subject"] = Header(subject, charset)  # type: ignore[assignment]
    message["From"] = _address_header(sender, charset)
    message["To"] = _address_header(to, charset)
    message["Date"] = email.utils.format_datetime(when)
    message["Message-ID"] = f"<{when.strftime('%Y%m%d%H%M%S')}.test@example.org>"
    if html_body is not None and body:
        alternative = MIMEMultipart("alternative")
        alternative.attach(MIMEText(body, "plain", charset))
        alternative.attach(MIMEText(html_body, "html", charset))
        message.attach(alternative)
    elif html_body is not None:
        message.attach(MIMEText(html_body, "html", charset))
    else:
        message.attach(MIMEText(body, "plain", charset))
    for name, data in attachments:
        part = MIMEApplication(data, "octet-stream")
        if name.isascii():
            part.add_header("Content-Disposition", "attachment", filename=name)
        else:
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        message.attach(part)
    return message.as_bytes()


def _address_header(value: str, charset: str) -> str:
    name, address = email.utils.parseaddr(value)
    if not name or name.isascii():
        return value
    return email.utils.formataddr((name, address), charset=charset)


def write_eml(
    path: Path,
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]] = (),
    charset: str = "utf-8",
    *,
    sender: str = "Aygul Tursun <aygul@example.org>",
    to: str = "Desk <desk@example.net>",
    date: datetime | None = None,
    html_body: str | None = None,
) -> Path:
    """Write :func:`eml_bytes` to a file.

    Args:
        path: file to write.
        subject: the subject (RFC 2047-encoded when not ASCII).
        body: the plain-text body.
        attachments: (file name, bytes) pairs.
        charset: charset of headers and body.
        sender: the From header.
        to: the To header.
        date: the Date header (default: a fixed date).
        html_body: an HTML alternative, or the only body when ``body`` is empty.

    Returns:
        ``path``.
    """
    data = eml_bytes(
        subject,
        body,
        attachments,
        charset=charset,
        sender=sender,
        to=to,
        date=date,
        html_body=html_body,
    )
    path.write_bytes(data)
    return path


def write_mbox(path: Path, messages: Sequence[bytes]) -> Path:
    """Write messages (as :func:`eml_bytes` returns) to an mboxrd mailbox.

    Each message gets a ``From `` separator line; body lines starting with ``From `` (after any
    number of ``>``) get one more ``>``, the mboxrd quoting a reader undoes.

    Args:
        path: file to write.
        messages: the messages' bytes.

    Returns:
        ``path``.
    """
    out = bytearray()
    for data in messages:
        out += b"From sender@example.org Thu Mar 14 09:30:00 2024\n"
        body = data.replace(b"\r\n", b"\n")
        lines = body.split(b"\n")
        if body.endswith(b"\n"):
            lines.pop()  # the empty string after the final newline is not a line
        for line in lines:
            if line.lstrip(b">").startswith(b"From "):
                line = b">" + line
            out += line + b"\n"
        out += b"\n"
    path.write_bytes(bytes(out))
    return path


def write_zip(
    path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    """Write a zip archive with the given members (names are stored as given).

    Args:
        path: file to write.
        members: member name to bytes.
        compression: a ``zipfile`` compression constant.

    Returns:
        ``path``.
    """
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2024, 3, 14, 9, 30, 0)),
                data,
                compress_type=compression,
            )
    return path


def write_tar(
    path: Path, members: dict[str, bytes], compression: Literal["gz", "xz", "bz2"] | None = None
) -> Path:
    """Write a tar archive (optionally gzip-, xz- or bzip2-compressed) of regular files.

    Args:
        path: file to write.
        members: member name to bytes.
        compression: ``None`` for plain tar, else the compression.

    Returns:
        ``path``.
    """
    mode = f"w:{compression}" if compression else "w"
    with tarfile.open(path, mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1710408600
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write text in an encoding.

    ``utf-8-sig`` and ``utf-16`` write a byte order mark; ``utf-16-le``/``utf-16-be`` do not.

    Args:
        path: file to write.
        text: the text.
        encoding: a Python codec name: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``,
            ``gb18030``, ``cp1252``, ``cp1256``...

    Returns:
        ``path``.
    """
    path.write_bytes(text.encode(encoding))
    return path
