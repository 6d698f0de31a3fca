"""``delil ingest``: files and folders into the case."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import click

from delil.cli.common import EXIT_REJECTED, Context, echo_json, json_option
from delil.config import Settings
from delil.errors import InvalidInput
from delil.ingest import IngestReport, Outcome, ingest
from delil.model import Acquisition
from delil.storage.base import Store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--acquired-from", help="Who supplied the files (kept in the record, not in logs).")
@click.option("--acquired-on", help="When they were obtained: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--method", help="How: upload, email, field collection, scrape…")
@click.option(
    "--reliability",
    type=click.Choice(list("ABCDEF"), case_sensitive=False),
    default="F",
    show_default=True,
    help="Admiralty grade of the supplier (A reliable … E unreliable, F cannot be judged).",
)
@click.option("--note", help="A note on this acquisition.")
@click.option(
    "--actor", default="local:analyst", show_default=True, help="Who ingests (local:NAME)."
)
@json_option
@click.pass_obj
def ingest_cmd(
    ctx: Context,
    paths: tuple[Path, ...],
    acquired_from: str | None,
    acquired_on: str | None,
    method: str | None,
    reliability: str,
    note: str | None,
    actor: str,
    as_json: bool,
) -> None:
    """Ingest files and folders: store originals, extract text, record custody.

    Exit code 3 when some inputs were rejected (they are still stored, with a reason).
    """
    acq = Acquisition(acquired_from, acquired_on, method, reliability.upper(), note, actor)
    settings = ctx.settings()
    show_bar = not as_json and sys.stderr.isatty()
    with ctx.store() as store:
        if show_bar:
            with click.progressbar(
                length=max(1, _count_files(paths)),
                label="Ingesting",
                file=sys.stderr,
                show_pos=True,
            ) as bar:

                def tick(o: Outcome) -> None:
                    # Archive members and attachments are found as we go: grow the total.
                    if bar.pos + 1 > (bar.length or 0):
                        bar.length = bar.pos + 1
                    bar.update(1)

                report = _run(store, list(paths), acq, settings, tick)
        else:
            report = _run(store, list(paths), acq, settings, None)
    if as_json:
        echo_json({"summary": report.summary(), "sources": [asdict(o) for o in report.outcomes]})
    else:
        for o in report.outcomes:
            if o.status in ("rejected", "skipped", "failed"):
                click.echo(f"{o.status}: {o.display}: {o.reason}", err=True)
        parts = ", ".join(f"{n} {k}" for k, n in sorted(report.summary().items()))
        click.echo(f"Ingest done: {parts or 'nothing to do'}.")
    if report.any_rejected:
        sys.exit(EXIT_REJECTED)


def _count_files(paths: tuple[Path, ...]) -> int:
    """Files the given paths hold (members of archives are added as they are found)."""
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(len(files) for _, _, files in os.walk(p))
        else:
            n += 1
    return n


def _run(
    store: Store,
    paths: list[Path],
    acq: Acquisition,
    settings: Settings,
    progress: Callable[[Outcome], None] | None,
) -> IngestReport:
    try:
        return ingest(store, paths, acq, settings, progress)
    except InvalidInput as e:
        raise click.BadParameter(str(e)) from e
