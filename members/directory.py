"""The public directory of member organisations, by kind, with the committees their members sit on.

Only what the organisations themselves make public: names, web site, kind, and the committees on which
people of theirs sit (the committee pages name those people; the directory does not). The page is the
same for every visitor, so shared caches may keep it for a few minutes.
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from consortium.bilingual import language_order, localized, localized_expression
from members.models import CommitteeSeat, Membership, Organization

CACHE_SECONDS = 10 * 60


@dataclass
class Entry:
    organisation: Organization
    name: str
    name_language: str
    other_name: str
    other_language: str
    committees: list = field(default_factory=list)


def _entry(organisation):
    first, other = language_order()
    name = localized(organisation, "name")
    other_name = getattr(organisation, f"name_{other}") if name.language == first else ""
    return Entry(organisation, name.text, name.language, other_name, other)


def committees_by_organisation(organisation_ids):
    """{organisation id: [(code, name) of committees, in the committees' order]} of the people whose active
    membership is in each organisation: one query, however many organisations."""
    seats = (
        CommitteeSeat.objects.filter(
            user__membership__status=Membership.Status.ACTIVE,
            user__membership__organization__in=organisation_ids,
        )
        .values_list("user__membership__organization", "committee__code", localized_expression("committee__name"))
        .order_by("user__membership__organization", "committee__order", "committee__code")
        .distinct()
    )
    committees = {}
    for organisation_id, code, name in seats:
        committees.setdefault(organisation_id, []).append((code, name))
    return committees


def directory():
    """[(kind label, [Entry])] in the order of ``Organization.Kind``, kinds without members left out."""
    organisations = Organization.objects.in_the_directory().only("name_ja", "name_en", "kind", "website")
    entries = sorted((_entry(organisation) for organisation in organisations), key=lambda entry: entry.name)
    committees = committees_by_organisation([entry.organisation.pk for entry in entries])
    groups = []
    for kind, label in Organization.Kind.choices:
        members = [entry for entry in entries if entry.organisation.kind == kind]
        for entry in members:
            entry.committees = committees.get(entry.organisation.pk, [])
        if members:
            groups.append((kind, label, members))
    return groups


@require_GET
def organisations(request):
    response = render(request, "members/organisation_directory.html", {"groups": directory()})
    if not request.user.is_authenticated:
        # The page names no one and differs by language only (its address); a signed-in visitor's
        # copy carries their menu, so only anonymous copies are shared.
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    return response
