from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from consortium import statistics, translation_views, views
from events.sitemaps import sitemap_xml
from search import site_views
from search import views as search_views

# The admin signs in through allauth, so its rate limits and second factor apply there too.
admin.site.login = secure_admin_login(admin.site.login)

# While the database is unreachable, errors met outside views answer 503 too (see consortium.unavailable).
handler500 = "consortium.unavailable.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path(
        "admin/translations/",
        admin.site.admin_view(translation_views.translation_queue_view),
        name="translation_queue",
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    # Before the outreach pages, whose slugs cannot be "activities" (events.models.pages.RESERVED_PAGE_SLUGS).
    path("about/activities/", include("events.urls.activities")),
    path("about/", include("events.urls.pages")),
    path("news/", include("events.urls.news")),
    path("events/", include("events.urls.events")),
    path("subscriptions/", include("events.urls.subscriptions")),
    path("statistics/", statistics.statistics, name="statistics"),
    path("search/", site_views.site_search, name="site_search"),
    path("countries/", include("consortium.country_urls")),
    path("committees/", include("members.committee_urls")),
    path("members/searches/", include("search.saved_urls")),
    path("members/", include("members.urls")),
    path("database/", search_views.database, name="database"),
    path("experts/", include("experts.urls")),
    path("projects/", include("projects.urls")),
    path("heritage/", include("heritage.urls")),
    path("reports/", include("reports.urls")),
    # Uploaded files, each behind its owner's access rule; MEDIA_URL is routed nowhere.
    path("files/", include("consortium.file_urls")),
    prefix_default_language=True,
)
