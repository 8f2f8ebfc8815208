"""Who signs in, and what they may do: the accounts of the portal."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class StaffFlagHistory(HistoricalRecords):
    """History of who may do what: a user's address, active and staff flags, groups and permissions.

    Nothing else is kept (never a password hash), and a save that touches only
    other fields, such as the time of the last sign-in, leaves no entry.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) - set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who signs in. The e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("Language of the e-mails the portal sends to this person."),
    )
    # Counts changes to the second factors; part of the session hash, so a change signs out other sessions.
    factors_version = models.PositiveIntegerField(_("second factor changes"), default=0, editable=False)
    # Set when the account is closed (members.closing): the row stays, without personal data, so that the
    # membership's history and the records that name the account still lead somewhere.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()
    history = StaffFlagHistory(
        excluded_fields=[
            "password",
            "last_login",
            "first_name",
            "last_name",
            "date_joined",
            "language",
            "factors_version",
            "closed_at",
        ],
        m2m_fields=["groups", "user_permissions"],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Sign-in matches addresses case-insensitively, so no two may differ only in case.
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_session_auth_hash(self):
        """Sessions end when the password changes (Django) and when the second factors change."""
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(fallback_secret)

    def _session_auth_hash(self, secret=None):
        # Until the first change of factors the hash is Django's own, so existing sessions survive this rule.
        password_hash = self._get_session_auth_hash(secret=secret)
        if not self.factors_version:
            return password_hash
        return salted_hmac(
            "members.User.factors_version",
            f"{password_hash}:{self.factors_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()
