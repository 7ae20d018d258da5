"""`atrium-server`: run the reference sync server, and manage its accounts and departments.

    atrium-server --db PATH [--host 127.0.0.1] [--port 8765] [--demo [--demo-zone ZONE]]   serve (port 0: any free port)
    atrium-server --db PATH user add NAME --password-stdin [--display-name X] [--display-name-en X]
                                          [--department D] [--role employee|head|admin]
    atrium-server --db PATH user disable NAME | user enable NAME | user list [--json]
    atrium-server --db PATH dept add ID NAME [--name-en X] | dept list [--json]
    atrium-server --db PATH growth USER [--json] [--tz ZONE] [--today YYYY-MM-DD]    a person's growth map
    atrium-server --db PATH experts [--month YYYY-MM] [--publish] [--json]          the month's platform experts

A mistake the person made (unknown department, taken username, empty password) ends with one line on stderr
and exit status 1, never a traceback. Serving prints "Atrium server listening on http://HOST:PORT (instance
ID)" once the socket is bound — with the real port when --port 0 was given — so scripts and tests can read it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from sync.protocol import Role

from . import org
from .db import Database

PROG = "atrium-server"


class CliError(Exception):
    """One line for stderr: what went wrong and, where it helps, what to do."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="The Atrium reference sync server.")
    parser.add_argument("--db", required=True, metavar="PATH", help="server database file (or a database URL)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on; 0 picks a free one")
    parser.add_argument("--demo", action="store_true", help="seed the demo company into an empty database")
    parser.add_argument(
        "--demo-zone",
        metavar="ZONE",
        help="IANA time zone the demo's history keeps working hours in (default: the company's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="{user,dept,growth,experts}")

    user = commands.add_parser("user", help="manage accounts").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", help="create an account (password read from stdin)")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.add_argument("--display-name", default="", help="name shown to colleagues (Chinese)")
    add.add_argument("--display-name-en", default="", help="name shown in the English UI")
    add.add_argument("--department", help="department id or name")
    add.add_argument("--role", default=Role.EMPLOYEE.value, choices=[r.value for r in Role])
    user.add_parser("disable", help="off-board: revoke every session at once").add_argument("username")
    user.add_parser("enable", help="give a disabled account access again").add_argument("username")
    listing = user.add_parser("list", help="list accounts")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    dept = commands.add_parser("dept", help="manage departments").add_subparsers(dest="action", required=True)
    dadd = dept.add_parser("add", help="create a department with its group chat and space")
    dadd.add_argument("id")
    dadd.add_argument("name")
    dadd.add_argument("--name-en", default="")
    dlist = dept.add_parser("list", help="list departments")
    dlist.add_argument("--json", action="store_true", help="machine-readable output")

    grow = commands.add_parser("growth", help="a person's points, level and milestones")
    grow.add_argument("user", help="username or id")
    grow.add_argument("--json", action="store_true", help="machine-readable output")
    grow.add_argument("--tz", help="the person's IANA time zone (default: the company's, from the growth map)")
    grow.add_argument("--today", help="compute as of this day (YYYY-MM-DD; default today)")
    experts = commands.add_parser("experts", help="rank the month's platform experts (top 10%% by points)")
    experts.add_argument("--month", help="YYYY-MM (default: the month that ended last)")
    experts.add_argument("--publish", action="store_true", help="send the result to every client (ended months)")
    experts.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already explained
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        database = _open(args.db)
    except CliError as exc:
        return _fail(str(exc))
    try:
        if args.command is None:
            return _serve(database, args.host, args.port, args.demo, args.demo_zone)
        if args.command in ("growth", "experts"):
            from . import growth_cli

            return growth_cli.run(database, args)
        handler = {
            ("user", "add"): _user_add,
            ("user", "disable"): _user_disable,
            ("user", "enable"): _user_enable,
            ("user", "list"): _user_list,
            ("dept", "add"): _dept_add,
            ("dept", "list"): _dept_list,
        }[(args.command, args.action)]
        return handler(database, args)
    except (CliError, org.OrgError) as exc:
        return _fail(str(exc))
    except SQLAlchemyError as exc:
        return _fail(f"database error: {exc.__class__.__name__}: {_first_line(str(exc.orig or exc))}")
    finally:
        database.dispose()


# ---------------------------------------------------------------------------------------------- helpers


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _open(path: str) -> Database:
    try:
        return Database.open(path)
    except OSError as exc:
        raise CliError(f"cannot open the database {path!r}: {exc.strerror or exc}") from None
    except (SQLAlchemyError, RuntimeError) as exc:
        raise CliError(f"cannot open the database {path!r}: {_first_line(str(exc))}") from None


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise CliError("give the password on stdin with --password-stdin (never on the command line)")
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise CliError("the password read from stdin is empty")
    return password


# --------------------------------------------------------------------------------------------- commands


def _user_add(database: Database, args: argparse.Namespace) -> int:
    password = _read_password(args)
    with database.write() as conn:
        dept_id = None
        if args.department:
            dept = org.find_department(conn, args.department)
            if dept is None:
                known = ", ".join(f"{d['id']} ({d['name']})" for d in org.list_departments(conn)) or "none yet"
                raise CliError(f"unknown department {args.department!r}; known departments: {known}")
            dept_id = dept["id"]
        ctx = org.system_context(conn)
        org.add_user(ctx, args.username, password, args.display_name, args.display_name_en, dept_id, args.role)
    print(f"added {args.username.strip().lower()}" + (f" to {dept_id}" if dept_id else ""))
    return 0


def _user_disable(database: Database, args: argparse.Namespace) -> int:
    with database.write() as conn:
        org.disable_user(org.system_context(conn), args.username)
    print(f"disabled {args.username.strip().lower()}; every session of this account is revoked")
    return 0


def _user_enable(database: Database, args: argparse.Namespace) -> int:
    with database.write() as conn:
        org.enable_user(org.system_context(conn), args.username)
    print(f"enabled {args.username.strip().lower()}")
    return 0


def _user_list(database: Database, args: argparse.Namespace) -> int:
    with database.read() as conn:
        people = org.list_users(conn)
    if args.json:
        print(json.dumps(people, ensure_ascii=False, indent=2))
        return 0
    rows = [
        [
            p["username"],
            p["display_name"],
            p["display_name_en"],
            p["department_id"] or "-",
            p["role"],
            "active" if p["active"] else "disabled",
        ]
        for p in people
    ]
    _table(["username", "name", "name (en)", "department", "role", "status"], rows)
    return 0


def _dept_add(database: Database, args: argparse.Namespace) -> int:
    with database.write() as conn:
        org.create_department(org.system_context(conn), args.id, args.name, args.name_en)
    print(f"added department {args.id.strip()} ({args.name.strip()})")
    return 0


def _dept_list(database: Database, args: argparse.Namespace) -> int:
    with database.read() as conn:
        depts = org.list_departments(conn)
    if args.json:
        print(json.dumps(depts, ensure_ascii=False, indent=2))
        return 0
    _table(["id", "name", "name (en)"], [[d["id"], d["name"], d["name_en"]] for d in depts])
    return 0


def _table(header: list[str], rows: list[list[str]]) -> None:
    import unicodedata

    def width(text: str) -> int:  # CJK characters take two columns in a terminal
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [str(cell) + " " * (widths[i] - width(str(cell))) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


# ------------------------------------------------------------------------------------------------ serve


def _zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CliError(f"unknown time zone {name!r}; give an IANA name such as Asia/Shanghai") from None


def _serve(database: Database, host: str, port: int, demo: bool, demo_zone: str | None = None) -> int:
    zone = _zone(demo_zone) if demo_zone else None
    try:
        from .app import ServerConfig, StoppingServer, create_app
    except ImportError as exc:
        raise CliError(f"the server application is not available: {exc}") from None
    accounts: list[dict[str, Any]] = []
    if demo:
        from .demo import DEMO_PASSWORD, demo_accounts, seed_demo

        seed_demo(database, zone=zone)
        with database.read() as conn:
            present = {p["username"] for p in org.list_users(conn) if p["active"]}
        accounts = [a for a in demo_accounts() if a["username"] in present]
    if database.path is not None:
        from .files import exposed

        for exposure in exposed(database.path):
            print(f"{PROG}: warning: {exposure}", file=sys.stderr, flush=True)
    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    print(f"Atrium server listening on http://{url_host}:{bound_port} (instance {database.instance_id})", flush=True)
    if accounts:
        print(f'Demo accounts (password "{DEMO_PASSWORD}"):')
        _table(
            ["username", "name", "name (en)", "department", "role"],
            [[a["username"], a["display_name"], a["display_name_en"], a["department_en"], a["role"]] for a in accounts],
        )
        sys.stdout.flush()
    # A running server names last month's platform experts soon after the month ends (checked hourly).
    app = create_app(database, ServerConfig(recognition_every_s=3600))
    server = StoppingServer(app, log_level="warning", access_log=False)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0


def _bind(host: str, port: int) -> socket.socket:
    """Bind and listen before printing the address, so a client that reads it can connect at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows SO_REUSEADDR would let another process take the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


if __name__ == "__main__":
    sys.exit(main())
