"""Shared fixtures, and the rule that turns a skipped *required* test into a failure.

``DELIL_REQUIRE`` names the kinds of test that must run here (``ocr`` in CI; later also
``postgres``, ``chromium``, ``spark``). A test marked with such a kind that skips — because
tesseract is missing, say — fails instead, so a CI machine without the feature cannot pass.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from delil.case import create_case
from delil.config import Settings
from delil.storage.sqlite import SQLiteStore

REQUIRED = {k.strip() for k in os.environ.get("DELIL_REQUIRE", "").split(",") if k.strip()}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    outcome: Any = yield
    report = outcome.get_result()
    if report.skipped and REQUIRED:
        kinds = {m.name for m in item.iter_markers()} & REQUIRED
        if kinds:
            report.outcome = "failed"
            report.longrepr = (
                f"required test kind {sorted(kinds)} was skipped "
                f"(DELIL_REQUIRE={','.join(sorted(REQUIRED))}): {report.longrepr}"
            )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Small limits so limit paths run fast; one worker keeps tests light on 2 cores."""
    return Settings(
        home=tmp_path / "case",
        workers=1,
        max_seconds=20.0,
        max_rss_mib=768,
        max_input_mib=64,
        max_expanded_mib=32,
        max_members=2000,
        max_depth=4,
        max_pixels=40_000_000,
        max_pages=200,
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[SQLiteStore]:
    """A fresh case on a temporary SQLite file."""
    s = create_case(settings.home)
    yield s
    s.close()
