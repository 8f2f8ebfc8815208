"""Personal data of the member services (saved searches, subscriptions and digests, an expert's own record,
claims and requests, registration answers, check-ins, e-mails about events) for one person, each piece
marked with a label of theirs (their first name) so that a leak into someone else's download shows."""

from datetime import date, timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortium.models import Country
from events.models import (
    Announcement,
    CheckIn,
    Digest,
    DigestEntry,
    Event,
    EventMailDelivery,
    EventMessage,
    RegistrationAnswer,
    RegistrationQuestion,
    Subscriber,
    Subscription,
)
from experts.models import Expert, ExpertClaim, ExpertRecordRequest, Publication
from search import saved
from search.models import SavedSearch
from tests.events.conftest import make_event, make_registration

DIETARY = "dietary"


def registration_questions(event):
    """A free-text question (whose answers may be personal) and a choice among options (which are not)."""
    dietary = RegistrationQuestion.objects.create(event=event, kind="long_text", label_en="Dietary needs", order=1)
    attending = RegistrationQuestion.objects.create(
        event=event,
        kind="one_choice",
        label_en="How will you attend?",
        options=[
            {"value": "venue", "label_ja": "会場", "label_en": "At the venue"},
            {"value": "online", "label_ja": "オンライン", "label_en": "Online"},
        ],
        order=2,
    )
    return dietary, attending


def answer(registration, dietary, attending, *, needs):
    RegistrationAnswer.objects.create(registration=registration, question=dietary, value=needs)
    RegistrationAnswer.objects.create(registration=registration, question=attending, value="online")


def services_data_of(user, *, label, address, expert, identifiers):
    """``address`` is a verified address of ``user`` other than the login; ``expert`` their record;
    ``identifiers`` its (unique) ORCID iD, researchmap ID and KAKEN number."""
    now = timezone.now()
    search = saved.create(user, "experts", {"q": [label]}, name=f"{label}'s experts", alerts=SavedSearch.Alerts.WEEKLY)

    event = make_event(
        title_en=f"Workshop for {label}", starts_at=now - timedelta(days=10), ends_at=now - timedelta(days=9)
    )
    account = Subscriber.objects.create(user=user, digested_until=now)
    Subscription.objects.create(subscriber=account, confirmed_at=now, country=Country.objects.get(code="KH"))
    public = Subscriber.objects.create(email=address, language="ja", digested_until=now)
    Subscription.objects.create(subscriber=public, confirmed_at=now, event_kind=Event.Kind.WORKSHOP)
    digest = Digest.objects.create(subscriber=account, status=Digest.Status.SENT, language="en", sent_at=now)
    announcement = Announcement.objects.create(event=event, seen_at=now)
    DigestEntry.objects.create(digest=digest, subscriber=account, announcement=announcement)

    orcid, researchmap_id, kaken_number = identifiers
    Expert.objects.filter(pk=expert.pk).update(
        orcid=orcid, researchmap_id=researchmap_id, kaken_number=kaken_number, confirmed_at=date(2026, 4, 1)
    )
    publication = Publication.objects.create(
        expert=expert, citation=f"{label} et al., Wall paintings of Bamiyan", year=2020, doi=f"10.1000/{label}"
    )
    claimed = Expert.objects.create(family_name_en=f"{label}claimed")
    claim = ExpertClaim.objects.create(
        user=user, expert=claimed, status=ExpertClaim.Status.DECLINED, message=f"{label} claims this record",
        decision_note=f"Not {label}'s record", decided_at=now,
    )  # fmt: skip
    record_request = ExpertRecordRequest.objects.create(
        user=user, family_name_en=f"{label}requested", message=f"{label} asks for a record",
        status=ExpertRecordRequest.Status.WITHDRAWN,
    )  # fmt: skip

    dietary, attending = registration_questions(event)
    registration = make_registration(event, user=user, name=f"{label} at the workshop", email=user.email)
    answer(registration, dietary, attending, needs=f"{label} eats no meat")
    CheckIn.objects.create(registration=registration, mode=CheckIn.Mode.ONLINE, method=CheckIn.Method.LIST)
    message = EventMessage.objects.create(
        event=event, subject_en=f"Getting to the workshop, {label}", body_en="Ueno station.", subject_ja="",
        status=EventMessage.Status.SENT,
    )  # fmt: skip
    delivery = EventMailDelivery.objects.create(
        message=message, registration=registration, name=registration.name, email=user.email, language="en",
        status=EventMailDelivery.Status.FAILED, error=f"550 {user.email}: no such user",
    )  # fmt: skip
    return SimpleNamespace(
        search=search,
        account_subscriber=account,
        public_subscriber=public,
        digest=digest,
        publication=publication,
        claim=claim,
        record_request=record_request,
        registration=registration,
        delivery=delivery,
    )
