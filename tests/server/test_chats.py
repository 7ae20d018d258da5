"""Chat mutations on the server: conversations, members, messages, reactions, read markers, readers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from sync.protocol import (
    KIND_CONVERSATION,
    KIND_CONVERSATION_MEMBER,
    KIND_MESSAGE,
    KIND_REACTION,
    KIND_READ_MARKER,
    MAX_MESSAGE_BYTES,
    ConversationKind,
    Rejection,
    Role,
    conversation_scope,
    department_conversation_id,
    direct_conversation_id,
)
from sync.server.access import visible_scopes
from sync.server.changes import Actor, WriteContext
from sync.server.db import Database, changes, conversations, loads, messages, users
from sync.server.mutations import apply_mutation
from sync.server.mutations.chats import create_conversation, readers_of

# ------------------------------------------------------------------------------------------------ helpers


def do(people: Any, actor: Actor, name: str, hlc: str | None = None, **args: Any) -> WriteContext:
    """Apply one mutation in its own transaction, as one push of one mutation would."""
    with people.acting(actor) as ctx:
        if hlc is not None:
            ctx.hlc = hlc
        apply_mutation(ctx, name, args)
        return ctx


def rejected(people: Any, actor: Actor, name: str, **args: Any) -> Rejection:
    with pytest.raises(Rejection) as caught:
        do(people, actor, name, **args)
    return caught.value


def logged(db: Database, cid: str, kind: str | None = None) -> dict[str, dict[str, Any]]:
    """The change log of a conversation's scope: entity id -> data (None for a delete)."""
    query = select(changes.c.kind, changes.c.entity_id, changes.c.data).where(
        changes.c.scope == conversation_scope(cid)
    )
    with db.read() as conn:
        return {eid: loads(data) for k, eid, data in conn.execute(query) if kind is None or k == kind}


def log_size(db: Database) -> int:
    with db.read() as conn:
        return len(conn.execute(select(changes.c.seq)).all())


