"""Stage 1, ingest: files become sources with pages, each stored whole or not at all.

For every file, in this order:

1. its bytes are copied into the blob folder and made durable (see ``delil.storage.blobs``);
2. its source id is derived from (blob, parent, original path, acquisition); if that source
   exists, a ``seen-again`` custody event is the only thing written;
3. a worker process sniffs the media type from the content, extracts raw text per page,
   normalises it and identifies language and script (see ``delil.ingest.worker``);
4. one database transaction writes the source, its pages, their search-index entries and the
   ``ingest`` custody event.

Containers (archives, mailboxes) yield child files; each becomes its own source pointing at its
parent and goes through the same steps. A file that is hostile, broken or over a limit becomes a
source with status ``rejected`` and a specific reason; the batch goes on. A crash at any point
leaves each source complete or absent, and running the same ingest again completes the batch.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from delil.config import Settings
from delil.errors import InvalidInput
from delil.ids import derive_id, new_salt
from delil.ingest.worker import WorkerPool
from delil.model import RELIABILITY_GRADES, Acquisition, Page, Paragraph, SourceStatus
from delil.storage.base import NewSource, Store
from delil.storage.blobs import pid_alive as _pid_alive

log = logging.getLogger("delil.ingest")

STAGE = "ingest.v1"


@dataclass
class Outcome:
    """What happened to one input (a file given, or a member found inside one)."""

    display: str
    """The path as the user typed it, or ``PARENT_ID/member`` for a child: terminal only."""
    source_id: str | None
    status: str
    """``extracted``, ``unsupported``, ``rejected``, ``seen-again``, ``skipped`` or ``failed``."""
    reason: str | None = None
    media_type: str | None = None
    pages: int = 0
    parent_id: str | None = None


@dataclass
class IngestReport:
    """The summary of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many outcomes have this status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def any_rejected(self) -> bool:
        """Whether some input was rejected, skipped or failed (exit code 3)."""
        return any(o.status in ("rejected", "skipped", "failed") for o in self.outcomes)

    def summary(self) -> dict[str, int]:
        """Counts per status."""
        out: dict[str, int] = {}
        for o in self.outcomes:
            out[o.status] = out.get(o.status, 0) + 1
        return out


@dataclass
class _Item:
    path: Path
    original_path: str
    display: str
    parent_id: str | None = None
    depth: int = 0
    resume_children_only: bool = False
    from_resume: bool = False
    existed: bool = False
    error: str | None = None
    scratch: Path | None = None
    source_id: str = ""
    sha256: str = ""
    size: int = 0
    stored: bool = True


def validate_acquisition(acq: Acquisition) -> None:
    """Check the acquisition flags.

    Raises:
        InvalidInput: a flag has an invalid value.
    """
    errors = {}
    if acq.reliability not in RELIABILITY_GRADES:
        errors["reliability"] = f"{acq.reliability!r} is not one of A, B, C, D, E, F"
    if acq.acquired_on is not None:
        import re

        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", acq.acquired_on):
            errors["acquired_on"] = (
                f"{acq.acquired_on!r} is not a date like 2024, 2024-03 or 2024-03-15"
            )
    if not acq.actor.startswith("local:") or len(acq.actor) <= len("local:"):
        errors["actor"] = f"{acq.actor!r} is not a case-local principal like local:NAME"
    if errors:
        raise InvalidInput("invalid acquisition: " + "; ".join(errors.values()), errors)


def _expand(paths: list[Path], report: IngestReport) -> Iterator[_Item]:
    for given in paths:
        display = str(given)
        if given.is_file():
            yield _Item(given, given.name, display)
        elif given.is_dir():
            base = given.resolve().parent
            for root, dirs, files in os.walk(given, followlinks=False):
                dirs.sort()
                for d in list(dirs):
                    if Path(root, d).is_symlink():
                        report.outcomes.append(
                            Outcome(
                                str(Path(root, d)), None, "skipped", "symbolic link not followed"
                            )
                        )
                for name in sorted(files):
                    p = Path(root, name)
                    if p.is_symlink():
                        report.outcomes.append(
                            Outcome(str(p), None, "skipped", "symbolic link not followed")
                        )
                        continue
                    if not p.is_file():
                        report.outcomes.append(
                            Outcome(str(p), None, "skipped", "not a regular file")
                        )
                        continue
                    rel = p.resolve().relative_to(base).as_posix()
                    yield _Item(p, rel, str(p))
        elif given.exists():
            report.outcomes.append(
                Outcome(display, None, "skipped", "not a regular file or folder")
            )
        else:
            report.outcomes.append(Outcome(display, None, "failed", "no such file or folder"))


