"""Who may push which mutation, generated from the protocol's list of mutations.

For every name in `sync.protocol.MUTATION_ARGS` there is a well-formed example aimed at things (a
conversation, message, space, task, draft article) that belong to people the caller is not with. Pushed by an
outsider it must be refused; pushed by a member of the conversation and space it must be applied where
membership grants the right, and refused where it does not. A mutation added to the protocol without an
example here fails the matrix.

Every refused example is pushed together with a later valid mutation: the valid one must still apply, and
nobody else's pull may show anything new (a refused mutation changes nothing). The role rules — who reviews
an article, who manages space and group members, who edits and deletes a message — have their own tables.

One live server serves the whole module (starting one and hashing passwords per test is what costs time);
the people are shared, but every test builds its own conversation, space, task and articles.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sync.protocol import MUTATION_ARGS, SCOPE_KB, Role, conversation_scope, department_space_id, new_id
from sync.server import org
from tests.helpers.live_server import LiveServer, running_server
from tests.server.http_helpers import Client, add_people, of_kind

REFUSED = frozenset({"forbidden", "not_found"})
EXISTS = frozenset({"exists"})  # a create aimed at someone else's id: refused without revealing more
APPLIED = "applied"
Expected = frozenset[str] | str

CAST = ("owner", "member", "outsider", "opshead", "enghead", "admin")


@dataclass
class Cast:
    """The signed-in people of the module: owner and member work in ops, outsider in eng; one head each."""

    server: LiveServer
    clients: dict[str, Client]
    ids: dict[str, str]

    def __getitem__(self, name: str) -> Client:
        return self.clients[name]


@dataclass(frozen=True)
class World:
    """What the owner made for one test: a group and a space (with the member and `extra`), a message, a task,
    a draft article and an article waiting for review."""

    extra_id: str  # a person made for this test, in the group and the space
    conversation_id: str
    message_id: str
    space_id: str
    task_id: str
    draft_id: str
    draft_revision_id: str
    review_id: str


@dataclass(frozen=True)
class Case:
    args: Callable[[World, Cast], dict[str, Any]]
    outsider: Expected  # refusal codes accepted from an outsider, or APPLIED where anyone may
    member: Expected  # the same for a member of the group and space (an employee of the owner's department)


MATRIX: dict[str, Case] = {
    # Anyone may start a direct conversation with any active person; its id is made from the two people, so
    # it can never land in a conversation of others (checked: nobody else's pull shows anything).
    "conversation.create_direct": Case(lambda w, c: {"peer_id": w.extra_id}, APPLIED, APPLIED),
    "conversation.create_group": Case(
        lambda w, c: {"id": w.conversation_id, "title": "Taken over", "member_ids": []}, EXISTS, EXISTS
    ),
    "conversation.rename": Case(
        lambda w, c: {"conversation_id": w.conversation_id, "title": "Renamed"}, REFUSED, APPLIED
    ),
    "conversation.add_member": Case(
        lambda w, c: {"conversation_id": w.conversation_id, "user_id": c.ids["opshead"]}, REFUSED, APPLIED
    ),
    # Removing someone else is for the group's creator (or an admin) only.
    "conversation.remove_member": Case(
        lambda w, c: {"conversation_id": w.conversation_id, "user_id": w.extra_id}, REFUSED, {"forbidden"}
    ),
    "message.send": Case(
        lambda w, c: {"id": new_id(), "conversation_id": w.conversation_id, "body": "let me in"}, REFUSED, APPLIED
    ),
    # Editing and deleting are for the author only, members included.
    "message.edit": Case(lambda w, c: {"id": w.message_id, "body": "rewritten"}, REFUSED, {"forbidden"}),
    "message.delete": Case(lambda w, c: {"id": w.message_id}, REFUSED, {"forbidden"}),
    "message.react": Case(lambda w, c: {"message_id": w.message_id, "emoji": "👍", "present": True}, REFUSED, APPLIED),
    "read.mark": Case(lambda w, c: {"conversation_id": w.conversation_id, "seq": 1}, REFUSED, APPLIED),
    # Acknowledging needs membership, and a message that asks for it (the example's message does not).
    "message.acknowledge": Case(lambda w, c: {"message_id": w.message_id}, REFUSED, {"not_requested"}),
    # A person's own preferences go to their own scope only; the organisation's default is for admins.
    "preference.set": Case(lambda w, c: {"key": "notifications", "value": {"sound": False}}, APPLIED, APPLIED),
    "space.create": Case(lambda w, c: {"id": w.space_id, "title": "Taken over"}, EXISTS, EXISTS),
    # Managing members is for the space's creator, or a head or admin who is a member.
    "space.add_member": Case(
        lambda w, c: {"space_id": w.space_id, "user_id": c.ids["opshead"]}, REFUSED, {"forbidden"}
    ),
    "space.remove_member": Case(lambda w, c: {"space_id": w.space_id, "user_id": w.extra_id}, REFUSED, {"forbidden"}),
    "task.create": Case(lambda w, c: {"id": new_id(), "space_id": w.space_id, "title": "Sneaky"}, REFUSED, APPLIED),
    "task.update": Case(lambda w, c: {"id": w.task_id, "fields": {"title": "Changed"}}, REFUSED, APPLIED),
    # Deleting is for the task's or the space's creator, a head or an admin.
    "task.delete": Case(lambda w, c: {"id": w.task_id}, REFUSED, {"forbidden"}),
    "article.create": Case(
        lambda w, c: {"id": w.draft_id, "title": "Taken over", "revision_id": new_id()}, EXISTS, EXISTS
    ),
    # A draft is the author's and their reviewers' only: to anyone else it does not exist.
    "article.edit": Case(
        lambda w, c: {
            "id": w.draft_id,
            "revision_id": new_id(),
            "base_revision_id": w.draft_revision_id,
            "body": "rewritten",
        },
        REFUSED,
        {"not_found"},
    ),
    "article.submit": Case(lambda w, c: {"id": w.draft_id}, REFUSED, {"not_found"}),
    "article.review": Case(lambda w, c: {"id": w.review_id, "decision": "approve"}, REFUSED, {"not_found"}),
    "article.favorite": Case(lambda w, c: {"id": w.draft_id, "present": True}, REFUSED, {"not_found"}),
    "article.like": Case(lambda w, c: {"id": w.draft_id, "present": True}, REFUSED, {"not_found"}),
}


# ------------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path: Path = tmp_path_factory.mktemp("mutation-authz") / "server.db"
    with running_server(path) as server:
        yield server


@pytest.fixture(scope="module")
def cast(live: LiveServer) -> Iterator[Cast]:
    with live.db.write() as conn:
        ctx = org.system_context(conn)
        org.create_department(ctx, "ops", "运营部", "Operations")
        org.create_department(ctx, "eng", "研发部", "Engineering")
    add_people(live.db, "owner", "member", department="ops")
    add_people(live.db, "outsider", department="eng")
    add_people(live.db, "opshead", role=Role.HEAD, department="ops")
    add_people(live.db, "enghead", role=Role.HEAD, department="eng")
    add_people(live.db, "admin", role=Role.ADMIN)
    clients: dict[str, Client] = {}
    try:
        for name in CAST:
            clients[name] = Client.sign_in(live.url, name)
        yield Cast(live, clients, {name: client.user_id for name, client in clients.items()})
    finally:
        for client in clients.values():
            client.close()


def build_world(cast: Cast, in_group: tuple[str, ...] = (), in_space: tuple[str, ...] = ()) -> World:
    """The owner's things for one test; afterwards everyone has pulled, so later pulls show only news."""
    with cast.server.db.write() as conn:
        # Never signs in: an unusable password hash spares the ~0.4 s of hashing a real one.
        extra_id = org.add_user(org.system_context(conn), f"extra-{uuid.uuid4().hex[:12]}", None, password_hash="!")
    world = World(
        extra_id=extra_id,
        conversation_id=new_id(),
        message_id=new_id(),
        space_id=new_id(),
        task_id=new_id(),
        draft_id=new_id(),
        draft_revision_id=new_id(),
        review_id=new_id(),
    )
    owner = cast["owner"]
    group_members = [cast.ids["member"], extra_id, *(cast.ids[name] for name in in_group)]
    space_members = [cast.ids["member"], extra_id, *(cast.ids[name] for name in in_space)]
    m = owner.mutation
    results = owner.push(
        m("conversation.create_group", id=world.conversation_id, title="Private", member_ids=group_members),
        m("message.send", id=world.message_id, conversation_id=world.conversation_id, body="for members only"),
        m("space.create", id=world.space_id, title="Private space", member_ids=space_members),
        m("task.create", id=world.task_id, space_id=world.space_id, title="Private task"),
        m("article.create", id=world.draft_id, title="Draft", body="draft body", revision_id=world.draft_revision_id),
        m("article.create", id=world.review_id, title="Waiting", body="review body", revision_id=new_id()),
        m("article.submit", id=world.review_id),
    )
    assert [r["status"] for r in results] == [APPLIED] * len(results), results
    for client in cast.clients.values():
        client.pull_all()
    return world


