"""``{{ text|highlight:query }}``: a name or title with what the search matched marked."""

from django import template

from search.highlight import highlight as marked

register = template.Library()


@register.filter
def highlight(text, query):
    """``text`` escaped, with what ``query`` (the page's parsed Query) matched wrapped in <mark>."""
    return marked(text, query)
