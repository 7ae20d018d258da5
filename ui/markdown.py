"""Markdown from other people, rendered safely for Qt's rich-text widgets.

Markdown becomes HTML (python-markdown), then nh3 keeps only harmless tags: no scripts, no images (nothing
is fetched from the network or the disk), no styles, and links only to http(s) and mailto. Very large texts
are not rendered at all but shown as plain text, so 5 MB of markdown or a 10,000-line message cannot freeze
the window.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as markdown_lib
import nh3

# Above these, rendering costs more than a person gains from formatting: show the text as it is.
MAX_RENDERED_CHARS = 60_000
MAX_RENDERED_LINES = 1_500
MAX_SHOWN_CHARS = 200_000

SAFE_SCHEMES = {"http", "https", "mailto"}
_TAGS = {
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "span": {"class"}}
_MENTION = re.compile(r"(?<![\w@])@([\w.\-]{1,64})")  # usernames and Chinese display names (@王芳)
# Anything markdown could turn into formatting (or an entity/tag to escape carefully): such text is parsed.
_MARKUP = re.compile(r"[*_`>\[\]!|~<&\\\n]|^\s*(?:[-+]|\d+[.)]|#{1,6})\s|https?://|www\.", re.MULTILINE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def is_safe_link(url: str) -> bool:
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return scheme in SAFE_SCHEMES


def render(text: str) -> str:
    """Safe HTML for `text` (markdown); plain escaped text when it is too large to render quickly."""
    if len(text) > MAX_RENDERED_CHARS or text.count("\n") > MAX_RENDERED_LINES:
        return plain(text)
    if not _MARKUP.search(text):
        # Most chat lines have no markdown at all: skip the parser, which is most of the cost of opening a chat.
        return "<p>" + _MENTION.sub(r'<span class="mention">@\1</span>', html.escape(text)) + "</p>"
    return _render_cached(text)


def plain(text: str) -> str:
    shown = text[:MAX_SHOWN_CHARS]
    more = len(text) - len(shown)
    tail = f"\n… ({more:,} more characters)" if more > 0 else ""
    return f"<pre style='white-space: pre-wrap'>{html.escape(shown)}{html.escape(tail)}</pre>"


@lru_cache(maxsize=2048)
def _render_cached(text: str) -> str:
    converted = markdown_lib.markdown(
        _lists_after_text(text), extensions=["fenced_code", "tables", "sane_lists"], output_format="html"
    )
    converted = _MENTION.sub(r'<span class="mention">@\1</span>', converted)
    return nh3.clean(
        converted,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _lists_after_text(text: str) -> str:
    """People start a list right under a line of text; markdown wants a blank line there, so add one."""
    lines = text.split("\n")
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif (not fenced and out and out[-1].strip() and _LIST_ITEM.match(line)
              and not _LIST_ITEM.match(out[-1]) and not out[-1].startswith((" ", "\t"))):
            out.append("")
        out.append(line)
    return "\n".join(out)


def preview_text(text: str, width: int = 80) -> str:
    """One line of plain text for lists and notifications (markdown marks removed, no HTML)."""
    flat = re.sub(r"[`*_>#~\[\]]|\((https?://[^)]*)\)", "", text)
    flat = " ".join(flat.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
