"""kill -9 at every labelled persistence point, and at random: nothing lost or half-stored."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from delil.faults import LABELS
from delil.testing import writers
from delil.testing.crash import _env, ingest_command, run_trial, source_ids

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str]]:
    tmp = tmp_path_factory.mktemp("crash")
    evidence = tmp / "evidence"
    evidence.mkdir()
    for i in range(4):
        (evidence / f"note-{i}.txt").write_text(f"Fictional note number {i} about a camp.")
    writers.write_zip(
        evidence / "bundle.zip", {f"m{i}.txt": f"member {i}".encode() for i in range(3)}
    )
    template = tmp / "template"
    subprocess.run(
        [sys.executable, "-m", "delil", "init", str(template)], check=True, capture_output=True
    )
    # A reference run gives the expected (deterministic) source ids.
    ref = tmp / "reference"
    import shutil

    shutil.copytree(template, ref)
    subprocess.run(ingest_command(ref, evidence), env=_env({}), check=True, capture_output=True)
    expected = set(source_ids(ref))
    assert len(expected) == 8
    return template, evidence, expected


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("nth", [1, 3, 6])
def test_kill_at_label(
    setup: tuple[Path, Path, set[str]], tmp_path: Path, label: str, nth: int
) -> None:
    template, evidence, expected = setup
    r = run_trial(template, evidence, tmp_path / "case", expected, label, nth)
    assert r.killed, f"{label}:{nth} was never reached"
    assert r.ok, r


@pytest.mark.parametrize("seed", range(30))
def test_random_kill(setup: tuple[Path, Path, set[str]], tmp_path: Path, seed: int) -> None:
    template, evidence, expected = setup
    r = run_trial(
        template,
        evidence,
        tmp_path / "case",
        expected,
        None,
        rng=random.Random(seed),
        max_delay=0.8,
    )
    assert r.ok, r


def test_two_ingests_of_one_folder_at_once(
    setup: tuple[Path, Path, set[str]], tmp_path: Path
) -> None:
    """Two processes ingesting the same files into one case: no error, no duplicate."""
    import shutil

    from delil.case import verify_case
    from delil.storage.sqlite import SQLiteStore

    template, evidence, expected = setup
    home = tmp_path / "case"
    shutil.copytree(template, home)
    cmd = ingest_command(home, evidence)
    procs = [subprocess.Popen(cmd, env=_env({}), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for _ in range(2)]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    ids = source_ids(home)
    assert sorted(ids) == sorted(expected)
    store = SQLiteStore.open(home)
    try:
        report = verify_case(store)
        assert report.ok, report.problems
        actions = [e.action for e in store.iter_events()]
        assert actions.count("ingest") == len(expected)
        assert actions.count("seen-again") >= 5  # each top-level file arrived twice
    finally:
        store.close()


def _children(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(d.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_parser_workers_die_with_their_parent(
    setup: tuple[Path, Path, set[str]], tmp_path: Path
) -> None:
    import shutil
    import signal
    import time

    template, _, _ = setup
    home = tmp_path / "case"
    shutil.copytree(template, home)
    slow = tmp_path / "slow"
    slow.mkdir()
    body = "".join(f"<div><p>Paragraph {i} of a fictional page.</p></div>" for i in range(400_000))
    (slow / "huge.html").write_text(f"<html><body>{body}</body></html>")
    parent = subprocess.Popen(ingest_command(home, slow), env=_env({}),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while time.monotonic() < deadline and not workers:
        workers = _children(parent.pid)
        time.sleep(0.05)
    assert workers, "no parser worker started"
    time.sleep(1.0)  # let a worker get into the slow parse
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and "(Z" not in Path(f"/proc/{w}/stat").read_text()[:64]]  # fmt: skip
    assert not alive, f"workers outlived their parent: {alive}"
