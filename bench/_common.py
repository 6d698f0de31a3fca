"""Helpers for the benchmarks: timing, percentiles, tables, the cache folder outside the repo."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

CACHE = Path(os.environ.get("DELIL_BENCH_CACHE", Path.home() / ".cache" / "delil-bench"))


def cache_dir(name: str) -> Path:
    """A folder under the benchmark cache (outside the repository)."""
    d = CACHE / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100), nearest-rank."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes."""
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median(values: Sequence[float]) -> float:
    """Median."""
    return statistics.median(values)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _fmt(c: object) -> str:
    if isinstance(c, float):
        return f"{c:.3g}" if abs(c) < 1000 else f"{c:,.0f}"
    return str(c)
