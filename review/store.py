"""Review decisions in ``claims.sqlite``, beside the registry's claims, with their history.

A review is keyed by the claim id, which is stable across re-extraction, so a
re-run never resets a decision. Every change appends a history row holding
the state it replaced, which is what ``undo`` restores; an undo is a row of its own
naming the decision it reverted, so the history is never rewritten. A review whose claim
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
    previous TEXT,
    reverts INTEGER
);
CREATE INDEX IF NOT EXISTS review_history_claim ON review_history (claim_id, id);
"""


class Superseded(Exception):
    """The decision to undo is no longer the claim's latest: another came after it."""


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
            columns = {row[1] for row in connection.execute("PRAGMA table_info(review_history)")}
            if "reverts" not in columns:  # a registry from before undo was a row of its own
                connection.execute("ALTER TABLE review_history ADD COLUMN reverts INTEGER")

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

    ACTIVE = ("status != 'undo' AND id NOT IN (SELECT reverts FROM review_history WHERE reverts IS NOT NULL)")

    def undo(self, claim_id: str, reviewer: str, decision: int | None = None) -> Review:
        """Restore the state before the claim's latest decision not yet undone (``decision``: only if that is
        this history row; else ``Superseded``). History only grows: the undo is a row of its own that names the
        decision it reverted and the state it left."""
        with connect(self.database) as connection:
            row = connection.execute(f"SELECT id, previous, reviewer FROM review_history WHERE claim_id = ? AND {self.ACTIVE} "
                                     "ORDER BY id DESC LIMIT 1", (claim_id,)).fetchone()
            if row is not None and decision is not None and row["id"] != decision:
                raise Superseded(f"{row['reviewer'] or 'someone'} decided this claim since")
            if row is None:
                return self._review(connection, claim_id)
            previous, current, stamp = json.loads(row["previous"]), self._review(connection, claim_id), now()
            if previous["updated_at"] is None:
                connection.execute("DELETE FROM reviews WHERE claim_id = ?", (claim_id,))
            else:
                connection.execute("UPDATE reviews SET status = ?, corrections = ?, note = ?, reviewer = ?, updated_at = ? "
                                   "WHERE claim_id = ?", (previous["status"], json.dumps(previous["corrections"]),
                                                          previous["note"], previous["reviewer"], stamp, claim_id))
            connection.execute("INSERT INTO review_history (claim_id, status, corrections, note, reviewer, at, previous, reverts) "
                               "VALUES (?, 'undo', '{}', '', ?, ?, ?, ?)",
                               (claim_id, reviewer, stamp, json.dumps(current.to_dict()), row["id"]))
            return self._review(connection, claim_id)

    def last_decided(self, reviewer: str) -> tuple[str, int] | None:
        """(claim, history row) of ``reviewer``'s latest decision not yet undone, wherever it was made."""
        with connect(self.database) as connection:
            row = connection.execute(f"SELECT claim_id, id FROM review_history WHERE reviewer = ? AND {self.ACTIVE} "
                                     "ORDER BY id DESC LIMIT 1", (reviewer,)).fetchone()
        return (row["claim_id"], row["id"]) if row else None

    def history(self, claim_id: str) -> list[dict[str, Any]]:
        with connect(self.database) as connection:
            rows = connection.execute(
                "SELECT h.status, h.corrections, h.note, h.reviewer, h.at, r.status AS reverted, r.reviewer AS reverted_reviewer "
                "FROM review_history h LEFT JOIN review_history r ON r.id = h.reverts WHERE h.claim_id = ? ORDER BY h.id",
                (claim_id,)).fetchall()
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
