"""The forms of saved searches: saving a list page's search, and renaming it or changing its alerts."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search import saved
from search.models import SavedSearch

ALERTS_HELP = _(
    "An e-mail in your preferred language lists the records that newly match the search; "
    "nothing is sent when nothing is new."
)


class SaveSearchForm(forms.Form):
    """Save the search a list page shows (``search``: its query string) under a name, with alerts."""

    kind = forms.ChoiceField(label=_("Records searched"), choices=SavedSearch.Kind.choices, widget=forms.HiddenInput)
    search = forms.CharField(label=_("Search"), required=False, strip=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=pgettext_lazy("saved search", "Name"),
        required=False,
        max_length=saved.MAX_NAME_LENGTH,
        help_text=_("Leave it empty to name the search after its words and filters."),
    )
    alerts = forms.ChoiceField(
        label=_("E-mail alerts"),
        choices=SavedSearch.Alerts.choices,
        initial=SavedSearch.Alerts.NONE,
        help_text=ALERTS_HELP,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind is None or "search" not in cleaned_data:
            return cleaned_data
        try:
            cleaned_data["params"] = saved.checked_params(kind, cleaned_data["search"])
        except saved.SearchNotSaved as problem:
            raise forms.ValidationError(problem.reasons, code="invalid_search") from None
        mine = SavedSearch.objects.filter(user=self.user)
        earlier = mine.filter(kind=kind, params=cleaned_data["params"]).only("name").first()
        if earlier is not None:
            raise forms.ValidationError(
                _("You have already saved this search, as “%(name)s”."),
                code="duplicate",
                params={"name": earlier.name},
            )
        if mine.count() >= saved.MAX_SAVED_SEARCHES:
            raise forms.ValidationError(
                _("You have saved %(limit)d searches, as many as a member may keep: delete one to save another."),
                code="too_many",
                params={"limit": saved.MAX_SAVED_SEARCHES},
            )
        return cleaned_data

    def save(self):
        data = self.cleaned_data
        return saved.create(self.user, data["kind"], data["params"], name=data["name"].strip(), alerts=data["alerts"])

    def problems(self):
        """Every error of the form, in words, for a message on the page the member comes back to."""
        messages = list(self.non_field_errors())
        for name, errors in self.errors.items():
            if name != NON_FIELD_ERRORS:
                label = self.fields[name].label or name
                messages += [f"{label}: {error}" for error in errors]
        return messages


class SavedSearchForm(forms.ModelForm):
    """A saved search's name and alerts, on the member's own page."""

    class Meta:
        model = SavedSearch
        fields = ["name", "alerts"]
        labels = {"name": pgettext_lazy("saved search", "Name"), "alerts": _("E-mail alerts")}
        help_texts = {"alerts": ALERTS_HELP}

    def clean(self):
        cleaned_data = super().clean()
        # Scheduled before the model's checks run, which require an alert to be scheduled when alerts are on.
        if "alerts" in cleaned_data and "alerts" in self.changed_data:
            self.instance.alerts = cleaned_data["alerts"]
            saved.schedule(self.instance)
        return cleaned_data

    def save(self):
        """Save the name and alerts alone: an alert being sent meanwhile records what it has seen."""
        self.instance.save(update_fields=["name", "alerts", "next_alert_at"])
        return self.instance
