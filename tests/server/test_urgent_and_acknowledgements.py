"""Urgent messages (a reason and a daily quota), acknowledgements of important messages, and synced preferences
on the server: what each mutation accepts, refuses and emits."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import (
    KIND_ACKNOWLEDGEMENT,
    KIND_PREFERENCE,
    SCOPE_ORG,
    URGENT_DAILY_QUOTA,
    Role,
    user_scope,
)
from sync.server.changes import Actor
from sync.server.db import SCHEMA_VERSION, Database, changes, loads, meta

from .test_chats import do, logged, message_row, rejected, send


@pytest.fixture
def trio(people: Any) -> tuple[Actor, Actor, Actor]:
    return people.add("alice"), people.add("bob"), people.add("carol")


@pytest.fixture
def group(people: Any, trio: tuple[Actor, Actor, Actor]) -> str:
    alice, bob, carol = trio
    do(people, alice, "conversation.create_group", id="g1", title="Launch", member_ids=[bob.id, carol.id])
    return "g1"


def test_urgent_message_carries_its_reason(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, _, _ = trio
    send(people, alice, "u1", urgent=True, urgent_reason="  Server room flooding  ", ack_requested=True)
    row = logged(db, group)["u1"]
    assert (row["urgent"], row["urgent_reason"], row["ack_requested"]) == (True, "Server room flooding", True)
    assert message_row(db, "u1")["urgent"]


@pytest.mark.parametrize("reason", [None, "", "   "], ids=["none", "empty", "blank"])
def test_urgent_message_without_a_reason_is_refused(people: Any, trio: Any, group: str, reason: str | None) -> None:
    alice, _, _ = trio
    refusal = rejected(people, alice, "message.send", id="u1", conversation_id=group, body="now!", urgent=True,
                       urgent_reason=reason)
    assert refusal.code == "urgent_reason_missing"


def test_urgent_quota_per_sender_in_any_24_hours(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    for n in range(URGENT_DAILY_QUOTA):
        send(people, alice, f"u{n}", urgent=True, urgent_reason="outage")
    refusal = rejected(people, alice, "message.send", id="over", conversation_id=group, body="again", urgent=True,
                       urgent_reason="outage")
    assert refusal.code == "urgent_quota" and "important" in refusal.reason
    send(people, alice, "plain", body="not urgent is fine")  # the quota is on urgency only
    send(people, bob, "b1", urgent=True, urgent_reason="mine")  # and per sender
    # A day later the allowance is back.
    with people.acting(alice) as ctx:
        ctx.now = "2026-11-23T08:00:01+00:00"
        from sync.server.mutations import apply_mutation

        apply_mutation(ctx, "message.send", {"id": "next-day", "conversation_id": group, "body": "again",
                                             "urgent": True, "urgent_reason": "outage"})
    assert logged(db, group)["next-day"]["urgent"] is True


def test_acknowledgement_is_emitted_once(db: Database, people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    send(people, alice, "m1", important=True, ack_requested=True)
    do(people, bob, "message.acknowledge", message_id="m1")
    do(people, bob, "message.acknowledge", message_id="m1")  # from a second device: nothing new
    acks = logged(db, group, KIND_ACKNOWLEDGEMENT)
    assert list(acks) == [f"m1:{bob.id}"]
    assert acks[f"m1:{bob.id}"]["user_id"] == bob.id
    with db.read() as conn:
        assert len(conn.execute(select(changes.c.seq).where(changes.c.kind == KIND_ACKNOWLEDGEMENT)).all()) == 1


def test_acknowledgement_refusals(people: Any, trio: Any, group: str) -> None:
    alice, bob, _ = trio
    outsider = people.add("dave")
    send(people, alice, "asks", important=True, ack_requested=True)
    send(people, alice, "plain")
    assert rejected(people, bob, "message.acknowledge", message_id="plain").code == "not_requested"
    assert rejected(people, alice, "message.acknowledge", message_id="asks").code == "own_message"
    assert rejected(people, outsider, "message.acknowledge", message_id="asks").code == "forbidden"
    assert rejected(people, bob, "message.acknowledge", message_id="nope").code == "not_found"


def _pref_log(db: Database, scope: str) -> dict[str, Any]:
    query = select(changes.c.entity_id, changes.c.data).where(
        changes.c.scope == scope, changes.c.kind == KIND_PREFERENCE)
    with db.read() as conn:
        return {eid: loads(data) for eid, data in conn.execute(query)}


def test_personal_preferences_go_to_the_user_scope_newest_clock_wins(db: Database, people: Any, trio: Any) -> None:
    alice, _, _ = trio
    do(people, alice, "preference.set", hlc="2026-11-22T08:00:00.000Z-0002-b", key="notifications",
       value={"sound": False})
    do(people, alice, "preference.set", hlc="2026-11-22T08:00:00.000Z-0001-a", key="notifications",
       value={"sound": True})  # an older change arriving late loses
    stored = _pref_log(db, user_scope(alice.id))
    assert stored[f"{alice.id}:notifications"]["value"] == {"sound": False}


def test_org_defaults_are_for_admins(db: Database, people: Any, trio: Any) -> None:
    alice, _, _ = trio
    admin = people.add("root", Role.ADMIN)
    value = {"time_zone": "Asia/Shanghai", "working_hours": {"mon": ["08:30-17:30"]}}
    assert rejected(people, alice, "preference.set", key="notifications", level="org", value=value).code == "forbidden"
    do(people, admin, "preference.set", key="notifications", level="org", value=value)
    assert _pref_log(db, SCOPE_ORG)["org:notifications"]["value"] == value


@pytest.mark.parametrize("value", [
    {"time_zone": "Mars/Olympus"}, {"working_hours": {"funday": ["09:00-18:00"]}}, {"sound": "loud"},
], ids=["unknown-zone", "unknown-day", "not-a-bool"])
def test_unusable_settings_are_refused(people: Any, trio: Any, value: dict[str, Any]) -> None:
    alice, _, _ = trio
    assert rejected(people, alice, "preference.set", key="notifications", value=value).code == "invalid_settings"


def test_a_schema_1_database_gains_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('instance_id', 'abc'), ('schema_version', '1');"
        "CREATE TABLE messages (id VARCHAR(64) PRIMARY KEY, conversation_id VARCHAR(64) NOT NULL, seq INTEGER NOT NULL,"
        " author_id VARCHAR(64) NOT NULL, body TEXT NOT NULL, reply_to VARCHAR(64), important BOOLEAN NOT NULL,"
        " mentions TEXT NOT NULL, sent_at VARCHAR(40) NOT NULL, created_hlc VARCHAR(96) NOT NULL,"
        " edited_at VARCHAR(40), deleted BOOLEAN NOT NULL);"
        "INSERT INTO messages VALUES ('m1', 'c', 1, 'u', 'old', NULL, 0, '[]', 't', 'h', NULL, 0);")
    conn.close()
    db = Database.open(path)
    try:
        with db.read() as c:
            row = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one()
            assert row == str(SCHEMA_VERSION)
            assert db.instance_id == "abc"
        assert message_row(db, "m1")["urgent"] in (0, False)
    finally:
        db.dispose()
