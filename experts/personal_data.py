"""The experts app's sections of a person's data (``members.personal_data``): the expert record linked to the
account (with its researcher identifiers and the day it was last confirmed), the record's publications,
the person's claims of records and requests for one, and the experts' contact details the person viewed.

When the account is closed, the expert record stays in the database (it documents the person's part in
cooperation projects, which other records cite) but is no longer linked to the account, and its e-mail
address and telephone number are removed, from its history too: they were the person's to give as a
member. Its identifiers and publications, public facts of the person's work like the name, stay with it.
The person may ask the secretariat to remove the record itself. The claims and requests are deleted,
decided or not: they hold the person's messages, address and the names they typed, and how a record came
to be linked stays in the record's own history. The records of contact details viewed are kept, as the
records of exports are, until the retention command deletes them.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from experts.models import ContactView, Expert, ExpertClaim, ExpertRecordRequest, Publication
from members.personal_data import section

UNLINKED_ON_CLOSING = "Unlinked: the member closed their account"


def _close(closing):
    for expert in Expert.objects.filter(user=closing.user):
        expert.user = None
        expert.email = ""
        expert.phone = ""
        expert._change_reason = UNLINKED_ON_CLOSING
        expert.save(update_fields=["user", "email", "phone", "updated_at"])
        expert.history.update(email="", phone="")
    ExpertClaim.objects.filter(user=closing.user).delete()
    ExpertRecordRequest.objects.filter(user=closing.user).delete()


def _names(related):
    return [str(item) for item in related.all()]


@section(
    "expert_record",
    _("Expert record"),
    order=70,
    close=_close,
    fields=[
        ("address", _("Address")),
        ("name_kanji", _("Name (kanji)")),
        ("name_kana", _("Name (kana)")),
        ("name_roman", _("Name (roman letters)")),
        ("affiliation", _("Affiliation")),
        ("department", _("Department")),
        ("position_ja", _("Position (Japanese)")),
        ("position_en", _("Position (English)")),
        ("specialties", _("Specialties")),
        ("countries", _("Countries of field experience")),
        ("languages", _("Languages")),
        ("biography_ja", _("Biography (Japanese)")),
        ("biography_en", _("Biography (English)")),
        ("email", _("E-mail")),
        ("phone", _("Telephone")),
        ("orcid", _("ORCID iD")),
        ("researchmap_id", _("researchmap ID")),
        ("kaken_number", _("KAKEN researcher number")),
        ("visibility", _("Visibility")),
        ("confirmed_at", _("Last confirmed")),
        ("updated_at", _("Updated")),
    ],
)
def expert_record(user):
    experts = (
        Expert.objects.filter(user=user)
        .select_related("organization")
        .prefetch_related("specialties", "countries", "languages")
    )
    return [
        {
            "address": settings.PORTAL_URL + expert.get_absolute_url(),
            "name_kanji": expert.name_ja,
            "name_kana": expert.name_kana,
            "name_roman": expert.name_en,
            "affiliation": str(expert.organization) if expert.organization else "",
            "department": expert.department,
            "position_ja": expert.position_ja,
            "position_en": expert.position_en,
            "specialties": _names(expert.specialties),
            "countries": _names(expert.countries),
            "languages": _names(expert.languages),
            "biography_ja": expert.biography_ja,
            "biography_en": expert.biography_en,
            "email": expert.email,
            "phone": expert.phone,
            "orcid": expert.orcid,
            "researchmap_id": expert.researchmap_id,
            "kaken_number": expert.kaken_number,
            "visibility": expert.get_visibility_display(),
            "confirmed_at": expert.confirmed_at,
            "updated_at": expert.updated_at,
        }
        for expert in experts
    ]


@section(
    "expert_publications",
    _("Publications on your expert record"),
    order=71,
    fields=[("citation", _("Citation")), ("year", _("Year")), ("url", _("Web address")), ("doi", _("DOI"))],
)
def expert_publications(user):
    publications = Publication.objects.filter(expert__user=user).order_by("order", "pk")
    return publications.values("citation", "year", "url", "doi")


def _claim_row(claim):
    return {
        "request": _("Claim of an existing record"),
        "record": str(claim.expert),
        "how": claim.get_method_display(),
        "matched_email": claim.matched_email,
    }


def _record_request_row(request):
    return {
        "request": _("Request for a new record"),
        "record": str(request.expert) if request.expert else "",
        "name_kanji": f"{request.family_name} {request.given_name}".strip(),
        "name_kana": f"{request.family_name_kana} {request.given_name_kana}".strip(),
        "name_roman": f"{request.given_name_en} {request.family_name_en}".strip(),
        "affiliation": str(request.organization) if request.organization else request.organization_name,
        "department": request.department,
        "position_ja": request.position_ja,
        "position_en": request.position_en,
        "specialties": _names(request.specialties),
        "countries": _names(request.countries),
        "visibility": request.get_visibility_display(),
    }


def _decision(asked):
    return {
        "message": asked.message,
        "status": asked.get_status_display(),
        "created_at": asked.created_at,
        "decided_at": asked.decided_at,
        "decision_note": asked.decision_note,
    }


@section(
    "expert_record_requests",
    _("Claims of expert records and requests for one"),
    order=72,
    fields=[
        ("request", _("Request")),
        ("record", _("Expert record")),
        ("how", _("How it was decided")),
        ("matched_email", _("Matching verified address")),
        ("name_kanji", _("Name (kanji)")),
        ("name_kana", _("Name (kana)")),
        ("name_roman", _("Name (roman letters)")),
        ("affiliation", _("Affiliation")),
        ("department", _("Department")),
        ("position_ja", _("Position (Japanese)")),
        ("position_en", _("Position (English)")),
        ("specialties", _("Specialties")),
        ("countries", _("Countries of field experience")),
        ("visibility", _("Visibility")),
        ("message", _("Message to the secretariat")),
        ("status", _("Status")),
        ("created_at", _("Asked")),
        ("decided_at", _("Decided")),
        ("decision_note", _("Message from the secretariat")),
    ],
)
def expert_record_requests(user):
    claims = ExpertClaim.objects.filter(user=user).select_related("expert")
    requests = (
        ExpertRecordRequest.objects.filter(user=user)
        .select_related("organization", "expert")
        .prefetch_related("specialties", "countries")
    )
    asked = [(claim, _claim_row(claim)) for claim in claims]
    asked += [(request, _record_request_row(request)) for request in requests]
    asked.sort(key=lambda pair: pair[0].created_at)
    return [row | _decision(item) for item, row in asked]


@section(
    "contact_details_viewed",
    _("Experts' contact details you viewed"),
    order=73,
    fields=[("viewed_at", _("When")), ("expert", _("Expert"))],
)
def contact_details_viewed(user):
    views = ContactView.objects.filter(viewer=user).order_by("viewed_at", "pk")
    return [{"viewed_at": view.viewed_at, "expert": view.expert_name} for view in views]
