from events.models.activities import ActivityForeword
from events.models.checkins import CheckIn, CheckInPass
from events.models.events import Event, Material, Registration, Speaker
from events.models.news import NewsArticle, NewsAttachment
from events.models.pages import Page
from events.models.pending import PendingRegistration
from events.models.publishing import PublicationStatus

__all__ = [
    "ActivityForeword",
    "CheckIn",
    "CheckInPass",
    "Event",
    "Material",
    "NewsArticle",
    "NewsAttachment",
    "Page",
    "PendingRegistration",
    "PublicationStatus",
    "Registration",
    "Speaker",
]
