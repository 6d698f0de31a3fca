"""The ``delil`` command: a thin shell that parses, calls the library and prints.

Exit codes: 0 done, 1 failed, 2 usage, 3 done with some inputs rejected.
Case folder: ``--home DIR`` > ``DELIL_HOME`` > ``./.delil``.
"""

from __future__ import annotations

import sys

import click

from delil.cli.case import init_cmd, ledger_cmd, reindex_cmd, verify_cmd
from delil.cli.common import Context
from delil.cli.ingest import ingest_cmd
from delil.cli.sources import search_cmd, sources_cmd, text_cmd
from delil.errors import DelilError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="Case folder (default: $DELIL_HOME, else ./.delil).",
)
@click.version_option(package_name="delil")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """Delil: evidence and documentation for investigations of mass human-rights violations."""
    ctx.obj = Context(home)


for _cmd in (
    init_cmd,
    ingest_cmd,
    search_cmd,
    sources_cmd,
    text_cmd,
    verify_cmd,
    ledger_cmd,
    reindex_cmd,
):
    cli.add_command(_cmd)


def main() -> None:
    """Console entry point: run the CLI, mapping library errors to exit code 1."""
    try:
        cli.main(standalone_mode=True)
    except DelilError as e:  # pragma: no cover - commands convert these themselves
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
