"""Demo outreach content: the outreach pages, news (some in Japanese only), past and upcoming events,
their registrations and the answers to their registration questions (the typical ones are described in
``demo_content/questions.py``).

Called by ``seed_demo`` as ``seed(rng, stdout)``. Records are keyed by their
address, so running it again updates them instead of adding copies.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from consortium.models import Country
from events.demo_content.events import EVENTS, SPEAKERS, SYMPOSIUM_PROGRAMME_EN, SYMPOSIUM_PROGRAMME_JA
from events.demo_content.news import NEWS, NEWS_COUNTRIES
from events.demo_content.pages import PAGES
from events.demo_content.policies import POLICIES
from events.demo_content.questions import (
    AFFILIATION_TYPE,
    ATTENDANCE_MODE,
    DIETARY_ANSWERS,
    DIETARY_NEEDS,
    HEARD_FROM,
    RECEPTION,
)
from events.models import (
    Event,
    Material,
    NewsArticle,
    Page,
    PublicationStatus,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Speaker,
)
from events.questions import QuestionKind, parse_options
from experts.models import Specialty
from members.models import Organization

# The topics (specialty codes) of the demo's news and events, for subscriptions by topic.
TOPICS = {
    "seminar-report-earthen-architecture": ["stone-earthen-architecture"],
    "annual-symposium-disasters-and-heritage": ["disaster-risk-management"],
    "seminar-museum-collections-conflict": ["museums-collections"],
    "workshop-digital-documentation-bangkok": ["documentation-digital"],
    "annual-symposium-climate-and-heritage": ["heritage-management"],
}

FAMILY_NAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "松本"]
GIVEN_NAMES = ["陽子", "健一", "美咲", "大輔", "直子", "翔太", "由美", "隆", "彩", "浩二", "真理", "悠"]
ROMAN_FAMILY = ["Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi",
                "Kato", "Yoshida", "Matsumoto"]  # fmt: skip
FOREIGN_NAMES = ["Amira Haddad", "Lucas Moreau", "Nguyen Thi Lan", "Sofia Rossi", "Kwame Mensah", "Ana Lima"]
AFFILIATIONS = [
    "東京藝術大学",
    "奈良文化財研究所",
    "Université Paris 1",
    "国立民族学博物館",
    "NPO法人 文化遺産ネット",
    "",
]


@transaction.atomic
def seed(rng, stdout):
    now = timezone.now()
    for order, page in enumerate(PAGES, start=1):
        Page.objects.update_or_create(slug=page["slug"], defaults=page | {"order": order * 10, "is_published": True})
    for order, policy in enumerate(POLICIES, start=90):
        Page.objects.update_or_create(
            slug=policy["slug"], defaults=policy | {"order": order * 10, "is_published": True}
        )

    for days_ago, category, slug, title_ja, summary_ja, body_ja, title_en, summary_en, body_en in NEWS:
        article, _created = NewsArticle.objects.update_or_create(
            slug=slug,
            defaults={
                "category": category,
                "status": PublicationStatus.PUBLISHED,
                "publish_at": now - timedelta(days=days_ago, hours=rng.randint(0, 8)),
                "title_ja": title_ja,
                "summary_ja": summary_ja,
                "body_ja": body_ja,
                "title_en": title_en or "",
                "summary_en": summary_en or "",
                "body_en": body_en or "",
            },
        )
        article.countries.set(Country.objects.filter(code__in=NEWS_COUNTRIES.get(slug, [])))
        article.topics.set(Specialty.objects.filter(code__in=TOPICS.get(slug, [])))

    organisations = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:40])
    registrations = 0
    for spec in EVENTS:
        event = _event(spec, now)
        event.countries.set(Country.objects.filter(code__in=spec.get("countries", [])))
        event.topics.set(Specialty.objects.filter(code__in=TOPICS.get(spec["slug"], [])))
        if organisations:
            event.co_organisers.set(rng.sample(organisations, k=min(2, len(organisations))))
        registrations += _registrations(rng, event, spec)

    stdout.write(
        f"Outreach: {len(PAGES)} pages, the privacy policy and terms of use, {len(NEWS)} news articles, "
        f"{len(EVENTS)} events, {registrations} registrations."
    )


def _event(spec, now):
    zone = Event(time_zone=spec["time_zone"]).zone
    day = (now + timedelta(days=spec["days"])).astimezone(zone).date()
    starts = datetime.combine(day, time(spec["start_hour"]), tzinfo=zone)
    fields = {
        key: spec.get(key) or ""
        for key in (
            "title_ja", "title_en", "summary_ja", "summary_en", "description_ja", "description_en",
            "venue_name_ja", "venue_name_en", "venue_address_ja", "venue_address_en", "map_url", "online_url",
            "report_ja", "report_en",
        )
    }  # fmt: skip
    if spec.get("programme"):
        fields |= {"programme_ja": SYMPOSIUM_PROGRAMME_JA, "programme_en": SYMPOSIUM_PROGRAMME_EN}
    event, _created = Event.objects.update_or_create(
        slug=spec["slug"],
        defaults=fields
        | {
            "kind": spec["kind"],
            "status": Event.Status.PUBLISHED,
            "audience": spec["audience"],
            "format": spec["format"],
            "time_zone": spec["time_zone"],
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=spec["hours"]),
            "capacity": spec["capacity"],
            "registration_opens_at": starts - timedelta(days=90),
            "registration_closes_at": starts - timedelta(days=1),
            "attendance": spec.get("attendance"),
        },
    )
    event.speakers.all().delete()
    if spec["kind"] == "symposium":
        Speaker.objects.bulk_create(
            Speaker(
                event=event,
                name_ja=name_ja,
                name_en=name_en,
                affiliation_ja=affiliation_ja,
                affiliation_en=affiliation_en,
                role_ja=role_ja,
                role_en=role_en,
                order=order,
            )
            for order, (name_ja, name_en, affiliation_ja, affiliation_en, role_ja, role_en) in enumerate(SPEAKERS)
        )
    event.materials.all().delete()
    if spec.get("materials"):
        Material.objects.create(
            event=event,
            kind=Material.Kind.RECORDING,
            title_ja="当日の記録映像",
            title_en="Recording of the day",
            url="https://video.example.org/jcic/" + event.slug,
        )
    return event


def _registrations(rng, event, spec):
    """Registrations up to the capacity, then a waiting list; a few cancelled; each with answers."""
    event.registrations.all().delete()
    questions = _questions(event, spec)
    rows = []
    for number in range(spec["registrations"]):
        if rng.random() < 0.7:
            index = rng.randrange(len(FAMILY_NAMES))
            name = f"{FAMILY_NAMES[index]} {rng.choice(GIVEN_NAMES)}"
            email = f"{ROMAN_FAMILY[index].lower()}.{number}@example.jp"
            language = "ja"
        else:
            name = rng.choice(FOREIGN_NAMES)
            email = f"{name.split()[0].lower()}.{number}@example.org"
            language = "en"
        confirmed = sum(row.status == Registration.Status.CONFIRMED for row in rows)
        if rng.random() < 0.08:
            status = Registration.Status.CANCELLED
        elif event.capacity is None or confirmed < event.capacity:
            status = Registration.Status.CONFIRMED
        else:
            status = Registration.Status.WAITLISTED
        rows.append(
            Registration(
                event=event,
                name=name,
                email=email,
                affiliation=rng.choice(AFFILIATIONS),
                language=language,
                status=status,
                reminder_sent_at=event.starts_at - timedelta(days=2) if event.has_ended() else None,
            )
        )
    Registration.objects.bulk_create(rows)
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(registration=registration, question=question, value=value)
        for registration in rows
        for question in questions
        if (value := _answer(rng, question)) is not None
    )
    return len(rows)


def _questions(event, spec):
    """What the organisers ask: the affiliation type and how people heard of it everywhere, in person or
    online at hybrid events, the reception and dietary needs at symposiums (demo_content.questions)."""
    asked = [AFFILIATION_TYPE]
    if spec["format"] == Event.Format.HYBRID:
        asked.append(ATTENDANCE_MODE)
    if spec["kind"] == Event.Kind.SYMPOSIUM:
        asked += [RECEPTION, DIETARY_NEEDS]
    asked.append(HEARD_FROM)
    event.registration_questions.all().delete()
    return RegistrationQuestion.objects.bulk_create(
        RegistrationQuestion(
            event=event,
            kind=kind,
            required=required,
            label_ja=label_ja,
            label_en=label_en,
            help_ja=help_ja,
            help_en=help_en,
            options=parse_options(options),
            order=order * 10,
        )
        for order, (kind, required, label_ja, label_en, help_ja, help_en, options) in enumerate(asked, start=1)
    )


def _answer(rng, question):
    """A plausible answer; optional questions are often left blank."""
    if not question.required and rng.random() < 0.4:
        return None
    values = question.option_values()
    if question.kind == QuestionKind.ONE_CHOICE:
        return rng.choice(values)
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        chosen = set(rng.sample(values, k=rng.randint(1, 2)))
        return [value for value in values if value in chosen]
    if question.kind == QuestionKind.YES_NO:
        return rng.random() < 0.6
    return rng.choice(DIETARY_ANSWERS) if rng.random() < 0.3 else None
