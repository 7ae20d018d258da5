"""The server's tables (SQLAlchemy Core) and how a database is opened.

SQL stays portable: the same tables run on SQLite (default, zero set-up) and PostgreSQL. JSON-valued columns
are stored as text written by orjson so both back-ends read them the same way.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.engine import Connection

from . import files

SCHEMA_VERSION = 2

# Columns added after schema 1, added in place to an older database when it is opened (tables added later
# are made by create_all, and an older server simply does not use them: login_failures). Each: table, column,
# its SQL definition.
_ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("messages", "urgent", "BOOLEAN NOT NULL DEFAULT 0"),
    ("messages", "urgent_reason", "TEXT"),
    ("messages", "ack_requested", "BOOLEAN NOT NULL DEFAULT 0"),
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

departments = Table(
    "departments",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),  # Chinese name
    Column("name_en", String(200), nullable=False, default=""),
    Column("head_id", String(64)),
)

users = Table(
    "users",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("display_name_en", String(200), nullable=False, default=""),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("department_id", String(64)),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", String(40), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False, index=True),
    Column("client_id", String(64), nullable=False),
    Column("access_hash", String(64), nullable=False, unique=True),
    Column("access_expires", Float, nullable=False),
    Column("refresh_hash", String(64), nullable=False, unique=True),
    Column("refresh_expires", Float, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("device", String(128), nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
)

# Failed sign-ins, in the database so that every server process behind a load balancer counts the same ones.
# One row per streak of failures: (account, address) slows that address down for that account; ("*", address)
# one address trying many accounts; (account, "*") the account from everywhere, which is never refused but tells
# its owner (notified_at). A streak ends failure_window_s after its last failure; old rows are swept then.
login_failures = Table(
    "login_failures",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", Float, nullable=False),  # epoch seconds, like the sessions' expiry times
    Column("last_at", Float, nullable=False),
    Column("retry_at", Float, nullable=False, default=0.0),  # no attempt is checked before this instant
    Column("notified_at", Float),
    Index("ix_login_failures_last", "last_at"),
)

# A client id names one device profile of one person; mutation ids are counted per client id.
clients = Table(
    "clients",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
)

applied_mutations = Table(
    "applied_mutations",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("mutation_id", Integer, primary_key=True, autoincrement=False),
    Column("status", String(16), nullable=False),
    Column("code", String(64)),
    Column("reason", Text),
)

# The change log: the newest state of each row per scope, ordered by seq. Writing a row again deletes its
# older entry in the same scope, so the log holds about one entry per live row plus tombstones.
changes = Table(
    "changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("scope", String(128), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("entity_id", String(160), nullable=False),
    Column("op", String(8), nullable=False),
    Column("data", Text),
    Index("ix_changes_scope_seq", "scope", "seq"),
    Index("ix_changes_entity", "kind", "entity_id", "scope"),
    sqlite_autoincrement=True,
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("department_id", String(64)),
    Column("created_by", String(64)),
    Column("created_at", String(40), nullable=False),
    Column("last_seq", Integer, nullable=False, default=0),  # the newest message's seq
)

conversation_members = Table(
    "conversation_members",
    metadata,
    Column("conversation_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("present", Boolean, nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_conversation_members_user", "user_id"),
)

messages = Table(
    "messages",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("conversation_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the conversation, given by the server
    Column("author_id", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("reply_to", String(64)),
    Column("important", Boolean, nullable=False, default=False),
    Column("mentions", Text, nullable=False, default="[]"),
    Column("sent_at", String(40), nullable=False),  # when the server accepted it
    Column("created_hlc", String(96), nullable=False),  # when the author wrote it (offline too)
    Column("edited_at", String(40)),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("urgent", Boolean, nullable=False, default=False),
    Column("urgent_reason", Text),
    Column("ack_requested", Boolean, nullable=False, default=False),
    Index("ix_messages_conversation_seq", "conversation_id", "seq", unique=True),
    # The urgent quota counts a sender's recent urgent messages.
    Index("ix_messages_urgent_author", "author_id", "sent_at", sqlite_where=text("urgent"),
          postgresql_where=text("urgent")),
)

acknowledgements = Table(
    "acknowledgements",
    metadata,
    Column("message_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("at", String(40), nullable=False),
)

# Settings that follow a person to their other devices (owner = user id) and the organisation's defaults
# (owner = "org"); last writer by clock wins.
preferences = Table(
    "preferences",
    metadata,
    Column("owner", String(64), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("hlc", String(96), nullable=False),
)

reactions = Table(
    "reactions",
    metadata,
    Column("message_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("emoji", String(32), primary_key=True),
    Column("present", Boolean, nullable=False),
    Column("hlc", String(96), nullable=False),
)

read_markers = Table(
    "read_markers",
    metadata,
    Column("conversation_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
)

spaces = Table(
    "spaces",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("department_id", String(64)),
    Column("created_by", String(64)),
    Column("created_at", String(40), nullable=False),
)

space_members = Table(
    "space_members",
    metadata,
    Column("space_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("present", Boolean, nullable=False),
    Column("hlc", String(96), nullable=False),
    Index("ix_space_members_user", "user_id"),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("space_id", String(64), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("owner_id", String(64)),
    Column("due", String(10)),
    Column("status", String(16), nullable=False),
    Column("progress", Integer, nullable=False, default=0),
    Column("depends_on", Text, nullable=False, default="[]"),
    Column("clocks", Text, nullable=False, default="{}"),  # field -> hlc of the value it holds
    Column("created_by", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
)

task_history = Table(
    "task_history",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("task_id", String(64), nullable=False, index=True),
    Column("field", String(32), nullable=False),
    Column("old_value", Text),  # JSON
    Column("new_value", Text),  # JSON
    Column("actor_id", String(64), nullable=False),
    Column("hlc", String(96), nullable=False),
    # applied: the edit won; overwritten: an older value replaced by it; lost: the edit arrived with an
    # older clock than the value in place and was kept here instead of being discarded.
    Column("outcome", String(16), nullable=False),
    Column("at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("category", String(60), nullable=False, default=""),
    Column("tags", Text, nullable=False, default="[]"),
    Column("status", String(16), nullable=False),
    Column("author_id", String(64), nullable=False),
    Column("head_revision_id", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("published_at", String(40)),
    Column("reviewer_id", String(64)),
    Column("review_comment", Text, nullable=False, default=""),
)

article_revisions = Table(
    "article_revisions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("parent_id", String(64)),  # the head this revision replaced (None for the first)
    Column("base_revision_id", String(64)),  # what the author edited from
    Column("author_id", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", Text, nullable=False),
    # edit: applied as written; merged: combined with edits made since its base; conflict: overlapped
    # with edits made since its base and kept aside (not the head) until resolved.
    Column("kind", String(16), nullable=False),
    Column("created_at", String(40), nullable=False),
)

article_conflicts = Table(
    "article_conflicts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("base_revision_id", String(64), nullable=False),
    Column("theirs_revision_id", String(64), nullable=False),  # the head when the edit arrived
    Column("mine_revision_id", String(64), nullable=False),  # the edit that could not be merged
    Column("author_id", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("resolved_by_revision_id", String(64)),
)

article_flags = Table(
    "article_flags",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("flag", String(16), primary_key=True),  # like | favorite
    Column("present", Boolean, nullable=False),
    Column("hlc", String(96), nullable=False),
)


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def loads(text: str | bytes | None) -> Any:
    return None if text is None else orjson.loads(text)


class Database:
    """One server database: the engine plus the lock that serialises writers on SQLite."""

    def __init__(self, url: str, path: Path | None = None) -> None:
        self.url = url
        self.path = path  # the database file, for SQLite
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            # The driver's own transaction handling is switched off and SQLAlchemy's BEGIN used instead, as the
            # SQLAlchemy docs advise for pysqlite: otherwise savepoints and "begin" do not mean what they say.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30, "isolation_level": None}
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        # SQLite has one writer at a time; taking the lock here keeps "database is locked" out of requests.
        self.write_lock = threading.RLock()
        self._add_missing_columns()
        metadata.create_all(self.engine)
        self.instance_id = self._ensure_meta()

    @classmethod
    def open(cls, path_or_url: str | Path) -> Database:
        text = str(path_or_url)
        if "://" in text:
            return cls(text)
        path = Path(text).expanduser().resolve()
        files.create_database_file(path)  # private (0700 folder, 0600 file) before SQLite makes it
        return cls(f"sqlite:///{path}", path)

    def _add_missing_columns(self) -> None:
        """Bring a database from an older server up to this schema (columns only; new tables come from
        create_all). All in one transaction, so a failure leaves the old schema as it was."""
        from sqlalchemy import inspect

        inspector = inspect(self.engine)
        tables = set(inspector.get_table_names())
        added = False
        with self.engine.begin() as conn:
            for table, column, definition in _ADDED_COLUMNS:
                if table in tables and column not in {c["name"] for c in inspector.get_columns(table)}:
                    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
                    added = True
            if added:
                for index in messages.indexes:
                    index.create(conn, checkfirst=True)
            if "meta" in tables:
                conn.execute(
                    meta.update().where(meta.c.key == "schema_version").where(meta.c.value < str(SCHEMA_VERSION))
                    .values(value=str(SCHEMA_VERSION))
                )

    def _ensure_meta(self) -> str:
        with self.engine.begin() as conn:
            rows = dict(conn.execute(select(meta.c.key, meta.c.value)).all())
            if "instance_id" not in rows:
                rows["instance_id"] = uuid.uuid4().hex
                conn.execute(meta.insert(), [{"key": "instance_id", "value": rows["instance_id"]}])
                conn.execute(meta.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            elif int(rows.get("schema_version", "0")) > SCHEMA_VERSION:
                raise RuntimeError(
                    f"this database was written by a newer Atrium server (schema {rows['schema_version']}); "
                    f"this server understands schema {SCHEMA_VERSION}"
                )
            return rows["instance_id"]

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: everything inside commits together or not at all."""
        with self.write_lock, self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=OFF")
    cur.close()
