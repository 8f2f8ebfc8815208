import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events import policies
from events.question_forms import AnswersFormMixin

# The form writes to any address typed into it, so the name must not carry a
# message of its own: no web address (scheme, www., a dotted host name such as
# example.com, also with the full-width dots a mail client may read as dots).
_DOT = r"[.\u3002\uff0e\uff61]"
_LINK = re.compile(rf"://|\bwww{_DOT}|\w{_DOT}(?:xn--|[^\W\d_]{{2,}})|@", re.IGNORECASE)
# Letters joined invisibly in some scripts (Persian, Indic, emoji).
_JOINERS = {"\u200c", "\u200d"}


def _is_control(character):
    """Line breaks, tabs and other control or invisible formatting characters (bidi overrides)."""
    category = unicodedata.category(character)
    return category in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"} or (category == "Cf" and character not in _JOINERS)


class MemberRegistrationForm(AnswersFormMixin, forms.Form):
    """Registration by a signed-in person: their account gives the details, the form asks the event's questions."""

    def __init__(self, *args, questions=(), language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(questions, language)


class PublicRegistrationForm(AnswersFormMixin, forms.Form):
    """Registration by a visitor without an account: a confirmation link goes to the address given."""

    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), help_text=_("We will send the confirmation link here."))
    affiliation = forms.CharField(
        label=_("Affiliation"), max_length=200, required=False, help_text=_("University, organisation or company.")
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args, questions=(), language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.add_questions(questions, language)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["affiliation"].widget.attrs["autocomplete"] = "organization"
        policies.add_consent_field(self)

    def own_fields(self):
        """The details asked before the questions; the consent comes after them, last before sending."""
        return [field for field in super().own_fields() if field.name != "consent"]

    def consent_fields(self):
        return [self["consent"]]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(_is_control(character) for character in name):
            raise forms.ValidationError(
                _("Please write your name on one line, without special characters."), code="control"
            )
        if _LINK.search(name):
            raise forms.ValidationError(
                _("Please write only your name, without web addresses, e-mail addresses or domain names."),
                code="link",
            )
        return name

    def details(self):
        """Who is registering, as ``emails.send_confirmation_request`` takes them."""
        return {name: self.cleaned_data[name] for name in ("name", "email", "affiliation", "language")}
