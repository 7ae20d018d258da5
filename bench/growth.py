"""Growth map speed: one person's map from two years of synthetic activity (~50k events).

The rows look like the local store's (messages in groups and direct chats with replies and mentions, tasks
with their history, articles with likes, a few deletions and trivial messages) for a person in Shanghai working
with four departments. Figures: `growth.compute_ms` (the median of several runs of `rules.compute`, what the
map view and the server pay on every refresh; target < 100) and `growth.activity_ms` (turning the rows into
activity, paid once per refresh as well; no target).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.growth import activity_from_rows, compute, default_definition

from . import Figure

PERSON = "me"
TZ = ZoneInfo("Asia/Shanghai")
DAYS = 730
_BODIES = [
    "好的",
    "ok",
    "👍",
    "我来处理这个问题",
    "已更新进度表，请查看",
    "The draft is ready for review",
    "收到",
    "明天上午十点开会讨论方案",
    "Can you check the budget numbers?",
]


def synthetic_rows(days: int = DAYS, per_day: int = 68, seed: int = 6) -> dict[str, list[dict[str, Any]]]:
    """Store-shaped rows for `days` days from 1 January 2024: about `per_day` events a workday, some trivial."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 1, 0, tzinfo=UTC)
    people = [{"id": PERSON, "department_id": "rd"}] + [
        {"id": f"p{i}", "department_id": ("rd", "mkt", "adm", "cs", "hr")[i % 5]} for i in range(40)
    ]
    conversations = [
        {
            "id": f"c{i}",
            "kind": ("group", "department", "direct")[i % 3],
            "created_by": PERSON if i % 7 == 0 else "p1",
            "created_at": start.isoformat(),
        }
        for i in range(30)
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "people": people,
        "conversations": conversations,
        "messages": [],
        "tasks": [],
        "task_history": [],
        "articles": [],
        "article_likes": [],
        "spaces": [],
    }
    n = 0
    for day in range(days):
        base = start + timedelta(days=day)
        if base.weekday() >= 5 and rng.random() < 0.8:
            continue
        for _ in range(per_day):
            n += 1
            at = (base + timedelta(seconds=rng.randrange(0, 11 * 3600))).isoformat()
            other = f"p{rng.randrange(40)}"
            roll = rng.random()
            if roll < 0.8:
                author = PERSON if rng.random() < 0.5 else other
                rows["messages"].append(
                    {
                        "id": f"m{n}",
                        "conversation_id": f"c{rng.randrange(30)}",
                        "author_id": author,
                        "body": rng.choice(_BODIES),
                        "reply_to": f"m{n - rng.randrange(1, 20)}" if rng.random() < 0.3 else None,
                        "mentions": [PERSON] if author != PERSON and rng.random() < 0.1 else [],
                        "important": rng.random() < 0.02,
                        "sent_at": at,
                        "deleted": rng.random() < 0.02,
                    }
                )
            elif roll < 0.95:
                creator = PERSON if rng.random() < 0.3 else other
                rows["tasks"].append(
                    {
                        "id": f"t{n}",
                        "space_id": "s1",
                        "owner_id": PERSON,
                        "status": "done" if rng.random() < 0.7 else "todo",
                        "created_by": creator,
                        "created_at": at,
                        "updated_at": at,
                        "deleted": rng.random() < 0.03,
                    }
                )
                rows["task_history"].append(
                    {
                        "id": f"h{n}",
                        "task_id": f"t{n}",
                        "field": "status",
                        "new_value": "done",
                        "actor_id": PERSON,
                        "outcome": "applied",
                        "at": at,
                    }
                )
            else:
                mine = rng.random() < 0.5
                rows["articles"].append(
                    {
                        "id": f"a{n}",
                        "status": "published",
                        "author_id": PERSON if mine else other,
                        "reviewer_id": None if mine else PERSON,
                        "published_at": at,
                        "updated_at": at,
                    }
                )
                for k in range(rng.randrange(0, 6)):
                    rows["article_likes"].append(
                        {"article_id": f"a{n}", "user_id": f"p{(n + k) % 40}", "present": True, "hlc": at}
                    )
    return rows


def run(quick: bool) -> Iterator[Figure]:
    rows = synthetic_rows()
    definition = default_definition()
    today = date(2024, 1, 1) + timedelta(days=DAYS)
    runs = 3 if quick else 9

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        activities = activity_from_rows(PERSON, **rows)
        timings.append(time.perf_counter() - started)
    yield Figure("growth.activity_ms", round(statistics.median(timings) * 1000, 1), "ms", "")

    if len(activities) < 40_000:
        raise RuntimeError(f"only {len(activities)} activity events were made, expected about 50k")
    # Shuffled: the server receives activity in sync order, not by time.
    random.Random(1).shuffle(activities)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        compute(definition, activities, PERSON, today, TZ)
        timings.append(time.perf_counter() - started)
    yield Figure("growth.compute_ms", round(statistics.median(timings) * 1000, 1), "ms", "< 100")
