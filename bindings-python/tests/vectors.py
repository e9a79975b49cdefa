"""Loads the language-neutral conformance vectors (tests/vectors) and compares results
the way every runner does (see tests/vectors/README.md)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every case as (full id, case), filtered by WEBCARE_VECTOR."""
    prefix = os.environ.get("WEBCARE_VECTOR", "")
    out = []
    for module in sorted(p for p in VECTORS.iterdir() if p.is_dir()):
        for path in sorted(module.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for case in data["cases"]:
                case_id = f"{module.name}/{path.stem}/{case['name']}"
                if case_id.startswith(prefix):
                    out.append((case_id, case))
    return out


def parse_instant(text: str) -> datetime | None:
    """An RFC 3339 instant with an offset, or None."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def subset_eq(expect: Any, actual: Any) -> bool:
    """Every key of `expect` is in `actual` and equal; instants compare as instants."""
    if isinstance(expect, dict):
        return isinstance(actual, dict) and all(
            k in actual and subset_eq(v, actual[k]) for k, v in expect.items()
        )
    if isinstance(expect, list):
        return (
            isinstance(actual, list)
            and len(expect) == len(actual)
            and all(subset_eq(e, a) for e, a in zip(expect, actual))
        )
    if isinstance(expect, str) and isinstance(actual, str):
        if expect == actual:
            return True
        e, a = parse_instant(expect), parse_instant(actual)
        return e is not None and a is not None and e == a
    if isinstance(expect, bool) or isinstance(actual, bool):
        return expect is actual
    return bool(expect == actual)
