from tests.ui.test_chats import *  # noqa
from tests.ui.conftest import *  # noqa

def test_shot(ctx, qtbot):
    w = ChatsView(ctx)
    qtbot.addWidget(w)
    w.resize(1100, 720)
    w.show()
    qtbot.waitExposed(w)
    w.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    w.composer.edit.setPlainText("pending one")
    with qtbot.waitSignal(ctx.data_changed):
        w.composer.submit()
    qtbot.waitUntil(lambda: _rows(w)[-1].body == "pending one")
    w.history_view.go_to_bottom()
    w.grab().save("/tmp/chats1.png")
    w.history_view.verticalScrollBar().setValue(0)
    w.grab().save("/tmp/chats2.png")
