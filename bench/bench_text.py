"""Throughput of the search analyser: ``.venv/bin/python bench/bench_text.py``.

Prints characters per second of ``index_tokens`` on about 2 MB of mixed English, Chinese and
Uyghur (Arabic, Latin and Cyrillic script) text, and on 2 MB of mostly-English text. The first
pass fills the per-word caches; the second shows the steady state of a long indexing run.
"""

from __future__ import annotations

import time

from delil.text.analysis import index_tokens

ENGLISH = (
    "A woman released from a detention facility described being forced to attend political"
    " lessons every day. The witness said that dozens of people were detained at the market in"
    " 2018, including two of his cousins and a neighbour. Researchers compared satellite images"
    " and found that several mosques and a cemetery had been demolished.\n"
)
CHINESE = "一名证人说，二〇一八年他亲眼看到几十人在集市上被带走，其中包括他的两个表兄弟。\n"
UYGHUR = (
    "ئاكام تۇرسۇن ئۈچ يىلدىن بۇيان لاگېردا تۇتۇپ تۇرۇلۇۋاتىدۇ. ئائىلىمىز ئۇنىڭ ھالىدىن ھېچقانداق"
    " خەۋەر ئالالمىدى.\nLagérdin qoyup bérilgen bir ayal öz kechürmishlirini sözlep berdi.\n"
    "Хәлқара тәшкилатлар лагерларда тутуп турулуватқан кишиләрниң аилилири билән сөһбәт өткүзди.\n"
)


def _corpus(parts: list[str], size: int) -> str:
    block = "".join(parts)
    # Vary numbers so that not every token is a cache hit.
    pieces = []
    total = i = 0
    while total < size:
        piece = block.replace("2018", str(1900 + i % 5000))
        pieces.append(piece)
        total += len(piece)
        i += 1
    return "".join(pieces)


def _measure(name: str, text: str) -> None:
    for run in ("cold", "warm"):
        t0 = time.perf_counter()
        n = len(index_tokens(text))
        dt = time.perf_counter() - t0
        print(f"{name:>14} {run}: {len(text) / dt / 1e6:5.2f} M chars/s ({n} tokens)")


def main() -> None:
    """Run the benchmark and print the figures."""
    _measure("mixed", _corpus([ENGLISH * 3, CHINESE * 2, UYGHUR], 2_000_000))
    _measure("mostly English", _corpus([ENGLISH * 8, CHINESE, UYGHUR], 2_000_000))


if __name__ == "__main__":
    main()
