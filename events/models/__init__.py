from events.models.events import Event, Material, Registration, Speaker
from events.models.news import NewsArticle, NewsAttachment
from events.models.pages import Page
from events.models.publishing import PublicationStatus

__all__ = [
    "Event",
    "Material",
    "NewsArticle",
    "NewsAttachment",
    "Page",
    "PublicationStatus",
    "Registration",
    "Speaker",
]
