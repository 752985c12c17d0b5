"""SQLite persistence for every object kind: one table of JSON documents keyed by (kind, account, sid).

The store knows nothing about Flex. Models decide what a document holds; the store keeps documents in
insertion order (``seq``), which gives lists their creation order and page tokens a stable keyset cursor.
One connection guarded by a lock makes it safe to call from uvicorn's worker threads.

A second table holds the accounts added at run time (``POST /_emulator/accounts``), secrets included: this
is a local test tool, and they must survive a restart. :meth:`Store.clear` (a reset) leaves it alone.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

DB_FILENAME = "emulator.sqlite3"
EVERY_BATCH = 500  # documents per query when :meth:`Store.every` walks a whole kind

Doc = dict[str, Any]
Order = Literal["asc", "desc"]
Scalar = str | int | float | bool | None
Condition = Scalar | tuple[Scalar, ...]  # a tuple matches any of its values
AccountRow = tuple[str, str, str | None, str | None]  # account_sid, auth_token, api_key, api_secret
Row = tuple[str, str, str, Doc, str]  # kind, account_sid, sid, doc, parent: one document of insert_many

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    parent      TEXT NOT NULL DEFAULT '',
    sid         TEXT NOT NULL,
    doc         TEXT NOT NULL,
    UNIQUE (kind, account_sid, sid)
);
CREATE INDEX IF NOT EXISTS objects_listing ON objects (kind, account_sid, parent, seq);
CREATE TABLE IF NOT EXISTS accounts (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_sid TEXT NOT NULL UNIQUE,
    auth_token  TEXT NOT NULL,
    api_key     TEXT,
    api_secret  TEXT,
    empty       INTEGER NOT NULL DEFAULT 0
);
"""
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


class DuplicateSid(Exception):
    """An object of this kind and SID already exists in the account."""


