"""The message syntax: what a chat message or an article means, and whom a message @mentions.

One definition serves both sides of a message. `ui/markdown.py` shows its HTML (sanitized there), and
`mentioned_names` — used by `app.services.chats.parse_mentions` (whom the sender's client notifies) and by
`app.notifications.feed.mentions_me` (whether a received message calls me) — reads the mentions that the very
same parse found. So what is highlighted is exactly who is told: an `@lijie` in a code span, a fenced block or a
link's address is neither highlighted nor notified, because the markdown parser never hands those to the
mention pattern; and given the names of the people a message told (`names`), the parse highlights those people
and no one else (an `@nobody`, or someone who is not in the conversation, stays plain text).

Two surfaces (`CHAT`, `ARTICLE`), one markdown grammar (python-markdown: fenced code, tables, sane lists), and
where they differ:
- a single line break: in a chat message it is a line break (people press Shift+Enter to make one); in an
  article it joins the lines (document semantics: a paragraph re-flows, a blank line separates paragraphs);
- raw HTML (`<b>`, `List<String>`, `&copy;`): a chat message shows it as typed, as chat clients do; an article
  interprets it, and the allow-list in `ui/markdown.py` keeps only harmless tags;
- @username or @中文名: a mention in a chat message (highlighted and notified); plain text in an article, which
  notifies nobody and so highlights nobody;
- a line of text right under a list item or a quote: a new paragraph in a chat (as typed); in an article it
  continues the item or the quote (markdown's lazy continuation).

Both link bare addresses (pymdown-extensions' magiclink, with a small CJK step: `CjkLink` in `_build`), keep
Windows paths as typed, read `5*3` as a product, and let a list, quote or table start right under a line of
text (markdown wants a blank line there; people do not type one).

The markdown package (and pymdown-extensions, which imports urllib) is imported on first use, not with this
module: the notifier imports it before a window has anything to render.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown


class Surface(Enum):
    CHAT = "chat"
    ARTICLE = "article"


# An @mention: "@" and a username as the server allows them (sync/server/org.py: lower-case letters, digits,
# ".", "_", "-"; people type any case), or "@" and a Chinese display name. A username ends at its last letter,
# digit or "_", so "@wang.fang." at the end of a sentence names wang.fang. A Chinese name is the whole run of
# ideographs after "@" — "@王芳 请看", "@王芳，请看" — as chat apps and the composer insert it, followed by a space or
# punctuation: in "@王芳请看" no name ends anywhere definite, and that names nobody. Not a mention: "@" inside a
# word or an e-mail address (a@b), after "/" (a path such as medium.com/@wangfang that was not linked) or glued to
# a further "@". Chinese text may touch it on the left ("请@wangfang看一下"): ideographs are not ASCII letters.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·"
MENTION = re.compile(
    r"(?<![A-Za-z0-9_@/])@(?:"
    r"(?P<username>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)(?![A-Za-z0-9_@]|[.\-]+[A-Za-z0-9_@])"
    rf"|(?P<name>[{_HAN}]{{1,32}})(?![{_HAN}]))")

# Where a bare link may begin: not inside an ASCII word or a path ("xhttps://", "a/www.", "a.www."); anywhere
# else, Chinese text and any punctuation included ("访问https://…", "链接:www.…"). magiclink's own start
# pattern wants a space or an opening mark before the address, so it links nothing inside Chinese text.
_LINK_START = r"(?i)(?<![A-Za-z0-9/@.\\])(?:https?://|(?P<www>www\.))"
# A link never runs on into full-width or CJK punctuation, spaces or quotes: "https://a.cn，好的" ends at "，".
_LINK_STOP = re.compile(r"[\s\u2000-\u206f\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef]")
_IDEOGRAPH = re.compile(
    r"[\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# ...and CJK text continues a link only after CJK text or a separator: the host and path of
# "https://例子.cn/路径?q=北京" are CJK, but in "https://例子.cn/路径?q=1看看" the words glued after "1" are the
# sentence going on. (After a CJK path segment, CJK text stays in the link: type a space or punctuation there.)
_CJK_JOINS_AFTER = frozenset("/?#=&.-_+%~")
# magiclink's e-mail pattern ends a domain at a word boundary, and an ideograph is a word character: without this
# one change "联系wang@example.com看看" is not linked. Asserted where it is built, so an upgrade cannot drop it.
_MAIL_END_FROM = r"[a-z]\b"
_MAIL_END_TO = r"[a-z](?![a-z\d_])"
# A Windows path (C:\… or \\server\…) is shown as typed: markdown would take "\\" and "\_" in it for escapes.
# It ends where a space, a character Windows forbids in names, or full-width punctuation (the sentence) comes.
_WINDOWS_PATH = r"(?<![A-Za-z0-9_\\])(?:[A-Za-z]:\\|\\\\(?=[^\s\\]))[^\s<>\"|\u3000-\u303f\uff00-\uffef]*"
_DIGIT_STAR = r"(?<=\d)\*+(?=\d)"  # 5*3, 2**10: a product or a power, never emphasis
_ENTITY = r"&(?=#?[A-Za-z0-9]+;)"  # "&copy;" typed in a chat is shown as typed
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s")
_FIRST_ITEM = re.compile(r"\s*(?:[-*+]|1[.)])\s")  # only a list numbered from 1 may start right under text
_HEADING = re.compile(r"#{1,6}\s")
_FENCE = re.compile(r"\s*(?:```|~~~)")


@dataclass(frozen=True)
class Converted:
    html: str  # not sanitized: ui/markdown.py cleans it before anything shows it
    mentions: tuple[str, ...]  # lower-case names as written (username or display name), in order, each once


def person_names(username: str, *display_names: str) -> frozenset[str]:
    """The lower-case names that @mention a person: the username, and display names without spaces."""
    return frozenset(n.lower() for n in (username, *display_names) if n and not any(c.isspace() for c in n))


def mentioned_names(text: str, names: frozenset[str] | None = None) -> tuple[str, ...]:
    """The lower-case names a chat message @mentions, in the order written: those it notifies (and highlights).
    With `names`, only those count (the people who can be told); without, every @name the syntax sees."""
    if "@" not in text:
        return ()
    return convert(text, Surface.CHAT, names).mentions


@lru_cache(maxsize=2048)
def convert(text: str, surface: Surface, names: frozenset[str] | None = None) -> Converted:
    """`text` as HTML for `surface`, with the mentions the parse found (of `names` only, when given). Not sanitized."""
    md, mentions = _instance(surface)
    md.reset()
    mentions.names = names
    html = md.convert(_blocks_apart(text, chat=surface is Surface.CHAT))
    return Converted(html, tuple(dict.fromkeys(mentions.found)))


def _blocks_apart(text: str, chat: bool) -> str:
    """A blank line where a block starts right under another one: people type a list, a quote, a heading or a
    table directly under a line of text, and python-markdown would fold it into that paragraph. In a chat the
    opposite holds too: a line of text under a list item or a quote starts a new paragraph."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    out: list[str] = []
    fenced = False
    previous = "blank"
    for line in lines:
        kind = _kind(line)
        if fenced:
            fenced = kind != "fence"
            out.append(line)
            previous = "code"
            continue
        if kind == "fence":
            fenced = True
        elif kind != "blank" and previous not in ("blank", "code", "indented") and (
                (previous == "text" and kind in ("item", "quote", "table", "heading") and
                 (kind != "item" or _FIRST_ITEM.match(line)))
                or (chat and previous in ("item", "quote") and kind in ("text", "table", "heading"))
                or (previous == "table" and kind not in ("table", "indented"))):
            out.append("")
        out.append(line)
        previous = kind
    return "\n".join(out)


