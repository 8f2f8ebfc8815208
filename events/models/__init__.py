from events.models.activities import ActivityForeword
from events.models.certificates import Certificate
from events.models.changes import ChangeNotice
from events.models.checkins import CheckIn, CheckInPass
from events.models.deliveries import EventMailDelivery
from events.models.events import Event, Material, Registration, Speaker
from events.models.messages import EventMessage
from events.models.news import NewsArticle, NewsAttachment
from events.models.pages import Page
from events.models.pending import PendingRegistration
from events.models.publishing import PublicationStatus
from events.models.questionnaires import (
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireInvitation,
    QuestionnaireQuestion,
    QuestionnaireResponse,
)
from events.models.registration_questions import RegistrationAnswer, RegistrationQuestion
from events.models.subscriptions import Announcement, Digest, DigestEntry, Subscriber, Subscription

__all__ = [
    "ActivityForeword",
    "Announcement",
    "Certificate",
    "ChangeNotice",
    "CheckIn",
    "CheckInPass",
    "Digest",
    "DigestEntry",
    "Event",
    "EventMailDelivery",
    "EventMessage",
    "Material",
    "NewsArticle",
    "NewsAttachment",
    "Page",
    "PendingRegistration",
    "PublicationStatus",
    "Questionnaire",
    "QuestionnaireAnswer",
    "QuestionnaireInvitation",
    "QuestionnaireQuestion",
    "QuestionnaireResponse",
    "Registration",
    "RegistrationAnswer",
    "RegistrationQuestion",
    "Speaker",
    "Subscriber",
    "Subscription",
]
