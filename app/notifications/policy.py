"""The one place that decides whether an event interrupts the person: show now, hold for the digest, or badge only.

`decide(event, settings, now)` is pure and total: the same inputs always give the same decision, every valid
input gets one, and it reads no clock and no store. Everything else (the notifier, the notification centre,
tests) calls it instead of re-deriving the rules. The rules, first match wins:

1. Muted conversation or space: chatter (direct and group messages) only updates the unread badge; anything
   addressed to me (mentions, important and urgent messages, tasks, reviews) is held for the digest. Muting is
   the strongest "do not interrupt me from here", so nothing from a muted place pops up, but what concerns me
   personally is never lost either.
2. "Mentions only" conversation: direct and group messages only update the badge; the rest goes on below.
3. Presenting mode: nothing pops up, urgent included (a trainer's screen is on a projector); held.
4. Exceptions -- urgent messages, direct messages / mentions / important messages from priority people, and
   tasks due within 2 hours -- are shown now during quiet time when urgent bypass is on.
5. Quiet time (paused, or outside working hours in the person's time zone): held for the digest.
6. Late arrivals (more than LATE_AFTER after they happened: the app was offline or asleep) are held too, so
   coming back online gives one digest rather than a storm of stale pop-ups; exceptions are still shown.
7. Working hours: group messages that do not mention me only update the badge (Slack's default, too: group
   chatter popping up one by one is what makes people turn notifications off); everything else is shown now.

Who "me" is, and that my own messages and history from a first sync never reach here, is the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from .events import TASK_KINDS, Event, EventKind
from .settings import NotificationSettings, Week

LATE_AFTER = timedelta(minutes=10)
DUE_SOON = timedelta(hours=2)
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not strftime: that follows the process locale
_CHATTER = frozenset({EventKind.DIRECT_MESSAGE, EventKind.GROUP_MESSAGE})
_PRIORITY_KINDS = frozenset({EventKind.DIRECT_MESSAGE, EventKind.MENTION, EventKind.IMPORTANT_MESSAGE})


class Action(StrEnum):
    SHOW_NOW = "show_now"
    HOLD_FOR_DIGEST = "hold_for_digest"
    BADGE_ONLY = "badge_only"


class Rule(StrEnum):
    """Which rule decided; stable codes for the notification centre and tests, unlike the reason's wording."""

    MUTED = "muted"
    MUTED_ADDRESSED = "muted_addressed"
    MENTIONS_ONLY = "mentions_only"
    PRESENTING = "presenting"
    URGENT = "urgent"
    PRIORITY_PERSON = "priority_person"
    DUE_SOON = "due_soon"
    PAUSED = "paused"
    OUTSIDE_WORKING_HOURS = "outside_working_hours"
    LATE = "late"
    GROUP_CHATTER = "group_chatter"
    WORKING_HOURS = "working_hours"


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str  # one English sentence for the notification centre
    rule: Rule


