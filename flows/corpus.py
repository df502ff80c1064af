"""What is in the corpus: the documents to extract, and the files refused without being read.

The corpus folder is a boundary: a symlink whose target lies outside it is
reported, never read (a ``passwd.txt`` pointing at ``/etc/passwd`` is not a
report). Hidden files and folders are not documents; neither are README files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extractors.sources import SUPPORTED
from flows.workers import relative_name

NOT_DOCUMENTS = ("readme.md",)


@dataclass
class Found:
    documents: list[tuple[Path, str]] = field(default_factory=list)  # (path, name in the registry)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve(strict=True).relative_to(root)
        return True
    except (OSError, ValueError, RuntimeError):  # gone, outside, or a symlink loop
        return False


def discover(corpus_dir: Path) -> Found:
    """Every file under the corpus, sorted by name: a document, or refused with the reason."""
    root = corpus_dir.resolve()
    found = Found()
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for link in [d for d in subfolders if (Path(folder) / d).is_symlink()]:
            subfolders.remove(link)  # never followed: a linked folder inside is a second copy, outside is out of bounds
            if not _inside(Path(folder) / link, root):
                found.refused.append((relative_name(Path(folder) / link, root), "symlink leaves the corpus: not read"))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or name.lower() in NOT_DOCUMENTS:
                continue
            registered = relative_name(path, root)
            if path.is_symlink() and not _inside(path, root):
                found.refused.append((registered, "symlink leaves the corpus: not read"))
            elif not path.is_file():
                continue  # a socket, a fifo, a dangling link inside the corpus
            elif path.suffix.lower() not in SUPPORTED:
                found.refused.append((registered, f"unsupported file type '{path.suffix or '(none)'}'"))
            else:
                found.documents.append((path, registered))
    found.documents.sort(key=lambda item: item[1])
    found.refused.sort()
    return found
