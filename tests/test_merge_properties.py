"""Properties of the conflict rules in sync.merge: convergence for tasks, no lost text for articles."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.merge import (
    CONFLICT_END,
    CONFLICT_MIDDLE,
    CONFLICT_START,
    FieldOutcome,
    FieldResult,
    merge_article,
    merge_task_fields,
    split_lines,
)
from sync.protocol import ZERO_CLOCK, Timestamp

BOUNDED = settings(derandomize=True, max_examples=100, deadline=None)
THOROUGH = settings(derandomize=True, max_examples=400, deadline=None)  # cheap: pure line merges

# -------------------------------------------------------------------------------------------------- tasks

FIELDS = ("title", "status", "progress", "owner_id")
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "title": st.sampled_from(["a", "b", "c", "部署"]),
    "status": st.sampled_from(["todo", "in_progress", "done"]),
    "progress": st.integers(0, 100),
    "owner_id": st.sampled_from([None, "u1", "u2"]),
}
INITIAL = {"title": "t", "status": "todo", "progress": 0, "owner_id": None}


@st.composite
def task_edits(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """A handful of edits, each with its own clock (distinct readings, some from the same millisecond)."""
    count = draw(st.integers(1, 6))
    readings = draw(
        st.lists(
            st.tuples(st.integers(1, 4), st.integers(0, 2), st.sampled_from(["nodeA", "nodeB", "c"])),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    edits = []
    for millis, counter, node in readings:
        names = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=len(FIELDS), unique=True))
        edits.append((str(Timestamp(millis, counter, node)), {name: draw(VALUES[name]) for name in names}))
    return edits


def _apply_all(
    edits: list[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, Any], dict[str, str], list[FieldResult]]:
    values: dict[str, Any] = dict(INITIAL)
    clocks = dict.fromkeys(FIELDS, ZERO_CLOCK)
    results: list[FieldResult] = []
    for hlc, edit in edits:
        merged = merge_task_fields(values, clocks, edit, hlc)
        values, clocks = merged.values, merged.clocks
        results.extend(merged.results)
    return values, clocks, results


@BOUNDED
@given(st.data())
def test_any_order_of_task_edits_converges(data: st.DataObject) -> None:
    edits = data.draw(task_edits())
    order = data.draw(st.permutations(edits))
    values_a, clocks_a, _ = _apply_all(edits)
    values_b, clocks_b, _ = _apply_all(list(order))
    assert values_a == values_b
    assert clocks_a == clocks_b
    # The newest clock of each field decides, whatever the order.
    for name in FIELDS:
        writes = [(hlc, edit[name]) for hlc, edit in edits if name in edit]
        if writes:
            hlc, value = max(writes, key=lambda w: w[0])
            assert values_a[name] == value and clocks_a[name] == hlc
        else:
            assert values_a[name] == INITIAL[name] and clocks_a[name] == ZERO_CLOCK


@BOUNDED
@given(st.data())
def test_every_task_edit_is_applied_or_kept_as_lost(data: st.DataObject) -> None:
    edits = list(data.draw(st.permutations(data.draw(task_edits()))))
    values, clocks, results = _apply_all(edits)
    by_write = {(r.field, r.hlc): r for r in results}
    # Exactly one result per field written, and with distinct clocks never "same".
    assert len(by_write) == len(results) == sum(len(edit) for _, edit in edits)
    for result in results:
        assert result.outcome in (FieldOutcome.APPLIED, FieldOutcome.LOST)
        if result.outcome is FieldOutcome.LOST:
            assert result.previous_hlc > result.hlc  # it lost to a newer value
            continue
        # An applied value is either still in place, or a later applied write overwrote it and says so.
        if clocks[result.field] == result.hlc:
            assert values[result.field] == result.value
        else:
            assert any(
                r.outcome is FieldOutcome.APPLIED
                and r.field == result.field
                and r.previous_hlc == result.hlc
                and r.previous == result.value
                for r in results
            )


def test_replaying_the_same_write_changes_nothing() -> None:
    merged = merge_task_fields(
        {"title": "x"}, {"title": "000000000000005-000000-a"}, {"title": "x"}, "000000000000005-000000-a"
    )
    assert merged.results[0].outcome is FieldOutcome.SAME
    assert merged.values == {"title": "x"}


def test_equal_clocks_with_different_values_still_converge() -> None:
    hlc = "000000000000005-000000-a"
    one = merge_task_fields({"title": "x"}, {"title": hlc}, {"title": "y"}, hlc).values
    two = merge_task_fields({"title": "y"}, {"title": hlc}, {"title": "x"}, hlc).values
    assert one == two


# ----------------------------------------------------------------------------------------------- articles


@st.composite
def article_edit(draw: st.DrawFn, base: list[str], tag: str) -> list[str]:
    """Delete some base lines and insert new lines (unique to this side) between them, keeping order."""
    keep = draw(st.lists(st.booleans(), min_size=len(base), max_size=len(base)))
    inserts = draw(st.lists(st.integers(0, 2), min_size=len(base) + 1, max_size=len(base) + 1))
    lines: list[str] = []
    counter = 0
    for i in range(len(base) + 1):
        for _ in range(inserts[i]):
            lines.append(f"{tag}{counter}")
            counter += 1
        if i < len(base) and keep[i]:
            lines.append(base[i])
    return lines


def _text(lines: list[str], newline_at_end: bool) -> str:
    return "\n".join(lines) + ("\n" if newline_at_end and lines else "")


def _lines_of(text: str) -> list[str]:
    markers = {CONFLICT_START, CONFLICT_MIDDLE, CONFLICT_END}
    return [line[:-1] for line in split_lines(text) if line not in markers]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(line in it for line in small)


@THOROUGH
@given(st.data())
def test_article_merge_keeps_every_added_line_or_reports_a_conflict(data: st.DataObject) -> None:
    base = [f"b{i}" for i in range(data.draw(st.integers(0, 7)))]
    theirs = data.draw(article_edit(base, "t"))
    mine = data.draw(article_edit(base, "m"))
    endings = data.draw(st.tuples(st.booleans(), st.booleans(), st.booleans()))
    result = merge_article(_text(base, endings[0]), _text(theirs, endings[1]), _text(mine, endings[2]))
    merged = _lines_of(result.text)
    added = (set(theirs) - set(base)) | (set(mine) - set(base))
    assert added <= set(merged)  # nothing anyone wrote is lost, conflict or not
    if result.conflicted:
        assert result.conflicts
        # Nothing invented; clean regions around a conflict are still merged (a line one side deleted and
        # the other kept is deleted), the conflicting regions show both sides.
        assert set(merged) <= set(base) | set(theirs) | set(mine)
        for region in result.conflicts:
            assert region.theirs + region.mine in result.text.replace(CONFLICT_MIDDLE, "")
    else:
        kept_by_both = set(base) & set(theirs) & set(mine)
        assert set(merged) == kept_by_both | added  # a line deleted on either side stays deleted
        assert len(merged) == len(set(merged))
        assert _is_subsequence([x for x in theirs if x in merged], merged)
        assert _is_subsequence([x for x in mine if x in merged], merged)


@BOUNDED
@given(st.data())
def test_one_sided_and_identical_edits_merge_exactly(data: st.DataObject) -> None:
    base_lines = [f"b{i}" for i in range(data.draw(st.integers(0, 6)))]
    edited = data.draw(article_edit(base_lines, "x"))
    base = _text(base_lines, data.draw(st.booleans()))
    text = _text(edited, data.draw(st.booleans()))
    for theirs, mine in ((text, text), (base, text), (text, base)):
        result = merge_article(base, theirs, mine)
        assert not result.conflicted
        assert result.text == text


def test_non_overlapping_edits_merge_and_a_missing_final_newline_is_no_conflict() -> None:
    base = "one\ntwo\nthree"
    assert merge_article(base, "ONE\ntwo\nthree", "one\ntwo\nthree\nfour").text == "ONE\ntwo\nthree\nfour"
    assert merge_article(base, "one\ntwo\nthree\n", "one\nTWO\nthree").text == "one\nTWO\nthree\n"


def test_overlapping_edits_conflict_with_both_sides() -> None:
    result = merge_article("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n")
    assert result.conflicted
    assert result.conflicts[0].base == "b\n"
    assert result.conflicts[0].theirs == "B1\n" and result.conflicts[0].mine == "B2\n"
    assert result.text == f"a\n{CONFLICT_START}B1\n{CONFLICT_MIDDLE}B2\n{CONFLICT_END}c\n"