class Store:
    """The emulator's SQLite database in ``data_dir``: objects of every account, and run-time accounts."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / DB_FILENAME
        self._lock = threading.Lock()
        # Autocommit: every write is one statement, durable once it returns.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(accounts)")}
        if "empty" not in columns:  # a data dir from before accounts could start empty
            self._conn.execute("ALTER TABLE accounts ADD COLUMN empty INTEGER NOT NULL DEFAULT 0")

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def insert(self, kind: str, account_sid: str, sid: str, doc: Doc, *, parent: str = "") -> int:
        """Add a document and return its sequence number."""
        with self._locked() as conn:
            try:
                cursor = conn.execute(
                    "INSERT INTO objects (kind, account_sid, parent, sid, doc) VALUES (?, ?, ?, ?, ?)",
                    (kind, account_sid, parent, sid, _dump(doc)),
                )
            except sqlite3.IntegrityError as exc:
                raise DuplicateSid(f"{kind} {sid} already exists") from exc
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def insert_many(self, rows: Iterable[Row]) -> None:
        """Add several documents in one transaction: all of them, or none (:class:`DuplicateSid`)."""
        values = [
            (kind, account_sid, parent, sid, _dump(doc)) for kind, account_sid, sid, doc, parent in rows
        ]
        with self._locked() as conn:
            conn.execute("BEGIN")
            try:
                conn.executemany(
                    "INSERT INTO objects (kind, account_sid, parent, sid, doc) VALUES (?, ?, ?, ?, ?)", values
                )
            except sqlite3.IntegrityError as exc:
                conn.execute("ROLLBACK")
                raise DuplicateSid(str(exc)) from exc
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def delete_with_children(self, kind: str, account_sid: str, sid: str, child_kinds: Iterable[str]) -> bool:
        """Remove a document and, in the same transaction, every document of ``child_kinds`` whose parent it
        is (a cascade). False, and nothing removed, if the document does not exist."""
        kinds = tuple(child_kinds)
        with self._locked() as conn:
            conn.execute("BEGIN")
            try:
                cursor = conn.execute(
                    "DELETE FROM objects WHERE kind = ? AND account_sid = ? AND sid = ?",
                    (kind, account_sid, sid),
                )
                if cursor.rowcount > 0 and kinds:
                    conn.execute(
                        f"DELETE FROM objects WHERE account_sid = ? AND parent = ? "
                        f"AND kind IN ({', '.join('?' * len(kinds))})",
                        (account_sid, sid, *kinds),
                    )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return cursor.rowcount > 0

    def get(self, kind: str, account_sid: str, sid: str) -> Doc | None:
        """The document of ``sid``, or None if the account has no such object of this kind."""
        with self._locked() as conn:
            row = conn.execute(
                "SELECT doc FROM objects WHERE kind = ? AND account_sid = ? AND sid = ?",
                (kind, account_sid, sid),
            ).fetchone()
        return None if row is None else _load(row[0])

    def replace(self, kind: str, account_sid: str, sid: str, doc: Doc) -> bool:
        """Overwrite a document in place (its position in lists is kept). False if it does not exist."""
        with self._locked() as conn:
            cursor = conn.execute(
                "UPDATE objects SET doc = ? WHERE kind = ? AND account_sid = ? AND sid = ?",
                (_dump(doc), kind, account_sid, sid),
            )
            return cursor.rowcount > 0

    def delete(self, kind: str, account_sid: str, sid: str) -> bool:
        """Remove a document; False if it does not exist."""
        with self._locked() as conn:
            cursor = conn.execute(
                "DELETE FROM objects WHERE kind = ? AND account_sid = ? AND sid = ?", (kind, account_sid, sid)
            )
            return cursor.rowcount > 0

    def scan(
        self,
        kind: str,
        account_sid: str,
        *,
        parent: str = "",
        where: Mapping[str, Condition] | None = None,
        seq_after: int | None = None,
        seq_before: int | None = None,
        order: Order = "asc",
        offset: int = 0,
        limit: int = 50,
    ) -> list[tuple[int, Doc]]:
        """``(seq, doc)`` pairs matching exact-value filters on document fields (dotted paths allowed).

        A tuple value matches a document whose field equals any of its values (an empty tuple matches none).
        """
        clauses = ["kind = ?", "account_sid = ?", "parent = ?"]
        args: list[Scalar] = [kind, account_sid, parent]
        if seq_after is not None:
            clauses.append("seq > ?")
            args.append(seq_after)
        if seq_before is not None:
            clauses.append("seq < ?")
            args.append(seq_before)
        for field, value in (where or {}).items():
            if not _FIELD.match(field):
                raise ValueError(f"bad field name {field!r}")
            if isinstance(value, tuple):
                if not value:
                    clauses.append("0")
                    continue
                clauses.append(f"json_extract(doc, ?) IN ({', '.join('?' * len(value))})")
                args.extend([f"$.{field}", *value])
                continue
            clauses.append("json_extract(doc, ?) IS ?")
            args.extend([f"$.{field}", value])
        direction = "ASC" if order == "asc" else "DESC"
        sql = (
            f"SELECT seq, doc FROM objects WHERE {' AND '.join(clauses)} "
            f"ORDER BY seq {direction} LIMIT ? OFFSET ?"
        )
        args.extend([limit, offset])
        with self._locked() as conn:
            rows = conn.execute(sql, args).fetchall()
        return [(int(seq), _load(doc)) for seq, doc in rows]

    def first(
        self, kind: str, account_sid: str, *, parent: str = "", where: Mapping[str, Condition] | None = None
    ) -> Doc | None:
        """The oldest document of a kind under ``parent`` matching ``where`` (as in :meth:`scan`), or None."""
        rows = self.scan(kind, account_sid, parent=parent, where=where, limit=1)
        return rows[0][1] if rows else None

    def every(
        self, kind: str, account_sid: str, *, parent: str = "", where: Mapping[str, Condition] | None = None
    ) -> Iterator[Doc]:
        """Every document of a kind under ``parent`` matching ``where``, oldest first, read in batches."""
        after: int | None = None
        while True:
            rows = self.scan(
                kind, account_sid, parent=parent, where=where, seq_after=after, limit=EVERY_BATCH
            )
            for _, doc in rows:
                yield doc
            if len(rows) < EVERY_BATCH:
                return
            after = rows[-1][0]

    def clear(self) -> None:
        """Delete every object (of every account). Stored accounts are kept."""
        with self._locked() as conn:
            conn.execute("DELETE FROM objects")

    def save_account(
        self,
        account_sid: str,
        auth_token: str,
        api_key: str | None,
        api_secret: str | None,
        *,
        empty: bool = False,
    ) -> None:
        """Insert a run-time account, or replace its credentials (keeping its place in the order). ``empty``:
        the account starts without Flex's provisioned objects."""
        with self._locked() as conn:
            conn.execute(
                "INSERT INTO accounts (account_sid, auth_token, api_key, api_secret, empty) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (account_sid) DO UPDATE SET auth_token = excluded.auth_token, "
                "api_key = excluded.api_key, api_secret = excluded.api_secret, empty = excluded.empty",
                (account_sid, auth_token, api_key, api_secret, int(empty)),
            )

    def load_accounts(self) -> list[AccountRow]:
        """The stored run-time accounts, in the order they were first saved."""
        return [row for row, _ in self.load_accounts_with_flags()]

    def load_accounts_with_flags(self) -> list[tuple[AccountRow, bool]]:
        """The stored run-time accounts with their ``empty`` flag, in the order they were first saved."""
        with self._locked() as conn:
            rows = conn.execute(
                "SELECT account_sid, auth_token, api_key, api_secret, empty FROM accounts ORDER BY seq"
            ).fetchall()
        return [((str(sid), str(token), key, secret), bool(empty)) for sid, token, key, secret, empty in rows]

    def close(self) -> None:
        """Close the database connection."""
        with self._locked() as conn:
            conn.close()


def _dump(doc: Doc) -> str:
    return json.dumps(doc, separators=(",", ":"), sort_keys=True)


def _load(raw: str) -> Doc:
    doc = json.loads(raw)
    if not isinstance(doc, dict):
        raise ValueError("stored document is not an object")
    return doc
