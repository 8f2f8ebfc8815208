from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("search")

    def ready(self):
        from search import personal_data  # noqa: F401 (registers its section of a person's data)
        from search.cache import connect_signals

        connect_signals()
