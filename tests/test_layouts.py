"""The development reports rendered as a two-column PDF (running header, page numbers) and as a
web page (menus, share buttons, related news) give nearly the value-level F1 of their plain text."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractors.documents import process_document, write_document
from tests.render import render_html, render_pdf

RATIO = 0.95


@pytest.fixture(scope="module")
def scores(shared_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("layouts")
    out = {}
    for kind in ("txt", "pdf", "html"):
        for part in ("seeds", "dev"):
            for source in sorted((shared_dir / "corpus" / part).glob("*.txt")):
                text = source.read_text(encoding="utf-8")
                path = {"txt": lambda: source, "pdf": lambda: render_pdf(text, root / f"{source.stem}.pdf"),
                        "html": lambda: render_html(text, root / f"{source.stem}.html")}[kind]()
                document, stored = process_document(path, display_path=f"{source.stem}.{kind}")
                write_document(document, stored, root / kind)
        subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "gold"), str(root / kind),
                        "--by-value", "--json", str(root / f"{kind}.json")], check=True, capture_output=True)
        out[kind] = json.loads((root / f"{kind}.json").read_text())["macro_f1"]
    return out


@pytest.mark.parametrize("kind", ["pdf", "html"])
def test_layouts_keep_value_f1_of_plain_text(scores, kind):
    assert scores[kind] >= RATIO * scores["txt"], scores
