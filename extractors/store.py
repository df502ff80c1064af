"""The registry: a SQLite database of documents, their outcome, mentions and claims.

``documents`` is keyed by the source path (a document is its path; its
versions are content hashes) and remembers the content hash, output id and
pipeline version of the last extraction, so unchanged files are skipped.
``mentions`` and ``claims`` mirror the latest claims documents for querying;
they are replaced per document on re-extraction. Reviews (a later table) key
on claim ids, which are stable, so they are never lost by a re-run.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from extractors.model import ClaimsDocument, legacy_claim_id

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    doc_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error TEXT,
    pipeline_version TEXT,
    media_type TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    page INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    path TEXT NOT NULL,
    statement TEXT,
    confidence REAL,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc_id);
CREATE INDEX IF NOT EXISTS claims_path ON claims (path);
"""


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def connect(database: Path) -> Iterator[sqlite3.Connection]:
    """A connection with the schema in place; commits on success, rolls back on error."""
    database.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(database, timeout=30)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(SCHEMA)
        yield connection
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


@dataclass(frozen=True)
class Registered:
    """What the registry remembers of a document's last extraction."""

    sha256: str | None
    pipeline_version: str | None
    status: str
    doc_id: str | None
    error: str | None


def known_versions(connection: sqlite3.Connection) -> dict[str, Registered]:
    """path -> what was registered for it, for every registered document."""
    rows = connection.execute("SELECT path, sha256, pipeline_version, status, doc_id, error FROM documents")
    return {row["path"]: Registered(row["sha256"], row["pipeline_version"], row["status"], row["doc_id"], row["error"])
            for row in rows}


def _upsert_document(connection: sqlite3.Connection, path: str, **fields: object) -> None:
    stamp = now()
    columns = ", ".join(fields)
    placeholders = ", ".join("?" for _ in fields)
    updates = ", ".join(f"{name} = excluded.{name}" for name in fields)
    connection.execute(
        f"INSERT INTO documents (path, {columns}, first_seen, updated_at) VALUES (?, {placeholders}, ?, ?) "
        f"ON CONFLICT(path) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
        (path, *fields.values(), stamp, stamp),
    )


def _previous_doc_id(connection: sqlite3.Connection, path: str) -> str | None:
    row = connection.execute("SELECT doc_id FROM documents WHERE path = ?", (path,)).fetchone()
    return row["doc_id"] if row else None


def _drop_version(connection: sqlite3.Connection, path: str, doc_id: str | None) -> None:
    if doc_id:
        connection.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
    connection.execute("DELETE FROM claims WHERE path = ?", (path,))


def record_success(connection: sqlite3.Connection, path: str, document: ClaimsDocument) -> str | None:
    """Register an extracted document and replace its mentions and claims; returns the id of the
    version it replaces, if that one had other outputs."""
    doc_id = document.doc_id
    previous = _previous_doc_id(connection, path)
    _drop_version(connection, path, previous)
    _upsert_document(connection, path, sha256=document.source["sha256"], doc_id=doc_id, status="ok", error=None,
                     pipeline_version=document.pipeline["version"], media_type=document.source["media_type"],
                     mentions=len(document.mentions), claims=len(document.claims))
    _drop_version(connection, path, doc_id)
    connection.executemany(
        'INSERT INTO mentions (doc_id, id, type, text, start, "end", page, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, m.id, m.type, m.text, m.start, m.end, m.page, json.dumps(m.to_dict(), ensure_ascii=False))
         for m in document.mentions],
    )
    stamp = now()
    connection.executemany(
        "INSERT OR REPLACE INTO claims (id, doc_id, path, statement, confidence, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c.id, doc_id, path, c.statement, c.confidence, json.dumps(c.to_dict(), ensure_ascii=False), stamp)
         for c in document.claims],
    )
    _reattach_legacy_reviews(connection, document)
    return previous if previous != doc_id else None


def _reattach_legacy_reviews(connection: sqlite3.Connection, document: ClaimsDocument) -> None:
    """Move decisions keyed by a claim's pre-0.2.0 id (``legacy_claim_id``) to its current id, once."""
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'").fetchone() is None:
        return
    offsets = {m.id: (m.start, m.end) for m in document.mentions}
    moves = [(claim.id, legacy_claim_id(document.source["sha256"], *offsets[claim.quantity])) for claim in document.claims]
    for table in ("reviews", "review_history"):
        connection.executemany(f"UPDATE OR IGNORE {table} SET claim_id = ? WHERE claim_id = ?", moves)


def record_failure(connection: sqlite3.Connection, path: str, sha256: str | None, error: str, version: str) -> str | None:
    """Register a document that could not be extracted, with the reason. The version extracted
    before is no longer the file's content: its mentions and claims go; returns its id."""
    previous = _previous_doc_id(connection, path)
    _drop_version(connection, path, previous)
    _upsert_document(connection, path, sha256=sha256, doc_id=None, status="failed", error=error,
                     pipeline_version=version, mentions=0, claims=0)
    return previous


def forget(connection: sqlite3.Connection, path: str) -> str | None:
    """Remove a document whose file is gone (its review decisions stay, as orphans); returns its output id."""
    previous = _previous_doc_id(connection, path)
    _drop_version(connection, path, previous)
    connection.execute("DELETE FROM documents WHERE path = ?", (path,))
    return previous


def output_ids(connection: sqlite3.Connection) -> set[str]:
    """The ids whose files belong in ``documents/``: the current version of every extracted document."""
    return {row["doc_id"] for row in connection.execute("SELECT doc_id FROM documents WHERE status = 'ok'")}


def document_rows(connection: sqlite3.Connection) -> list[dict[str, object]]:
    return [dict(row) for row in connection.execute("SELECT * FROM documents ORDER BY path")]
