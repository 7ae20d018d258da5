"""Growth on the server: who may see whose map, the monthly platform experts reaching clients, and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from app import clock
from app.growth.recognition import KIND, previous_month
from sync.protocol import SCOPE_ORG, Role, new_id
from sync.server import cli, growth, org
from sync.server.db import Database
from tests.helpers.live_server import LiveServer
from tests.server.http_helpers import Client, add_people


@pytest.fixture
def company(server: LiveServer) -> None:
    with server.db.write() as conn:
        ctx = org.system_context(conn)
        org.create_department(ctx, "ops", "运营部", "Operations")
        org.create_department(ctx, "rd", "研发部", "R&D")
    add_people(server.db, "ann", "bob", department="ops")
    add_people(server.db, "carl", department="rd")
    add_people(server.db, "olga", role=Role.HEAD, department="ops")
    add_people(server.db, "root", role=Role.ADMIN)


def growth_of(client: Client, who: str, **params: str) -> tuple[int, dict[str, object]]:
    reply = client.http.get(f"/v1/growth/{who}", params=params, headers=client.headers)
    return reply.status_code, reply.json()


def test_own_growth_heads_their_department_admins_everyone(
    server: LiveServer, company: None, sign_in: Callable[..., Client]
) -> None:
    ann, bob, olga, root = (sign_in(name) for name in ("ann", "bob", "olga", "root"))
    carl = sign_in("carl")
    assert ann.do("message.send", id=new_id(), conversation_id="dept-ops", body="大家好，我是新来的 Ann")["status"] == (
        "applied"
    )
    status, body = growth_of(ann, "me")
    assert status == 200
    state = body["state"]
    assert isinstance(state, dict) and state["person_id"] == ann.user_id
    assert {"id": "first_message", "status": "reached"}.items() <= state["milestones"][0].items()
    assert body["time_zone"] == "Asia/Shanghai"  # the company's calendar unless the caller names theirs

    assert growth_of(ann, ann.user_id)[0] == 200
    assert growth_of(bob, ann.user_id)[0] == 403  # a colleague
    assert growth_of(carl, "ann")[0] == 403
    assert growth_of(olga, "ann")[0] == 200  # head of ops, by username too
    assert growth_of(olga, carl.user_id)[0] == 403  # not her department
    assert growth_of(root, carl.user_id)[0] == 200
    assert growth_of(root, "nobody")[0] == 404
    assert growth_of(bob, "nobody")[0] == 403  # whether an account exists is not a colleague's business
    status, error = growth_of(ann, "me", tz="Mars/Base")
    assert status == 400 and "time zone" in str(error["detail"])
    assert growth_of(ann, "me", today="yesterday")[0] == 400
    status, body = growth_of(ann, "me", tz="Europe/Berlin", today="2020-01-01")
    assert status == 200 and body["state"]["total_points"] == 0  # type: ignore[index]


def test_published_experts_reach_every_client_in_the_org_scope(
    server: LiveServer, company: None, sign_in: Callable[..., Client]
) -> None:
    ann, carl, root = sign_in("ann"), sign_in("carl"), sign_in("root")
    assert ann.do("message.send", id=new_id(), conversation_id="dept-ops", body="今天把运营周报整理好了")["status"] == (
        "applied"
    )
    carl.pull_all()
    month = growth.last_month()
    reply = root.http.post("/v1/admin/growth/recognition", headers=root.headers)
    assert reply.status_code == 200, reply.text
    assert reply.json()["month"] == month
    pulled = [c for c in carl.pull_all() if c["kind"] == KIND]
    assert [(c["scope"], c["id"]) for c in pulled] == [(SCOPE_ORG, month)]
    assert pulled[0]["data"]["ranked"] == 5  # every active account is ranked
    assert root.http.post("/v1/admin/growth/recognition", params={"month": "2999-01"},
                          headers=root.headers).status_code == 400  # not over yet
    assert root.http.post("/v1/admin/growth/recognition", params={"month": "soon"},
                          headers=root.headers).status_code == 400
    assert ann.http.post("/v1/admin/growth/recognition", headers=ann.headers).status_code == 403


def test_the_ranking_uses_the_months_points(server: LiveServer, company: None, sign_in: Callable[..., Client]) -> None:
    ann, bob = sign_in("ann"), sign_in("bob")
    for i in range(3):
        ann.do("message.send", id=new_id(), conversation_id="dept-ops", body=f"第 {i + 1} 条：客户反馈已经分类整理完毕")
    bob.do("message.send", id=new_id(), conversation_id="dept-ops", body="收到，我下午来看看这些反馈")
    month = clock.today(growth.zone(None)).strftime("%Y-%m")
    with server.db.read() as conn:
        result = growth.rank_month(conn, month)
    assert result.ranked == 5
    assert [e.user_id for e in result.experts] == [ann.user_id]  # 10% of 5 people: one
    assert growth.publish_if_due(server.db) != {}  # last month was never published: now it is
    assert growth.publish_if_due(server.db) == {}  # …and only once
    with server.db.read() as conn:
        assert growth.published(conn, growth.last_month()) is not None


def test_publish_if_due_picks_the_month_that_just_ended(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "s.db")
    try:
        now = clock.now()
        growth.publish_if_due(database, now)
        tz = growth.zone(None)
        with database.read() as conn:
            assert growth.published(conn, previous_month(now.astimezone(tz).date())) is not None
            assert growth.published(conn, previous_month(now.astimezone(tz).date() - timedelta(days=40))) is None
    finally:
        database.dispose()


def test_cli_growth_and_experts(server: LiveServer, company: None, sign_in: Callable[..., Client],
                                capsys: pytest.CaptureFixture[str]) -> None:
    ann = sign_in("ann")
    ann.do("message.send", id=new_id(), conversation_id="dept-ops", body="周会纪要已经发到知识库了")
    db = server.db.url.removeprefix("sqlite:///")
    assert cli.main(["--db", db, "growth", "ann", "--tz", "Asia/Shanghai"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ann: Newcomer (新手) · ") and "first_message" in out and "reached" in out
    assert cli.main(["--db", db, "growth", "ann", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    expected = growth.growth_reply(server.db, growth.Actor(ann.user_id, "ann", Role.EMPLOYEE, "ops"), "me", None, None)
    assert summary == expected.model_dump()
    assert cli.main(["--db", db, "growth", "nobody"]) == 1
    assert "no account 'nobody'" in capsys.readouterr().err
    assert cli.main(["--db", db, "growth", "ann", "--tz", "Nowhere/City"]) == 1
    assert "time zone" in capsys.readouterr().err

    month = clock.today(growth.zone(None)).strftime("%Y-%m")
    assert cli.main(["--db", db, "experts", "--month", month]) == 0
    out = capsys.readouterr().out
    assert "Platform expert of the month" in out and "ann" in out
    assert cli.main(["--db", db, "experts", "--month", month, "--publish"]) == 1  # the month is not over
    assert "has not ended" in capsys.readouterr().err
    assert cli.main(["--db", db, "experts", "--json", "--publish"]) == 0
    assert json.loads(capsys.readouterr().out)["published"] is True
