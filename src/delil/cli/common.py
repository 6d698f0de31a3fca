"""What every command shares: the case folder, opening the store, JSON output, logging."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from delil.config import Settings, load_settings, resolve_home
from delil.errors import CaseNotInitialised, DelilError, InvalidInput, NotFound
from delil.storage.sqlite import SQLiteStore

EXIT_REJECTED = 3


class Context:
    """Per-invocation state: the resolved case folder."""

    def __init__(self, home: str | None) -> None:
        self.home_flag = home

    @property
    def home(self) -> Path:
        """The case folder this invocation works on."""
        return resolve_home(self.home_flag)

    def settings(self) -> Settings:
        """Settings for the case."""
        try:
            return load_settings(self.home)
        except InvalidInput as e:
            raise click.ClickException(str(e)) from e

    @contextmanager
    def store(self) -> Iterator[SQLiteStore]:
        """Open the case store, with ids-only logging to ``HOME/logs/delil.log``."""
        try:
            store = SQLiteStore.open(self.home)
        except CaseNotInitialised as e:
            raise click.ClickException(str(e)) from e
        except DelilError as e:
            raise click.ClickException(str(e)) from e
        setup_logging(self.home)
        try:
            yield store
        except (NotFound, InvalidInput) as e:
            raise click.ClickException(str(e)) from e
        except DelilError as e:
            raise click.ClickException(str(e)) from e
        finally:
            store.close()


def setup_logging(home: Path) -> None:
    """Log to the case's log file. Messages carry ids and hashes only, never content."""
    logs = home / "logs"
    logs.mkdir(exist_ok=True)
    root = logging.getLogger("delil")
    if any(getattr(h, "_delil", False) for h in root.handlers):
        return
    handler = logging.FileHandler(logs / "delil.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler._delil = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def echo_json(value: Any) -> None:
    """Print ``value`` as JSON (UTF-8, not ASCII-escaped, so scripts read names as written)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
