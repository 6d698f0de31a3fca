"""Tamper detection: every change to a blob, a record or the ledger is caught by verify."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from delil.case import make_checkpoint, signing_fingerprint, verify_case, verify_since
from delil.config import Settings
from delil.custody import create_signing_key, fingerprint, sign_checkpoint
from delil.errors import IntegrityError
from delil.storage.sqlite import SQLiteStore
from tests.helpers import run_ingest, sql, write_files


@pytest.fixture
def filled(store: SQLiteStore, settings: Settings, tmp_path: Path) -> SQLiteStore:
    root = write_files(
        tmp_path / "evidence",
        {
            "a.txt": "The detention centre in the fictional county held many people.",
            "b.txt": "A second fictional statement about a camp near the river.",
            "c.txt": "A third fictional note, written in plain English.",
        },
    )
    report = run_ingest(store, settings, [root])
    assert report.count("extracted") == 3, report.outcomes
    assert verify_case(store).ok
    return store


def _problems(store: SQLiteStore) -> list[str]:
    return verify_case(store).problems


def _blob_path(store: SQLiteStore, n: int = 0) -> Path:
    sha = sql(store, "SELECT blob_sha256 FROM source ORDER BY rowid")[n][0]
    return store.blobs.path_for(str(sha))


def _writable(p: Path) -> None:
    os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)


def test_clean_case_verifies(filled: SQLiteStore) -> None:
    report = verify_case(filled)
    assert report.ok, report.problems
    assert report.sources == 3
    assert report.blobs_checked == 3
    assert report.events == 4  # init + 3 ingests


def test_flipped_blob_byte_is_caught(filled: SQLiteStore) -> None:
    p = _blob_path(filled)
    _writable(p)
    data = bytearray(p.read_bytes())
    data[5] ^= 0x01
    p.write_bytes(bytes(data))
    problems = _problems(filled)
    assert any("content does not match its hash" in x for x in problems), problems


def test_swapped_blobs_are_caught(filled: SQLiteStore) -> None:
    a, b = _blob_path(filled, 0), _blob_path(filled, 1)
    _writable(a)
    _writable(b)
    da, db = a.read_bytes(), b.read_bytes()
    a.write_bytes(db)
    b.write_bytes(da)
    problems = _problems(filled)
    assert sum("content does not match" in x for x in problems) == 2, problems


def test_missing_blob_is_caught(filled: SQLiteStore) -> None:
    _blob_path(filled).unlink()
    assert any("missing" in x for x in _problems(filled))


def test_edited_source_row_is_caught(filled: SQLiteStore) -> None:
    sql(filled, "UPDATE source SET reliability='A' WHERE rowid=1")
    problems = _problems(filled)
    assert any("record differs" in x for x in problems), problems


def test_edited_acquisition_is_caught(filled: SQLiteStore) -> None:
    sql(filled, "UPDATE acquisition SET acquired_from='Somebody else'")
    assert sum("record differs" in x for x in _problems(filled)) == 3


def test_edited_page_text_is_caught(filled: SQLiteStore) -> None:
    sql(filled, "UPDATE page SET text = replace(text, 'camp', 'school')")
    problems = _problems(filled)
    assert any("page text differs" in x for x in problems), problems


def test_deleted_event_is_caught(filled: SQLiteStore) -> None:
    sql(filled, "DELETE FROM custody_detail WHERE seq=2")
    sql(filled, "DELETE FROM custody_event WHERE seq=2")
    problems = _problems(filled)
    assert problems[0].startswith("ledger event 3: sequence gap"), problems


def test_reordered_events_are_caught(filled: SQLiteStore) -> None:
    cols = "time, actor, action, subject, details_hash, prev_hash, hash"
    r2, r3 = sql(filled, f"SELECT {cols} FROM custody_event WHERE seq IN (2, 3) ORDER BY seq")
    sets = "time=?, actor=?, action=?, subject=?, details_hash=?, prev_hash=?, hash=?"
    sql(filled, "UPDATE custody_event SET hash='moving' WHERE seq=2")
    sql(filled, f"UPDATE custody_event SET {sets} WHERE seq=3", *r2)
    sql(filled, f"UPDATE custody_event SET {sets} WHERE seq=2", *r3)
    problems = _problems(filled)
    assert problems[0].startswith("ledger event 2: previous-hash link broken"), problems


def test_truncated_ledger_is_caught(filled: SQLiteStore) -> None:
    sql(filled, "DELETE FROM custody_detail WHERE seq=4")
    sql(filled, "DELETE FROM custody_event WHERE seq=4")
    problems = _problems(filled)
    assert any("0 ingest events" in x for x in problems), problems


def test_edited_event_details_are_caught(filled: SQLiteStore) -> None:
    d = json.loads(str(sql(filled, "SELECT details FROM custody_detail WHERE seq=3")[0][0]))
    d["pages"] = 7
    sql(filled, "UPDATE custody_detail SET details=? WHERE seq=3", json.dumps(d))
    problems = _problems(filled)
    assert any("ledger event 3: details do not match" in x for x in problems), problems


def test_redacted_details_keep_the_chain_valid(filled: SQLiteStore) -> None:
    sql(filled, "UPDATE custody_detail SET details=NULL, redacted_at='2026-01-01' WHERE seq=3")
    report = verify_case(filled)
    assert report.ok, report.problems
    assert any("redacted" in n for n in report.notes)


def test_checkpoint_round_trip(filled: SQLiteStore) -> None:
    doc = make_checkpoint(filled)
    fp = signing_fingerprint(filled)
    assert doc["fingerprint"] == fp
    res = verify_since(filled, doc, fp)
    assert (res.seq, res.events_since) == (4, 0)


def test_checkpoint_signed_by_another_key_is_refused(filled: SQLiteStore, tmp_path: Path) -> None:
    doc = make_checkpoint(filled)
    other = create_signing_key(tmp_path / "other.pem")
    forged = sign_checkpoint(other, doc["case"], doc["seq"], doc["head"], doc["time"])
    with pytest.raises(IntegrityError, match="not the trusted key"):
        verify_since(filled, forged, signing_fingerprint(filled))


def test_tampered_checkpoint_signature_is_refused(filled: SQLiteStore) -> None:
    doc = make_checkpoint(filled)
    doc["seq"] = 3
    with pytest.raises(IntegrityError, match="signature does not verify"):
        verify_since(filled, doc, signing_fingerprint(filled))


def test_rewritten_and_resigned_ledger_is_caught(filled: SQLiteStore, tmp_path: Path) -> None:
    """An operator rewrites history consistently and re-signs with a fresh key."""
    trusted_fp = signing_fingerprint(filled)
    saved = make_checkpoint(filled)
    # Rewrite: recompute the whole chain after changing event 2's actor, and swap the key.
    from delil.custody import GENESIS, event_hash

    prev = GENESIS
    for seq, time, actor, action, subject, dh in sql(
        filled,
        "SELECT seq, time, actor, action, subject, details_hash FROM custody_event ORDER BY seq",
    ):
        if seq == 2:
            actor = "local:mallory"
        h = event_hash(int(seq), str(time), str(actor), str(action), str(subject), str(dh), prev)  # type: ignore[call-overload]
        sql(
            filled,
            "UPDATE custody_event SET actor=?, prev_hash=?, hash=? WHERE seq=?",
            actor,
            prev,
            h,
            seq,
        )
        prev = h
    key_path = filled.home / "keys" / "ledger-signing.pem"
    key_path.unlink()
    new_key = create_signing_key(key_path)
    filled.set_info("signing_key", fingerprint(new_key.public_key()))
    fresh = make_checkpoint(filled)
    # The chain on its own is self-consistent now...
    assert not any(p.startswith("ledger event") for p in verify_case(filled).problems)
    # ...but the checkpoint kept outside, with the key the user trusts, exposes the rewrite,
    with pytest.raises(IntegrityError, match="rewritten"):
        verify_since(filled, saved, trusted_fp)
    # and the attacker's fresh checkpoint is refused for its key.
    with pytest.raises(IntegrityError, match="not the trusted key"):
        verify_since(filled, fresh, trusted_fp)
