"""The questionnaire (アンケート) sent to an event's attendees afterwards, and the answers they give.

Anonymity is kept by the tables themselves. When a questionnaire is anonymous, a ``QuestionnaireResponse``
and its answers carry no link to the person, their registration or their invitation, and no time of
answering; what is kept of the person is only that they answered (``QuestionnaireInvitation.answered``,
a flag without a date, on a model without history), which is what lets each person answer once. When
it is not anonymous, the response names the registration it came from.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from consortium.link_secrets import looks_like_secret, new_secret
from events.questions import Answer, Question, SurveyKind

INTRO_HELP = _("Plain text, shown in the e-mail and above the questions.")


class QuestionnaireQuerySet(models.QuerySet):
    def to_send(self, now=None):
        """Open questionnaires of events that have ended, still taking answers: the sending command's work."""
        now = now or timezone.now()
        return self.filter(status=Questionnaire.Status.OPEN, event__ends_at__lte=now, closes_at__gt=now).order_by(
            "opened_at", "pk"
        )


class Questionnaire(models.Model):
    """The questions an event's attendees are asked after it, sent to each of them by e-mail once it is over."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open: sent to attendees once the event is over")

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="questionnaire"
    )
    anonymous = models.BooleanField(
        _("anonymous answers"),
        default=True,
        help_text=_(
            "Answers are kept without the name, the e-mail address or the registration of whoever gave them; only "
            "the fact that a person has answered is kept, so that each answers once. Untick to keep each answer "
            "with its registrant. This cannot change once the questionnaire is open."
        ),
    )
    intro_ja = models.TextField(_("introduction (Japanese)"), blank=True, help_text=INTRO_HELP)
    intro_en = models.TextField(_("introduction (English)"), blank=True, help_text=INTRO_HELP)
    closes_at = models.DateTimeField(
        _("closes"), help_text=_("Answers are taken until then, and the questionnaire is not sent after it.")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, editable=False)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-event__starts_at"]
        permissions = [("open_questionnaire", _("Can open a questionnaire, sending it to the event's attendees"))]
        indexes = [
            # The sending command's look-up of open questionnaires.
            models.Index(fields=["status", "closes_at"], name="questionnaire_status_idx"),
        ]

    def __str__(self):
        return str(_("Questionnaire: %(event)s") % {"event": self.event})

    def get_absolute_url(self):
        return reverse("admin:events_questionnaire_change", args=[self.pk])

    @property
    def intro(self):
        return localized(self, "intro")

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def takes_answers(self, now=None):
        return self.is_open and (now or timezone.now()) < self.closes_at

    def clean(self):
        super().clean()
        if self.pk:
            saved = Questionnaire.objects.filter(pk=self.pk).values("anonymous", "status").first()
            if saved and saved["status"] == self.Status.OPEN and saved["anonymous"] != self.anonymous:
                raise ValidationError(
                    {
                        "anonymous": _(
                            "The attendees have been told whether their answers are anonymous: this can no longer "
                            "change."
                        )
                    }
                )
        event = getattr(self, "event", None) if self.event_id else None
        if event is not None and self.closes_at and self.closes_at <= event.ends_at:
            raise ValidationError({"closes_at": _("The questionnaire must close after the event ends.")})


class QuestionnaireQuestion(Question):
    """A question of the questionnaire: the registration form's kinds, or a rating from 1 to 5."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SurveyKind.choices, default=SurveyKind.RATING)

    history = HistoricalRecords()

    class Meta(Question.Meta):
        verbose_name = _("questionnaire question")
        verbose_name_plural = _("questionnaire questions")
        ordering = ["questionnaire", "order", "pk"]


class QuestionnaireInvitationQuerySet(models.QuerySet):
    def for_key(self, key):
        if not looks_like_secret(key):
            return None
        return self.select_related("questionnaire__event", "registration").filter(key=key).first()


class QuestionnaireInvitation(models.Model):
    """The questionnaire e-mailed to one attendee: made (claimed) before it is sent, so that it is sent once,
    and marked once they have answered.

    No history is kept of this model: a dated record of the ``answered`` flag would say when each person
    answered, and so which anonymous response is theirs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # The check-in was undone, or the registration cancelled, before the e-mail went.
        SKIPPED = "skipped", _("not sent: no longer an attendee")

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="invitations"
    )
    registration = models.ForeignKey(
        "events.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8)
    # The random part of the personal link, which carries it signed (``events.questionnaires``).
    key = models.CharField(_("key of the link"), max_length=64, default=new_secret, editable=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered = models.BooleanField(_("has answered"), default=False)

    objects = QuestionnaireInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire e-mail")
        verbose_name_plural = _("questionnaire e-mails")
        ordering = ["pk"]
        constraints = [
            # Each attendee is sent the questionnaire once, and answers it once.
            models.UniqueConstraint(fields=["questionnaire", "registration"], name="questionnaire_invitation_once"),
            # Opening a link: its key finds exactly one invitation.
            models.UniqueConstraint(fields=["key"], name="questionnaire_invitation_key_unique"),
        ]
        indexes = [
            # The sending command's batches: the pending invitations of one questionnaire.
            models.Index(fields=["questionnaire", "status"], name="questionnaire_invitation_idx"),
        ]

    def __str__(self):
        return f"{self.questionnaire} → {self.email}"


class QuestionnaireResponse(models.Model):
    """One person's answers to a questionnaire: anonymous (no registration, no time), or with the registration."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an anonymous questionnaire."),
    )
    submitted_at = models.DateTimeField(
        _("answered"), null=True, blank=True, help_text=_("Not kept for an anonymous questionnaire.")
    )

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["pk"]
        constraints = [
            # A named response is its registrant's only one (anonymous ones are counted by the invitation).
            models.UniqueConstraint(
                fields=["questionnaire", "registration"],
                condition=Q(registration__isnull=False),
                name="questionnaire_response_once",
            ),
            # An anonymous response keeps no time: with it, it could be matched to whoever answered then.
            models.CheckConstraint(
                condition=Q(registration__isnull=False) | Q(submitted_at__isnull=True),
                name="questionnaire_response_anonymous_undated",
            ),
        ]

    def __str__(self):
        return str(_("Response %(number)s") % {"number": self.pk})


class QuestionnaireAnswer(Answer):
    """The answer to one question in a response; none is kept for a question left blank."""

    response = models.ForeignKey(
        QuestionnaireResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    # Answers outlive a change of wording: a question that has answers is not deleted on its own
    # (deleting the whole questionnaire deletes both).
    question = models.ForeignKey(
        QuestionnaireQuestion, verbose_name=_("question"), on_delete=models.RESTRICT, related_name="answers"
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        constraints = [
            # One answer per question and response; the results read a question's answers through it too.
            models.UniqueConstraint(fields=["question", "response"], name="questionnaire_answer_once"),
        ]
