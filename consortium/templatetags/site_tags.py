import html

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from consortium.bilingual import localized
from consortium.fiscal import fiscal_year_label
from members import access

register = template.Library()


def _escaped(value):
    """``conditional_escape(value)``: for a plain string, which pages show by the hundred, the same
    ``html.escape`` that Django's ``escape`` calls, without its checks for lazy and safe values,
    which cost six times the escaping itself."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


@register.filter
def hides_staff_records(user):
    """Whether staff-only records are hidden from this staff user for want of a second factor."""
    return access.hides_staff_records(user)


@register.filter
def has_second_factor(user):
    """Whether the account has a second factor (which this session may not have passed)."""
    return access.has_second_factor(user)


@register.simple_tag
def facet_checkboxes(facet):
    """A facet's options as labelled checkboxes, ids ``id_<facet>_<n>``.

    Joined here rather than in a template loop: a list page shows some seventy options, and
    the template engine's lookups for each cost more than the rest of the page's markup.
    Each value is escaped once, here, rather than through format_html's checks of every part.
    """
    name = _escaped(facet.name)
    country_page = _country_page_link if facet.name == COUNTRY_FACET else None
    boxes = []
    for index, option in enumerate(facet.options):
        checked = " checked" if option.selected else ""
        link = country_page(option) if country_page else ""
        boxes.append(
            f'<div><label for="id_{name}_{index}"><input type="checkbox" name="{name}" '
            f'value="{_escaped(option.value)}" id="id_{name}_{index}"{checked}> '
            f"{_escaped(option.choice_label)}</label>{link}</div>"
        )
    return mark_safe("\n".join(boxes))  # noqa: S308 (every value escaped above)


COUNTRY_FACET = "country"
"""The facet whose options are countries by ISO code, each with a link to its country page."""


def _country_page_link(option):
    """A small link beside a country option, outside its label, so that the checkbox works as before."""
    url = reverse("countries:detail", args=[option.value.lower()])
    label = gettext("%(country)s: country page") % {"country": option.label}
    label = _escaped(label)
    return f' <a class="search-facet__page" href="{_escaped(url)}" aria-label="{label}" title="{label}">→</a>'


@register.filter
def list_items(values, css_class=""):
    """``<li>`` of each value, escaped, with an optional class: a result's tags. Joined here, not in a
    template loop, which costs more per tag than the rest of a result's markup."""
    opening = format_html('<li class="{}">', css_class) if css_class else "<li>"
    return mark_safe("".join(f"{opening}{_escaped(value)}</li>" for value in values or ()))  # noqa: S308 (escaped)


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


@register.inclusion_tag("includes/fallback_mark.html")
def fallback_mark(value):
    """The short form of the note, after a line of text shown in the other language: “(in Japanese)”."""
    return {"value": value}


@register.filter
def fiscal_year(year):
    """``{{ report.fiscal_year|fiscal_year }}``: 2024年度 on a Japanese page, FY2024 on an English one."""
    return fiscal_year_label(year)
