from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PublicRegistrationForm(forms.Form):
    """Registration by a visitor without an account: a confirmation link goes to the address given."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), help_text=_("We will send the confirmation link here."))
    affiliation = forms.CharField(
        label=_("Affiliation"), max_length=200, required=False, help_text=_("University, organisation or company.")
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args, language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["affiliation"].widget.attrs["autocomplete"] = "organization"
