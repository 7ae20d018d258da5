"""Preference use cases: the person's notification settings, synced to their other devices, and the
organisation's default that an administrator publishes.

A person's choices are queued as what differs from the organisation's default (so a later change of the
default still reaches everything they did not change); presenting mode stays on the device it was turned on.
"""

from __future__ import annotations

import json

from app.limits import MAX_PREFERENCE_BYTES
from app.notifications.feed import org_default
from app.notifications.settings import NotificationSettings, organisation_default, personal_changes
from app.store import reads

from .context import ActionRefused, Session, described


def _check_size(value: dict[str, object]) -> None:
    if len(json.dumps(value, ensure_ascii=False).encode()) > MAX_PREFERENCE_BYTES:
        raise ActionRefused("These settings are larger than {size} KB; mute fewer places.",
                            size=MAX_PREFERENCE_BYTES // 1024)


def save_notification_settings(session: Session, settings: NotificationSettings) -> None:
    """Queue my notification settings for my other devices."""
    value = personal_changes(settings, org_default(session.conn, settings.time_zone))
    _check_size(value)
    session.enqueue("preference.set", {"key": "notifications", "level": "user", "value": value},
                    scope=f"user:{session.user_id}", summary=described("Notification settings"))


def save_organisation_default(session: Session, settings: NotificationSettings) -> None:
    """Publish `settings` (without pause or presenting mode) as everyone's default; administrators only."""
    if not reads.is_admin(session.conn, session.user_id):
        raise ActionRefused("Only an administrator can change the organisation's default notification settings.")
    value = organisation_default(settings)
    _check_size(value)
    session.enqueue("preference.set", {"key": "notifications", "level": "org", "value": value}, scope="org",
                    summary=described("Organisation notification defaults"))
