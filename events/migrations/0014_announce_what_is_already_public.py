"""What is public when subscriptions arrive was announced before any subscriber: each article and event
already public gets its announcement, dated when it became public (as near as the records tell), so that
the first digests tell only of what is announced after them."""

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone


def announce(apps, schema_editor):
    Announcement = apps.get_model("events", "Announcement")
    NewsArticle = apps.get_model("events", "NewsArticle")
    Event = apps.get_model("events", "Event")
    now = timezone.now()
    articles = NewsArticle.objects.filter(status="published", publish_at__lte=now).exclude(
        Exists(Announcement.objects.filter(article=OuterRef("pk")))
    )
    Announcement.objects.bulk_create(
        (
            Announcement(article_id=pk, seen_at=publish_at)
            for pk, publish_at in articles.values_list("pk", "publish_at")
        ),
        batch_size=1000,
    )
    events = Event.objects.filter(status__in=["published", "cancelled"]).exclude(
        Exists(Announcement.objects.filter(event=OuterRef("pk")))
    )
    Announcement.objects.bulk_create(
        (Announcement(event_id=pk, seen_at=created_at) for pk, created_at in events.values_list("pk", "created_at")),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_subscriptions_and_digests"),
    ]

    operations = [
        migrations.RunPython(announce, migrations.RunPython.noop),
    ]
