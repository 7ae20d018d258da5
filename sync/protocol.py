"""The wire protocol shared by the Atrium client and the reference server (API version /v1).

Everything that crosses the network is described here: the request and reply bodies, the names of the
mutations a client may push with the shape of their arguments, the scope names that decide visibility, the
hybrid logical clock that orders concurrent edits, and the id of the one direct conversation between two
people. The server validates with these models; the client uses the same models to build requests and to
refuse a malformed reply instead of storing it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The clock and ids are part of the protocol; they live in app/ because the client core makes them offline.
from app.hlc import HLC_PATTERN
from app.hlc import ZERO_CLOCK as ZERO_CLOCK
from app.hlc import HybridClock as HybridClock
from app.hlc import Timestamp as Timestamp
from app.ids import department_conversation_id as department_conversation_id
from app.ids import department_space_id as department_space_id
from app.ids import direct_conversation_id as direct_conversation_id
from app.ids import new_id as new_id

API_PREFIX = "/v1"
PROTOCOL_VERSION = 1

# Limits the server enforces; the client checks them before queueing so the user hears it at once.
MAX_MESSAGE_BYTES = 256 * 1024
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
MAX_TITLE_CHARS = 300
MAX_PUSH_BATCH = 1000
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 1000
MAX_REQUEST_BYTES = 8 * 1024 * 1024
MAX_SQL_INT = 2**63 - 1  # ids and cursors are stored as 64-bit integers
# Urgent messages get through everyone's quiet time, so each sender has a small allowance: this many in any
# 24 hours, each with a reason the recipients see.
URGENT_DAILY_QUOTA = 3
URGENT_WINDOW_HOURS = 24
MAX_URGENT_REASON_CHARS = 200
MAX_PREFERENCE_BYTES = 64 * 1024


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Lenient(BaseModel):
    """Replies: a newer server may add fields; an older client ignores them."""

    model_config = ConfigDict(extra="ignore")


Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Clock = Annotated[str, StringConstraints(pattern=HLC_PATTERN)]


# ---------------------------------------------------------------------------------------------- roles


class Role(StrEnum):
    EMPLOYEE = "employee"
    HEAD = "head"
    ADMIN = "admin"


class TaskStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    IN_REVIEW = "in_review"
    DONE = "done"


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


class ConversationKind(StrEnum):
    DIRECT = "direct"
    GROUP = "group"
    DEPARTMENT = "department"


class SpaceKind(StrEnum):
    PROJECT = "project"
    DEPARTMENT = "department"


# --------------------------------------------------------------------------------------------- scopes
# A scope is a unit of visibility: the client keeps one cursor per scope and the server only ever sends
# changes from scopes the caller may see.

SCOPE_ORG = "org"  # departments and people: every active account
SCOPE_KB = "kb"  # published articles, their revisions and likes: every active account


def user_scope(user_id: str) -> str:
    """The person's own data: settings, favorites, the server's notices about the account."""
    return f"user:{user_id}"


def conversation_scope(conversation_id: str) -> str:
    return f"conv:{conversation_id}"


def space_scope(space_id: str) -> str:
    return f"space:{space_id}"


def drafts_scope(author_id: str) -> str:
    """Unpublished articles of one author: the author, admins and the author's department head."""
    return f"drafts:{author_id}"


def parse_scope(scope: str) -> tuple[str, str | None]:
    """Split "conv:abc" into ("conv", "abc"); "org" into ("org", None)."""
    kind, sep, rest = scope.partition(":")
    return (kind, rest) if sep else (kind, None)


# ------------------------------------------------------------------------------------------------ ids

# ----------------------------------------------------------------------------------------------- auth


class LoginRequest(_Wire):
    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device: Annotated[str, StringConstraints(max_length=128)] = ""


class RefreshRequest(_Wire):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class UserInfo(_Lenient):
    id: str
    username: str
    display_name: str
    role: Role
    department_id: str | None = None


class TokenReply(_Lenient):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int  # seconds until the access token expires
    client_id: str  # the id this session must use in pushes
    user: UserInfo


class HealthReply(_Lenient):
    status: Literal["ok"]
    instance_id: str
    protocol: int
    server_time: str


class ErrorReply(_Lenient):
    """Every 4xx/5xx body: a stable machine-readable code and a sentence for people."""

    error: str
    detail: str


