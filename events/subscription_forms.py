"""The subscription form: what to hear of, and (for the public) where and in which language."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import current_language
from consortium.models import Country, Region
from events.models import Event, Subscription
from experts.models import Specialty
from members.models import Committee

PLACES = ("region", "country", "committee")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region} ({region.get_scheme_display()})"


class SubscriptionForm(forms.Form):
    """What a subscription is for. Prefilled from the address (``?country=KH&kind=symposium``), so that a
    page can link to the subscription it suggests."""

    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, to_field_name="code"
    )
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        to_field_name="code",
        help_text=_("News and events about the countries the committee covers."),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Specialty.objects.none(), required=False, to_field_name="code"
    )
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=[("", _("Any: news and events"))] + Event.Kind.choices,
        required=False,
        help_text=_("With a kind of event, you hear of events of that kind only, not of news."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = current_language()
        self.fields["country"].queryset = Country.objects.order_by(f"name_{language}")
        self.fields["region"].queryset = Region.objects.order_by("scheme", "order", "code")
        # A committee that covers no country (the planning committee) would match nothing.
        self.fields["committee"].queryset = Committee.objects.filter(
            Q(region__isnull=False) | Q(countries__isnull=False)
        ).distinct()
        self.fields["topic"].queryset = Specialty.objects.all()
        for name in ("country", "region", "committee", "topic"):
            self.fields[name].empty_label = _("Any")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        places = [name for name in PLACES if cleaned.get(name)]
        if len(places) > 1:
            raise forms.ValidationError(_("Choose one place only: a region, a country or a committee."), code="places")
        if not places and not cleaned.get("topic") and not cleaned.get("kind"):
            raise forms.ValidationError(
                _("Choose at least one: a region, a country, a committee, a topic or a kind of event."),
                code="empty",
            )
        return cleaned

    @property
    def choice(self):
        """The validated choice, as ``events.subscriptions`` takes it."""
        data = self.cleaned_data
        return {
            "region": data.get("region"),
            "country": data.get("country"),
            "committee": data.get("committee"),
            "topic": data.get("topic"),
            "event_kind": data.get("kind") or "",
        }

    def describe(self):
        """The chosen subscription in the active language, as its e-mails name it."""
        return Subscription(**self.choice).describe()


class PublicSubscriptionForm(SubscriptionForm):
    """A subscription for a visitor without an account: a confirmation link goes to the address given."""

    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We will send a confirmation link here, then the news and events.")
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    field_order = ["email", "language"]

    def __init__(self, *args, language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of our e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
