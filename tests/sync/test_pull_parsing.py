"""The client's pull-reply check: the same rules as the protocol's models, garbage refused before anything is used.

The client validates pages against typed dicts (cheaper than building a model per change); these tests keep
them in step with `sync.protocol.PullReply` / `Change` and show that what the models refuse, it refuses too.
"""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest
from pydantic import ValidationError

from sync import transport
from sync.protocol import Change, PullReply
from sync.transport import BadReply, parse_pull

GOOD: dict[str, Any] = {
    "changes": [
        {"scope": "conv:c1", "seq": 1, "kind": "message", "id": "m1", "op": "upsert",
         "data": {"id": "m1", "body": "审批 budget"}},
        {"scope": "conv:c1", "seq": 2, "kind": "message", "id": "m0", "op": "delete"},
    ],
    "cursors": {"conv:c1": 2},
    "granted": [],
    "revoked": ["conv:old"],
    "more": False,
}


def encoded(**changes: Any) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


def test_the_typed_dicts_name_the_fields_of_the_protocol_models() -> None:
    assert set(transport._WireChange.__annotations__) == set(Change.model_fields)
    assert set(transport._WirePage.__annotations__) == set(PullReply.model_fields)


def test_a_good_page_becomes_changes_ready_to_apply() -> None:
    page = parse_pull(encoded())
    assert [(c.scope, c.seq, c.kind, c.id, c.op, c.data) for c in page.changes] == [
        ("conv:c1", 1, "message", "m1", "upsert", {"id": "m1", "body": "审批 budget"}),
        ("conv:c1", 2, "message", "m0", "delete", None),
    ]
    assert (page.cursors, page.granted, page.revoked, page.more) == ({"conv:c1": 2}, [], ["conv:old"], False)
    assert gc.isenabled()  # paused only while the page is parsed


def test_fields_from_a_newer_server_are_ignored() -> None:
    body = {**GOOD, "server_note": "hi", "changes": [{**GOOD["changes"][0], "priority": 3}]}
    page = parse_pull(json.dumps(body).encode())
    assert page.changes[0].id == "m1"


def _change(**fields: Any) -> list[dict[str, Any]]:
    return [{**GOOD["changes"][0], **fields}]


BAD: dict[str, bytes] = {
    "not json": b"<html>captive portal</html>",
    "truncated": encoded()[:-20],
    "a list": b"[]",
    "no cursors": json.dumps({k: v for k, v in GOOD.items() if k != "cursors"}).encode(),
    "unknown op": encoded(changes=_change(op="merge")),
    "seq not a number": encoded(changes=_change(seq="one")),
    "seq a fraction": encoded(changes=_change(seq=1.5)),
    "data a list": encoded(changes=_change(data=[1, 2])),
    "no id": encoded(changes=[{k: v for k, v in GOOD["changes"][0].items() if k != "id"}]),
    "scope not text": encoded(changes=_change(scope=7)),
    "cursor not a number": encoded(cursors={"conv:c1": "x"}),
    "more not a flag": encoded(more="perhaps"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_what_the_protocol_models_refuse_is_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        PullReply.model_validate_json(BAD[name])
    with pytest.raises(BadReply):
        parse_pull(BAD[name], "https://atrium.example")
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused() -> None:
    gc.disable()
    try:
        parse_pull(encoded())
        with pytest.raises(BadReply):
            parse_pull(BAD["unknown op"])
        assert not gc.isenabled()
    finally:
        gc.enable()
