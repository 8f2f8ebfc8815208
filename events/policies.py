"""The privacy policy and the terms of use: outreach pages that staff edit at two reserved addresses
(``about/privacy/``, ``about/terms/``), each with a version that staff raise when its text changes in
substance. Every form that collects personal data links to both and asks for consent in a required tick box;
the consent records the versions then in force (``members.models.Consent``).
"""

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import Page
from events.models.pages import POLICY_SLUGS
from events.models.pages import PRIVACY_SLUG as PRIVACY
from events.models.pages import TERMS_SLUG as TERMS


@dataclass(frozen=True)
class Versions:
    """The versions of the published policy pages; None for a page that is not published."""

    privacy: int | None
    terms: int | None


def current_versions():
    found = dict(Page.objects.published().filter(slug__in=POLICY_SLUGS).values_list("slug", "version"))
    return Versions(privacy=found.get(PRIVACY), terms=found.get(TERMS))


def links():
    """The two policies as links that open beside the form, so that what was typed stays."""
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a> · <a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("pages:detail", args=[PRIVACY]),
        gettext("Privacy policy"),
        reverse("pages:detail", args=[TERMS]),
        gettext("Terms of use"),
    )


class ConsentField(forms.BooleanField):
    """The required tick box of consent to both policies. Its help text links to them, made when the form is
    made (``form.fields["consent"].help_text = links()``), in the page's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("I have read and agree to the privacy policy and the terms of use."))
        kwargs.setdefault(
            "error_messages",
            {"required": _("Please read the privacy policy and the terms of use, and tick the box to agree.")},
        )
        super().__init__(required=True, **kwargs)


def add_consent_field(form):
    """Give ``form`` its ``consent`` tick box, last, with the links to the policies."""
    form.fields["consent"] = ConsentField(help_text=links())
