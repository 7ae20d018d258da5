"""The notification policy as a decision table, plus the settings and event rules it stands on.

Each row reads as a sentence: who (settings), what (event), when (a wall-clock time in a named zone), and what
must happen. Dates: Mon 2026-03-09; New York springs forward on Sun 2026-03-08, London on Sun 2026-03-29.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest

from app.notifications import (
    Action,
    Event,
    EventKind,
    NotificationSettings,
    Rule,
    SettingsError,
    TimeRange,
    decide,
    effective,
    next_working_start,
    office_hours,
    quiet_period_ended,
    week,
)
from tests.notifications import (
    BOSS,
    LONDON,
    NEW_YORK,
    SHANGHAI,
    dm,
    group,
    local,
    mention,
    message,
    reminder,
    urgent,
    utc,
)

SH = NotificationSettings(time_zone=SHANGHAI)  # Mon–Fri 09:00–18:00 in Shanghai
NIGHT_SHIFT = NotificationSettings(time_zone=SHANGHAI, working_hours=week(
    {day: ["22:00-06:00"] for day in ("mon", "tue", "wed", "thu", "fri")}))
WEEKEND_SUPPORT_NY = NotificationSettings(time_zone=NEW_YORK, working_hours=week(
    sat=["09:00-18:00"], sun=["09:00-18:00"]))
EVENINGS_TO_MIDNIGHT = NotificationSettings(time_zone=SHANGHAI, working_hours=week(mon=["18:00-00:00"]))

MON_10 = local(SHANGHAI, "2026-03-09 10:00")
MON_21 = local(SHANGHAI, "2026-03-09 21:00")


@dataclass(frozen=True)
class Row:
    settings: NotificationSettings
    event: Event
    now: datetime
    action: Action
    rule: Rule


def row(settings: NotificationSettings, event: Event, action: Action, rule: Rule, now: datetime | None = None) -> Row:
    # Events happen when they are decided unless a row is about lateness.
    return Row(settings, event, now or event.at, action, rule)


SHOW, HOLD, BADGE = Action.SHOW_NOW, Action.HOLD_FOR_DIGEST, Action.BADGE_ONLY

TABLE = [
    # -- working hours ------------------------------------------------------------------------------------------
    pytest.param(row(SH, dm(MON_10), SHOW, Rule.WORKING_HOURS), id="weekday-10am-direct-shows"),
    pytest.param(row(SH, mention(MON_10), SHOW, Rule.WORKING_HOURS), id="weekday-10am-mention-shows"),
    pytest.param(row(SH, group(MON_10), BADGE, Rule.GROUP_CHATTER), id="weekday-10am-group-badge"),
    pytest.param(row(SH, dm(local(SHANGHAI, "2026-03-09 09:00")), SHOW, Rule.WORKING_HOURS),
                 id="weekday-9am-start-is-working"),
    pytest.param(row(SH, dm(local(SHANGHAI, "2026-03-09 17:59")), SHOW, Rule.WORKING_HOURS),
                 id="weekday-1759-still-working"),
    pytest.param(row(SH, dm(local(SHANGHAI, "2026-03-09 18:00")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="weekday-6pm-end-is-quiet"),
    pytest.param(row(SH, dm(MON_21), HOLD, Rule.OUTSIDE_WORKING_HOURS), id="weekday-9pm-direct-held"),
    pytest.param(row(SH, group(MON_21), HOLD, Rule.OUTSIDE_WORKING_HOURS), id="weekday-9pm-group-held"),
    pytest.param(row(SH, dm(local(SHANGHAI, "2026-03-14 11:00")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="weekend-held"),
    pytest.param(row(replace(SH, working_hours=week()), dm(MON_10), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="no-working-hours-always-quiet"),
    pytest.param(row(SH, Event.milestone("first-message", MON_10, title="First message"), SHOW, Rule.WORKING_HOURS),
                 id="milestone-shows-at-work"),
    # -- across midnight -----------------------------------------------------------------------------------------
    pytest.param(row(NIGHT_SHIFT, dm(local(SHANGHAI, "2026-03-10 03:00")), SHOW, Rule.WORKING_HOURS),
                 id="night-shift-crosses-midnight"),
    pytest.param(row(NIGHT_SHIFT, dm(local(SHANGHAI, "2026-03-09 23:30")), SHOW, Rule.WORKING_HOURS),
                 id="night-shift-before-midnight"),
    pytest.param(row(NIGHT_SHIFT, dm(local(SHANGHAI, "2026-03-10 06:00")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="night-shift-ends-at-6"),
    pytest.param(row(NIGHT_SHIFT, dm(local(SHANGHAI, "2026-03-09 03:00")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="night-shift-monday-3am-sunday-was-off"),
    pytest.param(row(NIGHT_SHIFT, dm(local(SHANGHAI, "2026-03-14 03:00")), SHOW, Rule.WORKING_HOURS),
                 id="night-shift-friday-runs-into-saturday"),
    pytest.param(row(NIGHT_SHIFT, dm(MON_10), HOLD, Rule.OUTSIDE_WORKING_HOURS), id="night-shift-daytime-held"),
    pytest.param(row(EVENINGS_TO_MIDNIGHT, dm(local(SHANGHAI, "2026-03-09 23:59")), SHOW, Rule.WORKING_HOURS),
                 id="until-midnight-2359-works"),
    pytest.param(row(EVENINGS_TO_MIDNIGHT, dm(local(SHANGHAI, "2026-03-10 00:00")), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="until-midnight-ends-at-0000"),
    # -- time zones and daylight saving: the same instant, different people -------------------------------------
    pytest.param(row(SH, dm(utc("2026-03-09 02:00")), SHOW, Rule.WORKING_HOURS), id="shanghai-vs-london-shanghai"),
    pytest.param(row(replace(SH, time_zone=LONDON), dm(utc("2026-03-09 02:00")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="shanghai-vs-london-london"),
    pytest.param(row(replace(SH, time_zone=NEW_YORK), dm(utc("2026-03-09 14:00")), SHOW, Rule.WORKING_HOURS),
                 id="new-york-monday-after-dst-10am"),
    pytest.param(row(replace(SH, time_zone=NEW_YORK), dm(utc("2026-03-06 13:30")), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="new-york-friday-before-dst-830am"),
    pytest.param(row(WEEKEND_SUPPORT_NY, dm(utc("2026-03-07 13:30")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="new-york-dst-eve-1330utc-is-830est"),
    pytest.param(row(WEEKEND_SUPPORT_NY, dm(utc("2026-03-08 13:30")), SHOW, Rule.WORKING_HOURS),
                 id="new-york-dst-day-1330utc-is-930edt"),
    pytest.param(row(replace(NIGHT_SHIFT, time_zone=NEW_YORK, working_hours=week(sat=["22:00-06:00"])),
                     dm(local(NEW_YORK, "2026-03-08 03:30")), SHOW, Rule.WORKING_HOURS),
                 id="new-york-night-shift-across-the-dst-gap"),
    pytest.param(row(replace(SH, time_zone=NEW_YORK, working_hours=week(sun=["09:00-18:00"])),
                     dm(utc("2026-11-01 13:30")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="new-york-dst-ends-1330utc-is-830est"),
    pytest.param(row(replace(SH, time_zone=LONDON), dm(utc("2026-03-30 08:30")), SHOW, Rule.WORKING_HOURS),
                 id="london-bst-0830utc-is-930"),
    pytest.param(row(replace(SH, time_zone=LONDON), dm(utc("2026-03-23 08:30")), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="london-gmt-0830utc-is-830"),
    # -- pause ----------------------------------------------------------------------------------------------------
    pytest.param(row(SH.paused(MON_10 + timedelta(hours=1)), dm(MON_10), HOLD, Rule.PAUSED), id="paused-1h"),
    pytest.param(row(SH.paused(MON_10), dm(MON_10), SHOW, Rule.WORKING_HOURS), id="pause-ends-on-the-minute"),
    pytest.param(row(SH.paused(MON_10 + timedelta(hours=1)), urgent(MON_10), SHOW, Rule.URGENT),
                 id="paused-urgent-bypasses"),
    pytest.param(row(SH.paused(MON_10 + timedelta(hours=1)), group(MON_10), HOLD, Rule.PAUSED),
                 id="paused-group-held-for-digest"),
    # -- mute -----------------------------------------------------------------------------------------------------
    pytest.param(row(replace(SH, muted_conversations=frozenset({"g-team"})), group(MON_10), BADGE, Rule.MUTED),
                 id="muted-badge"),
    pytest.param(row(replace(SH, muted_conversations=frozenset({"dm-li"})), dm(MON_10), BADGE, Rule.MUTED),
                 id="muted-direct-badge"),
    pytest.param(row(replace(SH, muted_conversations=frozenset({"g-team"})), group(MON_21), BADGE, Rule.MUTED),
                 id="muted-at-night-still-badge-not-digest"),
    pytest.param(row(replace(SH, muted_conversations=frozenset({"g-team"})), mention(MON_10), HOLD,
                     Rule.MUTED_ADDRESSED), id="muted-mention-held"),
    pytest.param(row(replace(SH, muted_conversations=frozenset({"g-team"})), urgent(MON_21), HOLD,
                     Rule.MUTED_ADDRESSED), id="muted-urgent-held"),
    pytest.param(row(replace(SH, muted_spaces=frozenset({"s-ops"})), group(MON_10, space="s-ops"), BADGE, Rule.MUTED),
                 id="muted-space-group-badge"),
    pytest.param(row(replace(SH, muted_spaces=frozenset({"s-ops"})),
                     reminder(EventKind.TASK_DUE_24H, MON_10 + timedelta(hours=24), MON_10, space="s-ops"), HOLD,
                     Rule.MUTED_ADDRESSED), id="muted-space-task-held"),
    # -- mentions only --------------------------------------------------------------------------------------------
    pytest.param(row(replace(SH, mentions_only_conversations=frozenset({"g-team"})), group(MON_10), BADGE,
                     Rule.MENTIONS_ONLY), id="mentions-only-chatter-badge"),
    pytest.param(row(replace(SH, mentions_only_conversations=frozenset({"g-team"})), group(MON_21), BADGE,
                     Rule.MENTIONS_ONLY), id="mentions-only-chatter-at-night-badge"),
    pytest.param(row(replace(SH, mentions_only_conversations=frozenset({"g-team"})), mention(MON_10), SHOW,
                     Rule.WORKING_HOURS), id="mentions-only-mention-shows"),
    pytest.param(row(replace(SH, mentions_only_conversations=frozenset({"g-team"})), mention(MON_21), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="mentions-only-mention-at-night-held"),
    pytest.param(row(replace(SH, mentions_only_conversations=frozenset({"g-team"})),
                     message(EventKind.IMPORTANT_MESSAGE, MON_10, conversation="g-team"), SHOW, Rule.WORKING_HOURS),
                 id="mentions-only-important-shows"),
    # -- what gets through quiet time -----------------------------------------------------------------------------
    pytest.param(row(SH, urgent(MON_21), SHOW, Rule.URGENT), id="urgent-bypasses-quiet"),
    pytest.param(row(replace(SH, urgent_bypass=False), urgent(MON_21), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="urgent-bypass-off-held"),
    pytest.param(row(replace(SH, priority_people=frozenset({BOSS})), dm(MON_21, sender=BOSS, conversation="dm-boss"),
                     SHOW, Rule.PRIORITY_PERSON), id="priority-person-bypasses"),
    pytest.param(row(replace(SH, priority_people=frozenset({BOSS})), mention(MON_21, sender=BOSS), SHOW,
                     Rule.PRIORITY_PERSON), id="priority-person-mention-bypasses"),
    pytest.param(row(replace(SH, priority_people=frozenset({BOSS})), group(MON_21, sender=BOSS), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="priority-person-group-chatter-held"),
    pytest.param(row(replace(SH, priority_people=frozenset({BOSS}), urgent_bypass=False),
                     dm(MON_21, sender=BOSS, conversation="dm-boss"), HOLD, Rule.OUTSIDE_WORKING_HOURS),
                 id="priority-person-bypass-off-held"),
    pytest.param(row(SH, dm(MON_21), HOLD, Rule.OUTSIDE_WORKING_HOURS), id="not-a-priority-person-held"),
    pytest.param(row(SH, reminder(EventKind.TASK_DUE_2H, MON_21 + timedelta(hours=2), MON_21), SHOW, Rule.DUE_SOON),
                 id="due-in-2h-bypasses"),
    pytest.param(row(SH, Event.task_assigned("t9", "c1", MON_21, due=MON_21 + timedelta(minutes=90)), SHOW,
                     Rule.DUE_SOON), id="assigned-due-in-90min-bypasses"),
    pytest.param(row(SH, Event.task_assigned("t9", "c1", MON_21, due=MON_21 + timedelta(hours=3)), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="assigned-due-in-3h-held"),
    pytest.param(row(SH, reminder(EventKind.TASK_DUE_24H, MON_21 + timedelta(hours=24), MON_21), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="due-in-24h-held"),
    pytest.param(row(SH, reminder(EventKind.TASK_OVERDUE, MON_21 - timedelta(hours=1), MON_21), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="overdue-held-at-night"),
    pytest.param(row(SH, reminder(EventKind.TASK_OVERDUE, MON_10 - timedelta(hours=1), MON_10), SHOW,
                     Rule.WORKING_HOURS), id="overdue-shows-at-work"),
    pytest.param(row(SH, Event.article(EventKind.REVIEW_WAITING, "a1", "r2", MON_21), HOLD,
                     Rule.OUTSIDE_WORKING_HOURS), id="review-waiting-held-at-night"),
    # -- presenting -----------------------------------------------------------------------------------------------
    pytest.param(row(replace(SH, presenting=True), urgent(MON_10), HOLD, Rule.PRESENTING),
                 id="presenting-holds-urgent"),
    pytest.param(row(replace(SH, presenting=True), dm(MON_10), HOLD, Rule.PRESENTING), id="presenting-holds-direct"),
    pytest.param(row(replace(SH, presenting=True, priority_people=frozenset({BOSS})),
                     dm(MON_21, sender=BOSS, conversation="dm-boss"), HOLD, Rule.PRESENTING),
                 id="presenting-holds-priority-person"),
    pytest.param(row(replace(SH, presenting=True), reminder(EventKind.TASK_DUE_2H, MON_10 + timedelta(hours=2),
                                                              MON_10), HOLD, Rule.PRESENTING),
                 id="presenting-holds-due-in-2h"),
    pytest.param(row(replace(SH, presenting=True, muted_conversations=frozenset({"g-team"})), group(MON_10), BADGE,
                     Rule.MUTED), id="presenting-muted-chatter-still-badge"),
    # -- late arrivals (back online after being offline) ----------------------------------------------------------
    pytest.param(row(SH, dm(MON_10 - timedelta(minutes=30)), HOLD, Rule.LATE, now=MON_10), id="late-direct-held"),
    pytest.param(row(SH, group(MON_10 - timedelta(minutes=30)), HOLD, Rule.LATE, now=MON_10),
                 id="late-group-held-for-digest"),
    pytest.param(row(SH, urgent(MON_10 - timedelta(minutes=30)), SHOW, Rule.URGENT, now=MON_10),
                 id="late-urgent-still-shows"),
    pytest.param(row(SH, dm(MON_10 - timedelta(minutes=10)), SHOW, Rule.WORKING_HOURS, now=MON_10),
                 id="ten-minutes-is-not-late"),
    pytest.param(row(SH, dm(MON_10 + timedelta(minutes=5)), SHOW, Rule.WORKING_HOURS, now=MON_10),
                 id="sender-clock-ahead-is-not-late"),
]


@pytest.mark.parametrize("case", TABLE)
def test_decision_table(case: Row) -> None:
    decision = decide(case.event, case.settings, case.now)
    assert (decision.action, decision.rule) == (case.action, case.rule), decision.reason
    assert decision.reason[0].isupper() and decision.reason.endswith("."), decision.reason


def test_reasons_say_why_in_the_persons_terms() -> None:
    assert decide(dm(MON_21), SH, MON_21).reason == (
        "It is Mon 21:00 in Asia/Shanghai, outside your working hours, so this waits for the summary.")
    paused = SH.paused(local(SHANGHAI, "2026-03-10 09:00"))
    assert decide(dm(MON_10), paused, MON_10).reason == (
        "Notifications are paused until Tue 09:00, so this waits for the summary.")
    assert decide(urgent(MON_21), SH, MON_21).reason == (
        "Marked urgent by the sender (the build is broken), so it gets through quiet time.")
    assert "urgent bypass is off" in decide(urgent(MON_21), replace(SH, urgent_bypass=False), MON_21).reason


def test_the_zone_of_now_does_not_matter_only_the_instant() -> None:
    event = dm(MON_10)
    assert decide(event, SH, MON_10) == decide(event, SH, MON_10.astimezone(local(NEW_YORK, "2026-01-01").tzinfo))


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        decide(dm(MON_10), SH, datetime(2026, 3, 9, 10))


# -- when quiet time ends, and where a pause "until tomorrow's working hours" ends -----------------------------


@pytest.mark.parametrize(("settings", "now", "expected"), [
    pytest.param(SH, MON_21, local(SHANGHAI, "2026-03-10 09:00"), id="evening-to-next-morning"),
    pytest.param(SH, local(SHANGHAI, "2026-03-13 19:00"), local(SHANGHAI, "2026-03-16 09:00"), id="friday-to-monday"),
    pytest.param(SH, MON_10, local(SHANGHAI, "2026-03-10 09:00"), id="during-work-to-tomorrow"),
    pytest.param(NIGHT_SHIFT, MON_10, local(SHANGHAI, "2026-03-09 22:00"), id="night-shift-tonight"),
    pytest.param(replace(SH, working_hours=week()), MON_10, None, id="no-working-hours"),
    pytest.param(replace(SH, working_hours=week({d: ["00:00-12:00", "12:00-00:00"] for d in
                                                ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})),
                 MON_10, None, id="working-round-the-clock"),
    pytest.param(replace(SH, time_zone=NEW_YORK, working_hours=week(sun=["02:30-05:00"])),
                 local(NEW_YORK, "2026-03-07 12:00"), local(NEW_YORK, "2026-03-08 03:30"), id="start-inside-dst-gap"),
])
def test_next_working_start(settings: NotificationSettings, now: datetime, expected: datetime | None) -> None:
    assert next_working_start(settings, now) == expected


@pytest.mark.parametrize(("settings", "before", "after", "previous", "expected"), [
    pytest.param(SH, local(SHANGHAI, "2026-03-09 08:59"), local(SHANGHAI, "2026-03-09 09:00"), None, True,
                 id="morning-arrives"),
    pytest.param(SH, local(SHANGHAI, "2026-03-09 09:00"), local(SHANGHAI, "2026-03-09 09:01"), None, False,
                 id="already-working"),
    pytest.param(SH, local(SHANGHAI, "2026-03-09 17:59"), local(SHANGHAI, "2026-03-09 18:00"), None, False,
                 id="evening-begins"),
    pytest.param(SH, local(SHANGHAI, "2026-03-09 17:00"), local(SHANGHAI, "2026-03-10 10:00"), None, True,
                 id="laptop-slept-through-the-night"),
    pytest.param(SH, local(SHANGHAI, "2026-03-09 21:00"), local(SHANGHAI, "2026-03-10 21:00"), None, False,
                 id="still-quiet-so-no-digest-yet"),
    pytest.param(SH.paused(MON_10 + timedelta(hours=1)), MON_10, MON_10 + timedelta(hours=1), None, True,
                 id="pause-runs-out"),
    pytest.param(SH, MON_10, MON_10 + timedelta(minutes=1), SH.paused(MON_10 + timedelta(hours=1)), True,
                 id="pause-resumed-by-hand"),
    pytest.param(SH, MON_10, MON_10 + timedelta(minutes=1), replace(SH, presenting=True), True,
                 id="presenting-turned-off"),
    pytest.param(replace(SH, presenting=True), MON_10, MON_10 + timedelta(minutes=1), SH, False,
                 id="presenting-turned-on"),
    pytest.param(SH, MON_10, MON_10, None, False, id="no-time-passed"),
])
def test_quiet_period_ended(
    settings: NotificationSettings, before: datetime, after: datetime, previous: NotificationSettings | None,
    expected: bool,
) -> None:
    assert quiet_period_ended(settings, before, after, previous=previous) is expected


# -- settings ---------------------------------------------------------------------------------------------------


def test_settings_round_trip_through_json_text() -> None:
    import json

    settings = NotificationSettings(
        time_zone=NEW_YORK, working_hours=week(mon=["09:00-12:00", "13:00-18:00"], fri=["22:00-06:00"]),
        paused_until=utc("2026-03-09 12:00"), muted_conversations=frozenset({"g-2", "g-1"}),
        muted_spaces=frozenset({"s-1"}), mentions_only_conversations=frozenset({"g-3"}),
        priority_people=frozenset({BOSS}), urgent_bypass=False, presenting=True, hide_previews=True, sound=False,
    )
    text = json.dumps(settings.to_dict())
    assert NotificationSettings.from_dict(json.loads(text)) == settings
    assert json.loads(text)["muted_conversations"] == ["g-1", "g-2"]  # sorted: the same text on every device


def test_settings_default_is_office_hours_and_tolerates_newer_keys() -> None:
    loaded = NotificationSettings.from_dict({"time_zone": SHANGHAI, "a_later_setting": 3})
    assert loaded == NotificationSettings(time_zone=SHANGHAI, working_hours=office_hours())


@pytest.mark.parametrize(("data", "message"), [
    pytest.param({"time_zone": "Mars/Olympus_Mons"}, "not a known time zone", id="unknown-zone"),
    pytest.param({"time_zone": "/etc/passwd"}, "not a known time zone", id="path-as-zone"),
    pytest.param({"time_zone": ""}, "time zone is missing", id="empty-zone"),
    pytest.param({"working_hours": {"mon": ["09:00-09:00"]}}, "start and end at the same time", id="start-equals-end"),
    pytest.param({"working_hours": {"funday": ["09:00-18:00"]}}, "not a weekday", id="bad-weekday"),
    pytest.param({"working_hours": {"mon": ["9 to 5"]}}, "write it like 09:00-18:00", id="bad-range"),
    pytest.param({"working_hours": {"mon": ["09:00-24:00"]}}, "hours go from 00:00 to 23:59", id="hour-24"),
    pytest.param({"working_hours": {"mon": "09:00-18:00"}}, "must be a list of ranges", id="range-not-in-a-list"),
    pytest.param({"working_hours": {"mon": [], "Monday": []}}, "given twice", id="weekday-twice"),
    pytest.param({"paused_until": "2026-03-09T10:00"}, "has no time zone", id="naive-pause"),
    pytest.param({"paused_until": "tomorrow"}, "not a date and time", id="pause-not-a-time"),
    pytest.param({"muted_conversations": "g-1"}, "must be a list of ids", id="ids-as-one-string"),
    pytest.param({"presenting": "yes"}, "must be true or false", id="flag-not-a-bool"),
])
def test_bad_settings_are_refused_with_a_sentence(data: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        NotificationSettings.from_dict(data)


def test_time_ranges() -> None:
    assert str(TimeRange.parse("9:00 – 18:30")) == "09:00-18:30"
    assert TimeRange.parse("22:00-06:00").crosses_midnight
    with pytest.raises(SettingsError, match="same time"):
        TimeRange.parse("00:00-00:00")


def test_personal_settings_lie_over_the_organisation_default() -> None:
    org = NotificationSettings(time_zone=SHANGHAI, working_hours=office_hours("09:00", "18:00"), sound=False)
    mine = effective(org, {"working_hours": {"Saturday": ["10:00-12:00"], "fri": []},
                           "priority_people": [BOSS], "time_zone": LONDON})
    assert mine.time_zone == LONDON
    assert mine.priority_people == {BOSS}
    assert mine.sound is False  # not overridden: the organisation's
    assert mine.working_hours == week(mon=["09:00-18:00"], tue=["09:00-18:00"], wed=["09:00-18:00"],
                                      thu=["09:00-18:00"], sat=["10:00-12:00"])
    assert effective(org, None) == org
    assert effective(org, {}) == org
    with pytest.raises(SettingsError, match="not a known time zone"):
        effective(org, {"time_zone": "Nowhere/Town"})
    with pytest.raises(SettingsError, match="not a weekday"):
        effective(org, {"working_hours": {"someday": []}})


# -- events -----------------------------------------------------------------------------------------------------


def test_event_ids_come_from_what_the_event_is_about() -> None:
    due = local(SHANGHAI, "2026-03-10 18:00")
    assert dm(MON_10).id == "message:m1"
    # One message is one event, whatever kind the producer gave it: it cannot notify as chatter and as a mention.
    assert group(MON_10).id == mention(MON_21).id
    assert reminder(EventKind.TASK_DUE_24H, due, MON_10).id == "task-due-24h:t1:2026-03-10T10:00:00Z"
    # The same instant seen from another zone is the same reminder; a moved due date is a new one.
    assert reminder(EventKind.TASK_DUE_24H, due.astimezone(local(LONDON, "2026-01-01").tzinfo), MON_21).id == (
        reminder(EventKind.TASK_DUE_24H, due, MON_10).id)
    assert reminder(EventKind.TASK_DUE_24H, due + timedelta(days=1), MON_10).id != (
        reminder(EventKind.TASK_DUE_24H, due, MON_10).id)
    assert Event.task_assigned("t1", "clock-1", MON_10).id == "task-assigned:t1:clock-1"
    assert Event.article(EventKind.ARTICLE_SENT_BACK, "a1", "rev-3", MON_10).id == "article-sent-back:a1:rev-3"
    assert Event.article(EventKind.REVIEW_WAITING, "a1", "rev-3", MON_10).article_id == "a1"
    assert Event.milestone("first-task", MON_10).id == "milestone:first-task"


@pytest.mark.parametrize(("build", "message"), [
    pytest.param(lambda: Event.message("urgent_message", "m1", "g-1", "u", MON_10), "has no reason",
                 id="urgent-without-reason"),
    pytest.param(lambda: Event.message("urgent_message", "m1", "g-1", "u", MON_10, urgent_reason="  "),
                 "has no reason", id="urgent-blank-reason"),
    pytest.param(lambda: Event.message("task_overdue", "m1", "g-1", "u", MON_10), "not a kind of message",
                 id="task-kind-as-message"),
    pytest.param(lambda: Event.message("direct_message", "m1", "g-1", "u", datetime(2026, 3, 9)), "without a time zone",
                 id="naive-time"),
    pytest.param(lambda: Event("x", "gossip", MON_10, "s"), "not a kind of notification event",  # type: ignore[arg-type]
                 id="unknown-kind"),
    pytest.param(lambda: Event("x", EventKind.TASK_DUE_2H, MON_10, "t1"), "does not say when the task is due",
                 id="reminder-without-due"),
    pytest.param(lambda: Event("x", EventKind.MENTION, MON_10, "m1"), "does not name its conversation",
                 id="message-without-conversation"),
])
def test_malformed_events_are_refused(build: Callable[[], Event], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_settings_normalise_what_callers_pass() -> None:
    hours = [[TimeRange.parse("13:00-18:00"), TimeRange.parse("09:00-12:00")]] + [[] for _ in range(6)]
    settings = NotificationSettings(working_hours=hours, muted_conversations=["g-1", "g-1"])  # type: ignore[arg-type]
    assert settings == NotificationSettings(working_hours=week(mon=["09:00-12:00", "13:00-18:00"]),
                                            muted_conversations=frozenset({"g-1"}))
    hash(settings)  # usable as a cache key
    with pytest.raises(SettingsError, match="seven weekdays"):
        NotificationSettings(working_hours=week()[:5])
    with pytest.raises(SettingsError, match="not one string"):
        NotificationSettings(priority_people="u-boss")  # type: ignore[arg-type]
