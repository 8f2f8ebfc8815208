"""The pages where an expert who is a member keeps their own record (under /members/expert/).

Ownership, not the database's visibility rule, decides which record: a member edits and confirms the
record linked to their account (``Expert.user``), whatever its visibility, and no other. Whether they
may keep one at all is ``members.access.may_keep_expert_record`` (an active membership), through
``expert_keeper_required``; the link in the yearly e-mail confirms without signing in, by its token.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from experts import claims, confirmation
from experts.claims import Outcome
from experts.forms import ClaimForm, OwnRecordForm, PublicationFormSet, RecordRequestForm
from experts.models import Expert
from members.access import expert_keeper_required


def _own_record(user):
    """The member's record for their own pages, with its publications, or None."""
    return (
        Expert.objects.for_detail()
        .filter(user=user)
        .prefetch_related("specialties", "countries", "languages", "publications")
        .first()
    )


@expert_keeper_required
@require_http_methods(["GET", "POST"])
def own_record(request):
    """The member's record and where it stands; without one, the records theirs by a verified address and
    the ways to claim one or ask for one. POST: the record is still correct."""
    record = _own_record(request.user)
    if request.method == "POST":
        if record is None:
            return redirect("members:expert")
        confirmation.confirm(record, request.user)
        messages.success(request, _("Thank you: your record is confirmed as correct today."))
        return redirect("members:expert")
    context = {
        "record": record,
        "claim": claims.pending_claim(request.user),
        "record_request": claims.pending_record_request(request.user),
    }
    if record is None:
        context["matches"] = claims.matching_records(request.user)
        context["may_ask"] = claims.may_ask_for_record(request.user)
    return render(request, "experts/own/record.html", context)


@expert_keeper_required
@require_http_methods(["GET", "POST"])
def edit_record(request):
    """The expert edits their record and its publications; saving confirms it. Bad input saves nothing."""
    record = _own_record(request.user)
    if record is None:
        messages.info(request, _("Your account has no expert record to edit yet."))
        return redirect("members:expert")
    data = request.POST if request.method == "POST" else None
    form = OwnRecordForm(data, instance=record)
    publications = PublicationFormSet(data, instance=record, prefix="publications")
    # Both validated, so that the page shows every error at once.
    if request.method == "POST" and all([form.is_valid(), publications.is_valid()]):
        with transaction.atomic():
            form.instance.confirmed_at = timezone.localdate()
            form.instance._change_reason = "Edited by the expert"
            form.save()
            publications.save()
        messages.success(request, _("Your expert record has been updated."))
        return redirect("members:expert")
    return render(request, "experts/own/edit.html", {"form": form, "publications": publications, "record": record})


def _claimable(user, pk):
    """The record ``user`` may say is theirs: one they see in the database, or one whose address they verified."""
    seen = Q(pk__in=Expert.objects.visible_to(user).values("pk"))
    mine_by_address = Q(pk__in=claims.matching_records(user).values("pk"))
    return get_object_or_404(
        Expert.objects.for_detail().select_related("organization").filter(seen | mine_by_address), pk=pk
    )


CLAIM_MESSAGES = {
    Outcome.LINKED: (
        messages.SUCCESS,
        gettext_lazy("This record is now linked to your account. Please check that it is correct and save it."),
    ),
    Outcome.ASKED: (
        messages.SUCCESS,
        gettext_lazy("Your claim has been sent. The secretariat will tell you its decision by e-mail."),
    ),
    Outcome.WAITING: (
        messages.INFO,
        gettext_lazy("A claim of yours is already waiting for the secretariat's decision."),
    ),
    Outcome.TAKEN: (
        messages.ERROR,
        gettext_lazy("This record cannot be claimed: it is linked to an account already, or you keep another record."),
    ),
    Outcome.REFUSED: (
        messages.ERROR,
        gettext_lazy("You have a request for a new record waiting: withdraw it first to claim this one."),
    ),
}


@expert_keeper_required
@require_http_methods(["GET", "POST"])
def claim_record(request, pk):
    """ "This is me": a record whose address the member verified is linked at once; another waits for staff."""
    expert = _claimable(request.user, pk)
    if not claims.may_claim(request.user, expert):
        messages.error(request, CLAIM_MESSAGES[Outcome.TAKEN][1])
        return redirect("members:expert")
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome, _claim = claims.claim(request.user, expert, form.cleaned_data["message"])
        level, text = CLAIM_MESSAGES[outcome]
        messages.add_message(request, level, text)
        return redirect("members:expert_edit" if outcome == Outcome.LINKED else "members:expert")
    context = {
        "expert": expert,
        "form": form,
        "at_once": bool(expert.email) and expert.email.lower() in claims.verified_addresses(request.user),
        "waiting": claims.pending_claim(request.user),
    }
    return render(request, "experts/own/claim.html", context)


@expert_keeper_required
@require_http_methods(["GET", "POST"])
def request_record(request):
    """A member keeping no record asks for one; staff approve or decline in the admin."""
    if not claims.may_ask_for_record(request.user):
        messages.info(
            request, _("You cannot ask for a new record now: you keep one, or a claim or request of yours is waiting.")
        )
        return redirect("members:expert")
    form = RecordRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(
            request, _("Your request has been sent. The secretariat will tell you its decision by e-mail.")
        )
        return redirect("members:expert")
    return render(request, "experts/own/request.html", {"form": form})


@require_POST
@expert_keeper_required
def withdraw(request):
    if claims.withdraw(request.user):
        messages.success(request, _("Your claim or request has been withdrawn."))
    return redirect("members:expert")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_by_link(request, token):
    """The yearly e-mail's page: one click says the record is still correct, without signing in; the other
    button leads to the edit form (which asks to sign in). GET changes nothing (mail systems follow links)."""
    expert = confirmation.expert_from_token(token)
    if expert is None:
        return render(request, "experts/own/confirm_invalid.html", status=400)
    confirmed = False
    if request.method == "POST":
        confirmation.confirm(expert, expert.user)
        confirmed = True
    context = {
        "expert": expert,
        "confirmed": confirmed,
        "specialties": expert.specialties.all(),
        "countries": expert.countries.all(),
        "token": token,
    }
    return render(request, "experts/own/confirm.html", context)
