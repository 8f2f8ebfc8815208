"""The organisations of the network: members, leads and partners of projects, co-organisers of events."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin


class OrganizationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations the portal may name to anyone, as the sign-up page's choice does.

        An organisation is listed when it is a member (an active membership),
        co-organises an announced event, or appears on an expert or project
        record that members see. One known only from staff-only records is not.
        """
        from events.models import Event
        from experts.models import Expert
        from members.models.memberships import Membership
        from projects.models import CooperationProject

        here = OuterRef("pk")
        return self.filter(
            Exists(Membership.objects.filter(organization=here, status=Membership.Status.ACTIVE))
            | Exists(Event.objects.announced().filter(co_organisers=here))
            | Exists(Expert.objects.visible_to_members().filter(organization=here))
            | Exists(
                CooperationProject.objects.visible_to_members().filter(Q(lead_organization=here) | Q(partners=here))
            )
        )

    def in_the_directory(self):
        """The public directory of member organisations: those with an active membership that have not
        asked to be left out of it."""
        from members.models.memberships import Membership

        active = Membership.objects.filter(organization=OuterRef("pk"), status=Membership.Status.ACTIVE)
        return self.filter(Exists(active), in_directory=True)


class Organization(BilingualNameMixin, models.Model):
    """A university, institute, public body or other organisation: a member, a lead or a partner."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        PUBLIC_BODY = "public_body", _("public body")
        COOPERATION_AGENCY = "cooperation_agency", _("cooperation agency")
        NGO = "ngo", _("NGO/NPO")
        FOUNDATION = "foundation", _("foundation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = models.ForeignKey(
        "consortium.Country", verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    # Set by the secretariat; the representative manages the organisation's member accounts
    # (members.invitations) as long as their own membership of it is active.
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="represented_organisations",
        help_text=_(
            "The person who invites and removes the organisation's member accounts. "
            "They need an active organisational membership of this organisation."
        ),
    )
    in_directory = models.BooleanField(
        _("in the public directory"),
        default=True,
        help_text=_("Shown in the public list of member organisations while it has an active membership."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "name_ja"]
        constraints = [
            # An organisation is always known by at least one name.
            models.CheckConstraint(
                condition=~models.Q(name_ja="", name_en=""),
                name="organization_has_a_name",
                violation_error_message=_("Give the name in Japanese or in English."),
            ),
        ]
        indexes = [
            # The facet "organisation kind" on the expert search.
            models.Index(fields=["kind"], name="organization_kind_idx"),
        ]
