"""The `atrium` command line's grammar: every command, its options and the function that runs it.

A usage mistake is a one-line `UsageError` (exit status 2) rather than argparse's exit, so `main` returns.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from importlib import metadata
from typing import Any, NoReturn

from app.services import search

from .account import cmd_login, cmd_logout
from .chat import cmd_chat_ack, cmd_chat_acks, cmd_chat_history, cmd_chat_list, cmd_chat_send
from .kb import cmd_kb_add, cmd_kb_edit, cmd_kb_list, cmd_kb_show
from .outbox import cmd_outbox_discard, cmd_outbox_list, cmd_outbox_retry
from .output import Context, UsageError
from .search import cmd_search
from .status import cmd_status
from .syncing import cmd_sync
from .task import cmd_task_add, cmd_task_list, cmd_task_set

COMMANDS: frozenset[str] = frozenset({"login", "logout", "sync", "status", "chat", "task", "kb", "search", "outbox"})


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and an exception, so `main` returns instead of exiting)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _version() -> str:
    try:
        return metadata.version("atrium")
    except metadata.PackageNotFoundError:
        return "unknown"


def default_language() -> str:
    for key in ("ATRIUM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(key, "")
        if value:
            # Names are the organisation's own (Chinese) unless the terminal is explicitly English.
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def build_parser() -> argparse.ArgumentParser:
    # Global options are accepted before or after the command: `atrium --profile a status` and
    # `atrium status --profile a` both work. SUPPRESS keeps a sub-parser's default from hiding the global one.
    common = Parser(add_help=False)
    common.add_argument("--profile", metavar="NAME|PATH", default=argparse.SUPPRESS,
                        help="the profile to use: a name, or a folder path (default: ATRIUM_PROFILE or 'default')")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="log what sync does (INFO)")
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS,
                        help="names in Chinese or English (default: from ATRIUM_LANG / LANG)")

    parser = Parser(prog="atrium", parents=[common],
                     description="Atrium from the command line. Everything except login, logout and sync works "
                                 "offline on the profile's local store.")
    parser.add_argument("--version", action="version", version=f"atrium {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)

    def command(parent: Any, name: str, func: Callable[[Context, argparse.Namespace], int],
                text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(func=func)
        return sub

    login = command(commands, "login", cmd_login, "sign in to a server (and sync once)")
    login.add_argument("--server", required=True, metavar="URL", help="the server, e.g. https://atrium.example.com")
    login.add_argument("--user", required=True, metavar="NAME", help="your user name")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    login.add_argument("--no-sync", action="store_true", help="do not sync right after signing in")

    logout = command(commands, "logout", cmd_logout, "sign out (unsent changes and the local copy are kept)")
    logout.add_argument("--wipe", action="store_true", help="also delete this profile's local copy")
    logout.add_argument("--force", action="store_true", help="with --wipe: drop unsent changes too")

    sync = command(commands, "sync", cmd_sync, "send and fetch changes (stays in sync until Ctrl+C)")
    sync.add_argument("--once", action="store_true", help="send everything, fetch until up to date, then exit")
    sync.add_argument("--user", metavar="NAME", help="sign the profile's person in for this run (no keychain)")
    sync.add_argument("--password-stdin", action="store_true", help="with --user: read the password from stdin")

    status = command(commands, "status", cmd_status, "who is signed in, what waits to be sent, what was refused")
    status.add_argument("--json", action="store_true")

    chat = commands.add_parser("chat", help="conversations and messages").add_subparsers(
        dest="chat_command", metavar="ACTION", required=True, parser_class=Parser)
    chat_list = command(chat, "list", cmd_chat_list, "your conversations, most recent first")
    chat_list.add_argument("--json", action="store_true")
    send = command(chat, "send", cmd_chat_send, "send a message (queued until the next sync)")
    target = send.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="USER", help="a person (user name): the direct chat with them")
    target.add_argument("--conversation", metavar="ID", help="a conversation id, id prefix/suffix or title")
    send.add_argument("text")
    send.add_argument("--important", action="store_true", help="ask for read receipts")
    send.add_argument("--urgent", metavar="REASON",
                      help="urgent: gets through quiet time (a reason is required; 3 in any 24 hours)")
    send.add_argument("--ack", action="store_true", help="ask the recipients to acknowledge it")
    ack = command(chat, "ack", cmd_chat_ack, "acknowledge a message that asks for it (queued)")
    ack.add_argument("message", metavar="MESSAGE", help="a message id (or a unique prefix)")
    acks = command(chat, "acks", cmd_chat_acks, "who has acknowledged a message of yours and who has not")
    acks.add_argument("message", metavar="MESSAGE", help="a message id (or a unique prefix)")
    acks.add_argument("--json", action="store_true")
    hist = command(chat, "history", cmd_chat_history, "a page of a conversation, oldest first")
    hist.add_argument("conversation", metavar="CONVERSATION")
    hist.add_argument("--limit", type=int, default=50, help="messages per page (default 50)")
    hist.add_argument("--before", type=int, metavar="SEQ", help="the page before this message number")
    hist.add_argument("--json", action="store_true")

    task = commands.add_parser("task", help="tasks in your spaces").add_subparsers(
        dest="task_command", metavar="ACTION", required=True, parser_class=Parser)
    add = command(task, "add", cmd_task_add, "add a task (queued until the next sync)")
    add.add_argument("title")
    add.add_argument("--space", metavar="S", help="space id or title (default: your department's space)")
    add.add_argument("--owner", metavar="USER")
    add.add_argument("--due", metavar="YYYY-MM-DD")
    add.add_argument("--description", metavar="TEXT")
    task_list = command(task, "list", cmd_task_list, "tasks of your spaces")
    task_list.add_argument("--mine", action="store_true", help="only the tasks you own")
    task_list.add_argument("--space", metavar="S", help="only this space")
    task_list.add_argument("--json", action="store_true")
    task_set = command(task, "set", cmd_task_set, "change fields: title, description, owner, due, status, "
                                                   "progress, depends_on")
    task_set.add_argument("id", metavar="ID")
    task_set.add_argument("assignments", metavar="FIELD=VALUE", nargs="+")

    kb = commands.add_parser("kb", help="the knowledge base").add_subparsers(
        dest="kb_command", metavar="ACTION", required=True, parser_class=Parser)
    kb_add = command(kb, "add", cmd_kb_add, "write a draft article (queued until the next sync)")
    kb_add.add_argument("title")
    source = kb_add.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="PATH", help="the body from a UTF-8 file ('-' for stdin)")
    source.add_argument("--body", metavar="TEXT")
    kb_add.add_argument("--category", metavar="C")
    kb_add.add_argument("--tag", metavar="T", action="append", help="a tag (repeat for more)")
    kb_edit = command(kb, "edit", cmd_kb_edit, "replace an article's text (merged with others' edits)")
    kb_edit.add_argument("id", metavar="ID")
    source = kb_edit.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="PATH", help="the body from a UTF-8 file ('-' for stdin)")
    source.add_argument("--body", metavar="TEXT")
    kb_edit.add_argument("--title")
    kb_list = command(kb, "list", cmd_kb_list, "articles here, newest change first")
    kb_list.add_argument("--category")
    kb_list.add_argument("--tag")
    kb_list.add_argument("--json", action="store_true")
    kb_show = command(kb, "show", cmd_kb_show, "one article with its text")
    kb_show.add_argument("id", metavar="ID")
    kb_show.add_argument("--json", action="store_true")

    find = command(commands, "search", cmd_search, "search messages, tasks and articles (Chinese and English)")
    find.add_argument("query")
    find.add_argument("--kind", action="append", choices=search.KINDS, help="only this kind (repeatable)")
    find.add_argument("--limit", type=int, default=20)
    find.add_argument("--json", action="store_true")

    outbox = commands.add_parser("outbox", help="changes waiting to be sent or refused").add_subparsers(
        dest="outbox_command", metavar="ACTION", required=True, parser_class=Parser)
    outbox_list = command(outbox, "list", cmd_outbox_list, "what waits and what was refused")
    outbox_list.add_argument("--json", action="store_true")
    retry = command(outbox, "retry", cmd_outbox_retry, "queue a refused change again")
    retry.add_argument("id", metavar="ID")
    discard = command(outbox, "discard", cmd_outbox_discard, "forget a refused change")
    discard.add_argument("id", metavar="ID")
    return parser
