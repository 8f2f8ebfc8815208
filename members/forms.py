"""Forms a person fills in about their own membership: the application and their preferences
(their own expert record: experts.forms)."""

from allauth.account.forms import SignupForm
from allauth.core import ratelimit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import current_language
from events import policies
from members import committee_requests, consents
from members.models import Committee, Membership, Organization


class ApplicationForm(SignupForm):
    """allauth's sign-up form plus the membership application.

    The account is created as usual (e-mail, password, verification by
    e-mail); ``signup`` then files the application, which waits for the
    secretariat's decision with the status "applied".
    """

    last_name = forms.CharField(
        label=_("Family name"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    first_name = forms.CharField(
        label=_("Given name"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.listed().only("name_ja", "name_en"),
        required=False,
        empty_label=_("(not in the list)"),
        help_text=_("Choose your organisation, or leave this empty and type its name below."),
    )
    organization_name = forms.CharField(
        label=_("Organisation, if not in the list"),
        max_length=200,
        required=False,
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of membership"),
        choices=Membership.Kind.choices,
        initial=Membership.Kind.INDIVIDUAL,
        widget=forms.RadioSelect,
        help_text=_("Organisational membership is applied for on behalf of your organisation."),
    )
    committees = forms.ModelMultipleChoiceField(
        label=_("Committees you wish to join"),
        queryset=Committee.objects.only("code", "name_ja", "name_en"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The secretariat decides on each request once your membership is approved."),
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=2000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("A few lines on your work and why you wish to join (at most 2,000 characters)."),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Language of the e-mails the portal sends you."),
    )

    field_order = [
        "last_name",
        "first_name",
        "email",
        "password1",
        "password2",
        "organization",
        "organization_name",
        "kind",
        "committees",
        "statement",
        "language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()
        policies.add_consent_field(self)

    def clean(self):
        cleaned_data = super().clean()
        has_organisation = cleaned_data.get("organization") or cleaned_data.get("organization_name", "").strip()
        if cleaned_data.get("kind") == Membership.Kind.ORGANISATIONAL and not has_organisation:
            self.add_error(
                "organization", _("An organisational membership needs the organisation: choose it or type it.")
            )
        return cleaned_data

    def signup(self, request, user):
        """Called by allauth once the user exists: record the consent and file the application."""
        data = self.cleaned_data
        user.language = data["language"]
        user.save(update_fields=["language"])
        Membership.objects.create(
            user=user,
            kind=data["kind"],
            organization=data.get("organization"),
            organization_name="" if data.get("organization") else data.get("organization_name", "").strip(),
            statement=data["statement"],
        )
        consents.record_signup(user)
        committee_requests.ask_to_join(user, data.get("committees") or [])


class PreferencesForm(forms.Form):
    """What a member may change about their own membership."""

    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Language of the e-mails the portal sends you."),
    )
    news_opt_in = forms.BooleanField(
        label=_("Send me the e-mail news"),
        required=False,
        help_text=_("The consortium's news for members, about once a month."),
    )

    def __init__(self, *args, user, membership, **kwargs):
        self.user = user
        self.membership = membership
        initial = {"language": user.language}
        if membership is not None:
            initial["news_opt_in"] = membership.news_opt_in
        super().__init__(*args, initial=initial, **kwargs)
        if membership is None:
            del self.fields["news_opt_in"]

    def save(self):
        self.user.language = self.cleaned_data["language"]
        self.user.save(update_fields=["language"])
        if self.membership is not None:
            self.membership.news_opt_in = self.cleaned_data["news_opt_in"]
            self.membership.save(update_fields=["news_opt_in"])


class WithdrawalForm(forms.Form):
    """Leaving the consortium: the account's password confirms that it is the member who asks."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput({"autocomplete": "current-password"})
    )
    reason = forms.CharField(
        label=_("Why are you leaving? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Only the secretariat reads this."),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        self.user = request.user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        """Check the password, within the ``withdraw_failed`` limit on wrong ones (settings.ACCOUNT_RATE_LIMITS)."""
        password = self.cleaned_data["password"]
        limit = {"action": "withdraw_failed", "user": self.user}
        if not ratelimit.consume(self.request, dry_run=True, **limit):
            raise forms.ValidationError(
                _("Too many wrong passwords. Please wait 15 minutes and try again."), code="rate_limited"
            )
        if not self.user.check_password(password):
            ratelimit.consume(self.request, **limit)
            raise forms.ValidationError(_("This is not the password of your account."))
        return password


class CommitteeRequestForm(forms.Form):
    """A member's request to join or leave a committee, with a word for the secretariat if they wish."""

    message = forms.CharField(
        label=_("Message to the secretariat (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )
