"""The docs say what the code does: every command and setting is documented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from delil.cli import cli
from delil.config import SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent


def _commands(cmd: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, [*path, name])


def test_every_command_is_in_the_cli_reference() -> None:
    ref = (ROOT / "docs" / "cli.md").read_text()
    for path, cmd in _commands(cli, []):
        assert f"## `{' '.join(['delil', *path])}`" in ref, path
        assert cmd.help, path


def test_every_setting_is_declared_and_documented() -> None:
    fields = set(Settings.__dataclass_fields__) - {"home"}
    assert {s.name for s in SETTINGS} == fields
    doc = (ROOT / "docs" / "settings.md").read_text()
    for s in SETTINGS:
        assert f"DELIL_{s.name.upper()}" in doc, s.name
        assert s.help
        assert getattr(Settings(), s.name) == s.default, s.name


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    head = readme[: readme.index("## Using it")]
    assert "make demo" in head and "make test" in head
