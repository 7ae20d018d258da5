"""Markdown from other people, rendered safely for Qt's rich-text widgets — per surface.

Two surfaces, decided here and defined in `app.markup` (one grammar, shared with whoever decides who a message
notifies):
- `render_message`: a chat message keeps every line break the person typed (Shift+Enter makes a line, as in
  every chat client), shows raw HTML as typed text, and highlights @mentions of the people the message told.
- `render_article`: an article keeps document semantics (a single newline joins lines into one paragraph, a
  blank line separates paragraphs), may use harmless HTML tags, and highlights no @names (it notifies nobody).
Both link bare web and e-mail addresses (pymdown-extensions' magiclink), also inside Chinese text.

Markdown becomes HTML (python-markdown, one instance per surface built once and reused), then nh3 keeps only
harmless tags: no scripts, no images (nothing is fetched from the network or the disk), no styles, and links
only to http(s) and mailto. Very large texts are not rendered at all but shown as plain text, so 5 MB of
markdown or a 10,000-line message cannot freeze the window.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from app.markup import Surface, convert

# Above these, rendering costs more than a person gains from formatting: show the text as it is.
MAX_RENDERED_CHARS = 60_000
MAX_RENDERED_LINES = 1_500
MAX_SHOWN_CHARS = 200_000

SAFE_SCHEMES = {"http", "https", "mailto"}
_TAGS = {
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
_LINK_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}  # "3. …" shows 3.
# Only the mention pattern makes a class in a chat message: raw HTML is never interpreted there, so nobody can
# type a highlight that notifies nobody.
_ATTRIBUTES = {Surface.CHAT: _LINK_ATTRIBUTES | {"span": {"class"}}, Surface.ARTICLE: _LINK_ATTRIBUTES}
# Anything markdown could turn into formatting, a link or a mention (or an entity/tag to escape carefully): such
# text is parsed. The rest — most chat lines — is escaped as it is.
_MARKUP = re.compile(r"[*_`>\[\]!|~<&\\\n@]|^\s*(?:[-+]|\d+[.)]|#{1,6})\s|://|www\.", re.MULTILINE | re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return scheme in SAFE_SCHEMES


def render_message(text: str, told: frozenset[str] | None = None) -> str:
    """Safe HTML for a chat message: its line breaks kept, bare links linked, its @mentions highlighted — of the
    people named in `told` (app.markup.person_names of those the message notified), or of anyone when None."""
    return _render(text, Surface.CHAT, told)


def render_article(text: str) -> str:
    """Safe HTML for an article: document semantics (a single newline joins lines), bare links linked."""
    return _render(text, Surface.ARTICLE)


def _render(text: str, surface: Surface, told: frozenset[str] | None = None) -> str:
    if len(text) > MAX_RENDERED_CHARS or text.count("\n") > MAX_RENDERED_LINES:
        return plain(text)
    if not _MARKUP.search(text):
        # Most chat lines have no markdown at all: skip the parser, which is most of the cost of opening a chat.
        return "<p>" + html.escape(text) + "</p>"
    return _sanitized(text, surface, told)


def plain(text: str) -> str:
    shown = text[:MAX_SHOWN_CHARS]
    more = len(text) - len(shown)
    tail = f"\n… ({more:,} more characters)" if more > 0 else ""
    return f"<pre style='white-space: pre-wrap'>{html.escape(shown)}{html.escape(tail)}</pre>"


@lru_cache(maxsize=2048)
def _sanitized(text: str, surface: Surface, told: frozenset[str] | None) -> str:
    import nh3

    return nh3.clean(
        convert(text, surface, told).html,
        tags=_TAGS,
        attributes=_ATTRIBUTES[surface],
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def preview_text(text: str, width: int = 80) -> str:
    """One line of plain text for lists and notifications (markdown marks removed, no HTML)."""
    flat = re.sub(r"[`*_>#~\[\]]|\((https?://[^)]*)\)", "", text)
    flat = " ".join(flat.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