def _kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _FENCE.match(line):
        return "fence"
    if _LIST_ITEM.match(line):
        return "item"
    if line.startswith((" ", "\t")):
        return "indented"
    if line.startswith(">"):
        return "quote"
    if line.startswith("|"):
        return "table"
    if _HEADING.match(line):
        return "heading"
    return "text"


# ------------------------------------------------------------------------------------------ the parser

_local = threading.local()  # a Markdown instance keeps state while it converts: one per thread and surface


def _instance(surface: Surface) -> tuple[markdown.Markdown, _Mentions]:
    made: dict[Surface, tuple[markdown.Markdown, _Mentions]] | None = getattr(_local, "made", None)
    if made is None:
        made = _local.made = {}
    found = made.get(surface)
    if found is None:
        found = made[surface] = _build(surface)
    return found


class _Mentions:
    """What the mention pattern found during the last conversion (reset by Markdown.reset)."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.names: frozenset[str] | None = None  # who may be mentioned in this conversion (None: anyone)

    def reset(self) -> None:
        self.found = []


def _build(surface: Surface) -> tuple[markdown.Markdown, _Mentions]:
    """A Markdown instance for `surface`; building one costs ~2 ms, so each is built once and reused."""
    import xml.etree.ElementTree as etree

    import markdown
    from markdown.extensions import Extension
    from markdown.inlinepatterns import InlineProcessor
    from markdown.treeprocessors import Treeprocessor
    from markdown.util import AtomicString
    from pymdownx import magiclink

    chat = surface is Surface.CHAT
    mentions = _Mentions()

    class CjkLink(magiclink.MagiclinkPattern):  # type: ignore[misc]
        """magiclink's bare links, allowed to start inside Chinese text and stopped where CJK text goes on.

        magiclink decides everything else (trailing punctuation outside, parentheses balanced, entities): it
        is handed the text only up to where the sentence goes on."""

        def handleMatch(self, m: re.Match[str], data: str) -> Any:
            return super().handleMatch(m, data[: _link_limit(data, m.end(0))])

    class Literal(InlineProcessor):
        """Text shown exactly as typed (no markdown inside it)."""

        def __init__(self, pattern: str, replacement: str | None = None) -> None:
            super().__init__(pattern)
            self.replacement = replacement

        def handleMatch(self, m: re.Match[str], data: str) -> Any:
            shown = self.replacement if self.replacement is not None else AtomicString(m.group(0))
            return shown, m.start(0), m.end(0)

    class Mention(InlineProcessor):
        def handleMatch(self, m: re.Match[str], data: str) -> Any:
            name = (m.group("username") or m.group("name")).lower()
            if mentions.names is not None and name not in mentions.names:
                return None, None, None  # names nobody who can be told: plain text
            el = etree.Element("span")
            el.set("class", "mention")
            el.text = AtomicString(m.group(0))
            mentions.found.append(name)
            return el, m.start(0), m.end(0)

    class AltText(Treeprocessor):
        """An image becomes its description: nothing is ever fetched, and "![图表](…)" still says what was there."""

        def run(self, root: etree.Element) -> None:
            for image in root.iter("img"):
                alt = image.get("alt", "")
                image.attrib.clear()
                image.tag, image.text = "span", alt

    class Syntax(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.registerExtension(self)
            patterns = md.inlinePatterns
            link = patterns["magic-link"]
            ours = CjkLink(_LINK_START, md)
            ours.config = link.config
            patterns.register(ours, "magic-link", 85)
            mail_pattern = magiclink.RE_MAIL.replace(_MAIL_END_FROM, _MAIL_END_TO)
            assert mail_pattern != magiclink.RE_MAIL, "magiclink's e-mail pattern changed: check the CJK step"
            patterns.register(magiclink.MagiclinkMailPattern(mail_pattern, md), "magic-mail", 84.9)
            # Above escapes (180), below code spans (190): `C:\path` in backticks is code already.
            patterns.register(Literal(_WINDOWS_PATH), "windows-path", 185)
            patterns.register(Literal(_DIGIT_STAR), "digit-star", 65)  # before emphasis (60)
            md.treeprocessors.register(AltText(md), "alt-text", 5)  # after the inline patterns (20)
            if chat:
                patterns.register(Mention(MENTION.pattern), "mention", 84)  # after links and e-mail addresses
                md.preprocessors.deregister("html_block")
                # "Thanks!\n--" is a signature, not a heading: no underlined (setext) headings in a chat.
                md.parser.blockprocessors.deregister("setextheader")
                patterns.deregister("html")
                patterns.register(Literal(_ENTITY, "&amp;"), "entity", 80)

        def reset(self) -> None:
            mentions.reset()

    extensions: list[Any] = ["fenced_code", "tables", "sane_lists", "pymdownx.magiclink", Syntax()]
    if chat:
        extensions.insert(0, "nl2br")
    md = markdown.Markdown(extensions=extensions, output_format="html")
    return md, mentions


def _link_limit(data: str, start: int) -> int:
    """Where a bare link starting at `start` ends at the latest, for CJK text around it."""
    end = len(data)
    stop = _LINK_STOP.search(data, start)
    if stop is not None:
        end = stop.start()
    for found in _IDEOGRAPH.finditer(data, start, end):
        at = found.start()
        before = data[at - 1]
        if before not in _CJK_JOINS_AFTER and not _IDEOGRAPH.match(before):
            return at
    return end
