from django import template
from django.urls import NoReverseMatch, reverse

from consortium.bilingual import language_alternates, localized
from members import access

register = template.Library()


@register.simple_tag(takes_context=True)
def alternates(context):
    """The current page in each language, for the switcher and hreflang links."""
    request = context.get("request")
    if request is None:
        return []
    return language_alternates(request)


@register.filter
def hides_staff_records(user):
    """Whether staff-only records are hidden from this staff user for want of a second factor."""
    return access.hides_staff_records(user)


@register.inclusion_tag("includes/nav_link.html", takes_context=True)
def nav_link(context, url_name, label, exact=False):
    """A navigation entry, marked current on its own page and (unless exact) the pages below it.

    An entry whose page is not part of this installation is left out.
    """
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        url = None
    request = context.get("request")
    path = request.path if request is not None else ""
    current = url is not None and (path == url or (not exact and path.startswith(url)))
    return {"url": url, "label": label, "current": current}


@register.simple_tag
def localize(obj, field):
    """``{% localize article "title" as title %}``: title.text, title.language, title.is_fallback."""
    return localized(obj, field)


@register.inclusion_tag("includes/fallback_note.html")
def fallback_note(value):
    """A visible note when a text is shown in the other language."""
    return {"value": value}
