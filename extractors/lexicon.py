"""Loading of the JSONL data files that hold every pattern and gazetteer.

Rules live in data files so that adding a substance, a unit or a place never
means editing Python. Files are read once per process and cached.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "extractors.data"


def data_files() -> list[str]:
    """Names of every JSONL data file shipped with the library, sorted."""
    root = resources.files(DATA_PACKAGE)
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".jsonl"))


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Rows of one data file, e.g. ``load_jsonl("units.jsonl")``."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise ValueError(f"{name}:{number}: invalid JSON: {err}") from err
    return tuple(rows)


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """Short hash of all rule data, recorded in every claims document.

    A change to any gazetteer or pattern changes the pipeline version, so the
    flow re-extracts documents whose claims could differ.
    """
    digest = hashlib.sha256()
    root = resources.files(DATA_PACKAGE)
    for name in data_files():
        digest.update(name.encode())
        digest.update(root.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]
