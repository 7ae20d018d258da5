"""Rendering figures for messages: the conformance corpus (tests/ui/markdown_corpus.toml, ~175 messages people
type) rendered one message at a time with every cache cleared, as when a chat is opened for the first time.

- `rendering.render_us_p50`, `rendering.render_us_p90`: text → sanitized HTML (ui.markdown.render_message: the
  parser, magiclink, mentions and nh3) per message.
- `rendering.layout_us_p50`: that HTML into the chat's SafeDocument and laid out at 600 px.
- `rendering.plain_us_p50`: a line with no markup (most chat lines), which skips the parser.
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
    del app
    yield Figure("rendering.render_us_p50", _us(statistics.median(render)), "µs", "< 500")
    yield Figure("rendering.render_us_p90", _us(statistics.quantiles(render, n=10)[-1]), "µs", "< 1000")
    yield Figure("rendering.layout_us_p50", _us(statistics.median(layout)), "µs", "< 500")
    yield Figure("rendering.plain_us_p50", _us(statistics.median(plain)), "µs", "< 20")


def _us(seconds: float) -> float:
    return round(seconds * 1e6, 1)