def decide(event: Event, settings: NotificationSettings, now: datetime) -> Decision:
    """What to do with `event` at the instant `now` (aware; its zone does not matter, only the instant)."""
    _require_aware(now)
    # In UTC, so that "10 minutes late" and "due within 2 hours" are real time: between two times of one zone
    # Python subtracts and adds wall-clock time, which is an hour off across a daylight-saving change.
    now = now.astimezone(UTC)
    place = _muted_place(event, settings)
    if place:
        if event.kind in _CHATTER:
            return Decision(Action.BADGE_ONLY, f"This {place} is muted, so it only updates the unread count.",
                            Rule.MUTED)
        return Decision(Action.HOLD_FOR_DIGEST,
                        f"This {place} is muted, so even what is addressed to you waits quietly for the summary.",
                        Rule.MUTED_ADDRESSED)
    if event.conversation_id in settings.mentions_only_conversations and event.kind in _CHATTER:
        return Decision(Action.BADGE_ONLY, "This conversation is set to mentions only, so other messages only "
                        "update the unread count.", Rule.MENTIONS_ONLY)
    if settings.presenting:
        return Decision(Action.HOLD_FOR_DIGEST, "Presenting mode is on, so nothing pops up; this waits for the "
                        "summary.", Rule.PRESENTING)

    exception = _exception(event, settings, now)
    quiet = _quiet_clause(settings, now)
    if quiet:
        if exception and settings.urgent_bypass:
            rule, why = exception
            return Decision(Action.SHOW_NOW, f"{why}, so it gets through quiet time.", rule)
        if exception:
            return Decision(Action.HOLD_FOR_DIGEST, f"{quiet[1]} and urgent bypass is off, so this waits for the "
                            "summary.", quiet[0])
        return Decision(Action.HOLD_FOR_DIGEST, f"{quiet[1]}, so this waits for the summary.", quiet[0])
    if now - event.at > LATE_AFTER:
        if exception:
            rule, why = exception
            return Decision(Action.SHOW_NOW, f"{why}, so it is shown even though it arrived late.", rule)
        late = f"more than {LATE_AFTER // timedelta(minutes=1)} minutes after it happened"
        return Decision(Action.HOLD_FOR_DIGEST, f"This arrived {late}, so it waits for the summary instead of "
                        "popping up late.", Rule.LATE)
    if event.kind is EventKind.GROUP_MESSAGE:
        return Decision(Action.BADGE_ONLY, "Group messages that do not mention you only update the unread count.",
                        Rule.GROUP_CHATTER)
    return Decision(Action.SHOW_NOW, "It is within your working hours, so this is shown now.", Rule.WORKING_HOURS)


# -- time -------------------------------------------------------------------------------------------------------


def works_at(hours: Week, weekday: int, minute: int) -> bool:
    """Whether local wall-clock `minute` (0–1439) of `weekday` (0 = Monday) is working time, counting the part
    of the previous day's ranges that runs past midnight."""
    if any(r.covers(minute) for r in hours[weekday]):
        return True
    return any(r.covers_next_day(minute) for r in hours[(weekday - 1) % 7])


def in_working_hours(settings: NotificationSettings, now: datetime) -> bool:
    # Wall-clock time in the person's zone: 09:00 stays 09:00 on both sides of a daylight saving change.
    _require_aware(now)
    local = now.astimezone(settings.zone)
    return works_at(settings.working_hours, local.weekday(), local.hour * 60 + local.minute)


def is_paused(settings: NotificationSettings, now: datetime) -> bool:
    _require_aware(now)
    return settings.paused_until is not None and now < settings.paused_until


def is_quiet(settings: NotificationSettings, now: datetime) -> bool:
    """Quiet time: paused, or outside working hours. Presenting mode is separate (it silences even urgent)."""
    return is_paused(settings, now) or not in_working_hours(settings, now)


def is_quiet_or_presenting(settings: NotificationSettings, now: datetime) -> bool:
    """Whether ordinary events are held at `now`: presenting, paused or outside working hours."""
    return settings.presenting or is_quiet(settings, now)


def next_working_start(settings: NotificationSettings, now: datetime) -> datetime | None:
    """The next instant after `now` at which working time begins (for "pause until tomorrow's working hours"),
    in the person's zone; None when there is no such instant (no working hours, or working all week round)."""
    _require_aware(now)
    tz = settings.zone
    today = now.astimezone(tz).date()
    for offset in range(9):  # a week plus the days either side covers every weekly boundary
        day = today + timedelta(days=offset)
        for r in sorted(settings.working_hours[day.weekday()]):
            if _continues_previous(settings.working_hours, day, r.start_minute):
                continue
            # Through UTC and back: a start inside a spring-forward gap (02:30 that never happens) becomes the
            # first real instant after it.
            start = datetime.combine(day, r.start, tzinfo=tz).astimezone(UTC).astimezone(tz)
            if start > now:
                return start
    return None


