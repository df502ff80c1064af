"""Review decisions in ``claims.sqlite``, beside the registry's claims, with their history.

A review is keyed by the claim id, which is stable across re-extraction, so a
re-run never resets a decision. Every change appends a history row holding
the state it replaced, which is what ``undo`` restores; an undo is a row of its own
naming the decision it reverted, so the history is never rewritten. A review whose claim
no longer exists (the rules stopped finding that quantity) stays, shown as
orphaned.

Decisions are versioned: a write that names the version it saw is refused (``Conflict``) when someone
decided the claim since, and the refused attempt is kept as a conflict for the queue's "conflicts" filter.
A batch decision shares one batch id across its rows, so one undo takes it all back. Claims a reviewer
adds (the extraction missed them) live in ``added_claims``, untouched by re-extraction.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.store import connect, now

STATUSES = ("pending", "accepted", "rejected", "corrected")

SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    claim_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'corrected')),
    corrections TEXT NOT NULL DEFAULT '{}',
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
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
    reverts INTEGER,
    batch TEXT
);
CREATE INDEX IF NOT EXISTS review_history_claim ON review_history (claim_id, id);
CREATE TABLE IF NOT EXISTS review_conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL,
    over_status TEXT NOT NULL,
    over_reviewer TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS added_claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    path TEXT NOT NULL,
    data TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
"""
MIGRATIONS = {"review_history": {"reverts": "INTEGER", "batch": "TEXT"},
              "reviews": {"version": "INTEGER NOT NULL DEFAULT 0"}}


class Superseded(Exception):
    """The decision to undo is no longer the claim's latest: another came after it."""


class Conflict(Exception):
    """The claim was decided since the version the reviewer saw."""

    def __init__(self, current: "Review") -> None:
        super().__init__(f"{current.reviewer or 'someone'} {current.status} this claim at {current.updated_at} "
                         "after you opened it: reload to see their decision")
        self.current = current


@dataclass(frozen=True)
class Review:
    claim_id: str
    status: str
    corrections: dict[str, Any]
    note: str
    reviewer: str
    updated_at: str | None
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "corrections": self.corrections, "note": self.note,
                "reviewer": self.reviewer, "updated_at": self.updated_at}


