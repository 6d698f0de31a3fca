"""Hostile files are refused with a specific reason; their benign look-alikes extract."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from delil.errors import RejectedInput
from delil.ingest.formats import check_depth, media
from delil.ingest.formats.base import Extraction, Limits
from delil.testing import hostile, writers
from tests.ingest.formats.support import all_text, run_extract

GiB = 1 << 30


def _rejects(path: Path, limits: Limits, scratch: Path) -> str:
    with pytest.raises(RejectedInput) as caught:
        run_extract(path, limits, scratch)
    return caught.value.reason


HOSTILE: list[tuple[str, Callable[[Path], Path], str]] = [
    ("zip bomb", hostile.write_zip_bomb, "archive expands past the 16 MiB limit"),
    (
        "zip bomb, lying size",
        hostile.write_zip_bomb_lying_size,
        "archive member is corrupt (bad CRC)",
    ),
    ("gzip bomb", hostile.write_gzip_bomb, "compressed file expands past the 16 MiB limit"),
    (
        "zip with ../ name",
        lambda p: hostile.write_zip_slip(p, "parent"),
        "archive member name climbs out with '..'",
    ),
    (
        "zip with absolute name",
        lambda p: hostile.write_zip_slip(p, "absolute"),
        "archive member name is absolute",
    ),
    (
        "zip symlink to /etc/passwd",
        hostile.write_zip_symlink_escape,
        "archive link points outside the archive",
    ),
    (
        "tar symlink escaping",
        hostile.write_tar_symlink_escape,
        "archive link points outside the archive",
    ),
    (
        "tar absolute symlink",
        lambda p: hostile.write_tar_symlink_escape(p, "/etc/passwd"),
        "archive link points outside the archive",
    ),
    (
        "tar hardlink with ..",
        hostile.write_tar_hardlink_escape,
        "archive link points outside the archive",
    ),
    ("billion laughs docx", hostile.write_billion_laughs_docx, "XML entity expansion refused"),
    ("xxe docx", hostile.write_xxe_docx, "external XML entity refused"),
    (
        "xxe docx in utf-16",
        lambda p: hostile.write_xxe_docx(p, encoding="utf-16"),
        "external XML entity refused",
    ),
    ("xxe xlsx", hostile.write_xxe_xlsx, "external XML entity refused"),
    (
        "docx part bomb",
        hostile.write_docx_part_bomb,
        "document package expands past the 16 MiB limit",
    ),
    ("html external entity", hostile.write_html_external_entity, "external XML entity refused"),
    (
        "png pixel bomb",
        hostile.write_png_pixel_bomb,
        "image has 10000000000 pixels, over the 40000000 limit",
    ),
    (
        "truncated pdf",
        hostile.write_truncated_pdf,
        "PDF is damaged or truncated and cannot be opened",
    ),
    (
        "pdf page-tree loop",
        hostile.write_pdf_object_loop,
        "PDF has no page that can be loaded (broken or looping page tree)",
    ),
    (
        "pdf reference loop",
        hostile.write_pdf_reference_loop,
        "PDF is damaged or truncated and cannot be opened",
    ),
]


@pytest.mark.parametrize(
    ("maker", "reason"), [(m, r) for _, m, r in HOSTILE], ids=[name for name, _, _ in HOSTILE]
)
def test_hostile_file_is_rejected_with_specific_reason(
    maker: Callable[[Path], Path], reason: str, tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = maker(tmp_path / "evidence")
    assert path.stat().st_size < 1 << 20, "hostile fixtures stay small on disk"
    assert _rejects(path, limits, scratch) == reason
    # Nothing escaped the scratch folder: the only thing beside it is the input.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence", "scratch"]


def test_zip_bomb_is_caught_by_ratio_under_a_generous_limit(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    generous = dataclasses.replace(limits, max_expanded_bytes=2 * GiB)
    path = hostile.write_zip_bomb(tmp_path / "bomb", 48 << 20)
    assert _rejects(path, generous, scratch) == (
        "archive member compression ratio is over 500:1 (decompression bomb)"
    )


def _walk(path: Path, depth: int, limits: Limits, scratch: Path) -> list[Extraction]:
    """Ingest a file and its children recursively as the orchestrator does."""
    check_depth(depth, limits)
    own = scratch / f"depth-{depth}"
    own.mkdir()
    extraction = run_extract(path, limits, own)
    found = [extraction]
    for child in extraction.children:
        found += _walk(child.path, depth + 1, limits, own)
    return found


def test_nesting_deeper_than_cap_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = hostile.write_nested_zip(tmp_path / "deep", limits.max_depth + 1)
    with pytest.raises(RejectedInput) as caught:
        _walk(path, 0, limits, scratch)
    assert caught.value.reason == "containers nested 5 deep, over the 4 limit"


def test_deep_but_legal_nesting_extracts(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = hostile.write_nested_zip(tmp_path / "deep", limits.max_depth, text="Innermost note.")
    found = _walk(path, 0, limits, scratch)
    assert [e.media_type for e in found] == [media.ZIP] * 4 + [media.TEXT]
    assert all_text(found[-1]) == "Innermost note."


def test_thousand_member_zip_extracts(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = hostile.write_many_member_zip(tmp_path / "many", 1000)
    extraction = run_extract(path, limits, scratch)
    assert len(extraction.children) == 1000
    assert extraction.children[999].name == "notes/note-0999.txt"
    assert extraction.children[999].path.read_bytes() == b"Note number 999.\n"
    assert not extraction.warnings


def test_member_count_over_limit_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = hostile.write_many_member_zip(tmp_path / "many", 1000)
    tight = dataclasses.replace(limits, max_members=999)
    assert _rejects(path, tight, scratch) == "archive has 1000 members, over the 999 limit"
    tar = writers.write_tar(tmp_path / "many.tar", {f"n{i}.txt": b"x" for i in range(5)}, "gz")
    assert _rejects(tar, dataclasses.replace(limits, max_members=4), scratch) == (
        "archive has over 4 members, the limit"
    )


def test_internal_tar_symlink_is_skipped_with_warning(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = hostile.write_tar_internal_symlink(tmp_path / "links")
    extraction = run_extract(path, limits, scratch)
    assert [c.name for c in extraction.children] == ["docs/notes.txt"]
    assert extraction.warnings == ["1 link members skipped"]


def test_big_image_under_the_pixel_cap_extracts(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    capped = dataclasses.replace(limits, max_pixels=2_000_000)
    path = hostile.write_big_image(tmp_path / "big", 1_999_000)
    extraction = run_extract(path, capped, scratch)
    assert extraction.media_type == media.PNG
    assert int(extraction.metadata["width"]) * int(extraction.metadata["height"]) <= 1_999_000


def test_image_between_limit_and_twice_the_limit_is_rejected(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    # Pillow only warns in this band; the extractor must refuse anyway.
    capped = dataclasses.replace(limits, max_pixels=1_000_000)
    path = hostile.write_big_image(tmp_path / "big", 1_500_000)
    reason = _rejects(path, capped, scratch)
    assert reason.startswith("image has 14") and reason.endswith("pixels, over the 1000000 limit")


def test_empty_password_pdf_extracts(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = writers.write_pdf(
        tmp_path / "locked", ["Minutes of the fictional meeting."], encrypt_empty_password=True
    )
    extraction = run_extract(path, limits, scratch)
    assert all_text(extraction).strip() == "Minutes of the fictional meeting."
    assert extraction.metadata["encrypted"] == "empty user password"


def test_password_protected_pdf_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    plain = writers.write_pdf(tmp_path / "plain", ["Secret minutes."])
    path = tmp_path / "locked"
    path.write_bytes(writers.encrypt_pdf(plain.read_bytes(), user_password="fictional-pw"))
    assert _rejects(path, limits, scratch) == "PDF is password-protected"


def test_pdf_over_page_limit_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = writers.write_pdf(tmp_path / "long", ["one", "two", "three"])
    assert _rejects(path, dataclasses.replace(limits, max_pages=2), scratch) == (
        "PDF has 3 pages, over the 2 limit"
    )


def test_text_over_char_limit_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = writers.write_text(tmp_path / "long", "word " * 2000)
    tight = dataclasses.replace(limits, max_text_chars=1000)
    assert _rejects(path, tight, scratch) == "file yields over 1000 characters of text"


def test_input_over_size_limit_is_rejected(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    path = writers.write_text(tmp_path / "big", "x" * 2048)
    tight = dataclasses.replace(limits, max_input_bytes=1 << 10)
    assert _rejects(path, tight, scratch) == "file is 2048 bytes, over the 1 KiB limit"


def test_mailbox_over_member_limit_is_rejected(
    tmp_path: Path, limits: Limits, scratch: Path
) -> None:
    path = writers.write_mbox(tmp_path / "box", [writers.eml_bytes(f"m{i}", "x") for i in range(3)])
    assert _rejects(path, dataclasses.replace(limits, max_members=2), scratch) == (
        "mailbox has over 2 messages, the limit"
    )


# --- no network -------------------------------------------------------------------------------

_NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "urllib.Request",
    "http.client.connect",
}
_recorded: list[str] = []
_recording: list[bool] = [False]
_installed: list[bool] = [False]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording[0] and event in _NETWORK_EVENTS:
        _recorded.append(event)


def test_extractors_never_touch_the_network(tmp_path: Path, limits: Limits, scratch: Path) -> None:
    # An audit hook cannot be removed; it records only while this test runs.
    if not _installed[0]:
        sys.addaudithook(_audit)
        _installed[0] = True
    files = [
        hostile.write_xxe_docx(tmp_path / "a"),
        hostile.write_xxe_docx(tmp_path / "b", encoding="utf-16"),
        hostile.write_xxe_xlsx(tmp_path / "c"),
        hostile.write_html_external_entity(tmp_path / "d"),
        hostile.write_billion_laughs_docx(tmp_path / "e"),
    ]
    xhtml = tmp_path / "f"
    writers.write_html(
        xhtml,
        "Notice",
        ["A page with the standard XHTML doctype."],
        doctype='<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC '
        '"-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://192.0.2.10/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    )
    _recorded.clear()
    _recording[0] = True
    try:
        for path in files:
            with pytest.raises(RejectedInput):
                run_extract(path, limits, scratch)
        extraction = run_extract(xhtml, limits, scratch)
    finally:
        _recording[0] = False
    assert _recorded == []
    assert "standard XHTML doctype" in all_text(extraction)
    assert "root:" not in all_text(extraction)
