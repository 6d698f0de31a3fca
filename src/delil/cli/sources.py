"""Reading the case: ``sources``, ``text`` and ``search``."""

from __future__ import annotations

from dataclasses import asdict

import click

from delil.cli.common import Context, echo_json, json_option
from delil.search import search


@click.command("sources")
@click.option(
    "--status",
    type=click.Choice(["extracted", "unsupported", "rejected"]),
    help="Only sources with this status.",
)
@click.option("--parent", help="Only members of this container source.")
@click.option("--limit", type=int, help="At most N sources.")
@json_option
@click.pass_obj
def sources_cmd(
    ctx: Context, status: str | None, parent: str | None, limit: int | None, as_json: bool
) -> None:
    """List sources with their status, media type, language and acquisition."""
    with ctx.store() as store:
        rows = store.list_sources(status=status, parent=parent, limit=limit)
    if as_json:
        echo_json([asdict(r) for r in rows])
        return
    for r in rows:
        extra = f"  {r.reason}" if r.reason else ""
        click.echo(
            f"{r.id}  {r.status:<11} {r.media_type:<28} {r.language or '-':<4}"
            f" {r.page_count:>4}p  {r.original_path}{extra}"
        )
    click.echo(f"{len(rows)} source(s)")


@click.command("text")
@click.argument("source_id")
@click.option("--raw", is_flag=True, help="The extraction as the library returned it.")
@json_option
@click.pass_obj
def text_cmd(ctx: Context, source_id: str, raw: bool, as_json: bool) -> None:
    """Print a source's extracted text, page by page."""
    with ctx.store() as store:
        store.get_source(source_id)
        pages = store.get_pages(source_id)
    if as_json:
        echo_json([asdict(p) for p in pages])
        return
    for p in pages:
        label = f" ({p.label})" if p.label else ""
        click.echo(
            f"--- page {p.number}{label} · {p.method} · {p.language or '-'}/{p.script or '-'}"
        )
        click.echo(p.raw_text if raw else p.text)


@click.command("search")
@click.argument("query")
@click.option("--lang", help="Only pages in this language (en, zh, ug, kk, ru, tr).")
@click.option("--type", "media_type", help="Only this media type (application/pdf, text/*).")
@click.option("--acquisition", help="Acquisition id, or part of whom it came from.")
@click.option("--since", help="Acquired on or after (YYYY[-MM[-DD]]).")
@click.option("--until", help="Acquired on or before (YYYY[-MM[-DD]]).")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option(
    "--rank-all",
    is_flag=True,
    help="Rank every matching page (slower on huge result sets); by default the newest "
    "20,000 matches are ranked.",
)
@json_option
@click.pass_obj
def search_cmd(
    ctx: Context,
    query: str,
    lang: str | None,
    media_type: str | None,
    acquisition: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    rank_all: bool,
    as_json: bool,
) -> None:
    """Full-text search across every script; matches are marked «like this»."""
    with ctx.store() as store:
        hits = search(
            store,
            query,
            language=lang,
            media_type=media_type,
            acquisition=acquisition,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
    if as_json:
        echo_json([asdict(h) for h in hits])
        return
    for h in hits:
        click.echo(f"{h.source_id} p{h.page} [{h.language or '-'}] {h.snippet}")
    click.echo(f"{len(hits)} result(s)")
    if hits.windowed:
        click.echo(
            "More than 20,000 pages match: these are the best of the newest 20,000. "
            "Add words or filters, or use --rank-all."
        )
