from django.urls import path

from events.feeds import NewsAtomFeed, NewsRssFeed
from events.views import news

app_name = "news"
urlpatterns = [
    path("", news.news_list, name="list"),
    path("feed/rss/", NewsRssFeed(), name="feed_rss"),
    path("feed/atom/", NewsAtomFeed(), name="feed_atom"),
    path("<slug:slug>/", news.news_detail, name="detail"),
]
