"""Limits and enumerations of the wire protocol that the client core checks before queueing an action.

app/ may not import sync/, so the few values services need are mirrored here; tests/app/test_services.py
compares them with sync/protocol.py so the two can never drift apart silently.
"""

from __future__ import annotations

MAX_MESSAGE_BYTES = 256 * 1024  # a message body, UTF-8 encoded
MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # an article body or a task description, UTF-8 encoded
MAX_TITLE_CHARS = 300
MAX_CATEGORY_CHARS = 60
MAX_TAG_CHARS = 40
MAX_TAGS = 30
MAX_EMOJI_CHARS = 32
MAX_MEMBERS = 1000  # people named when creating a group or a space
MAX_MENTIONS = 200
MAX_DEPENDENCIES = 100
MAX_REVIEW_COMMENT_CHARS = 4000

TASK_STATUSES = ("todo", "in_progress", "in_review", "done")
TASK_FIELDS = ("title", "description", "owner_id", "due", "status", "progress", "depends_on")
ARTICLE_STATUSES = ("draft", "in_review", "published")
CONVERSATION_KINDS = ("direct", "group", "department")
URGENT_DAILY_QUOTA = 3  # urgent messages one sender may send in any 24 hours
URGENT_WINDOW_HOURS = 24
MAX_URGENT_REASON_CHARS = 200
MAX_PREFERENCE_BYTES = 64 * 1024
