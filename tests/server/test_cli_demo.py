"""The demo company seeder and the `atrium-server` command line (in-process and as a real server process)."""

from __future__ import annotations

import io
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import orjson
import pytest
from sqlalchemy import and_, func, select

from sync.protocol import (
    KIND_DEPARTMENT,
    KIND_PERSON,
    SCOPE_KB,
    SCOPE_ORG,
    Role,
    department_conversation_id,
    department_space_id,
)
from sync.server import cli, demo, passwords
from sync.server.access import visible_scopes
from sync.server.changes import Actor
from sync.server.db import (
    Database,
    articles,
    changes,
    conversation_members,
    conversations,
    departments,
    messages,
    reactions,
    read_markers,
    sessions,
    space_members,
    spaces,
    tasks,
    users,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    """One seeded demo database shared by the read-only checks below (seeding hashes a password once)."""
    database = Database.open(tmp_path_factory.mktemp("demo") / "server.db")
    started = time.perf_counter()
    assert demo.seed_demo(database) is True
    elapsed = time.perf_counter() - started
    yield database, elapsed
    database.dispose()


def _count(db: Database, table, *where) -> int:
    with db.read() as conn:
        query = select(func.count()).select_from(table)
        if where:
            query = query.where(and_(*where))
        return int(conn.execute(query).scalar_one())


# ------------------------------------------------------------------------------------------------ demo


def test_demo_seeds_quickly_and_only_once(seeded) -> None:
    db, elapsed = seeded
    assert elapsed < 5.0, f"seeding took {elapsed:.1f} s"
    before = _count(db, changes)
    assert demo.seed_demo(db) is False
    assert _count(db, changes) == before


def test_demo_org_structure(seeded) -> None:
    db, _ = seeded
    assert _count(db, departments) == 4
    assert _count(db, users) == len(demo.demo_accounts()) >= 12
    with db.read() as conn:
        people = conn.execute(select(users)).mappings().all()
        heads = dict(conn.execute(select(departments.c.id, departments.c.head_id)).all())
    by_id = {p["id"]: p for p in people}
    assert {p["username"] for p in people if p["role"] == Role.ADMIN.value} == {"admin"}
    for dept_id, head_id in heads.items():
        assert head_id is not None and by_id[head_id]["role"] == "head" and by_id[head_id]["department_id"] == dept_id
    assert Counter(p["role"] for p in people)["head"] == 4
    for p in people:
        assert p["username"].isascii() and p["username"] == p["username"].lower()
        assert p["display_name"] and p["display_name_en"] and p["department_id"]
    # Argon2 once: every demo account shares the one hash of "demo".
    (shared,) = {p["password_hash"] for p in people}
    assert passwords.verify_password(shared, "demo")
    assert not passwords.verify_password(shared, "Demo")


def test_every_person_is_in_their_department_conversation_and_space(seeded) -> None:
    db, _ = seeded
    with db.read() as conn:
        people = conn.execute(select(users.c.id, users.c.department_id)).all()
        conv = set(
            conn.execute(
                select(conversation_members.c.conversation_id, conversation_members.c.user_id).where(
                    conversation_members.c.present.is_(True)
                )
            ).all()
        )
        space = set(
            conn.execute(
                select(space_members.c.space_id, space_members.c.user_id).where(space_members.c.present.is_(True))
            ).all()
        )
    for uid, dept in people:
        assert (department_conversation_id(dept), uid) in conv
        assert (department_space_id(dept), uid) in space
    # …and nobody else is.
    dept_of = dict(people)
    for cid, uid in conv:
        if cid.startswith("dept-"):
            assert cid == department_conversation_id(dept_of[uid])


def test_change_log_carries_the_org(seeded) -> None:
    db, _ = seeded
    assert _count(db, changes, changes.c.scope == SCOPE_ORG, changes.c.kind == KIND_DEPARTMENT) == 4
    assert _count(db, changes, changes.c.scope == SCOPE_ORG, changes.c.kind == KIND_PERSON) == _count(db, users)
    with db.read() as conn:
        blob = "\n".join(d or "" for (d,) in conn.execute(select(changes.c.data)))
    assert "$argon2" not in blob


def test_demo_chats(seeded) -> None:
    db, _ = seeded
    with db.read() as conn:
        kinds = Counter(k for (k,) in conn.execute(select(conversations.c.kind)))
        rows = conn.execute(select(messages)).mappings().all()
    assert kinds["group"] >= 2 and kinds["direct"] >= 2 and kinds["department"] == 4
    assert len(rows) >= 20
    bodies = "\n".join(r["body"] for r in rows)
    assert "```" in bodies  # a code block
    assert any(r["important"] for r in rows)
    assert any(r["reply_to"] for r in rows)
    assert any(orjson.loads(r["mentions"]) for r in rows)
    assert any(ch.isascii() and ch.isalpha() for ch in bodies) and "的" in bodies  # English and Chinese
    assert _count(db, reactions) >= 5
    assert _count(db, read_markers) >= 10


def test_demo_spaces_and_tasks(seeded) -> None:
    db, _ = seeded
    today = demo.company_today().isoformat()
    with db.read() as conn:
        project_spaces = conn.execute(select(spaces.c.id).where(spaces.c.kind == "project")).all()
        rows = conn.execute(select(tasks)).mappings().all()
    assert len(project_spaces) == 2
    assert len(rows) >= 18
    assert {r["status"] for r in rows} == {"todo", "in_progress", "in_review", "done"}
    overdue = [r for r in rows if r["due"] and r["due"] < today and r["status"] != "done"]
    assert len(overdue) >= 2
    assert any(orjson.loads(r["depends_on"]) for r in rows)
    assert all(r["owner_id"] for r in rows)
    assert len({r["progress"] for r in rows}) >= 5


def test_demo_knowledge_base(seeded) -> None:
    db, _ = seeded
    with db.read() as conn:
        rows = conn.execute(select(articles)).mappings().all()
    status = Counter(r["status"] for r in rows)
    assert len(rows) >= 12
    assert status["published"] >= 8 and status["in_review"] >= 1 and status["draft"] >= 1
    assert {r["category"] for r in rows} == {"产品文档", "培训资料", "案例库"}
    assert all(orjson.loads(r["tags"]) for r in rows)
    assert all(r["reviewer_id"] for r in rows if r["status"] == "published")
    published = {r["id"] for r in rows if r["status"] == "published"}
    with db.read() as conn:
        in_kb = {
            eid
            for (eid,) in conn.execute(
                select(changes.c.entity_id).where(and_(changes.c.scope == SCOPE_KB, changes.c.kind == "article"))
            )
        }
    assert in_kb == published


def test_a_demo_person_sees_their_chats_and_spaces(seeded) -> None:
    db, _ = seeded
    with db.read() as conn:
        row = conn.execute(select(users).where(users.c.username == "wuqiang")).mappings().one()
        actor = Actor(id=row["id"], username="wuqiang", role=Role(row["role"]), department_id=row["department_id"])
        scopes = visible_scopes(conn, actor)
    assert f"conv:{department_conversation_id('cs')}" in scopes
    assert f"space:{department_space_id('cs')}" in scopes
    assert sum(s.startswith("conv:dm-") for s in scopes) == 1  # his chat with his head
    assert sum(s.startswith("space:") for s in scopes) == 2  # his department and the service-desk project
    assert f"conv:{department_conversation_id('rd')}" not in scopes


# ------------------------------------------------------------------------------------------ cli in-process


def _run(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_user_add_disable_list(tmp_path: Path, capsys, monkeypatch) -> None:
    db_path = str(tmp_path / "new" / "dir" / "server.db")  # a missing directory is created
    assert (
        _run(["--db", db_path, "dept", "add", "mkt", "市场部", "--name-en", "Marketing"], capsys, monkeypatch)[0] == 0
    )
    code, out, err = _run(
        [
            "--db",
            db_path,
            "user",
            "add",
            "wangfang",
            "--password-stdin",
            "--display-name",
            "王芳",
            "--display-name-en",
            "Wang Fang",
            "--department",
            "市场部",
            "--role",
            "head",
        ],
        capsys,
        monkeypatch,
        stdin="s3cret pass\nignored second line\n",
    )
    assert (code, err) == (0, "")
    assert "wangfang" in out

    code, out, _ = _run(["--db", db_path, "user", "list", "--json"], capsys, monkeypatch)
    (person,) = json.loads(out)
    assert person | {"id": None} == {
        "id": None,
        "username": "wangfang",
        "display_name": "王芳",
        "display_name_en": "Wang Fang",
        "role": "head",
        "department_id": "mkt",
        "active": True,
    }
    database = Database.open(db_path)
    try:
        with database.read() as conn:
            stored = conn.execute(select(users.c.password_hash)).scalar_one()
        assert passwords.verify_password(stored, "s3cret pass")
        with database.write() as conn:
            conn.execute(
                sessions.insert().values(
                    id="s1",
                    user_id=person["id"],
                    client_id="c1",
                    access_hash="a",
                    access_expires=1e12,
                    refresh_hash="r",
                    refresh_expires=1e12,
                    revoked=False,
                    device="",
                    created_at="x",
                )
            )
    finally:
        database.dispose()

    code, out, err = _run(["--db", db_path, "user", "disable", "wangfang"], capsys, monkeypatch)
    assert (code, err) == (0, "") and "disabled" in out
    code, out, _ = _run(["--db", db_path, "user", "list"], capsys, monkeypatch)
    assert code == 0
    assert out.splitlines()[0].split()[0] == "username"
    assert "wangfang" in out and "disabled" in out and "王芳" in out
    database = Database.open(db_path)
    try:
        with database.read() as conn:
            assert conn.execute(select(sessions.c.revoked)).scalar_one() is True
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["user", "add", "ann", "--password-stdin"], "\n", "password read from stdin is empty"),
        (["user", "add", "ann"], "pw\n", "--password-stdin"),
        (["user", "add", "ann", "--password-stdin", "--department", "Sales"], "pw\n", "unknown department 'Sales'"),
        (["user", "add", "taken", "--password-stdin"], "pw\n", "taken"),
        (["user", "add", "Bad Name", "--password-stdin"], "pw\n", "username"),
        (["user", "disable", "nobody"], "", "no user 'nobody'"),
        (["dept", "add", "mkt", "市场部"], "", "exists already"),
    ],
)
def test_cli_user_errors_are_one_line(tmp_path: Path, capsys, monkeypatch, argv, stdin, message) -> None:
    db_path = str(tmp_path / "server.db")
    assert _run(["--db", db_path, "dept", "add", "mkt", "市场部"], capsys, monkeypatch)[0] == 0
    assert _run(["--db", db_path, "user", "add", "taken", "--password-stdin"], capsys, monkeypatch, "pw\n")[0] == 0
    code, out, err = _run(["--db", db_path, *argv], capsys, monkeypatch, stdin)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("atrium-server: error: ") and message in err
    assert "Traceback" not in err


def test_cli_usage_error_exits_non_zero(tmp_path: Path, capsys, monkeypatch) -> None:
    code, _, err = _run(["--db", str(tmp_path / "s.db"), "user", "frob"], capsys, monkeypatch)
    assert code == 2 and "invalid choice" in err


# ---------------------------------------------------------------------------------------- a real server


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"the server printed nothing within {timeout} s") from None


@pytest.mark.slow
def test_demo_server_runs_as_a_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "--db",
            str(tmp_path / "demo" / "server.db"),
            "--port",
            "0",
            "--demo",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        line = _first_line(proc, timeout=60)
        assert line.startswith("Atrium server listening on http://127.0.0.1:"), line
        port = int(line.split("http://127.0.0.1:")[1].split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as reply:
            health = json.loads(reply.read())
        assert health["status"] == "ok" and health["instance_id"] in line
        # A demo account signs in with the demo password.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/auth/login",
            data=json.dumps({"username": "wangfang", "password": "demo"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            token = json.loads(reply.read())
        assert token["user"]["username"] == "wangfang" and token["user"]["role"] == "head"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
