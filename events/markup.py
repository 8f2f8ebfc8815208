"""Staff write news, pages and event texts in Markdown; visitors get sanitised HTML.

Markdown passes raw HTML through, so every rendering goes through nh3 (the
Rust ``ammonia`` sanitiser) with a short list of allowed tags: whatever staff
paste, no script, style, event handler or ``javascript:`` address reaches a page.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


def render_markdown(text):
    """Markdown to sanitised HTML, safe to put on a page as it is."""
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return mark_safe(  # noqa: S308 (nh3 has just removed everything not explicitly allowed)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
