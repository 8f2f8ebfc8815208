"""RSS and Atom feeds of published news, in the language of the address they are read at.

The feed's language is the active one: Django's Feed uses get_language() when none is set.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from consortium.bilingual import localized
from events.models import NewsArticle

FEED_SIZE = 20


class NewsRssFeed(Feed):
    def title(self):
        return gettext("JCIC-Heritage news")

    def description(self):
        return gettext(
            "News, reports and calls from the Consortium for International Cooperation in Cultural Heritage."
        )

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsArticle.objects.published()[:FEED_SIZE]

    def item_title(self, item):
        return localized(item, "title").text

    def item_description(self, item):
        return localized(item, "summary").text or item.body_html()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