class ReviewStore:
    """Reads claims (from the registry tables) and reads and writes their reviews."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir)
        self.database = self.output_dir / "claims.sqlite"
        with connect(self.database) as connection:
            connection.executescript(SCHEMA)
            for table, wanted in MIGRATIONS.items():  # registries from before undo rows, batches and versions
                columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
                for column, kind in wanted.items():
                    if column not in columns:
                        connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def _review(self, connection: sqlite3.Connection, claim_id: str) -> Review:
        row = connection.execute("SELECT * FROM reviews WHERE claim_id = ?", (claim_id,)).fetchone()
        return _row_review(row) if row is not None else Review(claim_id, "pending", {}, "", "", None)

    def review(self, claim_id: str) -> Review:
        with connect(self.database) as connection:
            return self._review(connection, claim_id)

    def claim_exists(self, claim_id: str) -> bool:
        with connect(self.database) as connection:
            return connection.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is not None

    def decide(self, claim_id: str, status: str, corrections: dict[str, Any], note: str, reviewer: str, *,
               version: int | None = None) -> Review:
        """Record a decision and the state it replaces. With ``version`` (the one the reviewer saw), a claim
        decided since is not written over: the attempt is kept as a conflict and ``Conflict`` raised."""
        with connect(self.database) as connection:
            previous = self._review(connection, claim_id)
            if version is not None and previous.version != version:
                connection.execute("INSERT INTO review_conflicts (claim_id, status, reviewer, note, at, over_status, "
                                   "over_reviewer) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   (claim_id, status, reviewer, note, now(), previous.status, previous.reviewer))
                connection.commit()
                raise Conflict(previous)
            self._write(connection, claim_id, previous, status, corrections, note, reviewer)
            return self._review(connection, claim_id)

    def decide_many(self, claim_ids: list[str], status: str, note: str, reviewer: str) -> str:
        """One decision on many claims, in one transaction, under one batch id (undone as one step)."""
        batch = uuid.uuid4().hex
        with connect(self.database) as connection:
            for claim_id in claim_ids:
                self._write(connection, claim_id, self._review(connection, claim_id), status, {}, note, reviewer, batch)
        return batch

    def _write(self, connection: sqlite3.Connection, claim_id: str, previous: Review, status: str,
               corrections: dict[str, Any], note: str, reviewer: str, batch: str | None = None) -> None:
        stamp = now()
        connection.execute("UPDATE review_conflicts SET resolved = 1 WHERE claim_id = ?", (claim_id,))  # decided anew
        connection.execute(
            "INSERT INTO reviews (claim_id, status, corrections, note, reviewer, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT(claim_id) DO UPDATE SET status = excluded.status, "
            "corrections = excluded.corrections, note = excluded.note, reviewer = excluded.reviewer, "
            "updated_at = excluded.updated_at, version = reviews.version + 1",
            (claim_id, status, json.dumps(corrections, ensure_ascii=False), note, reviewer, stamp))
        connection.execute(
            "INSERT INTO review_history (claim_id, status, corrections, note, reviewer, at, previous, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (claim_id, status, json.dumps(corrections, ensure_ascii=False), note, reviewer, stamp,
             json.dumps(previous.to_dict(), ensure_ascii=False), batch))

    ACTIVE = ("status != 'undo' AND id NOT IN (SELECT reverts FROM review_history WHERE reverts IS NOT NULL)")

    def undo_last(self, reviewer: str) -> list[str]:
        """Undo ``reviewer``'s latest decision not yet undone, wherever it was made; a batch decision is undone
        whole. Returns the claims restored (none when nothing is left to undo); ``Superseded`` when someone
        decided one of them since, and then nothing is undone."""
        with connect(self.database) as connection:
            last = connection.execute(f"SELECT id, batch FROM review_history WHERE reviewer = ? AND {self.ACTIVE} "
                                      "ORDER BY id DESC LIMIT 1", (reviewer,)).fetchone()
            if last is None:
                return []
            rows = (connection.execute(f"SELECT * FROM review_history WHERE batch = ? AND {self.ACTIVE} ORDER BY id",
                                       (last["batch"],)).fetchall() if last["batch"] else
                    connection.execute("SELECT * FROM review_history WHERE id = ?", (last["id"],)).fetchall())
            for row in rows:
                latest = self._latest_active(connection, row["claim_id"])
                if latest["id"] != row["id"]:
                    raise Superseded(f"{latest['reviewer'] or 'someone'} decided {row['claim_id']} since")
            for row in rows:
                self._revert(connection, row, reviewer)
            return [row["claim_id"] for row in rows]

    def _latest_active(self, connection: sqlite3.Connection, claim_id: str) -> sqlite3.Row | None:
        return connection.execute(f"SELECT * FROM review_history WHERE claim_id = ? AND {self.ACTIVE} "
                                  "ORDER BY id DESC LIMIT 1", (claim_id,)).fetchone()

    def _revert(self, connection: sqlite3.Connection, row: sqlite3.Row, reviewer: str) -> None:
        """History only grows: the undo is a row of its own naming the decision it reverted and the state it left."""
        claim_id = row["claim_id"]
        previous, current, stamp = json.loads(row["previous"]), self._review(connection, claim_id), now()
        if previous["updated_at"] is None:
            connection.execute("UPDATE reviews SET status = 'pending', corrections = '{}', note = '', reviewer = ?, "
                               "updated_at = ?, version = version + 1 WHERE claim_id = ?", (reviewer, stamp, claim_id))
        else:
            connection.execute("UPDATE reviews SET status = ?, corrections = ?, note = ?, reviewer = ?, updated_at = ?, "
                               "version = version + 1 WHERE claim_id = ?",
                               (previous["status"], json.dumps(previous["corrections"], ensure_ascii=False),
                                previous["note"], previous["reviewer"], stamp, claim_id))
        connection.execute("INSERT INTO review_history (claim_id, status, corrections, note, reviewer, at, previous, reverts, "
                           "batch) VALUES (?, 'undo', '{}', '', ?, ?, ?, ?, ?)",
                           (claim_id, reviewer, stamp, json.dumps(current.to_dict(), ensure_ascii=False), row["id"],
                            row["batch"]))

    def history(self, claim_id: str) -> list[dict[str, Any]]:
        """Decisions, undos and refused writes on the claim, oldest first."""
        with connect(self.database) as connection:
            rows = connection.execute(
                "SELECT h.status, h.corrections, h.note, h.reviewer, h.at, h.batch, r.status AS reverted, "
                "r.reviewer AS reverted_reviewer FROM review_history h LEFT JOIN review_history r ON r.id = h.reverts "
                "WHERE h.claim_id = ? ORDER BY h.id", (claim_id,)).fetchall()
            refused = connection.execute("SELECT * FROM review_conflicts WHERE claim_id = ?", (claim_id,)).fetchall()
        entries = [{**dict(row), "corrections": json.loads(row["corrections"])} for row in rows]
        entries += [{"status": "refused", "wanted": row["status"], "reviewer": row["reviewer"], "note": row["note"],
                     "at": row["at"], "over": f"{row['over_status']} by {row['over_reviewer'] or 'someone'}",
                     "corrections": {}} for row in refused]
        return sorted(entries, key=lambda entry: entry["at"])

    def conflicted(self) -> set[str]:
        """Claims with a refused write no decision has come after: two reviewers disagree, unresolved."""
        with connect(self.database) as connection:
            rows = connection.execute("SELECT DISTINCT claim_id FROM review_conflicts WHERE resolved = 0").fetchall()
        return {row["claim_id"] for row in rows}

    def add_claim(self, claim_id: str, doc_id: str, path: str, data: dict[str, Any], reviewer: str) -> None:
        """Store a claim a reviewer added, and its decision (accepted: the reviewer vouches for it)."""
        with connect(self.database) as connection:
            connection.execute("INSERT INTO added_claims (id, doc_id, path, data, reviewer, at) VALUES (?, ?, ?, ?, ?, ?)",
                               (claim_id, doc_id, path, json.dumps(data, ensure_ascii=False), reviewer, now()))
            self._write(connection, claim_id, self._review(connection, claim_id), "accepted", {}, "added by the reviewer",
                        reviewer)

    def claim_rows(self) -> list[sqlite3.Row]:
        """Every current claim with its document path, joined to its review if any."""
        with connect(self.database) as connection:
            return connection.execute(
                "SELECT c.id, c.doc_id, c.path, c.statement, c.confidence, c.data, 0 AS added, r.status, r.note, "
                "r.reviewer, r.corrections, r.updated_at, r.version FROM claims c LEFT JOIN reviews r ON r.claim_id = c.id "
                "UNION ALL SELECT a.id, a.doc_id, a.path, json_extract(a.data, '$.statement'), 1.0, a.data, 1, r.status, "
                "r.note, r.reviewer, r.corrections, r.updated_at, r.version FROM added_claims a "
                "LEFT JOIN reviews r ON r.claim_id = a.id ORDER BY 2, 1").fetchall()

    def orphans(self) -> list[Review]:
        """Reviews whose claim the latest extraction no longer produced."""
        with connect(self.database) as connection:
            rows = connection.execute("SELECT * FROM reviews WHERE status != 'pending' AND claim_id NOT IN (SELECT id FROM claims) "
                                      "AND claim_id NOT IN (SELECT id FROM added_claims)").fetchall()
        return [_row_review(row) for row in rows]


def _row_review(row: sqlite3.Row) -> Review:
    return Review(row["claim_id"], row["status"], json.loads(row["corrections"]), row["note"], row["reviewer"],
                  row["updated_at"], row["version"])
