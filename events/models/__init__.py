from events.models.activities import ActivityForeword
from events.models.events import Event, Material, Registration, Speaker
from events.models.news import NewsArticle, NewsAttachment
from events.models.pages import Page
from events.models.pending import PendingRegistration
from events.models.publishing import PublicationStatus
from events.models.subscriptions import Announcement, Digest, DigestEntry, Subscriber, Subscription

__all__ = [
    "ActivityForeword",
    "Announcement",
    "Digest",
    "DigestEntry",
    "Event",
    "Material",
    "NewsArticle",
    "NewsAttachment",
    "Page",
    "PendingRegistration",
    "PublicationStatus",
    "Registration",
    "Speaker",
    "Subscriber",
    "Subscription",
]
