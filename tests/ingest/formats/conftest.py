"""Fixtures of the format-extractor tests: small limits and a scratch folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from delil.ingest.formats.base import Limits
from tests.ingest.formats.support import SMALL_LIMITS


@pytest.fixture
def limits() -> Limits:
    """Small limits so limit paths run fast."""
    return SMALL_LIMITS


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """An empty scratch folder for child files."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    return folder