# ----------------------------------------------------------------------------------------------- push


class Mutation(_Wire):
    mutation_id: Annotated[int, Field(ge=1, le=MAX_SQL_INT)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    args: dict[str, Any]
    hlc: Clock


class PushRequest(_Wire):
    client_id: Id
    mutations: Annotated[list[Mutation], Field(max_length=MAX_PUSH_BATCH)]


class MutationStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class MutationResult(_Lenient):
    mutation_id: int
    status: MutationStatus
    reason: str | None = None  # set when rejected: what a person should read
    code: str | None = None  # set when rejected: stable machine-readable kind


class PushReply(_Lenient):
    results: list[MutationResult]
    server_time: str


# ----------------------------------------------------------------------------------------------- pull


class PullRequest(_Wire):
    cursors: dict[Annotated[str, StringConstraints(max_length=128)], Annotated[int, Field(ge=0, le=MAX_SQL_INT)]] = {}
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT


class ChangeOp(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class Change(_Lenient):
    """One row's newest state in one scope. A delete names only kind and id.

    A delete removes the local row only if the row still belongs to the same scope: an article that moved
    from a drafts scope to the knowledge base is deleted from one and upserted into the other, and the
    client may see either first.
    """

    scope: str
    seq: int
    kind: str
    id: str
    op: ChangeOp
    data: dict[str, Any] | None = None


class PullReply(_Lenient):
    changes: list[Change]
    cursors: dict[str, int]  # the new cursor of every scope this reply covers
    granted: list[str]  # scopes the caller may now see and did not name: pulled from zero
    revoked: list[str]  # scopes the caller named but may no longer see: purge them locally
    more: bool  # another pull would return more changes


class Poke(_Lenient):
    """What the live channel says: scope `scope` has changes up to `seq`; pull it."""

    scope: str
    seq: int


# ------------------------------------------------------------------------------------ change kinds (data)
# The names of the rows a pull carries, so the client's apply step and the server agree.

KIND_DEPARTMENT = "department"
KIND_PERSON = "person"
KIND_CONVERSATION = "conversation"
KIND_CONVERSATION_MEMBER = "conversation_member"
KIND_MESSAGE = "message"
KIND_REACTION = "reaction"
KIND_READ_MARKER = "read_marker"
KIND_SPACE = "space"
KIND_SPACE_MEMBER = "space_member"
KIND_TASK = "task"
KIND_TASK_HISTORY = "task_history"
KIND_ARTICLE = "article"
KIND_ARTICLE_REVISION = "article_revision"
KIND_ARTICLE_CONFLICT = "article_conflict"
KIND_ARTICLE_LIKE = "article_like"
KIND_FAVORITE = "favorite"
KIND_ACKNOWLEDGEMENT = "acknowledgement"  # a recipient confirmed an important message ("5 of 8 acknowledged")
KIND_PREFERENCE = "preference"  # a person's settings (user scope) or the organisation's defaults (org scope)
# Something the server tells a person about their own account (user scope), e.g. a burst of failed sign-ins:
# {"id", "topic", "at", "data": {...}}; a client that does not know a topic ignores it.
KIND_NOTICE = "notice"
NOTICE_FAILED_SIGN_INS = "failed_sign_ins"  # data: failures, addresses, latest_address, since

# The preferences that sync; the value of each is a JSON object the client understands.
PREFERENCE_KEYS = ("notifications",)

# ------------------------------------------------------------------------------------ mutation arguments

Text = Annotated[str, StringConstraints(max_length=MAX_ARTICLE_BYTES)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE_CHARS)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Emoji = Annotated[str, StringConstraints(min_length=1, max_length=32)]


class CreateDirect(_Wire):
    peer_id: Id


class CreateGroup(_Wire):
    id: Id
    title: Title
    member_ids: Annotated[list[Id], Field(max_length=1000)] = []


class RenameConversation(_Wire):
    conversation_id: Id
    title: Title


class ConversationMember(_Wire):
    conversation_id: Id
    user_id: Id


class SendMessage(_Wire):
    id: Id
    conversation_id: Id
    body: Annotated[str, StringConstraints(min_length=1)]
    reply_to: Id | None = None
    important: bool = False
    mentions: Annotated[list[Id], Field(max_length=200)] = []
    # Urgent: gets through the recipients' quiet time; needs a reason and counts against URGENT_DAILY_QUOTA.
    urgent: bool = False
    urgent_reason: Annotated[str, StringConstraints(max_length=MAX_URGENT_REASON_CHARS)] | None = None
    ack_requested: bool = False  # recipients are asked to acknowledge it (important or urgent messages)


class AcknowledgeMessage(_Wire):
    message_id: Id


class SetPreference(_Wire):
    key: Literal["notifications"]
    # "user": my own choices, synced to my devices; "org": the organisation's default (admins only).
    level: Literal["user", "org"] = "user"
    value: dict[str, Any]


class EditMessage(_Wire):
    id: Id
    body: Annotated[str, StringConstraints(min_length=1)]


class DeleteMessage(_Wire):
    id: Id


class SetReaction(_Wire):
    message_id: Id
    emoji: Emoji
    present: bool


class MarkRead(_Wire):
    conversation_id: Id
    seq: Annotated[int, Field(ge=0)]


class CreateSpace(_Wire):
    id: Id
    title: Title
    description: Text = ""
    member_ids: Annotated[list[Id], Field(max_length=1000)] = []


class SpaceMember(_Wire):
    space_id: Id
    user_id: Id


class CreateTask(_Wire):
    id: Id
    space_id: Id
    title: Title
    description: Text = ""
    owner_id: Id | None = None
    due: date | None = None
    status: TaskStatus = TaskStatus.TODO
    progress: Annotated[int, Field(ge=0, le=100)] = 0
    depends_on: Annotated[list[Id], Field(max_length=100)] = []


class TaskFields(_Wire):
    """The fields of a task that can be edited; each one is merged on its own (last writer by clock wins)."""

    title: Title | None = None
    description: Text | None = None
    owner_id: Id | None = None
    due: date | None = None
    status: TaskStatus | None = None
    progress: Annotated[int, Field(ge=0, le=100)] | None = None
    depends_on: Annotated[list[Id], Field(max_length=100)] | None = None


TASK_FIELDS = tuple(TaskFields.model_fields)


class UpdateTask(_Wire):
    id: Id
    # Only the fields present are changed; an explicit null clears owner_id or due.
    fields: dict[str, Any]


class DeleteTask(_Wire):
    id: Id


class CreateArticle(_Wire):
    id: Id
    title: Title
    body: Text = ""
    category: Annotated[str, StringConstraints(max_length=60)] = ""
    tags: Annotated[list[Tag], Field(max_length=30)] = []
    revision_id: Id  # the id of the first revision, made by the client


class EditArticle(_Wire):
    id: Id
    revision_id: Id  # the id of the revision this edit creates, made by the client
    base_revision_id: Id  # the revision the author was looking at when editing
    title: Title | None = None
    body: Text
    category: Annotated[str, StringConstraints(max_length=60)] | None = None
    tags: Annotated[list[Tag], Field(max_length=30)] | None = None
    resolves_conflict_id: Id | None = None


class ArticleRef(_Wire):
    id: Id


class ReviewArticle(_Wire):
    id: Id
    decision: Literal["approve", "reject"]
    comment: Annotated[str, StringConstraints(max_length=4000)] = ""


class SetArticleFlag(_Wire):
    id: Id
    present: bool


MUTATION_ARGS: dict[str, type[_Wire]] = {
    "conversation.create_direct": CreateDirect,
    "conversation.create_group": CreateGroup,
    "conversation.rename": RenameConversation,
    "conversation.add_member": ConversationMember,
    "conversation.remove_member": ConversationMember,
    "message.send": SendMessage,
    "message.edit": EditMessage,
    "message.delete": DeleteMessage,
    "message.react": SetReaction,
    "message.acknowledge": AcknowledgeMessage,
    "read.mark": MarkRead,
    "space.create": CreateSpace,
    "space.add_member": SpaceMember,
    "space.remove_member": SpaceMember,
    "task.create": CreateTask,
    "task.update": UpdateTask,
    "task.delete": DeleteTask,
    "article.create": CreateArticle,
    "article.edit": EditArticle,
    "article.submit": ArticleRef,
    "article.review": ReviewArticle,
    "article.favorite": SetArticleFlag,
    "article.like": SetArticleFlag,
    "preference.set": SetPreference,
}


class Rejection(Exception):
    """A mutation that cannot be applied, with a reason a person can read (and a stable code)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
