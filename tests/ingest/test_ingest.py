"""Ingest end to end: sources, pages, children, idempotence, rejection, custody."""

from __future__ import annotations

import os
from pathlib import Path

from delil.case import verify_case
from delil.config import Settings
from delil.model import Acquisition
from delil.storage.sqlite import SQLiteStore
from delil.testing import writers
from tests.helpers import ACQ, run_ingest, sql, write_files


def _mixed_folder(root: Path) -> Path:
    root.mkdir(parents=True)
    writers.write_text(
        root / "note-en.txt", "Witness statement about a detention centre.\n", "utf-8"
    )
    writers.write_text(root / "note-zh.txt", "他被关押在看守所三个月。", "gb18030")
    writers.write_html(
        root / "page.html",
        "A fictional report",
        [
            "The camp was expanded in the spring of the year.",
            "Families waited outside the gate for news.",
        ],
    )
    writers.write_docx(root / "memo.docx", ["A fictional memo about transfers."])
    writers.write_zip(
        root / "bundle.zip",
        {"inner/one.txt": b"First member text.", "two.txt": b"Second member text."},
    )
    return root


def test_folder_ingest_stores_every_file_and_member(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = _mixed_folder(tmp_path / "evidence")
    report = run_ingest(store, settings, [root])
    assert report.summary() == {"extracted": 7}, report.outcomes
    sources = {s.original_path: s for s in store.list_sources()}
    assert set(sources) == {
        "evidence/note-en.txt",
        "evidence/note-zh.txt",
        "evidence/page.html",
        "evidence/memo.docx",
        "evidence/bundle.zip",
        "inner/one.txt",
        "two.txt",
    }
    zip_id = sources["evidence/bundle.zip"].id
    assert sources["two.txt"].parent_id == zip_id
    assert sources["two.txt"].depth == 1
    assert sources["evidence/note-zh.txt"].language == "zh"
    assert sources["evidence/memo.docx"].media_type.endswith("wordprocessingml.document")
    pages = store.get_pages(sources["evidence/note-zh.txt"].id)
    assert "看守所" in pages[0].text
    assert verify_case(store).ok


def test_originals_are_bit_exact_and_read_only(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = _mixed_folder(tmp_path / "evidence")
    run_ingest(store, settings, [root])
    for f in root.iterdir():
        data = f.read_bytes()
        import hashlib

        p = store.blobs.path_for(hashlib.sha256(data).hexdigest())
        assert p.read_bytes() == data
        assert not os.access(p, os.W_OK) or os.geteuid() == 0
        assert oct(p.stat().st_mode & 0o777) == "0o444"


def test_second_ingest_adds_one_custody_event_per_file_and_nothing_else(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = _mixed_folder(tmp_path / "evidence")
    run_ingest(store, settings, [root])
    counts = {
        t: sql(store, f"SELECT count(*) FROM {t}")[0][0]
        for t in ("source", "page", "blob", "acquisition")
    }
    events = sql(store, "SELECT count(*) FROM custody_event")[0][0]
    report = run_ingest(store, settings, [root])
    assert report.summary() == {"seen-again": 5}, report.summary()
    assert {t: sql(store, f"SELECT count(*) FROM {t}")[0][0] for t in counts} == counts
    assert sql(store, "SELECT count(*) FROM custody_event")[0][0] == events + 5  # type: ignore[operator]
    actions = {r[0] for r in sql(store, "SELECT action FROM custody_event WHERE seq > ?", events)}
    assert actions == {"seen-again"}
    assert verify_case(store).ok


def test_same_bytes_from_another_acquisition_is_a_second_source_of_one_blob(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = write_files(tmp_path / "in", {"a.txt": "One fictional statement."})
    run_ingest(store, settings, [root])
    other = Acquisition(acquired_from="Another fictional NGO", acquired_on="2024-05")
    report = run_ingest(store, settings, [root], other)
    assert report.summary() == {"extracted": 1}
    assert sql(store, "SELECT count(*) FROM source")[0][0] == 2
    assert sql(store, "SELECT count(*) FROM blob")[0][0] == 1


def test_bad_file_is_rejected_with_reason_and_batch_goes_on(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a-good.txt").write_text("A fictional good file.")
    (root / "b-broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    (root / "c-good.txt").write_text("Another fictional good file.")
    report = run_ingest(store, settings, [root])
    assert report.summary() == {"extracted": 2, "rejected": 1}, report.outcomes
    rejected = store.list_sources(status="rejected")
    assert len(rejected) == 1
    assert rejected[0].reason
    assert "b-broken" not in rejected[0].reason
    # The original is kept, bit-exact.
    assert (
        store.blobs.path_for(rejected[0].blob_sha256).read_bytes()
        == (root / "b-broken.pdf").read_bytes()
    )
    assert verify_case(store).ok


def test_over_cap_file_is_hashed_not_kept(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    small = settings.with_(max_input_mib=1)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * ((1 << 20) + 10))
    report = run_ingest(store, small, [big])
    assert report.summary() == {"rejected": 1}
    (src,) = store.list_sources()
    assert "input cap" in str(src.reason)
    assert not store.blobs.path_for(src.blob_sha256).exists()
    assert verify_case(store).ok


def test_symlinks_are_not_followed(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    root = write_files(tmp_path / "in", {"a.txt": "A fictional file."})
    secret = write_files(tmp_path / "outside", {"s.txt": "outside the evidence folder"})
    (root / "link.txt").symlink_to(secret / "s.txt")
    report = run_ingest(store, settings, [root])
    assert report.summary() == {"extracted": 1, "skipped": 1}
    assert report.any_rejected


def test_missing_path_is_reported(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    report = run_ingest(store, settings, [tmp_path / "nope"])
    assert report.summary() == {"failed": 1}


def test_canary_name_and_text_never_reach_logs_errors_or_ledger(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    canary = "CANARYq7Zx"
    root = tmp_path / "in"
    root.mkdir()
    (root / f"{canary}-statement.txt").write_text(f"Statement of {canary} about the camp.")
    (root / f"{canary}-broken.pdf").write_bytes(b"%PDF-1.4 broken " + canary.encode())
    writers.write_zip(root / f"{canary}.zip", {f"{canary}/member.txt": canary.encode()})
    acq = Acquisition(acquired_from=f"NGO {canary}", note=f"note {canary}")
    from delil.cli.common import setup_logging

    setup_logging(store.home)
    run_ingest(store, settings, [root], acq)
    ledger = sql(store, "SELECT * FROM custody_event") + sql(store, "SELECT * FROM custody_detail")
    assert canary not in repr(ledger)
    stored_errors = sql(store, "SELECT reason, warnings FROM source")
    assert canary not in repr(stored_errors)
    for log in (store.home / "logs").iterdir():
        assert canary not in log.read_text(), log
    # ...while the records themselves keep what the user needs.
    assert canary in repr(sql(store, "SELECT original_path FROM source"))


def test_interrupted_container_is_completed_on_rerun(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    z = tmp_path / "bundle.zip"
    writers.write_zip(z, {f"m{i}.txt": f"member {i}".encode() for i in range(4)})
    run_ingest(store, settings, [z])
    # Simulate a run that died after storing the container and one member.
    for sid, _seq in sql(
        store,
        "SELECT s.id, e.seq FROM source s JOIN custody_event e "
        "ON e.subject = s.id WHERE s.parent_id IS NOT NULL "
        "ORDER BY s.rowid LIMIT 3",
    ):
        sql(
            store,
            "DELETE FROM page_fts WHERE rowid IN (SELECT id FROM page WHERE source_id=?)",
            sid,
        )
    # (Deleting rows breaks the ledger on purpose here; we only check the resume logic.)
    for (sid,) in sql(
        store, "SELECT id FROM source WHERE parent_id IS NOT NULL ORDER BY rowid LIMIT 3"
    ):
        sql(store, "DELETE FROM page WHERE source_id=?", sid)
        sql(store, "DELETE FROM source WHERE id=?", sid)
    assert sql(store, "SELECT count(*) FROM source")[0][0] == 2
    report = run_ingest(store, settings, [z])
    assert report.summary() == {"seen-again": 1, "extracted": 3}, report.summary()
    assert sql(store, "SELECT count(*) FROM source")[0][0] == 5


def test_network_is_never_touched_by_parsers(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    from delil.testing import hostile

    root = tmp_path / "hostile"
    root.mkdir()
    hostile.write_xxe_docx(root / "xxe.docx")
    hostile.write_html_external_entity(root / "ext.html")
    report = run_ingest(store, settings, [root])
    assert len(report.outcomes) == 2
    for s in store.list_sources():
        assert not any("network" in w for w in s.warnings), s.warnings


def test_acquisition_flags_are_recorded(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    root = write_files(tmp_path / "in", {"a.txt": "A fictional file."})
    run_ingest(store, settings, [root], ACQ)
    (s,) = store.list_sources()
    assert (s.acquired_from, s.acquired_on, s.method, s.reliability) == (
        "Fictional NGO",
        "2024-03",
        "upload",
        "B",
    )


def test_page_text_is_normalised_and_the_raw_extraction_kept(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    raw = "Line one\r\nLine two with ﻻ and \u202eRLO\u202c and 多里坤・艾沙\r\n"
    f = tmp_path / "in.txt"
    f.write_bytes(raw.encode())
    run_ingest(store, settings, [f])
    (src,) = store.list_sources()
    (page,) = store.get_pages(src.id)
    assert "\r" not in page.text and "\u202e" not in page.text
    assert "多里坤·艾沙" in page.text  # the middle dot folded to U+00B7
    assert "لا" in page.text  # the presentation form became its letters (NFKC)
    assert page.raw_text == raw


def test_file_of_unknown_type_is_kept_as_unsupported(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    f = tmp_path / "recording.bin"
    f.write_bytes(b"\x00\x01\x02fictional binary\xff\xfe" * 10)
    report = run_ingest(store, settings, [f])
    assert report.summary() == {"unsupported": 1}
    assert not report.any_rejected
    (src,) = store.list_sources(status="unsupported")
    assert src.page_count == 0 and any("no text extractor" in w for w in src.warnings)
    assert store.blobs.path_for(src.blob_sha256).read_bytes() == f.read_bytes()
