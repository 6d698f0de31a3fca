"""The media types the sniffer names and the extractors handle, in one place."""

from __future__ import annotations

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
HTML = "text/html"
XHTML = "application/xhtml+xml"
XML = "application/xml"
SVG = "image/svg+xml"
EML = "message/rfc822"
MBOX = "application/mbox"
TEXT = "text/plain"

ZIP = "application/zip"
TAR = "application/x-tar"
TAR_GZ = "application/x-compressed-tar"
TAR_BZ2 = "application/x-bzip-compressed-tar"
TAR_XZ = "application/x-xz-compressed-tar"
GZIP = "application/gzip"
BZIP2 = "application/x-bzip2"
XZ = "application/x-xz"
TAR_TYPES = (TAR, TAR_GZ, TAR_BZ2, TAR_XZ)
COMPRESSED_TYPES = (GZIP, BZIP2, XZ)

PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"
IMAGE_TYPES = (PNG, JPEG, TIFF, GIF, BMP, WEBP)

EMPTY = "application/x-empty"
OCTET_STREAM = "application/octet-stream"

ALIASES = {
    "image/x-ms-bmp": BMP,
    "image/x-bmp": BMP,
    "image/jpg": JPEG,
    "application/x-gzip": GZIP,
    "application/x-bzip": BZIP2,
    "text/xml": XML,
    "application/x-xml": XML,
    "application/x-pdf": PDF,
    "application/x-mbox": MBOX,
    "application/x-gtar": TAR,
    "application/x-ustar": TAR,
    "application/csv": CSV,
    "text/x-csv": CSV,
}
"""Other names libmagic and mail clients use for the same types."""


def canonical(media_type: str) -> str:
    """Return the canonical name of a media type: lower case, parameters dropped, aliases
    resolved (``image/x-ms-bmp`` is ``image/bmp``)."""
    base = media_type.split(";", 1)[0].strip().lower()
    return ALIASES.get(base, base)