# ------------------------------------------------------------------------------------------- checking


def push_then_valid(caller: Client, name: str, args: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Push `name` followed in the same batch by a valid mutation of the caller's own (a new group).

    Returns the first result; asserts the second applied and returns the id of the group it made.
    """
    own_group = new_id()
    first, second = caller.push(
        caller.mutation(name, **args),
        caller.mutation("conversation.create_group", id=own_group, title="My own"),
    )
    assert second["status"] == APPLIED, second
    return first, own_group


def assert_outcome(
    cast: Cast, caller_name: str, name: str, args: dict[str, Any], expected: Expected
) -> dict[str, list[dict[str, Any]]]:
    """Push as `caller_name` and check the answer and its effect; returns what each person pulled after it."""
    MUTATION_ARGS[name].model_validate(args)  # well-formed: only the caller's rights decide the answer
    caller = cast[caller_name]
    result, own_group = push_then_valid(caller, name, args)
    news = {who: pull_news(client) for who, client in cast.clients.items()}
    news[caller_name] = [c for c in news[caller_name] if c["scope"] != conversation_scope(own_group)]
    if expected == APPLIED:
        assert result["status"] == APPLIED, (name, caller_name, result)
        # Someone sees the effect: the caller, or (say for an admin acting from outside) the owner and members.
        assert any(news.values()), f"{name} by {caller_name} was applied but nobody sees a change"
    else:
        assert result["status"] == "rejected", (name, caller_name, result)
        assert result["code"] in expected and result["reason"], (name, caller_name, result)
        assert news == {who: [] for who in cast.clients}, f"a refused {name} by {caller_name} changed something"
    return news


def pull_news(client: Client) -> list[dict[str, Any]]:
    """Pull until up to date: the changes, and a {"scope": …, "revoked": True} entry per scope lost."""
    found: list[dict[str, Any]] = []
    while True:
        page = client.pull_page()
        found.extend(page["changes"])
        found.extend({"scope": scope, "revoked": True} for scope in page["revoked"])
        if not page["more"]:
            return found


# --------------------------------------------------------------------------------------------- matrix


def test_the_matrix_covers_exactly_the_protocols_mutations() -> None:
    assert sorted(MATRIX) == sorted(MUTATION_ARGS)


@pytest.mark.parametrize("name", sorted(MUTATION_ARGS))
def test_an_outsider_cannot_touch_what_belongs_to_others(cast: Cast, name: str) -> None:
    assert name in MATRIX, f"no example for the mutation {name}: add one to MATRIX"
    world = build_world(cast)
    case = MATRIX[name]
    news = assert_outcome(cast, "outsider", name, case.args(world, cast), case.outsider)
    assert all(changes == [] for who, changes in news.items() if who != "outsider")


@pytest.mark.parametrize("name", sorted(MUTATION_ARGS))
def test_a_member_gets_what_membership_grants(cast: Cast, name: str) -> None:
    assert name in MATRIX, f"no example for the mutation {name}: add one to MATRIX"
    world = build_world(cast)
    case = MATRIX[name]
    assert_outcome(cast, "member", name, case.args(world, cast), case.member)


# ------------------------------------------------------------------------------------------ role rules


@pytest.mark.parametrize(
    ("reviewer", "expected"),
    [
        ("member", REFUSED),  # an employee of the author's department
        ("enghead", REFUSED),  # the head of another department
        ("opshead", APPLIED),  # the head of the author's department
        ("admin", APPLIED),
    ],
)
def test_who_may_review_an_article(cast: Cast, reviewer: str, expected: Expected) -> None:
    world = build_world(cast)
    news = assert_outcome(cast, reviewer, "article.review", {"id": world.review_id, "decision": "approve"}, expected)
    if expected == APPLIED:
        # Published: now in the knowledge base, which everyone pulls.
        published = [c for c in of_kind(news["outsider"], "article") if c["id"] == world.review_id]
        assert [(c["scope"], c["data"]["status"]) for c in published] == [(SCOPE_KB, "published")]


@pytest.mark.parametrize(
    ("actor", "action", "in_space", "expected"),
    [
        ("owner", "add", False, APPLIED),  # the space's creator
        ("member", "add", False, {"forbidden"}),  # an employee member
        ("opshead", "add", True, APPLIED),  # a head who is a member
        ("opshead", "add", False, {"forbidden"}),  # a head who is not: heads and admins must be members too
        ("admin", "add", True, APPLIED),
        ("admin", "add", False, {"forbidden"}),
        ("owner", "remove", False, APPLIED),
        ("member", "remove", False, {"forbidden"}),
        ("opshead", "remove", True, APPLIED),
        ("member", "leave", False, APPLIED),  # anyone may leave
        ("outsider", "leave", False, {"forbidden"}),  # "leaving" a space one is not in
        ("outsider", "add", False, REFUSED),
    ],
)
def test_who_may_manage_space_members(cast: Cast, actor: str, action: str, in_space: bool, expected: Expected) -> None:
    world = build_world(cast, in_space=(actor,) if in_space else ())
    name, user = {
        "add": ("space.add_member", cast.ids["enghead"]),
        "remove": ("space.remove_member", world.extra_id),
        "leave": ("space.remove_member", cast.ids[actor]),
    }[action]
    assert_outcome(cast, actor, name, {"space_id": world.space_id, "user_id": user}, expected)


@pytest.mark.parametrize("actor", ["owner", "admin", "opshead"])
def test_department_space_members_follow_the_org_chart(cast: Cast, actor: str) -> None:
    build_world(cast)
    args = {"space_id": department_space_id("ops"), "user_id": cast.ids["outsider"]}
    assert_outcome(cast, actor, "space.add_member", args, {"forbidden"})


@pytest.mark.parametrize(
    ("actor", "action", "in_group", "expected"),
    [
        ("owner", "remove", False, APPLIED),  # the group's creator
        ("admin", "remove", False, APPLIED),  # an admin, even from outside
        ("member", "remove", False, {"forbidden"}),  # a member who did not create it
        ("opshead", "remove", True, {"forbidden"}),  # a head is no one special in a group
        ("outsider", "remove", False, REFUSED),
        ("member", "leave", False, APPLIED),  # anyone may leave
    ],
)
def test_who_may_remove_group_members(cast: Cast, actor: str, action: str, in_group: bool, expected: Expected) -> None:
    world = build_world(cast, in_group=(actor,) if in_group else ())
    user = world.extra_id if action == "remove" else cast.ids[actor]
    args = {"conversation_id": world.conversation_id, "user_id": user}
    assert_outcome(cast, actor, "conversation.remove_member", args, expected)


@pytest.mark.parametrize("name", ["message.edit", "message.delete"])
@pytest.mark.parametrize(
    ("actor", "in_group", "expected"),
    [
        ("owner", False, APPLIED),  # the author
        ("member", False, {"forbidden"}),
        ("admin", True, {"forbidden"}),  # not even an admin who is in the group
        ("outsider", False, REFUSED),
    ],
)
def test_only_the_author_edits_or_deletes_a_message(
    cast: Cast, name: str, actor: str, in_group: bool, expected: Expected
) -> None:
    world = build_world(cast, in_group=(actor,) if in_group else ())
    args: dict[str, Any] = {"id": world.message_id}
    if name == "message.edit":
        args["body"] = "rewritten"
    assert_outcome(cast, actor, name, args, expected)


def test_a_refusal_inside_a_run_of_valid_mutations_undoes_only_itself(cast: Cast) -> None:
    world = build_world(cast)
    member = cast["member"]
    first, second = new_id(), new_id()
    m = member.mutation
    results = member.push(
        m("message.send", id=first, conversation_id=world.conversation_id, body="one"),
        m("message.edit", id=world.message_id, body="not mine to edit"),
        m("message.send", id=second, conversation_id=world.conversation_id, body="two"),
        m("message.delete", id=world.message_id),
        m("message.send", id=new_id(), conversation_id=world.conversation_id, body="three", reply_to=first),
    )
    assert [(r["status"], r.get("code")) for r in results] == [
        (APPLIED, None),
        ("rejected", "forbidden"),
        (APPLIED, None),
        ("rejected", "forbidden"),
        (APPLIED, None),
    ]
    seen = of_kind(cast["owner"].pull_all(), "message")
    assert sorted(c["data"]["body"] for c in seen) == ["one", "three", "two"]
    assert [c["data"]["seq"] for c in sorted(seen, key=lambda c: c["data"]["seq"])] == [2, 3, 4]
    assert world.message_id not in {c["id"] for c in seen}  # the owner's message was not touched
