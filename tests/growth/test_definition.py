"""The growth definition: the shipped file is valid and teaches the product; malformed ones are refused clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.growth import GrowthDefinitionError, default_definition, load_definition, parse_definition
from app.growth.activity import KINDS
from app.growth.definition import AllOf, Count, default_path

LEVELS = """
[[levels]]
id = "newcomer"
title_zh = "新手"
title_en = "Newcomer"
min_points = 0

[[levels]]
id = "contributor"
title_zh = "参与者"
title_en = "Contributor"
min_points = 100

[[points]]
id = "daily_login"
title_zh = "每日登录"
title_en = "Daily sign-in"
active_day = true
points = 10
daily_cap = 10
"""


def milestone(
    mid: str,
    prerequisites: tuple[str, ...] = (),
    condition: str = '{ count = "message_sent", at_least = 1 }',
    drop: str = "",
) -> str:
    lines = [
        "[[milestones]]",
        f'id = "{mid}"',
        f'title_zh = "里程碑 {mid}"',
        f'title_en = "Milestone {mid}"',
        'hint_zh = "去做"',
        'hint_en = "Do it"',
        f"condition = {condition}",
        "points = 10",
        f'badge = {{ id = "{mid}", emoji = "⭐" }}',
        "prerequisites = [" + ", ".join(f'"{p}"' for p in prerequisites) + "]",
    ]
    return "\n".join(line for line in lines if not (drop and line.startswith(drop + " "))) + "\n"


def definition_text(*milestones: str) -> str:
    return LEVELS + "\n".join(milestones)


def refused(text: str) -> str:
    with pytest.raises(GrowthDefinitionError) as caught:
        parse_definition(text, source="map.toml")
    return str(caught.value)


def test_the_shipped_definition_loads_and_is_cached() -> None:
    definition = default_definition()
    assert default_definition() is definition
    assert [level.title.zh for level in definition.levels] == ["新手", "参与者", "协作者", "达人", "导师"]
    assert [level.title.en for level in definition.levels] == [
        "Newcomer",
        "Contributor",
        "Collaborator",
        "Expert",
        "Mentor",
    ]
    rules = {rule.id: (rule.points, rule.daily_cap) for rule in definition.rules}
    assert rules["daily_login"] == (10, 10)
    assert rules["valid_content"][0] == 30
    assert rules["collaboration"][0] == 50
    assert all(cap >= points for points, cap in rules.values())


def test_the_shipped_map_teaches_the_product() -> None:
    definition = default_definition()
    ids = {m.id for m in definition.milestones}
    assert 18 <= len(ids) <= 30
    for wanted in (
        "first_message",
        "first_group_reply",
        "first_task_completed",
        "first_task_for_other_department",
        "first_article_published",
        "article_liked_by_five",
        "five_day_streak",
        "first_review_done",
        "first_mention_answered",
        "first_group_created",
        "first_cross_department",
    ):
        assert wanted in ids
    badges = [m.badge.id for m in definition.milestones]
    assert len(set(badges)) == len(badges)
    for m in definition.milestones:
        assert m.title.zh and m.title.en and m.hint.zh and m.hint.en and m.badge.emoji and m.action
    liked = definition.milestone("article_liked_by_five").condition
    assert liked == Count("article_like_received", 5, "counterpart", same_subject=True)
    # Order puts every milestone after its prerequisites.
    position = {mid: i for i, mid in enumerate(definition.order)}
    assert sorted(position) == sorted(ids)
    for m in definition.milestones:
        assert all(position[p] < position[m.id] for p in m.prerequisites)


def test_every_activity_kind_the_map_counts_exists() -> None:
    def kinds(condition: object) -> list[str]:
        if isinstance(condition, Count):
            return [condition.kind]
        if isinstance(condition, AllOf):
            return [k for part in condition.parts for k in kinds(part)]
        return []

    definition = default_definition()
    used = {k for m in definition.milestones for k in kinds(m.condition)}
    used |= {k for rule in definition.rules for k in rule.kinds}
    assert used <= set(KINDS)


def test_a_minimal_definition_parses() -> None:
    definition = parse_definition(definition_text(milestone("a"), milestone("b", ("a",))))
    assert definition.order == ("a", "b")
    assert definition.workdays == frozenset({1, 2, 3, 4, 5})


def test_a_prerequisite_cycle_is_refused_naming_the_milestones() -> None:
    message = refused(
        definition_text(
            milestone("alpha", ("gamma",)),
            milestone("beta", ("alpha",)),
            milestone("gamma", ("beta",)),
            milestone("delta"),
        )
    )
    assert "prerequisite cycle" in message
    assert message.endswith("alpha → gamma → beta → alpha")
    assert "delta" not in message


def test_a_milestone_that_is_its_own_prerequisite_is_refused() -> None:
    assert "'a'" in refused(definition_text(milestone("a", ("a",))))


def test_a_prerequisite_that_is_no_milestone_is_refused() -> None:
    message = refused(definition_text(milestone("a"), milestone("b", ("nope",))))
    assert "milestone 'b'" in message and "'nope'" in message


def test_an_unknown_condition_is_refused_naming_the_milestone() -> None:
    message = refused(definition_text(milestone("a"), milestone("b", condition="{ moon_phase = 3 }")))
    assert "milestone 'b'" in message and "unknown condition" in message


def test_an_unknown_activity_in_a_condition_is_refused() -> None:
    message = refused(definition_text(milestone("a", condition='{ count = "coffee_drunk", at_least = 1 }')))
    assert "milestone 'a'" in message and "coffee_drunk" in message


def test_a_bad_count_is_refused() -> None:
    assert "at_least" in refused(definition_text(milestone("a", condition='{ count = "message_sent", at_least = 0 }')))
    message = refused(
        definition_text(milestone("a", condition='{ count = "message_sent", at_least = 2, distinct = "colour" }'))
    )
    assert "distinct" in message


def test_a_missing_title_is_refused_naming_the_milestone() -> None:
    message = refused(definition_text(milestone("a"), milestone("b", drop="title_en")))
    assert "milestone 'b'" in message and "title_en" in message


def test_an_unknown_key_is_refused() -> None:
    text = definition_text(milestone("a")).replace("points = 10\nbadge", "points = 10\npoint = 3\nbadge")
    assert "'point'" in refused(text)


def test_duplicate_milestones_are_refused() -> None:
    assert "'a'" in refused(definition_text(milestone("a"), milestone("a")))


def test_levels_must_climb() -> None:
    text = definition_text(milestone("a")).replace("min_points = 100", "min_points = 0")
    assert "level 'contributor'" in refused(text)


def test_a_level_requiring_an_unknown_milestone_is_refused() -> None:
    text = definition_text(milestone("a")).replace("min_points = 100", 'min_points = 100\nrequires = ["zz"]')
    assert "'zz'" in refused(text)


def test_a_point_rule_needs_known_kinds() -> None:
    text = definition_text(milestone("a")).replace("active_day = true", 'kinds = ["teleported"]')
    assert "point rule 'daily_login'" in refused(text)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "map.toml"
    broken.write_text('[[milestones]\nid = "a"', encoding="utf-8")
    with pytest.raises(GrowthDefinitionError, match="not valid TOML"):
        load_definition(broken)
    with pytest.raises(GrowthDefinitionError, match="cannot be read"):
        load_definition(tmp_path / "missing.toml")


def test_the_shipped_file_is_the_one_loaded() -> None:
    raw = tomllib.loads(default_path().read_text(encoding="utf-8"))
    assert [m["id"] for m in raw["milestones"]] == [m.id for m in default_definition().milestones]