def quiet_period_ended(
    settings: NotificationSettings, before: datetime, after: datetime, *, previous: NotificationSettings | None = None
) -> bool:
    """Whether a stretch of held time (quiet hours, a pause, presenting mode) ended between `before` and `after`
    and ordinary events are no longer held at `after`: the moment to emit the digest.

    `previous` is the settings as they were at `before` (default: unchanged), so turning presenting mode off or
    resuming a pause counts. A stretch that began and ended entirely in between (the laptop slept through the
    night) counts too; a stretch still going on at `after` does not, so the digest never itself interrupts.
    """
    _require_aware(before)
    _require_aware(after)
    if after <= before or is_quiet_or_presenting(settings, after):
        return False
    if is_quiet_or_presenting(previous or settings, before):
        return True
    start = next_working_start(settings, before)
    return start is not None and start <= after


def _continues_previous(hours: Week, day: date, start_minute: int) -> bool:
    # A range starting where another ends (12:00-00:00 then 00:00-12:00) is not a new start of working time.
    if start_minute == 0:
        return works_at(hours, (day.weekday() - 1) % 7, 1439)
    return works_at(hours, day.weekday(), start_minute - 1)


def _quiet_clause(settings: NotificationSettings, now: datetime) -> tuple[Rule, str] | None:
    tz = settings.zone
    if is_paused(settings, now):
        assert settings.paused_until is not None
        return Rule.PAUSED, f"Notifications are paused until {_local(settings.paused_until.astimezone(tz), now)}"
    if not in_working_hours(settings, now):
        local = now.astimezone(tz)
        when = f"{_DAY_NAMES[local.weekday()]} {local:%H:%M} in {settings.time_zone}"
        return Rule.OUTSIDE_WORKING_HOURS, f"It is {when}, outside your working hours"
    return None


def _local(moment: datetime, now: datetime) -> str:
    """A time as short as it can be said unambiguously from `now`: 15:00, Tue 09:00, or a full date."""
    local_now = now.astimezone(moment.tzinfo)
    if moment.date() == local_now.date():
        return f"{moment:%H:%M}"
    if moment.date() - local_now.date() < timedelta(days=7) and moment > local_now:
        return f"{_DAY_NAMES[moment.weekday()]} {moment:%H:%M}"
    return f"{moment:%Y-%m-%d %H:%M}"


def _exception(event: Event, settings: NotificationSettings, now: datetime) -> tuple[Rule, str] | None:
    """Why `event` may interrupt even quiet time, if it may."""
    if event.kind is EventKind.URGENT_MESSAGE:
        reason = " ".join((event.urgent_reason or "").split())
        reason = reason if len(reason) <= 80 else reason[:79] + "…"
        return Rule.URGENT, f"Marked urgent by the sender ({reason})"
    if event.kind in _PRIORITY_KINDS and event.sender_id in settings.priority_people:
        return Rule.PRIORITY_PERSON, "The sender is on your priority list"
    if _due_soon(event, now):
        return Rule.DUE_SOON, "The task is due within 2 hours"
    return None


def _due_soon(event: Event, now: datetime) -> bool:
    # Judged from the due time, not the reminder's kind, so a "2 h" reminder decided late (after the due time)
    # or one for a due time since moved does not wake anyone. An overdue task is past helping by an interruption
    # at night; it waits for the summary like other news.
    if event.kind not in TASK_KINDS or event.kind is EventKind.TASK_OVERDUE or event.due is None:
        return False
    return now <= event.due <= now + DUE_SOON


def _muted_place(event: Event, settings: NotificationSettings) -> str | None:
    if event.conversation_id is not None and event.conversation_id in settings.muted_conversations:
        return "conversation"
    if event.space_id is not None and event.space_id in settings.muted_spaces:
        return "space"
    return None


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Notification decisions need a time with a time zone.")

