"""The hostile-input set through the real ingest path: each refused with a specific reason,
benign look-alikes ingested, the batch never taken down, no network, limits enforced."""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from delil.case import verify_case
from delil.config import Settings
from delil.model import Source
from delil.storage.sqlite import SQLiteStore
from delil.testing import hostile, writers
from tests.helpers import run_ingest

HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "bomb.zip": (hostile.write_zip_bomb, "decompression bomb"),
    "lying.zip": (hostile.write_zip_bomb_lying_size, "archive member"),
    "bomb.gz": (hostile.write_gzip_bomb, "decompression bomb"),
    "slip.zip": (hostile.write_zip_slip, "climbs out with '..'"),
    "abs.zip": (lambda p: hostile.write_zip_slip(p, "absolute"), "name is absolute"),
    "zlink.zip": (hostile.write_zip_symlink_escape, "points outside the archive"),
    "sym.tar": (hostile.write_tar_symlink_escape, "points outside the archive"),
    "hard.tar": (hostile.write_tar_hardlink_escape, "points outside the archive"),
    "laughs.docx": (hostile.write_billion_laughs_docx, "XML entity expansion refused"),
    "xxe.docx": (hostile.write_xxe_docx, "external XML entity refused"),
    "xxe.xlsx": (hostile.write_xxe_xlsx, "external XML entity refused"),
    "partbomb.docx": (hostile.write_docx_part_bomb, "expands past the 32 MiB limit"),
    "ext.html": (hostile.write_html_external_entity, "external XML entity refused"),
    "pixels.png": (hostile.write_png_pixel_bomb, "over the 40000000 limit"),
    "trunc.pdf": (hostile.write_truncated_pdf, "damaged or truncated"),
    "loop.pdf": (hostile.write_pdf_object_loop, "PDF"),
    "refloop.pdf": (hostile.write_pdf_reference_loop, "PDF"),
}

BENIGN: dict[str, Callable[[Path], Path]] = {
    "big.png": lambda p: hostile.write_big_image(p, 30_000_000),
    "many.zip": hostile.write_many_member_zip,
    "legal-nest.zip": lambda p: hostile.write_nested_zip(p, 3),
    "empty-password.pdf": lambda p: writers.write_pdf(
        p, ["An official notice, fictional."], encrypt_empty_password=True
    ),
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[SQLiteStore, object, Path]:
    from delil.case import create_case

    tmp = tmp_path_factory.mktemp("hostile")
    ev = tmp / "evidence"
    ev.mkdir()
    for name, (make, _) in HOSTILE.items():
        make(ev / name)
    for name, make in BENIGN.items():
        make(ev / name)
    hostile.write_nested_zip(ev / "too-deep.zip", 7)
    (ev / "ordinary.txt").write_text("An ordinary fictional note after the hostile files.")
    settings = Settings(home=tmp / "case", workers=2, max_seconds=30, max_rss_mib=768,
                        max_input_mib=64, max_expanded_mib=32, max_members=2000, max_depth=4,
                        max_pixels=40_000_000, max_pages=200)  # fmt: skip
    store = create_case(settings.home)
    report = run_ingest(store, settings, [ev])
    return store, report, ev


def _top(store: SQLiteStore) -> dict[str, Source]:
    return {
        s.original_path.split("/", 1)[1]: s for s in store.list_sources() if s.parent_id is None
    }


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_rejected_with_a_specific_reason(hostile_run, name: str) -> None:
    store, _, ev = hostile_run
    src = _top(store)[name]
    assert src.status == "rejected", src
    assert HOSTILE[name][1] in str(src.reason), src.reason
    assert name not in str(src.reason)
    # The original is still stored, bit-exact.
    assert store.blobs.path_for(str(src.blob_sha256)).read_bytes() == (ev / name).read_bytes()


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_benign_look_alike_ingests(hostile_run, name: str) -> None:
    store, _, _ = hostile_run
    src = _top(store)[name]
    assert src.status == "extracted", src


def test_many_member_zip_yields_every_member(hostile_run) -> None:
    store, _, _ = hostile_run
    zid = _top(store)["many.zip"].id
    assert store.count_children(str(zid)) == 1000


def test_nesting_past_the_depth_cap_is_refused_at_that_level(hostile_run) -> None:
    store, _, _ = hostile_run
    deep = [s for s in store.list_sources(status="rejected") if "nested deeper" in str(s.reason)]
    assert len(deep) == 1 and deep[0].depth == 5


def test_batch_goes_on_and_case_verifies(hostile_run) -> None:
    store, report, _ = hostile_run
    assert _top(store)["ordinary.txt"].status == "extracted"
    assert report.count("rejected") == len(HOSTILE) + 1
    assert verify_case(store).ok


def test_no_parser_touched_the_network_or_leaked_a_local_file(hostile_run) -> None:
    store, _, _ = hostile_run
    for s in store.list_sources():
        assert not any("network" in w for w in s.warnings), s
        for p in store.get_pages(str(s.id)):
            assert "root:x:0:0" not in p.text


def test_no_scratch_left_behind(hostile_run) -> None:
    store, _, _ = hostile_run
    assert list((store.home / "tmp").iterdir()) == []


def test_parser_over_time_limit_is_killed_and_recorded(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    slow = settings.with_(max_seconds=0.5)
    page = tmp_path / "huge.html"
    body = "".join(f"<div><p>Paragraph {i} of a fictional page.</p></div>" for i in range(300_000))
    page.write_text(f"<html><body>{body}</body></html>")
    (tmp_path / "after.txt").write_text("Fictional text after the slow file.")
    report = run_ingest(store, slow, [page, tmp_path / "after.txt"])
    assert report.summary() == {"rejected": 1, "extracted": 1}, report.outcomes
    (rej,) = store.list_sources(status="rejected")
    assert rej.reason == "parser took longer than 0.5 s"


def _huge_png(path: Path, side: int) -> None:
    raw = zlib.compressobj(9)
    row = b"\x00" + bytes(side * 3)
    data = b"".join(raw.compress(row) for _ in range(side)) + raw.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))  # fmt: skip

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data)
                     + chunk(b"IEND", b""))  # fmt: skip


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is how the cap is enforced")
def test_parser_over_memory_limit_is_stopped_and_recorded(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    tight = settings.with_(max_rss_mib=300, max_pixels=10**9)
    _huge_png(tmp_path / "huge.png", 20_000)  # 1.2 GB once decoded
    (tmp_path / "after.txt").write_text("Fictional text after the huge image.")
    report = run_ingest(store, tight, [tmp_path / "huge.png", tmp_path / "after.txt"])
    assert report.summary() == {"rejected": 1, "extracted": 1}, report.outcomes
    (rej,) = store.list_sources(status="rejected")
    assert "memory" in str(rej.reason), rej.reason
