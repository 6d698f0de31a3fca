"""Commands about the case as a whole: init, verify, ledger, reindex."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from delil.case import (
    create_case,
    make_checkpoint,
    rebuild_index,
    signing_fingerprint,
    verify_case,
    verify_since,
)
from delil.cli.common import Context, echo_json, json_option
from delil.config import resolve_home
from delil.custody import load_checkpoint
from delil.errors import DelilError


@click.command("init")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@json_option
@click.pass_obj
def init_cmd(ctx: Context, directory: str | None, as_json: bool) -> None:
    """Create a case folder (DIRECTORY, else --home, $DELIL_HOME or ./.delil)."""
    home = Path(directory).expanduser() if directory else resolve_home(ctx.home_flag)
    try:
        store = create_case(home)
    except DelilError as e:
        raise click.ClickException(str(e)) from e
    fp = signing_fingerprint(store)
    store.close()
    if as_json:
        echo_json({"home": str(home), "case": store.case_id, "signing_key": fp})
    else:
        click.echo(f"Created case {store.case_id} in {home}")
        click.echo(f"Ledger signing key: {fp}")
        click.echo(
            "Keep this fingerprint somewhere safe: `delil verify --since` checks against it."
        )


@click.command("verify")
@click.option(
    "--since",
    "since",
    type=click.Path(dir_okay=False, exists=True),
    help="A checkpoint file from `delil ledger checkpoint`; needs --key.",
)
@click.option("--key", "key", help="Fingerprint of the key the checkpoint must be signed by.")
@click.option("--quick", is_flag=True, help="Skip re-hashing every blob.")
@click.option(
    "--fix-index",
    is_flag=True,
    help="If the search index disagrees with the stored pages, rebuild it (it is derived).",
)
@json_option
@click.pass_obj
def verify_cmd(
    ctx: Context, since: str | None, key: str | None, quick: bool, fix_index: bool, as_json: bool
) -> None:
    """Re-hash every blob, walk the custody chain, check records and the search index.

    Evidence is never changed by verify; only the derived search index can be rebuilt, and
    only with --fix-index.
    """
    if since and not key:
        raise click.UsageError("--since needs --key FINGERPRINT (the key you trust)")
    with ctx.store() as store:
        report = verify_case(store, rehash=not quick)
        index_problems = [p for p in report.problems if p.startswith("search index")]
        if fix_index and index_problems:
            n = rebuild_index(store)
            report.problems = [p for p in report.problems if p not in index_problems]
            report.notes.append(f"search index rebuilt from {n} stored pages")
        since_result = None
        since_error = None
        if since and key:
            try:
                since_result = verify_since(store, load_checkpoint(Path(since)), key)
            except DelilError as e:
                since_error = str(e)
                report.problems.append(f"checkpoint: {e}")
    if as_json:
        out = asdict(report)
        out["ok"] = report.ok
        if since:
            out["since"] = asdict(since_result) if since_result else {"error": since_error}
        echo_json(out)
    else:
        click.echo(
            f"Ledger: {report.events} events, head {report.head[:16]}…; sources: {report.sources};"
            f" blobs re-hashed: {report.blobs_checked if not quick else 0}"
        )
        if since_result:
            click.echo(
                f"Checkpoint at event {since_result.seq} is contained in the ledger "
                f"({since_result.events_since} events since)."
            )
        for note in report.notes:
            click.echo(f"note: {note}")
        for p in report.problems:
            click.echo(f"PROBLEM: {p}", err=True)
        click.echo(
            "OK: nothing changed." if report.ok else f"FAILED: {len(report.problems)} problem(s)."
        )
    if not report.ok:
        sys.exit(1)


@click.group("ledger")
def ledger_cmd() -> None:
    """The custody ledger: checkpoints and events."""


@ledger_cmd.command("checkpoint")
@click.pass_obj
def checkpoint_cmd(ctx: Context) -> None:
    """Print the ledger head signed with the case key (JSON; keep it outside the case)."""
    with ctx.store() as store:
        echo_json(make_checkpoint(store))


@ledger_cmd.command("events")
@click.option("--limit", type=int, default=50, show_default=True, help="Most recent N events.")
@json_option
@click.pass_obj
def events_cmd(ctx: Context, limit: int, as_json: bool) -> None:
    """List the most recent custody events (ids and hashes only)."""
    with ctx.store() as store:
        events = list(store.iter_events())[-limit:]
    if as_json:
        echo_json([asdict(e) for e in events])
        return
    for e in events:
        click.echo(f"{e.seq:>6} {e.time} {e.actor:<16} {e.action:<11} {e.subject} {e.hash[:16]}")


@click.command("reindex")
@json_option
@click.pass_obj
def reindex_cmd(ctx: Context, as_json: bool) -> None:
    """Rebuild the search index from stored page text."""
    with ctx.store() as store:
        n = rebuild_index(store)
    if as_json:
        echo_json({"pages": n})
    else:
        click.echo(f"Reindexed {n} pages.")
