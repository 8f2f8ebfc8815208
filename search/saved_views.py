"""The pages of saved searches: saving a list page's search, renaming one or changing its alerts, deleting
one, and turning its alerts off from the e-mail's link. The member's own page lists them
(``search.watch.listing``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from members.access import member_required
from search import alerts, saved
from search.models import SavedSearch
from search.saved_forms import SavedSearchForm, SaveSearchForm

SAVE_FORM_IDS = "save-search-%s"
"""The ids of the saving form's fields, apart from those of the search form on the same page."""


def save_search_form(request, kind):
    """The list page's "Save this search" form, holding the search the page shows (without its page number)."""
    search = request.GET.copy()
    search.pop("page", None)
    return SaveSearchForm(
        initial={"kind": kind, "search": search.urlencode()}, user=request.user, auto_id=SAVE_FORM_IDS
    )


def _get_saved_search_for_user(user, pk):
    """The saved search, if it is this user's own: anyone else's is a 404."""
    return get_object_or_404(SavedSearch, pk=pk, user=user)


def _search_page(kind, search):
    """The list page that runs the posted search: where the member comes back to, saved or not."""
    if kind not in saved.KINDS:
        return reverse("database")
    params = QueryDict(search[: saved.MAX_SEARCH_LENGTH])
    query = params.urlencode()
    url = reverse(saved.KINDS[kind].list_url)
    return f"{url}?{query}" if query else url


@require_POST
@member_required
def save(request):
    form = SaveSearchForm(request.POST, user=request.user, auto_id=SAVE_FORM_IDS)
    back = _search_page(request.POST.get("kind", ""), request.POST.get("search", ""))
    if not form.is_valid():
        messages.error(request, _("This search was not saved. %(problems)s") % {"problems": " ".join(form.problems())})
        return redirect(back)
    try:
        saved_search = form.save()
    except saved.AlreadySaved as already:
        messages.info(request, _("You have already saved this search, as “%(name)s”.") % {"name": already.saved.name})
    else:
        messages.success(
            request,
            _("The search is saved as “%(name)s”. Your account page lists it, with what is new.")
            % {"name": saved_search.name},
        )
    return redirect(back)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Rename a saved search or change its alerts. The owner may, whatever their membership's status."""
    saved_search = _get_saved_search_for_user(request.user, pk)
    form = SavedSearchForm(request.POST if request.method == "POST" else None, instance=saved_search)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your saved search has been updated."))
        return redirect("members:home")
    return render(request, "search/saved_search_form.html", {"form": form, "saved_search": saved_search})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    """Delete a saved search, after confirming. The owner may, whatever their membership's status."""
    saved_search = _get_saved_search_for_user(request.user, pk)
    if request.method == "POST":
        saved_search.delete()
        messages.success(request, _("The saved search “%(name)s” has been deleted.") % {"name": saved_search.name})
        return redirect("members:home")
    return render(request, "search/saved_search_delete.html", {"saved_search": saved_search})


@csrf_exempt  # The signed token is the credential: mail programs POST here without a session (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click end of a saved search's alerts.

    GET asks for confirmation (link checkers in mail systems follow links);
    POST, from the page's button or a mail program's one-click request, acts.
    """
    saved_search = alerts.saved_search_from_token(token)
    if saved_search is None:
        return render(request, "search/saved_search_unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        alerts.turn_alerts_off(saved_search)
        return render(request, "search/saved_search_unsubscribe_done.html", {"saved_search": saved_search})
    return render(
        request, "search/saved_search_unsubscribe_confirm.html", {"saved_search": saved_search, "token": token}
    )
