"""OCR with the tesseract command-line program, optional at run time.

Tesseract runs as a subprocess with an argument list (never a shell), the image piped on standard
input as PNG and the text read from standard output, so no path of ours reaches its command line.
``OMP_THREAD_LIMIT=1`` keeps one tesseract on one core: the ingest pool already runs one worker
per core, and tesseract's own threads only add contention.

Language models are chosen per image. Running every model at once
(``eng+chi_sim+uig+Cyrillic``) is three to five times slower than one model and less accurate,
because the models compete for each word. So a cheap orientation-and-script pass (``--psm 0``,
the legacy ``osd`` model, about a tenth of a full pass on a page) names the script first and
only that script's model runs; when OSD cannot tell (too little text, no ``osd`` model) the
combined set runs. Measured on one-line rendered images (OMP_THREAD_LIMIT=1): one model
0.1-0.2 s, all four 0.4-0.7 s with lower recall (0.6 on Uyghur Latin, 0.9 on Uyghur Arabic);
OSD 0.1-0.4 s. On full pages recognition dominates and OSD's share shrinks.

Latin script: ``eng`` runs first (twice as fast as the Latin script model on a page); when its
mean word confidence is under 90 (Uyghur Latin: ``eng`` has no ü or ö) the Latin script model
(Debian ``tesseract-ocr-script-latn``), where installed, reads the image again.

Where tesseract is missing, :func:`ocr_available` is false and extractors add
:data:`OCR_DISABLED_WARNING` to the extraction instead of failing.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from PIL import Image

OCR_DISABLED_WARNING = "OCR disabled: tesseract not found"
"""The warning an extraction carries when it needed OCR and tesseract is not installed."""

DEFAULT_TIMEOUT = 120.0
"""Seconds one tesseract run may take; a page that needs longer is skipped with a warning."""

# Model preference per script as OSD names it. Debian installs script models at the top level
# of tessdata ("Latin"); upstream tessdata keeps them under "script/". Both spellings are tried.
_SCRIPT_MODELS: dict[str, tuple[tuple[str, ...], ...]] = {
    # ``eng`` first: it is twice as fast as the Latin script model on a page. Where its word
    # confidence is low (Uyghur Latin: ``eng`` lacks ü and ö) the script model reruns the image.
    "Latin": (("eng",), ("script/Latin", "Latin")),
    "Han": (("chi_sim",), ("chi_tra",)),
    # ``uig`` alone beat ``uig+Arabic`` on Uyghur text and is twice as fast.
    "Arabic": (("uig",), ("script/Arabic", "Arabic")),
    "Cyrillic": (("script/Cyrillic", "Cyrillic"),),
}
# Used when the script is unknown: one model per script we expect in evidence.
_COMBINED: tuple[tuple[str, ...], ...] = (
    ("eng",),
    ("chi_sim",),
    ("uig",),
    ("script/Cyrillic", "Cyrillic"),
)

_LATIN_REFINE: tuple[tuple[str, ...], ...] = (("script/Latin", "Latin"),)
_LATIN_MIN_CONFIDENCE = 90.0
"""Mean word confidence of an ``eng`` pass below which the Latin script model reruns the image.

Measured on rendered pages: English 96, Uyghur Latin 85 (ü and ö read as u and o, or U).
"""

_OSD_MIN_HEIGHT = 600
"""OSD refuses images with few characters; shorter images are tiled to about this height."""
_OSD_MAX_SIDE = 2500
_OSD_MIN_CONFIDENCE = 1.0
_MAX_OCR_PIXELS = 60_000_000
"""Larger images are scaled down first: tesseract's memory grows with pixels, text does not."""


class OcrError(Exception):
    """Tesseract failed or timed out on one image; the caller records a warning."""


@dataclass(frozen=True)
class OcrResult:
    """Text tesseract read from one image and the models it used."""

    text: str
    languages: str
    script: str | None
    """Script OSD detected (``Latin``, ``Han``...), or ``None`` when it could not tell."""


def tesseract_path() -> str | None:
    """Return the tesseract executable on ``PATH``, or ``None`` when it is not installed."""
    return shutil.which("tesseract")


def ocr_available() -> bool:
    """Whether tesseract is installed, so OCR can run."""
    return tesseract_path() is not None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@cache
