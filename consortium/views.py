from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from consortium.statistics import home_figures
from events.models import Event, NewsArticle
from events.views import events as event_views
from events.views import news as news_views

HOME_NEWS = 5
HOME_EVENTS = 3


@require_GET
def home(request):
    context = {
        "latest_news": NewsArticle.objects.published().only(*news_views.LIST_FIELDS)[:HOME_NEWS],
        "upcoming_events": Event.objects.upcoming().only(*event_views.LIST_FIELDS)[:HOME_EVENTS],
        "figures": home_figures(),
    }
    return render(request, "consortium/home.html", context)


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not; say whether the cache answers.

    The portal serves every page without the cache (consortium.cache), only slower: a cache that
    does not answer is reported, but does not take the portal out of its load balancer.
    """
    health = {"cache": "ok" if cache_answers() else "unavailable"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable", **health}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **health})


def cache_answers():
    answers = getattr(cache, "answers", None)
    return answers() if answers else True


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ja/accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
