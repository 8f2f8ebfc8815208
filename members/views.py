"""The member's own pages: membership, preferences, unsubscribing (their expert record: experts.self_service)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from experts.models import Expert
from members import approval, newsletter
from members.access import may_keep_expert_record, represented_organisation
from members.forms import PreferencesForm, WithdrawalForm
from members.models import CommitteeRequest, Membership
from search import watch


def _membership_of(user):
    return Membership.objects.filter(user=user).select_related("organization").first()


def _status_history(membership):
    """The membership's changes of status, oldest first, from its recorded history."""
    changes = []
    previous = None
    for record in membership.history.order_by("history_date").only("status", "history_date"):
        if record.status != previous:
            changes.append(record)
            previous = record.status
    return changes


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def home(request):
    membership = _membership_of(request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, user=request.user, membership=membership
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences have been saved."))
        return redirect("members:home")
    expert = Expert.objects.filter(user=request.user).only("pk").first()
    context = {
        "membership": membership,
        "history": _status_history(membership) if membership else [],
        "form": form,
        "expert": expert,
        "may_keep_expert_record": may_keep_expert_record(request.user),
        "seats": request.user.committee_seats.select_related("committee").order_by("committee"),
        "committee_requests": request.user.committee_requests.filter(
            status=CommitteeRequest.Status.PENDING
        ).select_related("committee"),
        "represented": represented_organisation(request.user),
        "saved_searches": watch.listing(request.user),
    }
    return render(request, "members/home.html", context)


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request):
    """The member leaves the consortium, or withdraws their application, after confirming with their password."""
    membership = _membership_of(request.user)
    if not approval.may_withdraw(membership):
        return render(request, "members/withdraw.html", {"membership": membership}, status=409)
    form = WithdrawalForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        was_applying = membership.status == Membership.Status.APPLIED
        approval.withdraw_by_member(membership, reason=form.cleaned_data["reason"])
        if was_applying:
            messages.success(request, _("Your application has been withdrawn. We have sent you a confirmation."))
        else:
            messages.success(request, _("Your membership has ended. We have sent you a confirmation."))
        return redirect("members:home")
    status = 429 if form.has_error("password", code="rate_limited") else 200
    return render(request, "members/withdraw.html", {"membership": membership, "form": form}, status=status)


@login_required
@require_http_methods(["POST"])
def apply_again(request):
    """A former member applies again; the secretariat decides as on a first application."""
    if approval.apply_again(_membership_of(request.user)):
        messages.success(request, _("Your application has been sent to the secretariat."))
    return redirect("members:home")


@csrf_exempt  # The signed token is the credential: mail programs POST here without a session (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe from the e-mail news.

    GET asks for confirmation (link checkers in mail systems follow links);
    POST, from the page's button or a mail program's one-click request, acts.
    """
    user = newsletter.user_from_unsubscribe_token(token)
    membership = getattr(user, "membership", None) if user else None
    if membership is None:
        return render(request, "members/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        membership.news_opt_in = False
        membership.save(update_fields=["news_opt_in"])
        return render(request, "members/unsubscribe_done.html", {"email": user.email})
    return render(request, "members/unsubscribe_confirm.html", {"email": user.email, "token": token})
