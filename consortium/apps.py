from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiumConfig(AppConfig):
    name = "consortium"
    verbose_name = _("Site")

    def ready(self):
        from consortium import personal_data  # noqa: F401 (registers its sections of a person's data)
