"""``{% site_search_box %}``: the site search's field in the header of every page."""

from django import template

from search.site_forms import SiteSearchForm

register = template.Library()


@register.inclusion_tag("includes/site_search_box.html")
def site_search_box():
    # Ids of their own: the search page shows the same field again in its body.
    return {"form": SiteSearchForm(auto_id="site-search-%s")}
