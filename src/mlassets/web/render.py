"""Card text as safe HTML. Card text is untrusted: whoever wrote a card on the Hub wrote it.

Markdown is rendered by markdown-it-py with raw HTML off (a `<script>` in a card stays text), and
the result is sanitised again by nh3 (ammonia): only formatting tags survive, no attributes that
run code, and links keep only the http, https and mailto schemes (`javascript:` links lose their
href). The pages also carry a Content-Security-Policy without any script source (app.py), so
even markup that slipped through could not run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
    *("em", "strong", "del", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"),
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
CARD_LIMIT = 1_000_000  # bytes: a card file larger than this is not shown


def markdown_html(text: str) -> str:
    """Safe HTML for Markdown from a card."""
    html = _MARKDOWN.render(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def _body(text: str) -> str:
    """A card without its YAML front matter (shown apart, as metadata)."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :].lstrip("\n")
    return text


def local_card(asset_id: str, card_sha256: str | None) -> str | None:
    """The body of a local card, read from the file its id names, or None.

    Only a `.md` file whose content hashes to the `card_sha256` the catalog indexed is read: a
    catalog entry cannot make the server show any other file of this machine.
    """
    path = Path(asset_id)
    if not card_sha256 or path.suffix != ".md" or "://" in asset_id:
        return None
    try:
        if not path.is_file() or path.stat().st_size > CARD_LIMIT:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != card_sha256:
        return None
    return _body(data.decode("utf-8", errors="replace"))