def _installed_languages(exe: str) -> frozenset[str]:
    result = subprocess.run(
        [exe, "--list-langs"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=_env(),
    )
    # The first line is a heading ("List of available languages in ..."); the rest are names.
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def installed_languages() -> frozenset[str]:
    """Return the tesseract models installed (``eng``, ``chi_sim``, ``Latin``...), or none."""
    exe = tesseract_path()
    if exe is None:
        return frozenset()
    return _installed_languages(exe)


def _pick(
    groups: tuple[tuple[str, ...], ...], installed: frozenset[str], first_only: bool
) -> list[str]:
    picked: list[str] = []
    for spellings in groups:
        for name in spellings:
            if name in installed:
                picked.append(name)
                break
        if picked and first_only:
            break
    return picked


def languages_for(script: str | None) -> str:
    """Return the ``-l`` argument for a script OSD detected (``None``: unknown script).

    Args:
        script: an OSD script name (``Latin``, ``Han``, ``Arabic``, ``Cyrillic``) or ``None``.

    Returns:
        ``+``-joined installed model names; the combined set when the script has no model here.
    """
    installed = installed_languages()
    picked: list[str] = []
    if script in _SCRIPT_MODELS:
        picked = _pick(_SCRIPT_MODELS[script], installed, first_only=True)
    if not picked:
        picked = _pick(_COMBINED, installed, first_only=False)
    if not picked:
        picked = sorted(installed - {"osd", "equ"})[:1] or ["eng"]
    return "+".join(picked)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Fast compression: the bytes go straight into a pipe, size does not matter.
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def prepare(image: Image.Image) -> Image.Image:
    """Return a grayscale copy of an image fit for tesseract.

    Transparent areas become white (text saved on a transparent background would otherwise
    turn into black on black), and images over 60 megapixels are scaled down.
    """
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    gray = image.convert("L")
    pixels = gray.width * gray.height
    if pixels > _MAX_OCR_PIXELS:
        scale = (_MAX_OCR_PIXELS / pixels) ** 0.5
        gray = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    return gray


def _run(args: list[str], data: bytes, timeout: float) -> str:
    exe = tesseract_path()
    if exe is None:
        raise OcrError(OCR_DISABLED_WARNING)
    try:
        result = subprocess.run(
            [exe, *args],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=_env(),
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract took longer than {timeout:.0f} s") from exc
    if result.returncode != 0:
        raise OcrError(f"tesseract exited with status {result.returncode}")
    return result.stdout.decode("utf-8", errors="replace")


_SCRIPT_LINE = re.compile(r"^Script:\s*(\S+)", re.MULTILINE)
_CONFIDENCE_LINE = re.compile(r"^Script confidence:\s*([0-9.]+)", re.MULTILINE)


def detect_script(
    image: Image.Image, *, dpi: int = 300, timeout: float = DEFAULT_TIMEOUT
) -> str | None:
    """Name the dominant script of an image with tesseract's OSD pass.

    Args:
        image: a prepared (grayscale) image.
        dpi: its resolution, passed on to tesseract.
        timeout: seconds the pass may take.

    Returns:
        The OSD script name (``Latin``, ``Han``, ``Arabic``, ``Cyrillic``...) or ``None`` when
        OSD is not installed, finds too few characters, or is unsure.
    """
    if "osd" not in installed_languages():
        return None
    probe = image
    longest = max(probe.width, probe.height)
    if longest > _OSD_MAX_SIDE:
        scale = _OSD_MAX_SIDE / longest
        probe = probe.resize((max(1, int(probe.width * scale)), max(1, int(probe.height * scale))))
    if probe.height < _OSD_MIN_HEIGHT:
        # OSD needs a few dozen characters; repeating a short strip gives it enough without
        # changing which script it sees.
        copies = min(6, -(-_OSD_MIN_HEIGHT // max(1, probe.height)))
        tiled = Image.new("L", (probe.width, probe.height * copies), 255)
        for i in range(copies):
            tiled.paste(probe, (0, i * probe.height))
        probe = tiled
    try:
        out = _run(["stdin", "stdout", "--psm", "0", "--dpi", str(dpi)], _png(probe), timeout)
    except OcrError:
        return None
    script = _SCRIPT_LINE.search(out)
    confidence = _CONFIDENCE_LINE.search(out)
    if script is None or confidence is None or float(confidence.group(1)) < _OSD_MIN_CONFIDENCE:
        return None
    return script.group(1)


def ocr_image(
    image: Image.Image,
    *,
    languages: str | None = None,
    dpi: int = 300,
    timeout: float = DEFAULT_TIMEOUT,
) -> OcrResult:
    """Read the text of one image with tesseract.

    Args:
        image: any Pillow image; it is converted to grayscale on a white background.
        languages: a tesseract ``-l`` value; ``None`` chooses per image (OSD, then models).
        dpi: the image's resolution, which tesseract uses to judge text size.
        timeout: seconds each tesseract run may take.

    Returns:
        The text (may be empty) and the models used.

    Raises:
        OcrError: tesseract is missing, failed or timed out.
    """
    gray = prepare(image)
    data = _png(gray)
    script: str | None = None
    if languages is None:
        script = detect_script(gray, dpi=dpi, timeout=timeout)
        languages = languages_for(script)
        refine = _pick(_LATIN_REFINE, installed_languages(), first_only=True)
        if script == "Latin" and refine and languages != refine[0]:
            tsv = _run(
                ["stdin", "stdout", "-l", languages, "--psm", "3", "--dpi", str(dpi), "tsv"],
                data,
                timeout,
            )
            text, confidence = text_from_tsv(tsv)
            if confidence >= _LATIN_MIN_CONFIDENCE or not text.strip():
                return OcrResult(text=text, languages=languages, script=script)
            languages = refine[0]
    text = _run(
        ["stdin", "stdout", "-l", languages, "--psm", "3", "--dpi", str(dpi)], data, timeout
    )
    return OcrResult(text=text, languages=languages, script=script)


def text_from_tsv(tsv: str) -> tuple[str, float]:
    """Rebuild plain text from tesseract's TSV output and average its word confidences.

    Args:
        tsv: what ``tesseract ... tsv`` printed.

    Returns:
        The text (words joined by spaces, lines by newlines, blocks and paragraphs by a blank
        line) and the mean confidence (0-100) of its words, 0 when there are none.
    """
    lines: list[str] = []
    current: tuple[str, ...] | None = None
    paragraph: tuple[str, ...] | None = None
    words: list[str] = []
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = tuple(cols[1:5])  # page, block, paragraph, line
        if key != current:
            if words:
                lines.append(" ".join(words))
            if paragraph is not None and key[:3] != paragraph:
                lines.append("")
            words = []
            current, paragraph = key, key[:3]
        words.append(cols[11])
        with contextlib.suppress(ValueError):
            confidences.append(float(cols[10]))
    if words:
        lines.append(" ".join(words))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines), mean
