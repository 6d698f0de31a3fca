"""Images (PNG, JPEG, TIFF, GIF, BMP, WEBP): OCR text and basic EXIF metadata.

Pillow refuses to decode an image over ``limits.max_pixels``: ``Image.MAX_IMAGE_PIXELS`` is set
from the limit (Pillow checks it when it reads the header, before allocating), and every frame
of a multi-frame file is checked again, since Pillow checks only the first. A decompression-bomb
error becomes ``RejectedInput('image has N pixels, over the M limit')``.

Each frame of a TIFF is a page; GIF and WEBP animations are read from their first frame only.
Without tesseract an image yields no pages and the warning ``OCR disabled: tesseract not found``.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageFile, UnidentifiedImageError

from delil.errors import RejectedInput
from delil.ingest.formats import media, ocr
from delil.ingest.formats._util import Deadline
from delil.ingest.formats.base import ExtractedPage, Extraction, Limits

MEDIA_TYPES = {
    media.PNG: "PNG",
    media.JPEG: "JPEG",
    media.TIFF: "TIFF",
    media.GIF: "GIF",
    media.BMP: "BMP",
    media.WEBP: "WEBP",
}
"""Media types handled here and the Pillow format each must decode as."""

_EXIF_TAGS = (
    "Make",
    "Model",
    "Software",
    "DateTime",
    "DateTimeOriginal",
    "Artist",
    "ImageDescription",
)
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")


def _too_big(pixels: int, limits: Limits) -> RejectedInput:
    return RejectedInput(f"image has {pixels} pixels, over the {limits.max_pixels} limit")


def _open(path: Path, fmt: str, limits: Limits) -> Any:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice the limit; we refuse there too,
            # below, so the warning is noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path, formats=[fmt])
    except Image.DecompressionBombError as exc:
        found = _PIXELS_IN_MESSAGE.search(str(exc))
        raise _too_big(int(found.group(1)) if found else limits.max_pixels + 1, limits) from None
    except UnidentifiedImageError:
        raise RejectedInput(f"image is not a readable {fmt} file") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise RejectedInput(f"image is damaged ({type(exc).__name__})") from None
    pixels = image.width * image.height
    if pixels > limits.max_pixels:
        image.close()
        raise _too_big(pixels, limits)
    return image


def _exif(image: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        exif = image.getexif()
    except Exception:  # a damaged EXIF block must not cost the image its text
        return out
    values: dict[str, Any] = {}
    for tag_id, value in exif.items():
        values[ExifTags.TAGS.get(tag_id, "")] = value
    try:
        for tag_id, value in exif.get_ifd(ExifTags.IFD.Exif).items():
            values[ExifTags.TAGS.get(tag_id, "")] = value
    except Exception:
        pass
    for name in _EXIF_TAGS:
        value = values.get(name)
        if isinstance(value, str) and value.strip("\x00 "):
            out[f"exif_{name.lower()}"] = value.strip("\x00 ")
    return out


def _dpi(image: Any) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # Files often record 72 or 96 dpi whatever the scan was; tesseract copes with 70-600.
    return value if 70 <= value <= 1200 else 300


def extract_image(path: Path, media_type: str, limits: Limits, scratch: Path) -> Extraction:
    """OCR an image; each TIFF frame is a page.

    Args:
        path: the image.
        media_type: one of :data:`MEDIA_TYPES`.
        limits: ``max_pixels`` (every frame), ``max_pages`` (TIFF frames), ``max_seconds``.
        scratch: unused.

    Returns:
        Pages with method ``ocr`` (none without tesseract, with a warning), and width,
        height, frame count and some EXIF fields as metadata.

    Raises:
        RejectedInput: over the pixel limit, or not a readable image.
    """
    del scratch
    # Pillow's switch is process-wide and other libraries turn it on (WeasyPrint does, on
    # import); a truncated image must be refused, not padded with grey.
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        return _extract(path, MEDIA_TYPES[media_type], media_type, limits)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _extract(path: Path, fmt: str, media_type: str, limits: Limits) -> Extraction:
    deadline = Deadline(limits)
    extraction = Extraction(media_type=media_type)
    image = _open(path, fmt, limits)
    try:
        frames = int(getattr(image, "n_frames", 1) or 1)
        extraction.metadata.update(
            {"width": str(image.width), "height": str(image.height), "frames": str(frames)}
        )
        extraction.metadata.update(_exif(image))
        pages = frames if fmt == "TIFF" else 1
        if pages > limits.max_pages:
            raise RejectedInput(f"image has {pages} frames, over the {limits.max_pages} limit")
        if frames > 1 and pages == 1:
            extraction.warnings.append(f"only the first of {frames} frames was read")
        if not ocr.ocr_available():
            extraction.warnings.append(ocr.OCR_DISABLED_WARNING)
            # Still decode the first frame: a damaged image must be rejected with or without OCR.
            _load(image, limits)
            return extraction
        failed: list[int] = []
        for number in range(1, pages + 1):
            if number > 1:
                image.seek(number - 1)
            _load(image, limits)
            if deadline.expired():
                extraction.warnings.append(
                    f"OCR stopped at the time limit after {number - 1} of {pages} frames"
                )
                break
            try:
                result = ocr.ocr_image(
                    image, dpi=_dpi(image), timeout=min(ocr.DEFAULT_TIMEOUT, deadline.remaining())
                )
            except ocr.OcrError:
                failed.append(number)
                continue
            if result.text.strip():
                extraction.pages.append(
                    ExtractedPage(number=number, text=result.text, method="ocr")
                )
        if failed:
            extraction.warnings.append(f"OCR failed on {len(failed)} of {pages} frames")
    finally:
        image.close()
    return extraction


def _load(image: Any, limits: Limits) -> None:
    """Decode the current frame, refusing frames over the pixel limit and damaged data."""
    pixels = image.width * image.height
    if pixels > limits.max_pixels:
        raise _too_big(pixels, limits)
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise RejectedInput(f"image is damaged or truncated ({type(exc).__name__})") from None
