"""The site search's one field, in the page and in every page's header."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "enterkeyhint": "search", "placeholder": _("News, events, reports…")}
        ),
    )
    # Kept while paging through one kind of result (search.site.PUBLIC_KINDS).
    kind = forms.CharField(required=False, widget=forms.HiddenInput)
