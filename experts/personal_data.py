"""The experts app's sections of a person's data (``members.personal_data``): the expert record linked to the
account, and the experts' contact details the person viewed.

When the account is closed, the expert record stays in the database (it documents the person's part in
cooperation projects, which other records cite) but is no longer linked to the account, and its e-mail
address and telephone number are removed, from its history too: they were the person's to give as a
member. The person may ask the secretariat to remove the record itself. The records of contact details
viewed are kept, as the records of exports are, until the retention command deletes them.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from experts.models import ContactView, Expert
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
        ("visibility", _("Visibility")),
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
            "visibility": expert.get_visibility_display(),
            "updated_at": expert.updated_at,
        }
        for expert in experts
    ]


@section(
    "contact_details_viewed",
    _("Experts' contact details you viewed"),
    order=71,
    fields=[("viewed_at", _("When")), ("expert", _("Expert"))],
)
def contact_details_viewed(user):
    views = ContactView.objects.filter(viewer=user).order_by("viewed_at", "pk")
    return [{"viewed_at": view.viewed_at, "expert": view.expert_name} for view in views]
