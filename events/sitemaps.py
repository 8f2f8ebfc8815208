"""sitemap.xml: every public page in both languages, with its alternates; nothing members-only."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import reverse

from events.activities import activity_years
from events.models import Event, NewsArticle, Page
from reports.models import Report


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class FixedPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "pages:index",
            "activities:index",
            "news:list",
            "events:list",
            "events:past",
            "statistics",
            "reports:list",
            "countries:list",
        ]

    def location(self, item):
        return reverse(item)


class PageSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return NewsArticle.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.announced().filter(audience=Event.Audience.PUBLIC).only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ReportSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        # What an anonymous visitor may see, by the one rule.
        return Report.objects.visible_to(None).only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ActivitySitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return activity_years()

    def location(self, item):
        return reverse("activities:detail", args=[item])


SITEMAPS = {
    "pages": FixedPagesSitemap,
    "outreach": PageSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "reports": ReportSitemap,
    "activities": ActivitySitemap,
}


def sitemap_xml(request):
    # Our own copy of Django's template: django.contrib.sitemaps need not be an installed app.
    return sitemap(request, SITEMAPS, template_name="events/sitemap.xml")
