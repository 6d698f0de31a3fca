"""`make eval` is a real gate: text recall and language identification through ingest."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="OCR rows need tesseract")
def test_eval_gate_passes() -> None:
    res = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "eval_ingest.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "all floors met" in res.stdout
