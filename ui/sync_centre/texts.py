"""Words for the sync centre: how long ago, what waits to be sent, and why the server refused a change.

Plain functions (no widgets) so the view, its table model and the tests share them. Every text is a literal
`QCoreApplication.translate("SyncCentre", …)` call so lupdate finds it. English plurals are chosen here
(1 → the singular source text, otherwise the plural one with %n) because there is no English catalogue to
pick plural forms; the Chinese catalogue translates both.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from app.store import OutboxEntry
from app.store.reads import RejectedChange
from ui.i18n import translate_refusal


def summary(entry: OutboxEntry | RejectedChange) -> str:
    """What a queued change does, in the UI's language when it was queued with a template."""
    if entry.summary_template is None:
        return entry.summary  # queued by an older version: its English text is all there is
    return translate_refusal(entry.summary_template, entry.summary_args or {}, "ChangeSummary")


def parse_time(text: str | None) -> datetime | None:
    """An ISO time from the store (naive ones are UTC), or None if missing or unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def absolute(moment: datetime) -> str:
    """The moment in the person's locale and local time zone."""
    stamp = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def relative(moment: datetime, now: datetime) -> str:
    """"just now", "5 minutes ago", "2 hours ago", "3 days ago"; older than a week: the date itself."""
    seconds = int((now - moment).total_seconds())
    if seconds < 45:
        return QCoreApplication.translate("SyncCentre", "just now")
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        if minutes == 1:
            return QCoreApplication.translate("SyncCentre", "1 minute ago")
        return QCoreApplication.translate("SyncCentre", "%n minutes ago", None, minutes)
    hours = round(minutes / 60)
    if hours < 24:
        if hours == 1:
            return QCoreApplication.translate("SyncCentre", "1 hour ago")
        return QCoreApplication.translate("SyncCentre", "%n hours ago", None, hours)
    days = round(hours / 24)
    if days < 7:
        if days == 1:
            return QCoreApplication.translate("SyncCentre", "yesterday")
        return QCoreApplication.translate("SyncCentre", "%n days ago", None, days)
    return absolute(moment)


def _kind_count(kind: str, n: int) -> str:
    # Whole phrases, not parts glued together, so each can be translated as a whole.
    one = n == 1
    if kind == "message":
        return (QCoreApplication.translate("SyncCentre", "1 message") if one
                else QCoreApplication.translate("SyncCentre", "%n messages", None, n))
    if kind == "task":
        return (QCoreApplication.translate("SyncCentre", "1 task change") if one
                else QCoreApplication.translate("SyncCentre", "%n task changes", None, n))
    if kind == "article":
        return (QCoreApplication.translate("SyncCentre", "1 article change") if one
                else QCoreApplication.translate("SyncCentre", "%n article changes", None, n))
    if kind == "conversation":
        return (QCoreApplication.translate("SyncCentre", "1 chat change") if one
                else QCoreApplication.translate("SyncCentre", "%n chat changes", None, n))
    if kind == "space":
        return (QCoreApplication.translate("SyncCentre", "1 space change") if one
                else QCoreApplication.translate("SyncCentre", "%n space changes", None, n))
    if kind == "read":
        return (QCoreApplication.translate("SyncCentre", "1 read receipt") if one
                else QCoreApplication.translate("SyncCentre", "%n read receipts", None, n))
    return (QCoreApplication.translate("SyncCentre", "1 other change") if one
            else QCoreApplication.translate("SyncCentre", "%n other changes", None, n))


_ORDER = ("message", "task", "article", "conversation", "space", "read")


def pending_summary(pending: dict[str, int]) -> str:
    """"3 messages, 1 task change" — or that nothing waits."""
    counts = {kind: n for kind, n in pending.items() if n > 0}
    if not counts:
        return QCoreApplication.translate("SyncCentre", "Nothing waiting to be sent")
    parts = [_kind_count(kind, counts[kind]) for kind in _ORDER if kind in counts]
    others = sum(n for kind, n in counts.items() if kind not in _ORDER)
    if others:
        parts.append(_kind_count("", others))
    return QCoreApplication.translate("SyncCentre", ", ").join(parts)


def _explanations() -> dict[str, str]:
    same_version = QCoreApplication.translate("SyncCentre", "The version it was based on is unknown to the server.")
    not_valid = QCoreApplication.translate("SyncCentre", "Something in this change is not valid.")
    return {
        "forbidden": QCoreApplication.translate("SyncCentre", "You are not allowed to do this."),
        "access_revoked": QCoreApplication.translate(
            "SyncCentre", "You no longer have access to this, so it was not sent."),
        "not_found": QCoreApplication.translate("SyncCentre", "What this change refers to no longer exists."),
        "deleted": QCoreApplication.translate("SyncCentre", "It was deleted in the meantime."),
        "exists": QCoreApplication.translate("SyncCentre", "It already exists on the server."),
        "unknown_user": QCoreApplication.translate("SyncCentre", "A person it names does not exist or has left."),
        "invalid_state": QCoreApplication.translate(
            "SyncCentre", "It has changed in the meantime and no longer allows this."),
        "unknown_base": same_version,
        "unknown_conflict": same_version,
        "unknown_mutation": QCoreApplication.translate(
            "SyncCentre", "The server does not know this kind of change (it may be older than this app)."),
        "invalid_owner": QCoreApplication.translate("SyncCentre", "The person chosen cannot own it."),
        "invalid_dependency": QCoreApplication.translate("SyncCentre", "A task it depends on cannot be used."),
        "invalid_reply": QCoreApplication.translate("SyncCentre", "The message it replies to is not in this chat."),
        "empty": QCoreApplication.translate("SyncCentre", "It is empty."),
        "invalid": not_valid,
        "invalid_arguments": not_valid,
        "unknown_field": not_valid,
        "urgent_quota": QCoreApplication.translate(
            "SyncCentre", "You have used up your urgent messages for now; send it as important instead."),
        "urgent_reason_missing": QCoreApplication.translate("SyncCentre", "An urgent message needs a reason."),
        "not_requested": QCoreApplication.translate("SyncCentre", "The message does not ask for an acknowledgement."),
        "own_message": QCoreApplication.translate("SyncCentre", "You cannot acknowledge your own message."),
        "invalid_settings": QCoreApplication.translate("SyncCentre", "These settings cannot be used."),
        "too_large": QCoreApplication.translate("SyncCentre", "It is too large."),
    }


def refusal(code: str | None, reason: str | None) -> str:
    """Why the server refused a change, in plain words (the server's own sentence is shown alongside)."""
    known = _explanations().get(code or "")
    if known:
        return known
    if reason:
        return sentence(reason)
    return QCoreApplication.translate("SyncCentre", "The server refused this change.")


def sentence(text: str) -> str:
    """The engine's and the server's messages start in lower case; shown alone they read better capitalised."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "。")) else text + "."
