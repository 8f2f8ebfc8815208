"""The link in an invitation: a new colleague signs up through it, an existing account accepts it.

The link carries the invitation's secret, so its answers are never cached nor indexed. A new colleague
gets allauth's own sign-up (its rate limit, password rules and e-mail verification) with the invited
address filled in; the membership follows once the address is verified (members.signals).
"""

from allauth.account.views import SignupView
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.views.common import private
from members import invitations
from members.models import Invitation
from members.organisation_forms import InvitedSignupForm


class InvitedSignupView(SignupView):
    form_class = InvitedSignupForm
    template_name = "members/invitation_signup.html"

    def get_form_class(self):
        # ACCOUNT_FORMS names the application form for every other sign-up.
        return self.form_class

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "invitation": self.kwargs["invitation"]}

    def get_context_data(self, **kwargs):
        sign_in_url = reverse("account_login") + "?" + urlencode({"next": self.request.path})
        return {
            **super().get_context_data(**kwargs),
            "invitation": self.kwargs["invitation"],
            "sign_in_url": sign_in_url,
        }


invited_signup = InvitedSignupView.as_view()


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    found = Invitation.objects.for_token(token)
    if found is None:
        return private(render(request, "members/invitation_invalid.html", status=404))
    if not request.user.is_authenticated:
        if invitations.signup_email_taken(found):
            return private(render(request, "members/invitation_sign_in.html", {"invitation": found}))
        return private(invited_signup(request, invitation=found))
    if not invitations.may_accept(request.user):
        return private(render(request, "members/invitation_accept.html", {"invitation": found}, status=409))
    if request.method == "POST":
        if invitations.accept(found, request.user) is None:
            return private(render(request, "members/invitation_invalid.html", status=404))
        messages.success(
            request,
            _("Welcome: you are now a member of the consortium through %(organisation)s.")
            % {"organisation": found.organization},
        )
        return redirect("members:home")
    return private(render(request, "members/invitation_accept.html", {"invitation": found, "may_accept": True}))
