from events.models.activities import ActivityForeword
from events.models.events import Event, Material, Registration, Speaker
from events.models.news import NewsArticle, NewsAttachment
from events.models.pages import Page
from events.models.pending import PendingRegistration
from events.models.publishing import PublicationStatus
from events.models.registration_questions import RegistrationAnswer, RegistrationQuestion

__all__ = [
    "ActivityForeword",
    "Event",
    "Material",
    "NewsArticle",
    "NewsAttachment",
    "Page",
    "PendingRegistration",
    "PublicationStatus",
    "Registration",
    "RegistrationAnswer",
    "RegistrationQuestion",
    "Speaker",
]
