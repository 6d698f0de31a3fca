"""`delil.__all__` is exactly the public names the package exports."""

from __future__ import annotations

import delil


def test_all_matches_public_names() -> None:
    public = {n for n in dir(delil) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(delil, n)).__name__ == "module"}
    assert set(delil.__all__) == public - modules