def message_row(db: Database, message_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return dict(conn.execute(select(messages).where(messages.c.id == message_id)).one()._mapping)


def last_seq(db: Database, cid: str) -> int:
    with db.read() as conn:
        return conn.execute(select(conversations.c.last_seq).where(conversations.c.id == cid)).scalar_one()


def scopes(db: Database, actor: Actor) -> set[str]:
    with db.read() as conn:
        return visible_scopes(conn, actor)


def deactivate(db: Database, actor: Actor) -> None:
    with db.write() as conn:
        conn.execute(update(users).where(users.c.id == actor.id).values(active=False))


@pytest.fixture
def trio(people: Any) -> tuple[Actor, Actor, Actor]:
    return people.add("alice"), people.add("bob"), people.add("carol")


@pytest.fixture
def group(people: Any, trio: tuple[Actor, Actor, Actor]) -> str:
    """A group made by alice with bob in it (carol is outside)."""
    alice, bob, _ = trio
    do(people, alice, "conversation.create_group", id="g1", title="Launch", member_ids=[bob.id])
    return "g1"


def send(people: Any, actor: Actor, mid: str, cid: str = "g1", body: str = "hello", **extra: Any) -> None:
    do(people, actor, "message.send", id=mid, conversation_id=cid, body=body, **extra)


# ------------------------------------------------------------------------------------------ conversations


def test_direct_conversation_is_the_same_from_both_sides(db: Database, people: Any, trio: Any) -> None:
    alice, bob, _ = trio
    cid = direct_conversation_id(alice.id, bob.id)
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    before = log_size(db)
    do(people, bob, "conversation.create_direct", peer_id=alice.id)  # bob started it offline too
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    assert log_size(db) == before  # nothing changed, nothing emitted

    log = logged(db, cid)
    assert log[cid]["kind"] == "direct"
    assert log[cid]["title"] == ""
    assert log[cid]["last_seq"] == 0
    assert log[f"{cid}:{alice.id}"] == {"conversation_id": cid, "user_id": alice.id, "present": True}
    assert log[f"{cid}:{bob.id}"]["present"] is True
    assert conversation_scope(cid) in scopes(db, alice)
    assert conversation_scope(cid) in scopes(db, bob)


def test_direct_conversation_needs_another_active_person(db: Database, people: Any, trio: Any) -> None:
    alice, bob, _ = trio
    assert rejected(people, alice, "conversation.create_direct", peer_id=alice.id).code == "invalid_arguments"
    assert rejected(people, alice, "conversation.create_direct", peer_id="nobody").code == "unknown_user"
    deactivate(db, bob)
    refusal = rejected(people, alice, "conversation.create_direct", peer_id=bob.id)
    assert refusal.code == "unknown_user"
    assert bob.id in refusal.reason


def test_create_group_makes_members_and_emits(db: Database, people: Any, trio: Any) -> None:
    alice, bob, carol = trio
    do(
        people,
        alice,
        "conversation.create_group",
        id="g1",
        title="  Launch  ",
        member_ids=[bob.id, carol.id, bob.id, alice.id],
    )
    log = logged(db, "g1")
    assert log["g1"] == {
        "id": "g1",
        "kind": "group",
        "title": "Launch",
        "department_id": None,
        "created_by": alice.id,
        "created_at": "2026-11-22T08:00:00+00:00",
        "last_seq": 0,
    }
    members = {k: v for k, v in log.items() if k != "g1"}
    assert set(members) == {f"g1:{u.id}" for u in trio}
    assert all(m["present"] is True for m in members.values())
    assert all(conversation_scope("g1") in scopes(db, u) for u in trio)


def test_create_group_refusals(db: Database, people: Any, trio: Any) -> None:
    alice, bob, carol = trio
    deactivate(db, carol)
    refusal = rejected(
        people, alice, "conversation.create_group", id="g1", title="x", member_ids=[bob.id, carol.id, "ghost"]
    )
    assert refusal.code == "unknown_user"
    assert carol.id in refusal.reason and "ghost" in refusal.reason and bob.id not in refusal.reason

    do(people, alice, "conversation.create_group", id="g1", title="x", member_ids=[bob.id])
    assert rejected(people, bob, "conversation.create_group", id="g1", title="y").code == "exists"
    assert rejected(people, alice, "conversation.create_group", id="g2", title="   ").code == "invalid_arguments"
    assert rejected(people, alice, "conversation.create_group", id="g2", title="").code == "invalid_arguments"


def test_group_cannot_take_a_direct_or_department_id(db: Database, people: Any, trio: Any) -> None:
    alice, bob, carol = trio
    # Carol must not be able to make alice and bob's direct chat a group she is in.
    dm = direct_conversation_id(alice.id, bob.id)
    for cid in (dm, department_conversation_id("sales")):
        refusal = rejected(
            people, carol, "conversation.create_group", id=cid, title="trap", member_ids=[alice.id, bob.id]
        )
        assert refusal.code == "invalid_arguments"
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    assert conversation_scope(dm) not in scopes(db, carol)


def test_rename_by_any_member(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    do(people, bob, "conversation.rename", conversation_id=group, title="Launch v2")
    assert logged(db, group)[group]["title"] == "Launch v2"
    assert rejected(people, carol, "conversation.rename", conversation_id=group, title="mine").code == "forbidden"
    before = log_size(db)
    do(people, alice, "conversation.rename", conversation_id=group, title="Launch v2")
    assert log_size(db) == before  # same title: nothing to tell anyone


def test_direct_and_department_conversations_are_not_editable(db: Database, people: Any, trio: Any) -> None:
    alice, bob, carol = trio
    dm = direct_conversation_id(alice.id, bob.id)
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    dept = department_conversation_id("sales")
    with people.acting(alice) as ctx:
        create_conversation(
            ctx, dept, ConversationKind.DEPARTMENT, [alice.id, bob.id], title="Sales", department_id="sales"
        )
    for cid in (dm, dept):
        for name, args in (
            ("conversation.rename", {"title": "x"}),
            ("conversation.add_member", {"user_id": carol.id}),
            ("conversation.remove_member", {"user_id": bob.id}),
            ("conversation.remove_member", {"user_id": alice.id}),
        ):
            refusal = rejected(people, alice, name, conversation_id=cid, **args)
            assert refusal.code == "not_editable", (cid, name)
            assert "group" in refusal.reason
    admin = people.add("root", Role.ADMIN)
    refusal = rejected(people, admin, "conversation.remove_member", conversation_id=dept, user_id=bob.id)
    assert refusal.code == "not_editable"


def test_add_member_by_any_member(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    dave = people.add("dave")
    assert rejected(people, carol, "conversation.add_member", conversation_id=group, user_id=carol.id).code == (
        "forbidden"
    )
    assert rejected(people, bob, "conversation.add_member", conversation_id=group, user_id="ghost").code == (
        "unknown_user"
    )
    send(people, alice, "m1")
    do(people, bob, "conversation.add_member", conversation_id=group, user_id=carol.id)
    assert conversation_scope(group) in scopes(db, carol)
    log = logged(db, group)
    assert log[f"{group}:{carol.id}"]["present"] is True
    assert "m1" in log and group in log  # the whole history is in the scope carol now pulls from zero
    before = log_size(db)
    do(people, alice, "conversation.add_member", conversation_id=group, user_id=carol.id)
    assert log_size(db) == before  # already a member
    deactivate(db, dave)
    assert rejected(people, bob, "conversation.add_member", conversation_id=group, user_id=dave.id).code == (
        "unknown_user"
    )


def test_remove_member_needs_creator_or_admin(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    admin = people.add("root", Role.ADMIN)
    do(people, alice, "conversation.add_member", conversation_id=group, user_id=carol.id)
    assert rejected(people, bob, "conversation.remove_member", conversation_id=group, user_id=carol.id).code == (
        "forbidden"
    )
    do(people, alice, "conversation.remove_member", conversation_id=group, user_id=carol.id)
    assert logged(db, group)[f"{group}:{carol.id}"]["present"] is False
    assert conversation_scope(group) not in scopes(db, carol)  # her next pull revokes it

    do(people, admin, "conversation.remove_member", conversation_id=group, user_id=bob.id)  # not a member
    assert conversation_scope(group) not in scopes(db, bob)


def test_anyone_may_leave_and_leaving_twice_is_harmless(db: Database, people: Any, trio: Any, group: str) -> None:
    _, bob, carol = trio
    do(people, bob, "conversation.remove_member", conversation_id=group, user_id=bob.id)
    assert conversation_scope(group) not in scopes(db, bob)
    before = log_size(db)
    do(people, bob, "conversation.remove_member", conversation_id=group, user_id=bob.id)  # second device
    do(people, carol, "conversation.remove_member", conversation_id=group, user_id=carol.id)  # never in it
    assert log_size(db) == before
    # Former members are outsiders: they may not bring people back.
    assert rejected(people, bob, "conversation.add_member", conversation_id=group, user_id=bob.id).code == ("forbidden")


def test_membership_follows_the_newer_clock(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    older = people.clock.now()  # bob adds carol while offline...
    do(people, alice, "conversation.add_member", conversation_id=group, user_id=carol.id)
    do(people, alice, "conversation.remove_member", conversation_id=group, user_id=carol.id)  # ...alice removes her
    do(people, bob, "conversation.add_member", hlc=older, conversation_id=group, user_id=carol.id)  # arrives late
    assert conversation_scope(group) not in scopes(db, carol)
    do(people, bob, "conversation.add_member", conversation_id=group, user_id=carol.id)  # a new decision
    assert conversation_scope(group) in scopes(db, carol)


# ------------------------------------------------------------------------------------------------ messages


def test_send_orders_messages_and_emits_them(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1", body="first")
    send(people, bob, "m2", body="second", important=True, reply_to="m1", mentions=[alice.id])
    send(people, alice, "m3", body="third")
    assert [message_row(db, m)["seq"] for m in ("m1", "m2", "m3")] == [1, 2, 3]
    assert last_seq(db, group) == 3
    assert logged(db, group, KIND_MESSAGE)["m2"] == {
        "id": "m2",
        "conversation_id": group,
        "seq": 2,
        "author_id": bob.id,
        "body": "second",
        "reply_to": "m1",
        "important": True,
        "mentions": [alice.id],
        "sent_at": "2026-11-22T08:00:00+00:00",
        "created_hlc": message_row(db, "m2")["created_hlc"],
        "edited_at": None,
        "deleted": False,
        "urgent": False,
        "urgent_reason": None,
        "ack_requested": False,
    }
    assert logged(db, group, KIND_MESSAGE)["m1"]["important"] is False


def test_send_seq_is_per_conversation(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    dm = direct_conversation_id(alice.id, bob.id)
    send(people, alice, "m1")
    send(people, alice, "d1", cid=dm)
    send(people, bob, "d2", cid=dm)
    assert [message_row(db, m)["seq"] for m in ("m1", "d1", "d2")] == [1, 1, 2]


def test_send_refusals(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    send(people, alice, "m1")
    assert rejected(people, carol, "message.send", id="c1", conversation_id=group, body="hi").code == "forbidden"
    assert rejected(people, alice, "message.send", id="x", conversation_id="nowhere", body="hi").code == ("forbidden")
    assert rejected(people, bob, "message.send", id="m1", conversation_id=group, body="again").code == "exists"
    assert rejected(people, bob, "message.send", id="m2", conversation_id=group, body=" \n\t ").code == "empty"
    assert rejected(people, bob, "message.send", id="m2", conversation_id=group, body="").code == ("invalid_arguments")
    assert last_seq(db, group) == 1


def test_former_member_cannot_send(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    do(people, alice, "conversation.remove_member", conversation_id=group, user_id=bob.id)
    assert rejected(people, bob, "message.send", id="m1", conversation_id=group, body="hi").code == "forbidden"


def test_refused_send_writes_nothing_even_without_a_savepoint(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, _, carol = trio
    send(people, alice, "m1")
    before = log_size(db)
    with people.acting(carol) as ctx, pytest.raises(Rejection):
        apply_mutation(ctx, "message.send", {"id": "c1", "conversation_id": group, "body": "hi"})
    with people.acting(alice) as ctx, pytest.raises(Rejection):
        apply_mutation(ctx, "message.send", {"id": "m1", "conversation_id": group, "body": "dup"})
    assert last_seq(db, group) == 1
    assert log_size(db) == before


def test_message_size_limit_is_in_bytes(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, _, _ = trio
    send(people, alice, "full", body="a" * MAX_MESSAGE_BYTES)  # exactly the limit is fine
    refusal = rejected(
        people, alice, "message.send", id="big", conversation_id=group, body="a" * (MAX_MESSAGE_BYTES + 1)
    )
    assert refusal.code == "too_large"
    assert "257 KB" in refusal.reason and "256 KB" in refusal.reason
    # Fewer characters than the limit, but three bytes each in UTF-8.
    chinese = "审" * (MAX_MESSAGE_BYTES // 3 + 1)
    assert len(chinese) < MAX_MESSAGE_BYTES
    assert rejected(people, alice, "message.send", id="cn", conversation_id=group, body=chinese).code == ("too_large")
    huge = rejected(people, alice, "message.send", id="h", conversation_id=group, body="a" * 3_000_000)
    assert "2.9 MB" in huge.reason


def test_reply_must_be_in_the_same_conversation(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    do(people, alice, "conversation.create_direct", peer_id=bob.id)
    dm = direct_conversation_id(alice.id, bob.id)
    send(people, alice, "d1", cid=dm)
    send(people, alice, "m1")
    for target in ("d1", "ghost"):
        refusal = rejected(people, bob, "message.send", id="m2", conversation_id=group, body="re", reply_to=target)
        assert refusal.code == "invalid_reply"
    send(people, bob, "m2", body="re", reply_to="m1")
    assert message_row(db, "m2")["reply_to"] == "m1"


def test_mentions_of_outsiders_are_dropped(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    send(people, alice, "m1", body="@bob @carol", mentions=[carol.id, bob.id, "ghost", bob.id])
    assert loads(message_row(db, "m1")["mentions"]) == [bob.id]
    assert logged(db, group, KIND_MESSAGE)["m1"]["mentions"] == [bob.id]


def test_send_is_two_statements_plus_the_emit(db: Database, people: Any, trio: Any, group: str) -> None:
    """The hot path: one UPDATE takes the seq with all the checks, one INSERT stores the message."""
    alice, _, _ = trio
    statements: list[str] = []

    with people.acting(alice) as ctx:
        # The hot path runs on the driver's cursor directly, so count at the driver.
        driver = ctx.conn.connection.dbapi_connection
        driver.set_trace_callback(statements.append)
        try:
            apply_mutation(ctx, "message.send", {"id": "m1", "conversation_id": group, "body": "hi"})
        finally:
            driver.set_trace_callback(None)
    own = [sql.strip() for sql in statements if "INTO changes" not in sql and "FROM changes" not in sql]
    assert len(own) == 2, own
    assert own[0].startswith("UPDATE conversations") and own[1].startswith("INSERT INTO messages")
    assert len(statements) > len(own)  # and the emit wrote to the change log


def test_edit_by_the_author_only(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    send(people, alice, "m1", body="helo")
    do(people, alice, "message.edit", id="m1", body="hello")
    row = message_row(db, "m1")
    assert row["body"] == "hello" and row["edited_at"] == "2026-11-22T08:00:00+00:00" and row["seq"] == 1
    assert logged(db, group, KIND_MESSAGE)["m1"]["body"] == "hello"
    assert rejected(people, bob, "message.edit", id="m1", body="mine now").code == "forbidden"
    assert rejected(people, carol, "message.edit", id="m1", body="mine now").code == "forbidden"
    assert rejected(people, alice, "message.edit", id="ghost", body="x").code == "not_found"
    assert rejected(people, alice, "message.edit", id="m1", body="   ").code == "empty"
    assert rejected(people, alice, "message.edit", id="m1", body="a" * (MAX_MESSAGE_BYTES + 1)).code == ("too_large")
    assert message_row(db, "m1")["body"] == "hello"


def test_delete_leaves_a_tombstone(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1", body="secret @bob", mentions=[bob.id], important=True)
    assert rejected(people, bob, "message.delete", id="m1").code == "forbidden"
    do(people, alice, "message.delete", id="m1")
    row = message_row(db, "m1")
    assert (row["deleted"], row["body"], loads(row["mentions"]), row["seq"]) == (True, "", [], 1)
    data = logged(db, group, KIND_MESSAGE)["m1"]
    assert data["deleted"] is True and data["body"] == "" and data["mentions"] == []
    before = log_size(db)
    do(people, alice, "message.delete", id="m1")  # from the other device: already done
    assert log_size(db) == before
    assert rejected(people, alice, "message.edit", id="m1", body="back").code == "deleted"


# ----------------------------------------------------------------------------------------------- reactions


def test_reactions_follow_the_newer_clock(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1")
    older = people.clock.now()
    do(people, bob, "message.react", message_id="m1", emoji="👍", present=True)
    entity = f"m1:{bob.id}:👍"
    assert logged(db, group, KIND_REACTION)[entity] == {
        "message_id": "m1",
        "user_id": bob.id,
        "emoji": "👍",
        "present": True,
    }
    before = log_size(db)
    do(people, bob, "message.react", hlc=older, message_id="m1", emoji="👍", present=False)  # stale
    assert log_size(db) == before
    assert logged(db, group, KIND_REACTION)[entity]["present"] is True
    do(people, bob, "message.react", message_id="m1", emoji="👍", present=False)
    assert logged(db, group, KIND_REACTION)[entity]["present"] is False


def test_reaction_removal_beats_an_older_add_arriving_later(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1")
    older = people.clock.now()
    do(people, bob, "message.react", message_id="m1", emoji="🎉", present=False)
    do(people, bob, "message.react", hlc=older, message_id="m1", emoji="🎉", present=True)
    assert logged(db, group, KIND_REACTION)[f"m1:{bob.id}:🎉"]["present"] is False


def test_reaction_refusals(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, _, carol = trio
    send(people, alice, "m1")
    assert rejected(people, carol, "message.react", message_id="m1", emoji="👍", present=True).code == ("forbidden")
    assert rejected(people, alice, "message.react", message_id="x", emoji="👍", present=True).code == "not_found"
    do(people, alice, "message.delete", id="m1")
    assert rejected(people, alice, "message.react", message_id="m1", emoji="👍", present=True).code == "deleted"


# -------------------------------------------------------------------------------------------- read markers


def test_read_marker_only_moves_forward(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    for i in range(1, 6):
        send(people, alice, f"m{i}")
    entity = f"{group}:{bob.id}"
    do(people, bob, "read.mark", conversation_id=group, seq=3)
    assert logged(db, group, KIND_READ_MARKER)[entity] == {
        "conversation_id": group,
        "user_id": bob.id,
        "seq": 3,
    }
    before = log_size(db)
    do(people, bob, "read.mark", conversation_id=group, seq=2)  # a slower device
    do(people, bob, "read.mark", conversation_id=group, seq=3)
    assert log_size(db) == before
    do(people, bob, "read.mark", conversation_id=group, seq=99)  # clamped to the newest message
    assert logged(db, group, KIND_READ_MARKER)[entity]["seq"] == 5
    assert rejected(people, carol, "read.mark", conversation_id=group, seq=1).code == "forbidden"


def test_read_marker_at_zero_is_not_stored(db: Database, people: Any, trio: Any, group: str) -> None:
    _, bob, _ = trio
    do(people, bob, "read.mark", conversation_id=group, seq=4)  # nothing sent yet
    assert logged(db, group, KIND_READ_MARKER) == {}


def test_readers_of(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, carol = trio
    dave = people.add("dave")
    for user in (carol, dave):
        do(people, alice, "conversation.add_member", conversation_id=group, user_id=user.id)
    send(people, alice, "m1")
    send(people, alice, "m2", important=True)
    send(people, bob, "m3")
    do(people, alice, "read.mark", conversation_id=group, seq=3)
    do(people, bob, "read.mark", conversation_id=group, seq=3)
    do(people, carol, "read.mark", conversation_id=group, seq=1)
    do(people, dave, "read.mark", conversation_id=group, seq=2)
    do(people, dave, "conversation.remove_member", conversation_id=group, user_id=dave.id)  # read, then left

    with db.read() as conn:
        assert readers_of(conn, bob, "m2") == {
            "message_id": "m2",
            "read": sorted([bob.id, dave.id]),
            "unread": [carol.id],
        }
        assert readers_of(conn, alice, "m3") == {"message_id": "m3", "read": [alice.id], "unread": [carol.id]}
        with pytest.raises(Rejection) as outsider:
            readers_of(conn, dave, "m2")
        assert outsider.value.code == "forbidden"
        with pytest.raises(Rejection) as unknown:
            readers_of(conn, alice, "ghost")
        assert unknown.value.code == "not_found"


def test_emitted_entity_ids_and_kinds(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1")
    do(people, bob, "message.react", message_id="m1", emoji="ok", present=True)
    do(people, bob, "read.mark", conversation_id=group, seq=1)
    with db.read() as conn:
        rows = {
            (k, e)
            for k, e in conn.execute(
                select(changes.c.kind, changes.c.entity_id).where(changes.c.scope == conversation_scope(group))
            )
        }
    assert rows == {
        (KIND_CONVERSATION, group),
        (KIND_CONVERSATION_MEMBER, f"{group}:{alice.id}"),
        (KIND_CONVERSATION_MEMBER, f"{group}:{bob.id}"),
        (KIND_MESSAGE, "m1"),
        (KIND_REACTION, f"m1:{bob.id}:ok"),
        (KIND_READ_MARKER, f"{group}:{bob.id}"),
    }
