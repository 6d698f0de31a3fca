"""One typed Settings object, read from ``DELIL_*`` environment variables, then defaults.

Each setting is declared once in :data:`SETTINGS` with its name, type, default and help text; the
same list drives :func:`load_settings`, validation and the settings table in the docs.
Settings are passed explicitly; no stage imports a global.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from delil.errors import InvalidInput


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile file from exhausting the machine.

    Settings carries the production values; tests pass small ones so limit paths run fast.
    """

    max_seconds: float = 60.0
    """Wall-clock time one worker may spend on one file."""
    max_rss_bytes: int = 1 << 30
    """Address-space cap of a worker (RLIMIT_AS)."""
    max_input_bytes: int = 4 << 30
    """Largest file ingest stores and parses."""
    max_expanded_bytes: int = 2 << 30
    """Total bytes an archive or mailbox may expand to."""
    max_members: int = 10_000
    """Members of one archive or attachments of one mailbox."""
    max_depth: int = 5
    """Nesting depth of containers (a zip in a zip in a mail...)."""
    max_pixels: int = 180_000_000
    """Pixels of one image (width x height) before it is refused."""
    max_pages: int = 5_000
    """Pages of one PDF."""
    max_text_chars: int = 50_000_000
    """Characters of text one file may yield."""


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    name: str
    default: int | float | str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workers", 2, "Parser worker processes used by ingest."),
    Setting("max_seconds", 60.0, "Wall-clock seconds a parser may spend on one file."),
    Setting(
        "max_rss_mib",
        1024,
        "Memory cap of a parser worker and the OCR it runs, in MiB (address space).",
    ),
    Setting("max_input_mib", 4096, "Largest file ingest stores and parses, in MiB."),
    Setting("max_expanded_mib", 2048, "Total size an archive or mailbox may expand to, in MiB."),
    Setting("max_members", 10000, "Members of one archive or attachments of one mailbox."),
    Setting("max_depth", 5, "Nesting depth of containers (zip in zip in mail...)."),
    Setting("max_pixels", 180000000, "Pixels of one image before it is refused."),
    Setting("max_pages", 5000, "Pages of one PDF."),
)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with production defaults."""

    home: Path = field(default_factory=lambda: Path(".delil"))
    workers: int = 2
    max_seconds: float = 60.0
    max_rss_mib: int = 1024
    max_input_mib: int = 4096
    max_expanded_mib: int = 2048
    max_members: int = 10000
    max_depth: int = 5
    max_pixels: int = 180000000
    max_pages: int = 5000

    @property
    def limits(self) -> Limits:
        """The parser limits these settings describe."""
        return Limits(
            max_seconds=self.max_seconds,
            max_rss_bytes=self.max_rss_mib << 20,
            max_input_bytes=self.max_input_mib << 20,
            max_expanded_bytes=self.max_expanded_mib << 20,
            max_members=self.max_members,
            max_depth=self.max_depth,
            max_pixels=self.max_pixels,
            max_pages=self.max_pages,
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some settings changed (tests use small limits)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def resolve_home(cli_home: str | Path | None, env: Mapping[str, str] | None = None) -> Path:
    """The case folder: ``--home`` beats ``DELIL_HOME`` beats ``./.delil``."""
    env = os.environ if env is None else env
    if cli_home:
        return Path(cli_home).expanduser()
    if env.get("DELIL_HOME"):
        return Path(env["DELIL_HOME"]).expanduser()
    return Path(".delil")


def load_settings(home: Path, env: Mapping[str, str] | None = None) -> Settings:
    """Settings for the case at ``home``, with ``DELIL_<NAME>`` environment overrides.

    Raises:
        InvalidInput: an override is not a valid value for its setting.
    """
    env = os.environ if env is None else env
    values: dict[str, object] = {"home": home}
    for s in SETTINGS:
        raw = env.get("DELIL_" + s.name.upper())
        if raw is None:
            continue
        try:
            values[s.name] = type(s.default)(raw)
        except ValueError as e:
            raise InvalidInput(
                f"DELIL_{s.name.upper()}={raw!r} is not a valid {type(s.default).__name__}: "
                f"{s.help}"
            ) from e
    return Settings(**values)  # type: ignore[arg-type]
