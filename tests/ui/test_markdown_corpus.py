"""The markdown conformance corpus: messages as people type them, checked through Qt's own document.

Each case of markdown_corpus.toml is rendered for its surface (ui.markdown.render_message / render_article) and
loaded into the same kind of QTextDocument the chat history paints (SafeDocument). What a person sees is read
back from Qt — `toPlainText()`, the anchors of the document's fragments, the fragments the mention style
colours — and compared with the case. Every case also checks the renderer's safety properties on the HTML it
produced (only allow-listed tags and attributes, links only to http/https/mailto, nothing for Qt to load), and
that the names highlighted are exactly the names `app.markup.mentioned_names` reports for the conversation's
members: the ones notified.
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QTextDocument, QTextListFormat

from app.markup import mentioned_names
from ui.chats.common import SafeDocument
from ui.markdown import SAFE_SCHEMES, is_safe_link, render_article, render_message

CORPUS = tomllib.loads(Path(__file__).with_name("markdown_corpus.toml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = CORPUS["case"]
MEMBERS = frozenset(CORPUS["members"])
MENTION_COLOUR = "#123456"  # the test's mention style: a fragment in this colour is highlighted
ALLOWED = {  # tag -> attributes the sanitizer may leave on it
    **{tag: set() for tag in ("p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote", "ul",
                              "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr")},
    "a": {"href", "title", "rel"}, "th": {"align"}, "td": {"align"}, "span": {"class"}, "ol": {"start"},
}


class RecordingDocument(SafeDocument):
    """A SafeDocument that notes every resource the HTML asks Qt to load (there must be none)."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, type: int, name: QUrl) -> Any:
        self.requested.append(name.toString())
        return super().loadResource(type, name)


class Elements(HTMLParser):
    """The tags, attributes and mention spans of the sanitized HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.mentions: list[str] = []
        self._in_mention = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_mention = tag == "span" and dict(attrs).get("class") == "mention"

    def handle_data(self, data: str) -> None:
        if self._in_mention:
            self.mentions.append(data)
            self._in_mention = False


def shown(doc: QTextDocument) -> tuple[str, list[tuple[str, str]], list[str]]:
    """What the document shows: its text (a list item with its marker, empty lines dropped), its links and its
    highlighted runs, read from the document's blocks and fragments."""
    lines: list[str] = []
    links: list[tuple[str, str]] = []
    highlighted: list[str] = []
    block = doc.begin()
    while block.isValid():
        text = block.text().replace("\u2028", "\n")
        listed = block.textList()
        if listed is not None:
            numbered = listed.format().style().value <= QTextListFormat.Style.ListDecimal.value
            text = f"{listed.itemText(block) if numbered else '•'} {text}"
        lines.append(text)
        last_href, last_highlight = None, False
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            if not fragment.isValid():
                continue
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            if href:
                if href == last_href:  # one link split into fragments (a mention or emphasis inside it)
                    links[-1] = (links[-1][0] + fragment.text(), href)
                else:
                    links.append((fragment.text(), href))
            last_href = href or None
            highlight = fmt.foreground().color() == QColor(MENTION_COLOUR)
            if highlight and last_highlight:
                highlighted[-1] += fragment.text()
            elif highlight:
                highlighted.append(fragment.text())
            last_highlight = highlight
        block = block.next()
    text = _visible("\n".join(lines))
    # The same text as Qt's own plain-text export, list markers aside.
    assert _visible(doc.toPlainText()) == _visible("\n".join(
        line.split(" ", 1)[1] if block_is_item else line for line, block_is_item in _items(lines, doc)))
    return text, links, highlighted


def _visible(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n") if line.strip())


def _items(lines: list[str], doc: QTextDocument) -> list[tuple[str, bool]]:
    flags = []
    block = doc.begin()
    while block.isValid():
        flags.append(block.textList() is not None)
        block = block.next()
    return list(zip(lines, flags, strict=True))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_corpus_case(case: dict[str, Any], qapp: object) -> None:
    chat = case.get("surface", "chat") == "chat"
    html = render_message(case["input"], MEMBERS) if chat else render_article(case["input"])
    doc = RecordingDocument()
    doc.setDefaultStyleSheet(f".mention {{ color: {MENTION_COLOUR}; font-weight: bold; }}")
    doc.setHtml(html)
    text, links, highlighted = shown(doc)

    assert text == case["text"]
    assert links == [tuple(link) for link in case.get("links", [])]

    # Highlighted is exactly who is told: the runs Qt colours as mentions, the parser's mentions, the expected.
    expected = case.get("mentions", [])
    assert list(dict.fromkeys(run.removeprefix("@").lower() for run in highlighted)) == expected
    if chat:
        assert list(mentioned_names(case["input"], MEMBERS)) == expected

    # Safety: allow-listed tags and attributes only, safe link schemes, nothing loaded.
    elements = Elements()
    elements.feed(html)
    for tag, attributes in elements.tags:
        assert tag in ALLOWED, f"{tag} survived sanitizing"
        assert set(attributes) <= ALLOWED[tag], f"{tag} kept {set(attributes) - ALLOWED[tag]}"
        if tag == "span" and attributes:
            assert chat and attributes == {"class": "mention"}
        if tag == "a" and "href" in attributes:
            assert is_safe_link(attributes["href"] or "")
    assert [run.lower() for run in elements.mentions] == [run.lower() for run in highlighted]
    assert all(href.split(":", 1)[0].lower() in SAFE_SCHEMES for _, href in links)
    assert doc.requested == []


def test_corpus_is_broad() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(CASES) >= 120
    inputs = "\n".join(case["input"] for case in CASES)
    for needed in ("https://", "www.", "@", "`", "```", "\n- ", "\n1. ", "> ", "|---|", "**", "_", "*", "\\",
                   "<script>", "javascript:", "data:", "onerror", "👍", "，", "。", "："):
        assert needed in inputs, f"the corpus has no case with {needed!r}"
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", case["input"])) for case in CASES) >= 50  # Chinese
    assert sum(case.get("surface") == "article" for case in CASES) >= 5
