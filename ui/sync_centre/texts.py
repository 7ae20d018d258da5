"""Words for the sync centre: how long ago, what waits to be sent, and why the server refused a change.

Plain functions (no widgets) so the view, its table model and the tests share them. English plurals are
chosen here (1 → singular source text, otherwise the plural one) because there is no English catalogue to
pick plural forms; the Chinese catalogue translates both source texts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


def plural(one: str, many: str, n: int) -> str:
    """"1 message" / "3 messages" — `many` contains %n."""
    return tr(one) if n == 1 else tr(many, n)


def parse_time(text: str | None) -> datetime | None:
    """An ISO time from the store (always with an offset; naive ones are UTC), or None if unreadable."""
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
        return plural(QCoreApplication.translate("SyncCentre", "1 minute ago"),
        QCoreApplication.translate("SyncCentre", "%n minutes ago", None, minutes), minutes)
    hours = round(minutes / 60)
    if hours < 24:
        return plural(QCoreApplication.translate("SyncCentre", "1 hour ago"),
        QCoreApplication.translate("SyncCentre", "%n hours ago", None, hours), hours)
    days = round(hours / 24)
    if days < 7:
        return plural(QCoreApplication.translate("SyncCentre", "yesterday"),
        QCoreApplication.translate("SyncCentre", "%n days ago", None, days), days)
    return absolute(moment)


def _kind_count(kind: str, n: int) -> str:
    # Written out (not built from parts) so each phrase can be translated whole.
    if kind == "message":
        return plural(QCoreApplication.translate("SyncCentre", "1 message"),
        QCoreApplication.translate("SyncCentre", "%n messages", None, n), n)
    if kind == "task":
        return plural(QCoreApplication.translate("SyncCentre", "1 task change"),
        QCoreApplication.translate("SyncCentre", "%n task changes", None, n), n)
    if kind == "article":
        return plural(QCoreApplication.translate("SyncCentre", "1 article change"),
        QCoreApplication.translate("SyncCentre", "%n article changes", None, n), n)
    if kind == "conversation":
        return plural(QCoreApplication.translate("SyncCentre", "1 chat change"),
        QCoreApplication.translate("SyncCentre", "%n chat changes", None, n), n)
    if kind == "space":
        return plural(QCoreApplication.translate("SyncCentre", "1 space change"),
        QCoreApplication.translate("SyncCentre", "%n space changes", None, n), n)
    if kind == "read":
        return plural(QCoreApplication.translate("SyncCentre", "1 read receipt"),
        QCoreApplication.translate("SyncCentre", "%n read receipts", None, n), n)
    return plural(QCoreApplication.translate("SyncCentre", "1 other change"),
        QCoreApplication.translate("SyncCentre", "%n other changes", None, n), n)


_ORDER = ("message", "task", "article", "conversation", "space", "read")


def pending_summary(pending: dict[str, int]) -> str:
    """"3 messages, 1 task change" — or that nothing waits."""
    counts = {kind: n for kind, n in pending.items() if n > 0}
    if not counts:
        return QCoreApplication.translate("SyncCentre", "Nothing waiting to be sent")
    others = sum(n for kind, n in counts.items() if kind not in _ORDER)
    parts = [_kind_count(kind, counts[kind]) for kind in _ORDER if kind in counts]
    if others:
        parts.append(_kind_count("", others))
    return QCoreApplication.translate("SyncCentre", ", ").join(parts)


def refusal(code: str | None, reason: str | None) -> str:
    """Why the server refused a change, in plain words (the server's own sentence is shown alongside)."""
    explanations = {
        "forbidden": QCoreApplication.translate("SyncCentre", "You are not allowed to do this."),
        "access_revoked": QCoreApplication.translate("SyncCentre", "You no longer have access to this, so it was not sent."),
        "not_found": QCoreApplication.translate("SyncCentre", "What this change refers to no longer exists."),
        "deleted": QCoreApplication.translate("SyncCentre", "It was deleted in the meantime."),
        "exists": QCoreApplication.translate("SyncCentre", "It already exists on the server."),
        "unknown_user": QCoreApplication.translate("SyncCentre", "A person it names does not exist or has left."),
        "invalid_state": QCoreApplication.translate("SyncCentre", "It has changed in the meantime and no longer allows this."),
        "unknown_base": QCoreApplication.translate("SyncCentre", "The version it was based on is unknown to the server."),
        "unknown_conflict": QCoreApplication.translate("SyncCentre", "The version it was based on is unknown to the server."),
        "unknown_mutation": QCoreApplication.translate("SyncCentre", "The server does not know this kind of change (it may be older than this app)."),
        "invalid_owner": QCoreApplication.translate("SyncCentre", "The person chosen cannot own it."),
        "invalid_dependency": QCoreApplication.translate("SyncCentre", "A task it depends on cannot be used."),
        "invalid_reply": QCoreApplication.translate("SyncCentre", "The message it replies to is not in this chat."),
        "empty": QCoreApplication.translate("SyncCentre", "It is empty."),
    }
    if code in explanations:
        return explanations[code]
    if code in ("invalid", "invalid_arguments", "unknown_field"):
        return QCoreApplication.translate("SyncCentre", "Something in this change is not valid.")
    if reason:
        return reason[:1].upper() + reason[1:]
    return QCoreApplication.translate("SyncCentre", "The server refused this change.")


def sentence(text: str) -> str:
    """The engine's and server's messages start in lower case; shown alone they read better capitalised."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "。")) else text + "."
