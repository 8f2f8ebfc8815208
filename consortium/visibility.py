"""Record visibility shared by the database's models: members, or staff only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.access import Level, access_level, sees_staff_records_of, view_permission


class Visibility(models.TextChoices):
    MEMBERS = "members", _("members")
    STAFF = "staff", _("staff only")


class VisibleQuerySet(models.QuerySet):
    """``visible_to(user)``: the one place a database queryset meets the access rule."""

    def visible_to(self, user):
        """Staff-only records for the staff who may view this model (the database editors' role);
        every member's records for members and for other staff."""
        if sees_staff_records_of(user, view_permission(self.model)):
            return self
        if access_level(user) >= Level.MEMBER:
            return self.visible_to_members()
        return self.none()

    def countable_by(self, user):
        """What ``user`` may count: the records they see in the database; for those who may not use it,
        the records every member sees, as the public figures (consortium.statistics) count them."""
        if access_level(user) >= Level.MEMBER:
            return self.visible_to(user)
        return self.visible_to_members()

    def visible_to_members(self):
        """What every member sees: the records the public figures may count."""
        return self.filter(**{self.visibility_lookup: Visibility.MEMBERS})

    visibility_lookup = "visibility"
