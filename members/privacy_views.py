"""A person's own data: the page about it, its download, and closing the account."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consortium.throttle import spend
from experts.contact_details import experts_seen_today
from members import closing, personal_data
from members.access import exempt_from_daily_limits
from search.export_limits import rows_taken_today

DOWNLOADS_PER_HOUR = 5
"""Making the archive reads every section; a person needs it rarely, and a script should not need it at all."""


@never_cache
@login_required
@require_GET
def personal_data_page(request):
    user = request.user
    context = {
        "sections": personal_data.sections(),
        "limited": not exempt_from_daily_limits(user),
        "contact_views": experts_seen_today(user),
        "contact_limit": settings.CONTACT_VIEWS_PER_DAY,
        "export_rows": rows_taken_today(user),
        "export_limit": settings.EXPORT_ROWS_PER_DAY,
        "may_close": closing.may_close(user),
    }
    return render(request, "members/personal_data.html", context)


@require_POST
@never_cache
@login_required
def personal_data_download(request):
    """The ZIP of the person's own data; a POST with a CSRF token, so that no other site can start it."""
    if not spend("members:personal-data-download", request.user.pk, limit=DOWNLOADS_PER_HOUR, period=60 * 60):
        return render(request, "members/personal_data_throttled.html", {"limit": DOWNLOADS_PER_HOUR}, status=429)
    content = personal_data.archive(request.user)
    response = HttpResponse(content, content_type="application/zip")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="jcic-heritage-my-data-{stamp}.zip"'
    return response


class CloseAccountForm(forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that closing my account cannot be undone."),
        error_messages={"required": gettext_lazy("Please tick the box to confirm that you want to close it.")},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def close_account(request):
    """The page says what closing does; sending its form asks for the password again (allauth's
    reauthentication, unless the person signed in again in the last few minutes), then closes the account
    and signs the person out at once."""
    if not closing.may_close(request.user):
        return render(request, "members/close_account.html", {"refused": True}, status=409)
    form = CloseAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        address = request.user.email
        closing.close_account(request.user)
        logout(request)
        messages.success(
            request,
            _("Your account has been closed. We have sent a confirmation to %(address)s.") % {"address": address},
        )
        return redirect("home")
    return render(request, "members/close_account.html", {"form": form})