class _Run:
    """One ingest run: a queue of items, a worker pool, and the store."""

    def __init__(
        self,
        store: Store,
        acq: Acquisition,
        settings: Settings,
        report: IngestReport,
        progress: Callable[[Outcome], None] | None,
    ) -> None:
        self.store = store
        self.acq = acq
        self.acq_id = derive_id("A", *acq.identity())
        self.settings = settings
        self.limits = settings.limits
        self.report = report
        self.progress = progress
        self.queue: deque[_Item] = deque()
        scratch_root = store.home / "tmp"
        scratch_root.mkdir(exist_ok=True)
        self.scratch_root = scratch_root
        self.serial = itertools.count(1)
        # Scratch folders of earlier runs that died (their pid is gone) are left-overs.
        for old in scratch_root.glob("scratch-*"):
            pid = old.name.split("-")[1]
            if pid.isdigit() and not _pid_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)

    def emit(self, o: Outcome) -> None:
        self.report.outcomes.append(o)
        if o.source_id:
            log.info("ingest %s %s %s", o.source_id, o.status, o.reason or "")
        if self.progress:
            self.progress(o)

    def stage(
        self, item: _Item, pool: WorkerPool, parsers: ThreadPoolExecutor
    ) -> Future[dict[str, Any]] | None:
        """Store the blob, derive the id and, for a new source, queue its parse. Runs in an
        I/O thread.

        Copying and fsyncing blobs happens in I/O threads, parsing in worker processes fed by
        their own threads, and the main thread commits earlier sources in order, so the three
        overlap. Returns the future of the parser's answer, or None when there is nothing to
        parse (already stored, over the cap, too deep, unreadable).
        """
        if not item.sha256:
            try:
                item.sha256, item.size, item.stored = self.store.blobs.put_file(
                    item.path, self.limits.max_input_bytes
                )
            except OSError as e:
                item.error = f"cannot read: {e.strerror or e}"
                return None
        item.source_id = derive_id(
            "S", item.sha256, item.parent_id, item.original_path, self.acq_id
        )
        if self.store.has_source(item.source_id):
            item.existed = True
            return None
        if not item.stored or item.depth > self.limits.max_depth:
            return None
        return parsers.submit(self.parse, item, pool)

    def parse(self, item: _Item, pool: WorkerPool) -> dict[str, Any]:
        """Parse the item's blob in a worker (its scratch folder is made by the worker)."""
        item.scratch = self.scratch_root / f"scratch-{os.getpid()}-{next(self.serial)}"
        return pool.parse(self.store.blobs.path_for(item.sha256), item.scratch)

    def settle(self, item: _Item, ans: dict[str, Any] | None, pool: WorkerPool) -> None:
        """Record one staged item, in input order. Runs in the main thread."""
        if item.error:
            self.emit(Outcome(item.display, None, "failed", item.error))
            return
        if item.existed or (ans is None and self.store.has_source(item.source_id)):
            self.seen_again(item, pool)
            return
        if not item.stored:
            mib = self.limits.max_input_bytes >> 20
            ans = {
                "ok": False,
                "media_type": "application/octet-stream",
                "reason": f"file is over the {mib} MiB input cap; hashed, not kept",
            }
        elif item.depth > self.limits.max_depth:
            ans = {
                "ok": False,
                "media_type": "application/octet-stream",
                "reason": f"containers nested deeper than {self.limits.max_depth} levels",
            }
        elif self.store.has_source(item.source_id):
            # The same file twice in one batch: the first copy was committed meanwhile.
            self.seen_again(item, pool)
            return
        assert ans is not None
        self.commit(item, ans, pool)

    def seen_again(self, item: _Item, pool: WorkerPool) -> None:
        """A source that is already stored: one custody event, and finish its members."""
        if item.from_resume:
            return  # stored by the interrupted run; nothing to say about it
        src = self.store.get_source(item.source_id)
        self.store.append_event(
            self.acq.actor,
            "seen-again",
            item.source_id,
            {"source": item.source_id, "blob": item.sha256},
        )
        self.emit(
            Outcome(
                item.display,
                item.source_id,
                "seen-again",
                None,
                src.media_type,
                src.page_count,
                item.parent_id,
            )
        )
        expected = int(src.metadata.get("children_expected", "0"))
        if expected and self.store.count_children(item.source_id) < expected:
            # An earlier run died part-way through this container's members: parse it again
            # and queue the members; those already stored are passed over silently.
            item.resume_children_only = True
            try:
                self.queue_children(item, self.parse(item, pool))
                self._store_children_now()
            finally:
                self._drop_scratch(item)

    @staticmethod
    def _drop_scratch(item: _Item) -> None:
        if item.scratch is not None and item.scratch.exists():
            shutil.rmtree(item.scratch, ignore_errors=True)

    def commit(self, item: _Item, ans: dict[str, Any], pool: WorkerPool) -> None:
        """Write the source (and queue its children) from a worker's answer."""
        ok = bool(ans.get("ok"))
        media_type = ans.get("media_type") or "application/octet-stream"
        pages = []
        warnings = list(ans.get("warnings", []))
        if ans.get("network_attempts"):
            warnings.append(
                f"parser attempted network access {ans['network_attempts']} time(s); blocked"
            )
        if ok:
            for p in ans["pages"]:
                pages.append(
                    Page(
                        item.source_id,
                        p["number"],
                        p["text"],
                        p["text"] if p["raw"] is None else p["raw"],
                        p["method"],
                        p["lang"],
                        p["script"],
                        p["label"],
                        tuple(Paragraph(*q) for q in p["paragraphs"]),
                    )
                )
            status = SourceStatus.EXTRACTED
            if not ans.get("supported", True):
                status = SourceStatus.UNSUPPORTED
        else:
            status = SourceStatus.REJECTED
        children = ans.get("children", []) if ok else []
        new = NewSource(
            id=item.source_id,
            blob_sha256=item.sha256,
            blob_size=item.size,
            blob_stored=item.stored,
            parent_id=item.parent_id,
            original_path=item.original_path,
            acquisition_id=self.acq_id,
            acquired_from=self.acq.acquired_from,
            acquired_on=self.acq.acquired_on,
            method=self.acq.method,
            media_type=media_type,
            status=status.value,
            reason=None if ok else ans.get("reason"),
            language=ans.get("language"),
            script=ans.get("script"),
            reliability=self.acq.reliability,
            note=self.acq.note,
            actor=self.acq.actor,
            depth=item.depth,
            metadata=dict(ans.get("metadata", {})),
            warnings=warnings,
            children_expected=len(children),
            pages=pages,
        )
        if self.store.add_source(new, new_salt()) is None:
            # Another ingest on the same case committed this very source meanwhile.
            item.existed = True
            self.seen_again(item, pool)
            return
        self.emit(
            Outcome(
                item.display,
                item.source_id,
                status.value,
                new.reason,
                media_type,
                len(pages),
                item.parent_id,
            )
        )
        self.queue_children(item, ans)

    def queue_children(self, item: _Item, ans: dict[str, Any]) -> None:
        kids = ans.get("children", []) if ans.get("ok") else []
        for c in kids:
            self.queue.append(
                _Item(
                    Path(c["path"]),
                    c["name"],
                    f"{item.source_id}/{c['name']}",
                    parent_id=item.source_id,
                    depth=item.depth + 1,
                    from_resume=item.resume_children_only,
                )
            )

    def run(self, items: Iterator[_Item]) -> None:
        workers = max(1, self.settings.workers)
        # Enough in flight that a slow fsync or a slow file does not leave a parser idle.
        window = workers * 8
        pending: deque[tuple[_Item, Future[Future[dict[str, Any]] | None]]] = deque()
        with (
            WorkerPool(workers, self.limits) as pool,
            ThreadPoolExecutor(workers, thread_name_prefix="delil-parse") as parsers,
            ThreadPoolExecutor(workers + 2, thread_name_prefix="delil-io") as io,
        ):

            def drain(keep: int) -> None:
                while len(pending) > keep:
                    it, fut = pending.popleft()
                    try:
                        parsed = fut.result()
                        self.settle(it, None if parsed is None else parsed.result(), pool)
                        # Children must be stored as blobs before their scratch copy goes.
                        self._store_children_now()
                    finally:
                        self._drop_scratch(it)

            source = iter(items)
            while True:
                item = self.queue.popleft() if self.queue else next(source, None)
                if item is None:
                    if pending:
                        drain(0)
                        continue
                    break
                pending.append((item, io.submit(self.stage, item, pool, parsers)))
                drain(window)

    def _store_children_now(self) -> None:
        """Copy queued children out of scratch into the blob store (they are parsed later)."""
        for it in self.queue:
            if it.sha256:
                continue
            sha, size, stored = self.store.blobs.put_file(it.path, self.limits.max_input_bytes)
            it.path = self.store.blobs.path_for(sha) if stored else it.path
            it.sha256, it.size, it.stored = sha, size, stored


def ingest(
    store: Store,
    paths: list[Path],
    acquisition: Acquisition,
    settings: Settings,
    progress: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the case.

    Args:
        store: the open case store.
        paths: files and folders (walked recursively, symbolic links not followed).
        acquisition: when, from whom and how these files were obtained.
        settings: limits and worker count.
        progress: called with each outcome as it happens (for a progress bar).

    Returns:
        One outcome per input and per container member.

    Raises:
        InvalidInput: the acquisition flags are invalid (nothing is ingested then).
    """
    validate_acquisition(acquisition)
    report = IngestReport()
    run = _Run(store, acquisition, settings, report, progress)
    run.run(_expand(paths, report))
    return report
