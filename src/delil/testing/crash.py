"""Crash trials: kill an ingest at a labelled persistence point or at a random moment, then check.

Used by the tests (a few trials per label) and by ``bench/bench_crash.py`` (a thousand). After
each kill the checker asserts that every source is complete or absent (``verify`` is clean:
each source has exactly one ingest event, its page count and text digest match, every blob
re-hashes), then re-runs the same ingest and asserts the batch completes with no duplicates.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from delil.case import verify_case
from delil.storage.sqlite import SQLiteStore, peek_source_count


@dataclass
class TrialResult:
    """One kill-and-recover trial."""

    label: str
    killed: bool
    sources_after_kill: int
    problems_after_kill: list[str] = field(default_factory=list)
    problems_after_rerun: list[str] = field(default_factory=list)
    missing_after_rerun: int = 0
    duplicates: int = 0
    temp_left: int = 0
    orphans: int = 0

    @property
    def state(self) -> str:
        """Where in the write order the kill landed, judged from what it left behind."""
        if not self.killed:
            return "finished before the kill"
        if self.temp_left:
            return "blob temp file written, not renamed"
        if self.orphans:
            return "blob stored, transaction not committed"
        return "between committed sources"

    @property
    def ok(self) -> bool:
        """Nothing lost, nothing half-stored, nothing duplicated."""
        return not (
            self.problems_after_kill
            or self.problems_after_rerun
            or self.missing_after_rerun
            or self.duplicates
        )


def ingest_command(home: Path, evidence: Path) -> list[str]:
    """The CLI invocation a trial runs."""
    return [
        sys.executable,
        "-m",
        "delil",
        "--home",
        str(home),
        "ingest",
        str(evidence),
        "--acquired-from",
        "Crash trial",
        "--json",
    ]


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ, DELIL_WORKERS="1")
    env.pop("DELIL_CRASH_AT", None)
    env.update(extra)
    return env


def source_ids(home: Path) -> list[str]:
    """Every source id in the case (with repeats, if any)."""
    store = SQLiteStore.open(home)
    try:
        return [r["id"] for r in store.iter_source_rows()]
    finally:
        store.close()


def _check(home: Path) -> tuple[int, list[str], int]:
    store = SQLiteStore.open(home)
    try:
        report = verify_case(store)
        return report.sources, report.problems, report.orphan_blobs
    finally:
        store.close()


def _wait_first_source(home: Path, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if peek_source_count(home):
            return True
        time.sleep(0.01)
    return False


def run_trial(
    template: Path,
    evidence: Path,
    work: Path,
    expected: set[str],
    label: str | None,
    nth: int = 1,
    rng: random.Random | None = None,
    max_delay: float = 1.0,
) -> TrialResult:
    """Copy the empty case ``template`` to ``work``, ingest ``evidence`` and kill it.

    Args:
        template: an initialised, empty case folder (copied per trial).
        evidence: the folder to ingest.
        work: where the trial's case goes (replaced).
        expected: the source ids a complete ingest yields.
        label: a persistence label to die at (``DELIL_CRASH_AT``), or None for a random kill
            after the first source is stored.
        nth: die the nth time the label is reached.
        rng: randomness for the random kill.
        max_delay: the random kill happens up to this long after the first source.
    """
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    cmd = ingest_command(work, evidence)
    if label is not None:
        proc = subprocess.run(
            cmd, env=_env({"DELIL_CRASH_AT": f"{label}:{nth}"}), capture_output=True, timeout=120
        )
        killed = proc.returncode == -signal.SIGKILL
        trial_label = label
    else:
        rng = rng or random.Random()
        p = subprocess.Popen(
            cmd, env=_env({}), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_first_source(work, p, 60)
        time.sleep(rng.uniform(0, max_delay))
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
        p.wait()
        trial_label = "random"
    temp_left = sum(1 for _ in (work / "blobs" / "tmp").glob(".tmp-*"))
    n, problems, orphans = _check(work)
    result = TrialResult(trial_label, killed, n, problems, temp_left=temp_left, orphans=orphans)
    rerun = subprocess.run(cmd, env=_env({}), capture_output=True, timeout=120)
    if rerun.returncode not in (0, 3):
        result.problems_after_rerun.append(f"re-run exited {rerun.returncode}")
    _, problems2, _ = _check(work)
    result.problems_after_rerun.extend(problems2)
    ids = source_ids(work)
    result.duplicates = len(ids) - len(set(ids))
    result.missing_after_rerun = len(expected - set(ids))
    return result
