"""Push, pull and the live channel against a real server on loopback, as several clients."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from sync.protocol import MAX_REQUEST_BYTES, new_id
from tests.helpers.live_server import LiveServer
from tests.server.http_helpers import Client, add_people, of_kind

SignIn = Callable[..., Client]


@pytest.fixture
def trio(server: LiveServer, sign_in: SignIn) -> tuple[Client, Client, Client]:
    add_people(server.db, "alice", "bob", "carol")
    return sign_in("alice"), sign_in("bob"), sign_in("carol")


def group(owner: Client, *members: Client, title: str = "Team") -> str:
    cid = new_id()
    result = owner.do("conversation.create_group", id=cid, title=title, member_ids=[m.user_id for m in members])
    assert result["status"] == "applied", result
    return cid


def messages_in(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((c["data"] for c in of_kind(changes, "message")), key=lambda m: m["seq"])


def test_the_same_batch_three_times_shuffled_and_concurrent_has_one_effect(
    trio: tuple[Client, Client, Client], server: LiveServer
) -> None:
    alice, bob, _ = trio
    cid = group(alice, bob)
    batch = [alice.mutation("message.send", id=new_id(), conversation_id=cid, body=f"hello {i}") for i in range(30)]
    replies: list[httpx.Response] = []

    def send(order: list[dict[str, Any]]) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            body = {"client_id": alice.tokens["client_id"], "mutations": order}
            replies.append(http.post("/v1/sync/push", json=body, headers=alice.headers))

    orders = [random.Random(seed).sample(batch, len(batch)) for seed in range(3)]
    threads = [threading.Thread(target=send, args=(order,)) for order in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in replies] == [200, 200, 200]
    statuses = [res["status"] for r in replies for res in r.json()["results"]]
    assert statuses.count("applied") == 30 and statuses.count("duplicate") == 60
    bodies = [m["body"] for m in messages_in(bob.pull_all())]
    assert sorted(bodies) == sorted(f"hello {i}" for i in range(30))
    # Applied in mutation-id order whatever order they arrived in.
    assert bodies == [f"hello {i}" for i in range(30)]


def test_rejections_are_per_mutation_and_the_batch_goes_on(trio: tuple[Client, Client, Client]) -> None:
    alice, bob, carol = trio
    cid = group(alice, bob)
    results = alice.push(
        alice.mutation("message.send", id=new_id(), conversation_id=cid, body="before"),
        alice.mutation("no.such.thing", x=1),
        alice.mutation("message.send", id=new_id(), conversation_id=cid, body="x" * (256 * 1024 + 1)),
        alice.mutation("message.send", id=new_id(), conversation_id=cid),
        alice.mutation("message.send", id=new_id(), conversation_id=cid, body="after"),
    )
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected", "applied"]
    assert results[1]["code"] == "unknown_mutation" and "no.such.thing" in results[1]["reason"]
    assert results[2]["code"] == "too_large"
    assert results[3]["code"] == "invalid_arguments" and "body" in results[3]["reason"]
    # An outsider cannot write into the conversation.
    refused = carol.do("message.send", id=new_id(), conversation_id=cid, body="let me in")
    assert refused["status"] == "rejected" and refused["code"] == "forbidden"
    assert [m["body"] for m in messages_in(bob.pull_all())] == ["before", "after"]


def test_a_push_with_another_persons_client_id_is_refused(trio: tuple[Client, Client, Client]) -> None:
    alice, bob, _ = trio
    reply = bob.push_raw([bob.mutation("read.mark", conversation_id="x", seq=1)], client_id=alice.tokens["client_id"])
    assert reply.status_code == 403 and reply.json()["error"] == "foreign_client"
    unknown = bob.push_raw([bob.mutation("read.mark", conversation_id="x", seq=1)], client_id="made-up")
    assert unknown.status_code == 403 and unknown.json()["error"] == "unknown_client"


def test_pull_pages_and_resumes(trio: tuple[Client, Client, Client]) -> None:
    alice, bob, _ = trio
    cid = group(alice, bob)
    alice.push(*[alice.mutation("message.send", id=new_id(), conversation_id=cid, body=f"m{i}") for i in range(250)])
    pages = []
    while True:
        page = bob.pull_page(limit=100)
        pages.append(page)
        if not page["more"]:
            break
    assert len(pages) >= 3 and all(len(p["changes"]) <= 100 for p in pages)
    seqs = [c["seq"] for p in pages for c in p["changes"]]
    assert len(seqs) == len(set(seqs))
    assert len(messages_in([c for p in pages for c in p["changes"]])) == 250
    assert bob.pull_page()["changes"] == []
    alice.do("message.send", id=new_id(), conversation_id=cid, body="one more")
    assert [m["body"] for m in messages_in(bob.pull_all())] == ["one more"]


def test_a_new_member_receives_the_history(trio: tuple[Client, Client, Client]) -> None:
    alice, bob, carol = trio
    cid = group(alice, bob)
    alice.push(*[alice.mutation("message.send", id=new_id(), conversation_id=cid, body=f"old {i}") for i in range(5)])
    carol.pull_all()
    assert f"conv:{cid}" not in carol.cursors
    assert alice.do("conversation.add_member", conversation_id=cid, user_id=carol.user_id)["status"] == "applied"
    page = carol.pull_page()
    assert f"conv:{cid}" in page["granted"]
    assert [m["body"] for m in messages_in(page["changes"])] == [f"old {i}" for i in range(5)]


def test_a_removed_member_gets_a_revocation_and_nothing_more(trio: tuple[Client, Client, Client]) -> None:
    alice, bob, _ = trio
    cid = group(alice, bob)
    alice.do("message.send", id=new_id(), conversation_id=cid, body="while bob is here")
    bob.pull_all()
    assert alice.do("conversation.remove_member", conversation_id=cid, user_id=bob.user_id)["status"] == "applied"
    alice.do("message.send", id=new_id(), conversation_id=cid, body="secret after bob left")
    page = bob.pull_page()
    assert page["revoked"] == [f"conv:{cid}"]
    assert all(c["scope"] != f"conv:{cid}" for c in page["changes"])
    assert "secret" not in json.dumps(page)
    again = bob.pull_page()
    assert again["revoked"] == [] and "secret" not in json.dumps(again)


def test_drafts_are_seen_by_their_author_and_reviewers_only(server: LiveServer, sign_in: SignIn) -> None:
    from sync.protocol import Role

    with server.db.write() as conn:
        from sync.server import org

        ctx = org.system_context(conn)
        org.create_department(ctx, "rd", "研发部", "R&D")
        org.create_department(ctx, "mkt", "市场部", "Marketing")
    add_people(server.db, "writer", "peer", department="rd")
    add_people(server.db, "rdhead", role=Role.HEAD, department="rd")
    add_people(server.db, "mkthead", role=Role.HEAD, department="mkt")
    add_people(server.db, "boss", role=Role.ADMIN)
    writer = sign_in("writer")
    aid = new_id()
    created = writer.do("article.create", id=aid, title="草稿", body="机密草稿内容", revision_id=new_id())
    assert created["status"] == "applied", created

    def sees(name: str) -> bool:
        return any(c["kind"] == "article" and c["id"] == aid for c in sign_in(name).pull_all())

    assert {name: sees(name) for name in ("writer", "peer", "rdhead", "mkthead", "boss")} == {
        "writer": True,
        "peer": False,
        "rdhead": True,
        "mkthead": False,
        "boss": True,
    }


def test_bad_requests_get_clear_4xx(trio: tuple[Client, Client, Client], server: LiveServer) -> None:
    alice = trio[0]
    headers = alice.headers | {"content-type": "application/json"}
    malformed = alice.http.post("/v1/sync/push", content=b'{"client_id": ', headers=headers)
    assert malformed.status_code == 400 and malformed.json()["error"] == "malformed_json"
    missing = alice.http.post("/v1/sync/push", json={"mutations": []}, headers=alice.headers)
    assert missing.status_code == 422 and "client_id" in missing.json()["detail"]
    huge = alice.http.post("/v1/sync/push", content=b"x" * (MAX_REQUEST_BYTES + 1), headers=headers)
    assert huge.status_code == 413 and huge.json()["error"] == "too_large"
    not_json_type = alice.http.post("/v1/sync/pull", content=b"[1,2]", headers=headers)
    assert 400 <= not_json_type.status_code < 500
    nowhere = alice.http.get("/v1/nowhere", headers=alice.headers)
    assert nowhere.status_code == 404 and nowhere.json()["error"] == "not_found"
    unsigned = httpx.post(f"{server.url}/v1/sync/pull", json={})
    assert unsigned.status_code == 401 and unsigned.json()["error"] == "not_signed_in"


class EventStream:
    """Reads server-sent events from the live channel on a background thread."""

    def __init__(self, client: Client, last_event_id: int | None = None) -> None:
        self.events: list[tuple[str, dict[str, Any], str | None]] = []
        self.ready = threading.Event()
        self.changed = threading.Condition()
        headers = dict(client.headers)
        if last_event_id is not None:
            headers["last-event-id"] = str(last_event_id)
        self._http = httpx.Client(base_url=str(client.http.base_url), timeout=httpx.Timeout(30, read=10))
        self._ctx = self._http.stream("GET", "/v1/sync/live", headers=headers)
        self.response = self._ctx.__enter__()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        event, data, ident = "message", "", None
        try:
            for line in self.response.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line.startswith("id: "):
                    ident = line[4:]
                elif line == "" and data:
                    with self.changed:
                        self.events.append((event, json.loads(data), ident))
                        self.changed.notify_all()
                    if event == "ready":
                        self.ready.set()
                    event, data, ident = "message", "", None
        except httpx.HTTPError:
            pass

    def wait_for(self, predicate: Callable[[tuple[str, dict[str, Any], str | None]], bool]) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: any(predicate(e) for e in self.events), timeout=10)

    def close(self) -> None:
        self.response.close()
        self._ctx.__exit__(None, None, None)
        self._http.close()
        self._thread.join(timeout=5)


@pytest.fixture
def streams() -> Iterator[list[EventStream]]:
    opened: list[EventStream] = []
    yield opened
    for stream in opened:
        stream.close()


def test_a_poke_arrives_after_someone_elses_push(
    trio: tuple[Client, Client, Client], streams: list[EventStream]
) -> None:
    alice, bob, carol = trio
    cid = group(alice, bob)
    bob_live, carol_live = EventStream(bob), EventStream(carol)
    streams += [bob_live, carol_live]
    assert bob_live.ready.wait(10) and carol_live.ready.wait(10)
    alice.do("message.send", id=new_id(), conversation_id=cid, body="ping")
    assert bob_live.wait_for(lambda e: e[0] == "poke" and e[1]["scope"] == f"conv:{cid}")
    assert not any(e[0] == "poke" and e[1]["scope"] == f"conv:{cid}" for e in carol_live.events)


def test_live_channel_resumes_from_last_event_id(
    trio: tuple[Client, Client, Client], streams: list[EventStream]
) -> None:
    alice, bob, _ = trio
    cid = group(alice, bob)
    first = EventStream(bob)
    streams.append(first)
    assert first.ready.wait(10)
    alice.do("message.send", id=new_id(), conversation_id=cid, body="one")
    assert first.wait_for(lambda e: e[0] == "poke")
    last_id = max(int(e[2]) for e in first.events if e[2])
    first.close()
    streams.remove(first)
    alice.do("message.send", id=new_id(), conversation_id=cid, body="missed while away")
    resumed = EventStream(bob, last_event_id=last_id)
    streams.append(resumed)
    assert resumed.wait_for(lambda e: e[0] == "poke" and e[1]["scope"] == f"conv:{cid}" and e[1]["seq"] > last_id)


def test_live_channel_needs_a_valid_session(server: LiveServer) -> None:
    reply = httpx.get(f"{server.url}/v1/sync/live", headers={"authorization": "Bearer nope"})
    assert reply.status_code == 401
