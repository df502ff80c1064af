"""Review decisions in ``claims.sqlite``, beside the registry's claims, with their history.

A review is keyed by the claim id, which is stable across re-extraction, so a
re-run never resets a decision. Every change appends a history row holding
the state it replaced, which is what ``undo`` restores. A review whose claim
no longer exists (the rules stopped finding that quantity) stays, shown as
orphaned.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.store import connect, now

STATUSES = ("pending", "accepted", "rejected", "corrected")
CORRECTABLE = ("value", "value_max", "unit", "start_date", "end_date", "location", "country_code", "substance")

SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    claim_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'corrected')),
    corrections TEXT NOT NULL DEFAULT '{}',
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id TEXT NOT NULL,
    status TEXT NOT NULL,
    corrections TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    previous TEXT
);
CREATE INDEX IF NOT EXISTS review_history_claim ON review_history (claim_id, id);
"""


@dataclass(frozen=True)
class Review:
    claim_id: str
    status: str
    corrections: dict[str, Any]
    note: str
    reviewer: str
    updated_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "corrections": self.corrections, "note": self.note,
                "reviewer": self.reviewer, "updated_at": self.updated_at}


PENDING = Review("", "pending", {}, "", "", None)


class ReviewStore:
    """Reads claims (from the registry tables) and reads and writes their reviews."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir)
        self.database = self.output_dir / "claims.sqlite"
        with connect(self.database) as connection:
            connection.executescript(SCHEMA)

    def _review(self, connection: sqlite3.Connection, claim_id: str) -> Review:
        row = connection.execute("SELECT * FROM reviews WHERE claim_id = ?", (claim_id,)).fetchone()
        if row is None:
            return Review(claim_id, "pending", {}, "", "", None)
        return Review(row["claim_id"], row["status"], json.loads(row["corrections"]), row["note"], row["reviewer"],
                      row["updated_at"])

    def review(self, claim_id: str) -> Review:
        with connect(self.database) as connection:
            return self._review(connection, claim_id)

    def claim_exists(self, claim_id: str) -> bool:
        with connect(self.database) as connection:
            return connection.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is not None

    def decide(self, claim_id: str, status: str, corrections: dict[str, Any], note: str, reviewer: str) -> Review:
        """Record a decision and the state it replaces."""
        with connect(self.database) as connection:
            previous = self._review(connection, claim_id)
            stamp = now()
            connection.execute(
                "INSERT INTO reviews (claim_id, status, corrections, note, reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(claim_id) DO UPDATE SET status = excluded.status, corrections = excluded.corrections, "
                "note = excluded.note, reviewer = excluded.reviewer, updated_at = excluded.updated_at",
                (claim_id, status, json.dumps(corrections), note, reviewer, stamp))
            connection.execute(
                "INSERT INTO review_history (claim_id, status, corrections, note, reviewer, at, previous) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim_id, status, json.dumps(corrections), note, reviewer, stamp, json.dumps(previous.to_dict())))
            return self._review(connection, claim_id)

    def undo(self, claim_id: str, reviewer: str) -> Review:
        """Restore the state before the latest decision; the undo itself is recorded too."""
        with connect(self.database) as connection:
            row = connection.execute("SELECT previous FROM review_history WHERE claim_id = ? AND status != 'undo' "
                                     "ORDER BY id DESC LIMIT 1", (claim_id,)).fetchone()
        if row is None:
            return self.review(claim_id)
        previous = json.loads(row["previous"])
        with connect(self.database) as connection:
            connection.execute("DELETE FROM review_history WHERE id = (SELECT MAX(id) FROM review_history "
                               "WHERE claim_id = ? AND status != 'undo')", (claim_id,))
            stamp = now()
            if previous["updated_at"] is None:
                connection.execute("DELETE FROM reviews WHERE claim_id = ?", (claim_id,))
            else:
                connection.execute("UPDATE reviews SET status = ?, corrections = ?, note = ?, reviewer = ?, updated_at = ? "
                                   "WHERE claim_id = ?", (previous["status"], json.dumps(previous["corrections"]),
                                                          previous["note"], previous["reviewer"], stamp, claim_id))
            connection.execute("INSERT INTO review_history (claim_id, status, corrections, note, reviewer, at, previous) "
                               "VALUES (?, 'undo', '{}', '', ?, ?, NULL)", (claim_id, reviewer, stamp))
            return self._review(connection, claim_id)

    def history(self, claim_id: str) -> list[dict[str, Any]]:
        with connect(self.database) as connection:
            rows = connection.execute("SELECT status, corrections, note, reviewer, at FROM review_history "
                                      "WHERE claim_id = ? ORDER BY id", (claim_id,)).fetchall()
        return [{**dict(row), "corrections": json.loads(row["corrections"])} for row in rows]

    def claim_rows(self) -> list[sqlite3.Row]:
        """Every current claim with its document path, joined to its review if any."""
        with connect(self.database) as connection:
            return connection.execute(
                "SELECT c.id, c.doc_id, c.path, c.statement, c.confidence, c.data, r.status, r.note, r.reviewer, "
                "r.corrections, r.updated_at FROM claims c LEFT JOIN reviews r ON r.claim_id = c.id "
                "ORDER BY c.path, json_extract(c.data, '$.sentence.start')").fetchall()

    def orphans(self) -> list[Review]:
        """Reviews whose claim the latest extraction no longer produced."""
        with connect(self.database) as connection:
            rows = connection.execute("SELECT * FROM reviews WHERE claim_id NOT IN (SELECT id FROM claims)").fetchall()
        return [Review(r["claim_id"], r["status"], json.loads(r["corrections"]), r["note"], r["reviewer"], r["updated_at"])
                for r in rows]
