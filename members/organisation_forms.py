"""Forms of an organisation's accounts: the representative's invitation, and the invitee's sign-up."""

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import current_language
from events import policies
from members import consents, invitations


class InvitationForm(forms.Form):
    """The representative invites a colleague by e-mail address."""

    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        widget=forms.EmailInput({"autocomplete": "off"}),
        help_text=_("The address they will sign in with. The invitation is valid for 14 days."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[*settings.LANGUAGES, (invitations.BOTH_LANGUAGES, _("Japanese and English"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()

    def clean_email(self):
        email = self.cleaned_data["email"]
        invitations.check_address(self.organisation, email)
        return email

    def clean(self):
        cleaned_data = super().clean()
        invitations.check_room(self.organisation)
        return cleaned_data


class InvitedSignupForm(SignupForm):
    """allauth's sign-up form for an invited colleague: the invited address, a name and a password.

    No application: the membership follows from the invitation once the address is verified.
    """

    last_name = forms.CharField(
        label=_("Family name"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    first_name = forms.CharField(
        label=_("Given name"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Language of the e-mails the portal sends you."),
    )

    field_order = ["last_name", "first_name", "email", "password1", "password2", "language"]

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        # The invitation is for this address; another one would need an invitation of its own.
        self.fields["email"].disabled = True
        self.initial["email"] = invitation.email
        self.fields["language"].initial = current_language()
        policies.add_consent_field(self)

    def signup(self, request, user):
        """Called by allauth once the user exists: record the consent, take up the invitation (completed on
        verification)."""
        user.language = self.cleaned_data["language"]
        user.save(update_fields=["language"])
        consents.record_signup(user)
        invitations.claim(self.invitation, user)
