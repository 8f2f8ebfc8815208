"""The representative's page: who holds an account of their organisation, invitations, removals."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import invitations
from members.access import representative_required
from members.models import Membership
from members.organisation_forms import InvitationForm


@representative_required
@require_http_methods(["GET", "POST"])
def organisation(request, organisation):
    form = InvitationForm(request.POST if request.method == "POST" else None, organisation=organisation)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not invitations.may_send(request, email):
            form.add_error(None, _("Too many invitations have been sent. Please try again in an hour."))
            status = 429
        else:
            try:
                invitations.invite(organisation, email, by=request.user, language=form.cleaned_data["language"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": email})
                return redirect("members:organisation")
    context = {
        "organisation": organisation,
        "colleagues": invitations.colleagues(organisation),
        "pending": organisation.invitations.pending().select_related("accepted_by").order_by("-created_at"),
        "in_use": invitations.accounts_in_use(organisation),
        "limit": settings.ORGANISATION_ACCOUNT_LIMIT,
        "form": form,
    }
    return render(request, "members/organisation.html", context, status=status)


@representative_required
@require_POST
def revoke_invitation(request, organisation, pk):
    invitation = get_object_or_404(organisation.invitations.pending(), pk=pk)
    invitations.revoke(invitation, by=request.user)
    messages.success(request, _("The invitation to %(email)s has been revoked.") % {"email": invitation.email})
    return redirect("members:organisation")


@representative_required
@require_POST
def remove_colleague(request, organisation, pk):
    """End a colleague's membership through the organisation; the representative's own is not on offer."""
    membership = get_object_or_404(
        Membership.objects.select_related("user").exclude(user=request.user),
        pk=pk,
        organization=organisation,
        status=Membership.Status.ACTIVE,
    )
    invitations.remove_colleague(organisation, membership, by=request.user)
    name = membership.user.get_full_name() or membership.user.email
    messages.success(request, _("The membership of %(name)s has ended.") % {"name": name})
    return redirect("members:organisation")
