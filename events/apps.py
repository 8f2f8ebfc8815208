from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Outreach")

    def ready(self):
        from events import personal_data, personal_data_subscriptions  # noqa: F401 (register their sections of a person's data)
