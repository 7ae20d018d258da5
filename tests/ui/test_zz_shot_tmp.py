from tests.ui.test_chats import *  # noqa
from tests.ui.test_chats import _feed_conversation, _run, _rows  # noqa

def test_shot(changes, ctx, qtbot):
    w = ChatsView(ctx)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    huge = "\n".join(f"{n:08d} " + "x" * 90 for n in range(50_001))
    _feed_conversation(changes, ctx, qtbot, "c-huge", ["before **bold** `code`", huge, "after [link](https://example.com)"])
    w.open_item("conversation", "c-huge")
    w.composer.edit.setPlainText("refused one")
    with qtbot.waitSignal(changes.changed):
        w.composer.submit()
    mid = next(e.mutation_id for e in ctx.run_store(lambda s: s.pending()).result() if e.name == "message.send")
    _run(changes, ctx, qtbot, lambda s: s.resolve([(mid, "rejected", "forbidden", "you are not a member")]))
    qtbot.waitUntil(lambda: _rows(w)[-1].state == "rejected")
    w.history_view.go_to_bottom()
    w.grab().save("/tmp/chats3.png")
