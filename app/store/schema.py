"""The local store's schema: numbered migrations, and how each synced kind maps onto a table.

Each synced row keeps the columns the server sends plus `_scope` (the scope it came from, so a revoked scope
can be purged and a delete from a scope it has left is ignored). Rows that exist only locally carry a
`_state` ('pending' until the server confirms them, 'rejected' if it refused).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported only when a migration runs (database.py): an up-to-date store never pays for it
    from sqlite_utils import Database

# Each entry is one migration, run in one transaction together with the version bump (database.migrate_schema).
# A migration that adds tables, columns or indexes is SQL. One that reshapes a table (drops or renames a column,
# changes a type, NOT NULL or a default: what ALTER TABLE cannot do) is a function over a sqlite_utils.Database
# that calls `reshape`. A migration that has shipped is never edited: the next one changes what it did.
Migration = str | Callable[["Database"], None]


def reshape(db: Database, name: str, **changes: Any) -> None:
    """`db[name].transform(**changes)` (sqlite-utils' create-copy-drop-rename), inside the migration's transaction.

    Table.transform() itself runs its statements under `with conn:` on sqlite-utils 3.x, which commits the
    migration's open transaction half-way (before the version bump); its statements (`transform_sql`) are run here
    instead. It also refuses to carry a partial index across a dropped or renamed column (4.x): such indexes are
    taken off first and created again from their own SQL afterwards (which fails, and rolls the migration back, if
    they name a column that is gone).
    """
    table = db.table(name)
    partial = [
        (index.name, db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                [index.name]).fetchone()[0])
        for index in table.indexes
        if index.partial
    ]
    for index_name, _ in partial:
        db.execute('DROP INDEX "{}"'.format(index_name.replace('"', '""')))
    for statement in table.transform_sql(**changes):
        db.execute(statement)
    for _, sql in partial:
        db.execute(sql)


def _notified_keeps_the_event_only(db: Database) -> None:
    """7: until 9f261bd migration 4 also added `notified.kind` and `notified.subject_id` (the log keeps the event,
    not copies of its kind and subject): a profile created in between still has them. Drop them, so every store
    at this version has the same tables whichever way it got here; other stores only take the version bump."""
    stale = [column for column in ("kind", "subject_id") if column in db.table("notified").columns_dict]
    if stale:
        reshape(db, "notified", drop=stale)


MIGRATIONS: list[Migration] = [
    # 1: everything the first client version needs
    """
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE cursors (scope TEXT PRIMARY KEY, seq INTEGER NOT NULL);

    CREATE TABLE departments (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '', head_id TEXT,
        _scope TEXT NOT NULL);
    CREATE TABLE people (
        id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL,
        display_name_en TEXT NOT NULL DEFAULT '', role TEXT NOT NULL, department_id TEXT,
        active INTEGER NOT NULL DEFAULT 1, _scope TEXT NOT NULL);
    CREATE INDEX ix_people_username ON people(username);

    CREATE TABLE conversations (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', department_id TEXT,
        created_by TEXT, created_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced');
    CREATE TABLE conversation_members (
        _id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL,
        present INTEGER NOT NULL, _scope TEXT NOT NULL);
    CREATE INDEX ix_conversation_members_user ON conversation_members(user_id, conversation_id);
    CREATE INDEX ix_conversation_members_conv ON conversation_members(conversation_id);

    CREATE TABLE messages (
        id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, seq INTEGER, author_id TEXT NOT NULL,
        body TEXT NOT NULL, reply_to TEXT, important INTEGER NOT NULL DEFAULT 0,
        mentions TEXT NOT NULL DEFAULT '[]', sent_at TEXT, created_hlc TEXT NOT NULL, edited_at TEXT,
        deleted INTEGER NOT NULL DEFAULT 0,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced', _reason TEXT);
    -- Keyset paging of a conversation's history: newest first by seq; pending rows have no seq yet.
    CREATE INDEX ix_messages_conv_seq ON messages(conversation_id, seq);
    CREATE INDEX ix_messages_pending ON messages(conversation_id, created_hlc) WHERE seq IS NULL;

    CREATE TABLE reactions (
        _id TEXT PRIMARY KEY, message_id TEXT NOT NULL, user_id TEXT NOT NULL, emoji TEXT NOT NULL,
        present INTEGER NOT NULL, _scope TEXT NOT NULL);
    CREATE INDEX ix_reactions_message ON reactions(message_id);
    CREATE TABLE read_markers (
        _id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL,
        _scope TEXT NOT NULL);
    CREATE INDEX ix_read_markers_conv ON read_markers(conversation_id);

    CREATE TABLE spaces (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        department_id TEXT, created_by TEXT, created_at TEXT NOT NULL,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced');
    CREATE TABLE space_members (
        _id TEXT PRIMARY KEY, space_id TEXT NOT NULL, user_id TEXT NOT NULL, present INTEGER NOT NULL,
        _scope TEXT NOT NULL);
    CREATE INDEX ix_space_members_space ON space_members(space_id);
    CREATE INDEX ix_space_members_user ON space_members(user_id, space_id);
    CREATE TABLE tasks (
        id TEXT PRIMARY KEY, space_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        owner_id TEXT, due TEXT, status TEXT NOT NULL, progress INTEGER NOT NULL DEFAULT 0,
        depends_on TEXT NOT NULL DEFAULT '[]', clocks TEXT NOT NULL DEFAULT '{}', created_by TEXT,
        created_at TEXT, updated_at TEXT, deleted INTEGER NOT NULL DEFAULT 0,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced');
    CREATE INDEX ix_tasks_space ON tasks(space_id, status);
    CREATE INDEX ix_tasks_owner ON tasks(owner_id);
    CREATE TABLE task_history (
        id TEXT PRIMARY KEY, task_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT,
        actor_id TEXT, hlc TEXT, outcome TEXT NOT NULL, at TEXT, _scope TEXT NOT NULL);
    CREATE INDEX ix_task_history_task ON task_history(task_id);

    CREATE TABLE articles (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL, author_id TEXT NOT NULL, head_revision_id TEXT, created_at TEXT, updated_at TEXT,
        published_at TEXT, reviewer_id TEXT, review_comment TEXT NOT NULL DEFAULT '',
        like_count INTEGER,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced');
    CREATE TABLE article_revisions (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, parent_id TEXT, base_revision_id TEXT, author_id TEXT,
        title TEXT NOT NULL, body TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT,
        _scope TEXT NOT NULL, _state TEXT NOT NULL DEFAULT 'synced');
    CREATE INDEX ix_article_revisions_article ON article_revisions(article_id, created_at);
    CREATE TABLE article_conflicts (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, base_revision_id TEXT, theirs_revision_id TEXT,
        mine_revision_id TEXT, author_id TEXT, created_at TEXT, resolved_by_revision_id TEXT,
        _scope TEXT NOT NULL);
    CREATE INDEX ix_article_conflicts_article ON article_conflicts(article_id);
    CREATE TABLE article_likes (
        _id TEXT PRIMARY KEY, article_id TEXT NOT NULL, user_id TEXT NOT NULL, present INTEGER NOT NULL,
        hlc TEXT, _scope TEXT NOT NULL);
    CREATE INDEX ix_article_likes_article ON article_likes(article_id);
    CREATE TABLE favorites (
        _id TEXT PRIMARY KEY, article_id TEXT NOT NULL, user_id TEXT NOT NULL, present INTEGER NOT NULL,
        hlc TEXT, _scope TEXT NOT NULL);
    CREATE INDEX ix_favorites_user ON favorites(user_id, article_id);

    -- What the person did that the server has not confirmed yet (or refused: state 'rejected').
    CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, hlc TEXT NOT NULL,
        created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', code TEXT, reason TEXT,
        scope TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '');
    CREATE INDEX ix_outbox_state ON outbox(state, mutation_id);
    CREATE INDEX ix_outbox_scope ON outbox(scope);
    -- Which rows each pending mutation changed locally, to put them back if the server refuses it.
    CREATE TABLE outbox_rows (mutation_id INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (mutation_id, kind, id));
    CREATE INDEX ix_outbox_rows_row ON outbox_rows(kind, id);
    -- The server's version of a row that has local changes on top (restored if the server refuses them).
    CREATE TABLE shadows (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT, scope TEXT,
        PRIMARY KEY (kind, id));

    -- Full-text search: documents (message, task, article) and an FTS5 index of their words, with Chinese
    -- text split into overlapping two-character words so that 审批 is found inside 费用报销审批流程.
    CREATE TABLE search_docs (doc INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL,
        container_id TEXT, at TEXT, UNIQUE (kind, ref_id));
    CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    """,
    # 2: notifications -- which events were already notified (so none notifies twice, across restarts), and the
    # person's notification settings (JSON values of NotificationSettings.to_dict)
    """
    CREATE TABLE notified (event_id TEXT PRIMARY KEY, at TEXT, action TEXT, reason TEXT, read INTEGER);
    CREATE INDEX ix_notified_at ON notified(at);
    CREATE TABLE notification_settings (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 3: marking notifications read looks only at the unread ones
    """
    CREATE INDEX ix_notified_unread ON notified(event_id) WHERE read = 0;
    """,
    # 4: urgent messages and acknowledgements; preferences synced through the user and org scopes; the
    # notification centre remembers what each event was about (task and article events have no message to
    # look back at)
    """
    ALTER TABLE messages ADD COLUMN urgent INTEGER DEFAULT 0;  -- NULL from a server without urgency
    ALTER TABLE messages ADD COLUMN urgent_reason TEXT;
    ALTER TABLE messages ADD COLUMN ack_requested INTEGER DEFAULT 0;
    CREATE INDEX ix_messages_urgent ON messages(author_id) WHERE urgent = 1;
    CREATE TABLE acknowledgements (
        _id TEXT PRIMARY KEY, message_id TEXT NOT NULL, user_id TEXT NOT NULL, at TEXT, _scope TEXT NOT NULL);
    CREATE INDEX ix_acknowledgements_message ON acknowledgements(message_id);
    CREATE TABLE preferences (
        _id TEXT PRIMARY KEY, owner TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, hlc TEXT,
        _scope TEXT NOT NULL);
    ALTER TABLE notified ADD COLUMN event TEXT;
    ALTER TABLE notified ADD COLUMN rule TEXT;
    """,
    # 5: the monthly platform experts the server publishes into the org scope (one row per month; issue 6)
    """
    CREATE TABLE growth_recognitions (
        id TEXT PRIMARY KEY, month TEXT NOT NULL, share REAL, time_zone TEXT, ranked INTEGER, cutoff INTEGER,
        experts TEXT NOT NULL DEFAULT '[]', computed_at TEXT, _scope TEXT NOT NULL);
    """,
    # 6: a queued change's summary also as a template and arguments, so the sync centre can word it in the
    # person's language ("Message to {title}: {text}")
    """
    ALTER TABLE outbox ADD COLUMN summary_template TEXT;
    ALTER TABLE outbox ADD COLUMN summary_args TEXT;
    """,
    # 7: the notified log without the columns an early migration 4 added (a reshape: see the function)
    _notified_keeps_the_event_only,
    # 8: what the server tells a person about their own account (user scope; issue 20: failed sign-ins)
    """
    CREATE TABLE notices (
        id TEXT PRIMARY KEY, topic TEXT NOT NULL, at TEXT, data TEXT NOT NULL DEFAULT '{}', _scope TEXT NOT NULL);
    """,
]


@dataclass(frozen=True)
class KindTable:
    """How the rows of one synced kind are stored: table, key column, and the server's columns."""

    table: str
    key: str  # "id", or "_id" where the wire id joins several columns
    columns: tuple[str, ...]  # the server's fields, in table order
    json_columns: tuple[str, ...] = ()  # lists and dicts stored as JSON text
    has_state: bool = False


KINDS: dict[str, KindTable] = {
    "department": KindTable("departments", "id", ("id", "name", "name_en", "head_id")),
    "person": KindTable(
        "people", "id", ("id", "username", "display_name", "display_name_en", "role", "department_id", "active")
    ),
    "conversation": KindTable(
        "conversations",
        "id",
        ("id", "kind", "title", "department_id", "created_by", "created_at", "last_seq"),
        has_state=True,
    ),
    "conversation_member": KindTable("conversation_members", "_id", ("conversation_id", "user_id", "present")),
    "message": KindTable(
        "messages",
        "id",
        (
            "id", "conversation_id", "seq", "author_id", "body", "reply_to", "important", "mentions",
            "sent_at", "created_hlc", "edited_at", "deleted", "urgent", "urgent_reason", "ack_requested",
        ),
        json_columns=("mentions",),
        has_state=True,
    ),
    "reaction": KindTable("reactions", "_id", ("message_id", "user_id", "emoji", "present")),
    "read_marker": KindTable("read_markers", "_id", ("conversation_id", "user_id", "seq")),
    "space": KindTable(
        "spaces", "id", ("id", "kind", "title", "description", "department_id", "created_by", "created_at"),
        has_state=True,
    ),
    "space_member": KindTable("space_members", "_id", ("space_id", "user_id", "present")),
    "task": KindTable(
        "tasks",
        "id",
        (
            "id", "space_id", "title", "description", "owner_id", "due", "status", "progress", "depends_on",
            "clocks", "created_by", "created_at", "updated_at", "deleted",
        ),
        json_columns=("depends_on", "clocks"),
        has_state=True,
    ),
    "task_history": KindTable(
        "task_history", "id", ("id", "task_id", "field", "old_value", "new_value", "actor_id", "hlc", "outcome", "at"),
        json_columns=("old_value", "new_value"),
    ),
    "article": KindTable(
        "articles",
        "id",
        (
            "id", "title", "category", "tags", "status", "author_id", "head_revision_id", "created_at",
            "updated_at", "published_at", "reviewer_id", "review_comment", "like_count",
        ),
        json_columns=("tags",),
        has_state=True,
    ),
    "article_revision": KindTable(
        "article_revisions", "id",
        ("id", "article_id", "parent_id", "base_revision_id", "author_id", "title", "body", "kind", "created_at"),
        has_state=True,
    ),
    "article_conflict": KindTable(
        "article_conflicts", "id",
        ("id", "article_id", "base_revision_id", "theirs_revision_id", "mine_revision_id", "author_id",
         "created_at", "resolved_by_revision_id"),
    ),
    "article_like": KindTable("article_likes", "_id", ("article_id", "user_id", "present", "hlc")),
    "favorite": KindTable("favorites", "_id", ("article_id", "user_id", "present", "hlc")),
    "acknowledgement": KindTable("acknowledgements", "_id", ("message_id", "user_id", "at")),
    "preference": KindTable("preferences", "_id", ("owner", "key", "value", "hlc"), json_columns=("value",)),
    "notice": KindTable("notices", "id", ("id", "topic", "at", "data"), json_columns=("data",)),
    "growth_recognition": KindTable(
        "growth_recognitions", "id",
        ("id", "month", "share", "time_zone", "ranked", "cutoff", "experts", "computed_at"),
        json_columns=("experts",),
    ),
}
