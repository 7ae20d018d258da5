"""Rendering figures for messages: the conformance corpus (tests/ui/markdown_corpus.toml, ~175 messages people
type) rendered one message at a time with every cache cleared, as when a chat is opened for the first time.

- `rendering.render_us_p50`, `rendering.render_us_p90`: text → sanitized HTML (ui.markdown.render_message: the
  parser, magiclink, mentions and nh3) per message.
- `rendering.layout_us_p50`: that HTML into the chat's SafeDocument and laid out at 600 px.
- `rendering.plain_us_p50`: a line with no markup (most chat lines), which skips the parser.
- `rendering.screen_paint_ms`: painting a screen of 30 messages in runs of one author (avatars, grouped rows, a
  day line) once their documents are laid out — what every scroll step and repaint costs.
Opening a chat renders about a screen of messages (~30): at ~0.3 ms each that is ~10 ms of the 50 ms target.
"""

from __future__ import annotations

import os
import statistics
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

from . import Figure

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "ui" / "markdown_corpus.toml"
PLAIN = "#12 今天 deploy 完成，大家 check 一下。"


def run(quick: bool) -> Iterator[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app import markup
    from ui import markdown
    from ui.chats.common import SafeDocument

    app = QApplication.instance() or QApplication([])
    texts = [case["input"] for case in tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]]
    rounds = 3 if quick else 20

    def cold(text: str) -> str:
        markup.convert.cache_clear()
        markdown._sanitized.cache_clear()
        return markdown.render_message(text)

    for text in texts:  # imports and the parser's one-time construction are start-up, not rendering
        cold(text)
    render, layout, plain = [], [], []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            html = cold(text)
            render.append(time.perf_counter() - started)
            started = time.perf_counter()
            doc = SafeDocument()
            doc.setDocumentMargin(0)
            doc.setHtml(html)
            doc.setTextWidth(600)
            doc.size()
            layout.append(time.perf_counter() - started)
        for _ in range(len(texts)):
            started = time.perf_counter()
            cold(PLAIN)
            plain.append(time.perf_counter() - started)
    screen = _screen_paint_ms(rounds * 5)
    del app
    yield Figure("rendering.screen_paint_ms", screen, "ms", "< 8")
    yield Figure("rendering.render_us_p50", _us(statistics.median(render)), "µs", "< 500")
    yield Figure("rendering.render_us_p90", _us(statistics.quantiles(render, n=10)[-1]), "µs", "< 1000")
    yield Figure("rendering.layout_us_p50", _us(statistics.median(layout)), "µs", "< 500")
    yield Figure("rendering.plain_us_p50", _us(statistics.median(plain)), "µs", "< 20")


def _us(seconds: float) -> float:
    return round(seconds * 1e6, 1)


def _screen_paint_ms(rounds: int) -> float:
    """Median time to paint 30 laid-out messages (three people taking turns, a few lines each) into a pixmap."""
    import tempfile

    from PySide6.QtGui import QPixmap

    from app.store import PulledChange, Store
    from tests.app import Feed
    from ui.chats.history_delegate import HistoryDelegate
    from ui.chats.history_model import HistoryModel
    from ui.chats.history_view import HistoryView

    people = ("u-ann", "u-bob", "u-cai")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "s.sqlite3")
        store.set_state(user_id=people[0])
        Feed(store).conversation("c-bench", title="Bench", members=people)
        rows = []
        for seq in range(1, 31):
            author = people[(seq // 4) % 3]  # runs of four messages by one person, a minute apart
            body = f"第 {seq} 条：今天的 **deploy** 已完成，请 check 一下 #{seq}"
            data = Feed.message_data("c-bench", seq, author, body,
                                     sent_at=f"2026-11-02T10:{seq:02d}:00.000+00:00")
            rows.append(PulledChange("conv:c-bench", seq, "message", data["id"], "upsert", data))
        store.apply_pull(rows, {}, revoked=[])
        model = HistoryModel(lambda: store.conn, people[0], "zh")
        view = HistoryView(model)
        delegate = HistoryDelegate(view)
        view.use_delegate(delegate)
        view.resize(900, 2400)  # all 30 rows on screen
        view.show()
        model.open("c-bench")
        target = QPixmap(view.viewport().size())
        view.viewport().render(target)  # lays every document out once: the figure is the repaint
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            view.viewport().render(target)
            timings.append(time.perf_counter() - started)
        view.close()
        store.close()
    return round(statistics.median(timings) * 1000, 2)
